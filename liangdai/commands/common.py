import datetime as dt
import sys

from liangdai.core.dates import parse_date
from liangdai.core.errors import DomainError


def date_arg(text: str) -> dt.date:
    day = parse_date(text)
    if day is None:
        raise SystemExit(f"日期格式不正确：{text}（例如 2019-10-31）")
    return day


def ensure_schema(args) -> int | None:
    """Before a command touches the database: connect, and find the schema up to date. A database
    with no tables yet (a fresh DATABASE_URL) is migrated on the spot; one whose schema is behind
    the code (an upgrade) is left alone with the command to run. Returns an exit code to stop with,
    or None to go on. Commands that migrate themselves (run, migrate, restore) skip this."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor
    from django.db.utils import OperationalError

    from liangdai.core import schema

    if getattr(args, "manages_schema", False):
        return None
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        executor = MigrationExecutor(connection)
    except OperationalError as exc:
        print(f"错误：无法连接数据库 {_database_name(connection)}。{CONNECT_HINT}", file=sys.stderr)
        print(f"（数据库驱动的信息：{str(exc).strip().splitlines()[-1]}）", file=sys.stderr)
        return 2
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not pending:
        _hint_divisions(args)
        return None
    if not executor.loader.applied_migrations:
        print("数据库中还没有数据表：正在建立数据库结构（即 liangdai migrate）……", file=sys.stderr)
        schema.migrate()
        _hint_divisions(args)
        return None
    print(
        f"错误：数据库结构不是最新（有 {len(pending)} 项迁移尚未执行）。请先运行 liangdai migrate，再执行本命令。",
        file=sys.stderr,
    )
    return 2


def _hint_divisions(args) -> None:
    """Almost every command names divisions: on a database without them, say how to load them."""
    from liangdai.org.models import Division

    if args.command not in ("divisions", "backup") and not Division.objects.exists():
        print("提示：数据库中还没有区划代码，请先运行 liangdai divisions load", file=sys.stderr)


CONNECT_HINT = (
    "请检查环境变量 DATABASE_URL（如 postgres://用户@主机:5432/库名 或 sqlite:////绝对路径.sqlite3）；"
    "PostgreSQL 的数据库须先建立（createdb），服务须已启动。"
)


def _database_name(connection) -> str:
    """Where the connection points, without its password."""
    cfg = connection.settings_dict
    if connection.vendor == "sqlite":
        return str(cfg["NAME"])
    return f"{cfg['NAME']}（{cfg.get('HOST') or 'localhost'}:{cfg.get('PORT') or 5432}）"


def fail(error: DomainError, code: int = 1) -> int:
    print(f"错误：{error.message}", file=sys.stderr)
    return code


def actor_named(username: str | None):
    """The user that a command acts as: --user NAME, else the system."""
    from liangdai.org.models import User
    from liangdai.org.services import system_actor

    if username is None:
        return system_actor()
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise SystemExit(f"用户 {username} 不存在或已停用")
    return user
