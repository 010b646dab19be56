"""`liangdai backup FILE` and `liangdai restore FILE`: the whole database as compressed JSON, engine
independent (an SQLite trial can move to PostgreSQL this way). Restore only into an empty database."""

import gzip
import io
import tempfile
from pathlib import Path

APPS = ["org", "audit", "rules", "villages", "cadres", "exchange", "leaders", "party", "training", "assessment"]


def add_to(sub) -> None:
    backup = sub.add_parser("backup", help="备份整个数据库到文件（.json.gz）")
    backup.add_argument("file", type=Path)
    backup.set_defaults(handler=handle_backup)
    restore = sub.add_parser("restore", help="从备份文件恢复到空数据库")
    restore.add_argument("file", type=Path)
    restore.set_defaults(handler=handle_restore)


def _installed(apps: list[str]) -> list[str]:
    from django.apps import apps as registry

    return [a for a in apps if registry.is_installed(f"liangdai.{a}")]


def handle_backup(args) -> int:
    from django.core.management import call_command
    from django.db import transaction

    out = io.StringIO()
    with transaction.atomic():  # one consistent snapshot
        call_command("dumpdata", *_installed(APPS), format="json", stdout=out)
    args.file.write_bytes(gzip.compress(out.getvalue().encode("utf-8")))
    print(f"已备份到 {args.file}")
    return 0


def handle_restore(args) -> int:
    from django.core.management import call_command

    from liangdai.org.models import Division

    call_command("migrate", verbosity=0)
    if Division.objects.exists():
        print("错误：目标数据库不是空的；恢复只能写入新建的空数据库")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        fixture = Path(tmp) / "restore.json"
        fixture.write_bytes(gzip.decompress(args.file.read_bytes()))
        call_command("loaddata", str(fixture), verbosity=0)
    print(f"已从 {args.file} 恢复")
    return 0
