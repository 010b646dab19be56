"""Accounts: creating users, bound to one division with one role."""

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from liangdai.audit.services import record
from liangdai.core import idnumbers
from liangdai.core.errors import DomainError

from .models import Division, Role, User
from .passwords import remember
from .scoping import admin_covers
from .selectors import GRANTED_ROLES, user_managed

ADMIN_ROLES = {Role.SYSADMIN, Role.SECADMIN, Role.AUDITADMIN}


# Passwords are read off a screen and typed in: no look-alikes (0/O/o, 1/l/I).
_LOWER = "abcdefghijkmnpqrstuvwxyz"
_UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_DIGITS = "23456789"
_SYMBOLS = "!@#$%^&*-_"


def generate_password(length: int = 16) -> str:
    """A random password that meets the rules: every character class, no look-alike characters."""
    alphabet = _LOWER + _UPPER + _DIGITS + _SYMBOLS
    while True:
        pw = "".join(secrets.choice(alphabet) for _ in range(length))
        if all(any(c in group for c in pw) for group in (_LOWER, _UPPER, _DIGITS, _SYMBOLS)):
            return pw


def system_actor() -> User:
    """The account that the command line acts as without --user: it sees the whole system."""
    user, _ = User.objects.get_or_create(
        username="system", defaults={"role": Role.SYSTEM, "is_active": False, "first_name": "系统"}
    )
    return user


