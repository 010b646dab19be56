"""Demo data for a first run (filled in by the demo module of each slice)."""


def demo_load(*, actor, province: str = "64") -> str:
    return "演示数据：无"


def ensure_admin(*, actor, province: str = "64") -> tuple[str, str | None]:
    from liangdai.org.models import User
    from liangdai.org.services import user_create

    if User.objects.filter(username="admin").exists():
        return "admin", None
    user, password = user_create(
        actor=actor, username="admin", division_code=province, role="reviewer", can_reveal=True
    )
    return user.username, password
