"""`liangdai backup FILE` and `liangdai restore FILE`: the whole database as gzip-compressed JSON
Lines (`core.backup`), engine independent (an SQLite trial can move to PostgreSQL this way), written
and read as a stream. Restore only into an empty database."""

import gzip
import os
from pathlib import Path


def add_to(sub) -> None:
    backup = sub.add_parser("backup", help="备份整个数据库到文件（.jsonl.gz）")
    backup.add_argument("file", type=Path)
    backup.set_defaults(handler=handle_backup)
    restore = sub.add_parser("restore", help="从备份文件恢复到空数据库")
    restore.add_argument("file", type=Path)
    restore.set_defaults(handler=handle_restore)


def handle_backup(args) -> int:
    from liangdai.core.backup import dump

    # Readable by its owner only: a backup holds every identity number (issue 12).
    fd = os.open(args.file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # a file that was there keeps its mode otherwise
    with os.fdopen(fd, "wb") as raw, gzip.open(raw, "wt", encoding="utf-8") as stream:
        count = dump(stream)
    print(f"已备份 {count} 条记录到 {args.file}")
    return 0


def handle_restore(args) -> int:
    from django.core.management import call_command
    from django.core.serializers.base import DeserializationError

    from liangdai.core.backup import load
    from liangdai.org.models import Division

    call_command("migrate", verbosity=0)
    if Division.objects.exists():
        print("错误：目标数据库不是空的；恢复只能写入新建的空数据库")
        return 2
    try:
        with gzip.open(args.file, "rt", encoding="utf-8") as lines:
            count = load(lines)
    except (OSError, ValueError, DeserializationError) as exc:
        print(f"错误：{args.file} 不是本系统的备份文件（{type(exc).__name__}）")
        return 2
    print(f"已从 {args.file} 恢复 {count} 条记录")
    return 0