def _may_create(actor, division: Division, role: str, can_reveal: bool) -> bool:
    """三权分立: the system administrator creates accounts in its area with no role and no right;
    roles and rights come from the security administrator. Only the system makes administrators."""
    if actor.role == Role.SYSTEM:
        return True
    return admin_covers(actor, Role.SYSADMIN, division.code) and role == Role.NONE and not can_reveal


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    division_code: str,
    role: str = Role.NONE,
    real_name: str = "",
    unit: str = "",
    phone: str = "",
    password: str | None = None,
    can_reveal: bool = False,
) -> tuple[User, str]:
    """Create a user; returns the user and the password. A generated password is one-time: the user
    must change it at the first login. A given one (the command line's --password-stdin) is the
    user's own."""
    real_name, unit, phone = _holder(real_name, unit, phone)
    if role not in Role.values or role == Role.SYSTEM:
        raise DomainError(f"未知的角色：{role}（可选：none, entry, reviewer, reader, sysadmin, secadmin, auditadmin）")
    division = Division.objects.filter(code=division_code).first()
    if division is None:
        raise DomainError(f"区划代码 {division_code} 不存在")
    if not _may_create(actor, division, role, can_reveal):
        raise DomainError("无权在该区划创建此角色的用户：系统管理员只创建账号，角色和权限由安全管理员授予")
    if can_reveal and role in ADMIN_ROLES:
        raise DomainError("管理员不能拥有查看完整身份证号和电话的权限")
    if User.objects.filter(username=username).exists():
        raise DomainError(f"用户名 {username} 已存在")
    one_time = password is None
    password = password or generate_password()
    user = User(
        username=username,
        first_name=real_name,
        unit=unit,
        phone=phone,
        division=division,
        role=role,
        can_reveal=can_reveal,
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError("；".join(exc.messages)) from None
    user.set_password(password)
    user.save()
    remember(user, one_time=one_time)
    user.save(update_fields=["must_change_password", "password_changed_at"])
    record(
        actor=actor,
        action="创建用户",
        entity="user",
        entity_id=user.pk,
        code=division.code,
        after={"username": username, **_holder_snapshot(user), "division": division.code, "role": role},
    )
    return user, password


NAME_MAX, UNIT_MAX = 150, 100


def _holder(real_name: str, unit: str, phone: str) -> tuple[str, str, str]:
    """Who holds an account, checked: a name and a unit that fit, a mobile number or none."""
    real_name, unit, phone = (real_name or "").strip(), (unit or "").strip(), (phone or "").strip()
    if len(real_name) > NAME_MAX:
        raise DomainError(f"姓名不能超过{NAME_MAX}个字符")
    if len(unit) > UNIT_MAX:
        raise DomainError(f"工作单位不能超过{UNIT_MAX}个字符")
    return real_name, unit, idnumbers.check_phone(phone) if phone else ""


def _holder_snapshot(user: User) -> dict:
    # "phone" is a masked key: sealed in the audit row, masked when read (core.idnumbers).
    return {"real_name": user.first_name, "unit": user.unit, "phone": user.phone}


@transaction.atomic
def user_update_holder(*, actor, user_id: int, real_name: str, unit: str, phone: str | None = None) -> User:
    """The system administrator corrects who holds an account of their area: real name, unit and
    phone (`phone` None keeps the number on record, "" removes it). Saved unchanged, nothing is
    written."""
    user = _managed(actor, Role.SYSADMIN, user_id)
    real_name, unit, checked = _holder(real_name, unit, user.phone if phone is None else phone)
    before = _holder_snapshot(user)
    user.first_name, user.unit, user.phone = real_name, unit, checked
    after = _holder_snapshot(user)
    if after == before:
        return user
    user.save(update_fields=["first_name", "unit", "phone"])
    changed = [k for k in after if after[k] != before[k]]
    _record_change(actor, "修改账号信息", user, {k: before[k] for k in changed}, {k: after[k] for k in changed})
    return user


def _managed(actor, role: str, user_id: int) -> User:
    # Locks the row: two administrators acting at once leave a consistent before/after.
    user = user_managed(actor=actor, role=role, user_id=user_id)
    return User.objects.select_for_update().get(pk=user.pk)


def _record_change(actor, action: str, user: User, before: dict, after: dict) -> None:
    record(
        actor=actor,
        action=action,
        entity="user",
        entity_id=user.pk,
        code=user.division_id or "",
        before={"username": user.username, **before},
        after={"username": user.username, **after},
    )


@transaction.atomic
def user_set_active(*, actor, user_id: int, active: bool) -> User:
    """The system administrator deactivates or reactivates an account of their area."""
    user = _managed(actor, Role.SYSADMIN, user_id)
    if user.is_active == active:
        raise DomainError("该用户已处于启用状态" if active else "该用户已处于停用状态")
    user.is_active = active
    user.save(update_fields=["is_active"])
    _record_change(actor, "启用用户" if active else "停用用户", user, {"is_active": not active}, {"is_active": active})
    return user


@transaction.atomic
def user_reset_password(*, actor, user_id: int) -> tuple[User, str]:
    """The system administrator gives an account of their area a new generated password, shown once
    and good for one login: the user must change it before seeing any page."""
    user = _managed(actor, Role.SYSADMIN, user_id)
    password = generate_password()
    user.set_password(password)
    remember(user, one_time=True)
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    _record_change(actor, "重置密码", user, {}, {"must_change_password": True})
    return user, password


@transaction.atomic
def user_one_time_password(*, actor, username: str) -> tuple[User, str]:
    """The command line (`liangdai users password NAME`, run by whoever holds the server) gives any
    account a new generated password, good for one login, and lifts a lockout of failed logins:
    the way back in for an administrator who lost the password printed at the first run."""
    if actor.role != Role.SYSTEM:
        raise DomainError("只有命令行（系统）可以这样重置密码；系统管理员请在“账号管理”中重置")
    user = User.objects.select_for_update().filter(username=username).exclude(role=Role.SYSTEM).first()
    if user is None:
        raise DomainError(f"用户 {username} 不存在（用户名区分大小写）")
    password = generate_password()
    user.set_password(password)
    remember(user, one_time=True)
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    from axes.utils import reset as axes_reset  # axes reads its settings on import

    unlocked = axes_reset(username=user.username)
    _record_change(actor, "重置密码", user, {}, {"must_change_password": True, "unlocked": bool(unlocked)})
    return user, password


@transaction.atomic
def user_change_password(*, actor, password: str) -> User:
    """A user sets their own password (already checked against the rules by the form). Audited
    without the password."""
    user = User.objects.select_for_update().get(pk=actor.pk)
    was_due = user.must_change_password
    user.set_password(password)
    remember(user, one_time=False)
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    record(
        actor=user,
        action="修改密码",
        entity="user",
        entity_id=user.pk,
        code=user.division_id or "",
        before={"username": user.username, "must_change_password": was_due},
        after={"username": user.username, "must_change_password": False},
    )
    return user


@transaction.atomic
def user_set_role(*, actor, user_id: int, role: str) -> User:
    """The security administrator changes the role of an account of their area (data roles only)."""
    user = _managed(actor, Role.SECADMIN, user_id)
    if role not in GRANTED_ROLES:
        raise DomainError("角色只能是数据录入、审核或查阅")
    if user.role == role:
        raise DomainError(f"该用户的角色已是{Role(role).label}")
    before = user.role
    user.role = role
    user.save(update_fields=["role"])
    _record_change(actor, "修改角色", user, {"role": before}, {"role": role})
    return user


@transaction.atomic
def user_set_reveal(*, actor, user_id: int, can_reveal: bool) -> User:
    """The security administrator grants or withdraws the right to see full identity and phone numbers."""
    user = _managed(actor, Role.SECADMIN, user_id)
    if user.can_reveal == can_reveal:
        raise DomainError("该用户已有此权限" if can_reveal else "该用户本无此权限")
    user.can_reveal = can_reveal
    user.save(update_fields=["can_reveal"])
    action = "授予查看权限" if can_reveal else "收回查看权限"
    _record_change(actor, action, user, {"can_reveal": not can_reveal}, {"can_reveal": can_reveal})
    return user
