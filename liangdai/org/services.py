"""Accounts: creating users, bound to one division with one role."""

import secrets
import string

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from liangdai.audit.services import record
from liangdai.core.errors import DomainError

from .models import Division, Role, User

ADMIN_ROLES = {Role.SYSADMIN, Role.SECADMIN, Role.AUDITADMIN}


def generate_password(length: int = 16) -> str:
    alphabet = string.ascii_letters + string.digits + "!@#$%^&*-_"
    while True:
        pw = "".join(secrets.choice(alphabet) for _ in range(length))
        if (
            any(c.islower() for c in pw)
            and any(c.isupper() for c in pw)
            and any(c.isdigit() for c in pw)
            and any(c in "!@#$%^&*-_" for c in pw)
        ):
            return pw


def system_actor() -> User:
    """The account that the command line acts as without --user: it sees the whole system."""
    user, _ = User.objects.get_or_create(
        username="system", defaults={"role": Role.SYSTEM, "is_active": False, "first_name": "系统"}
    )
    return user


def _may_grant(actor, division: Division, role: str) -> bool:
    """An administrator grants only areas at or below their own; only the system makes admins."""
    if actor.role == Role.SYSTEM:
        return True
    if actor.role != Role.SYSADMIN or actor.division_id is None:
        return False
    return division.code.startswith(actor.division_id) and role not in ADMIN_ROLES | {Role.SYSTEM}


@transaction.atomic
def user_create(
    *, actor, username: str, division_code: str, role: str, password: str | None = None, can_reveal: bool = False
) -> tuple[User, str]:
    """Create a user; returns the user and the password (generated when none is given)."""
    if role not in Role.values or role == Role.SYSTEM:
        raise DomainError(f"未知的角色：{role}（可选：entry, reviewer, reader, sysadmin, secadmin, auditadmin）")
    division = Division.objects.filter(code=division_code).first()
    if division is None:
        raise DomainError(f"区划代码 {division_code} 不存在")
    if not _may_grant(actor, division, role):
        raise DomainError("无权在该区划创建此角色的用户")
    if User.objects.filter(username=username).exists():
        raise DomainError(f"用户名 {username} 已存在")
    password = password or generate_password()
    user = User(username=username, division=division, role=role, can_reveal=can_reveal)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError("；".join(exc.messages)) from None
    user.set_password(password)
    user.save()
    record(
        actor=actor,
        action="创建用户",
        entity="user",
        entity_id=user.pk,
        code=division.code,
        after={"username": username, "division": division.code, "role": role},
    )
    return user, password
