import datetime as dt
import sys

from liangdai.core.dates import parse_date
from liangdai.core.errors import DomainError


def date_arg(text: str) -> dt.date:
    day = parse_date(text)
    if day is None:
        raise SystemExit(f"日期格式不正确：{text}（例如 2019-10-31）")
    return day


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
