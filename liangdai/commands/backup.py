"""`liangdai backup FILE` and `liangdai restore FILE`: the whole database as gzip-compressed JSON
Lines (`core.backup`), engine independent (an SQLite trial can move to PostgreSQL this way), written
and read as a stream, sealed with the key of LIANGDAI_BACKUP_KEY (`core.sealing`). Restore only into
an empty database."""

import gzip
import os
from pathlib import Path

UNSEALED_HELP = "写出未加密的备份（仅限不含真实个人信息的试用数据；生产环境不允许）"


def add_to(sub) -> None:
    backup = sub.add_parser("backup", help="备份整个数据库到文件（以 LIANGDAI_BACKUP_KEY 加密）")
    backup.add_argument("file", type=Path)
    backup.add_argument("--unencrypted", action="store_true", help=UNSEALED_HELP)
    backup.set_defaults(handler=handle_backup)
    restore = sub.add_parser("restore", help="从备份文件恢复到空数据库")
    restore.add_argument("file", type=Path)
    restore.set_defaults(handler=handle_restore, manages_schema=True)


def _passphrase(unsealed: bool) -> tuple[str | None, str | None]:
    """(passphrase, None), or (None, the reason no backup may be written)."""
    from django.conf import settings

    from liangdai.core.sealing import KEY_VARIABLE, SealError, passphrase_from_env

    try:
        passphrase = passphrase_from_env()
    except SealError as exc:
        return None, str(exc)
    if passphrase or (unsealed and not settings.PRODUCTION):
        return passphrase, None
    if unsealed:
        return None, "生产环境不允许未加密的备份"
    return None, f"未设置环境变量 {KEY_VARIABLE}：备份含身份证号码和密码摘要，必须加密（请设置至少16个字符的备份密钥）"


def handle_backup(args) -> int:
    from liangdai.core.backup import dump
    from liangdai.core.sealing import SealedWriter

    passphrase, refusal = _passphrase(args.unencrypted)
    if refusal:
        print(f"错误：{refusal}")
        return 2
    # Readable by its owner only: a backup holds every identity number (issue 12).
    fd = os.open(args.file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # a file that was there keeps its mode otherwise
    with os.fdopen(fd, "wb") as raw:
        target = SealedWriter(raw, passphrase) if passphrase else raw
        with target, gzip.open(target, "wt", encoding="utf-8") as stream:
            count = dump(stream)
    sealed = "（已加密）" if passphrase else "（未加密）"
    print(f"已备份 {count} 条记录到 {args.file}{sealed}")
    return 0


def handle_restore(args) -> int:
    from django.core.serializers.base import DeserializationError

    from liangdai.core import schema
    from liangdai.core.backup import load
    from liangdai.core.sealing import KEY_VARIABLE, SealedReader, SealError, is_sealed, passphrase_from_env
    from liangdai.org.models import Division

    schema.migrate()
    if Division.objects.exists():
        print("错误：目标数据库不是空的；恢复只能写入新建的空数据库")
        return 2
    try:
        with open(args.file, "rb") as raw:
            if is_sealed(raw.read(64)):
                passphrase = passphrase_from_env()
                if passphrase is None:
                    raise SealError(f"这是加密备份：请设置备份时所用的 {KEY_VARIABLE} 后再恢复")
                raw.seek(0)
                source = SealedReader(raw, passphrase)
            else:
                raw.seek(0)
                source = raw
            with gzip.open(source, "rt", encoding="utf-8") as lines:
                count = load(lines)
    except SealError as exc:
        print(f"错误：{exc}")
        return 2
    except (OSError, ValueError, EOFError, DeserializationError) as exc:
        print(f"错误：{args.file} 不是本系统的备份文件（{type(exc).__name__}）")
        return 2
    print(f"已从 {args.file} 恢复 {count} 条记录")
    return 0
