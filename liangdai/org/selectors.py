"""Reads for the administrators' pages, scoped by the administrator's own area.

The three administrators (三权分立, DESIGN.md) see no data: `scoping.area_prefix` gives them None.
Their pages are scoped by `scoping.admin_scope`, failing closed the same way: an administrator sees
only what lies under their division, and only on the pages of their own role.
"""

from django.db.models import Q

from liangdai.core.errors import NotFound
from liangdai.core.paging import Page, keyset_page

from .models import Role, User
from .scoping import admin_area, admin_scope

# The roles the security administrator grants; administrators are made by the system only.
GRANTED_ROLES = (Role.ENTRY, Role.REVIEWER, Role.READER)
# The accounts an administrator manages: data users, and new accounts not yet granted a role.
MANAGED_ROLES = (*GRANTED_ROLES, Role.NONE)


def users_managed(*, actor, role: str, query: str = "", after: int | None = None) -> Page[User]:
    """One page of the accounts that an administrator of `role` manages, by id (keyset)."""
    qs = admin_scope(User.objects.filter(role__in=MANAGED_ROLES), actor, role, "division__code")
    if query:
        qs = qs.filter(
            Q(username__icontains=query)
            | Q(first_name__contains=query)
            | Q(unit__contains=query)
            | Q(division__name__contains=query)
            | Q(division_id=query)
        )
    return keyset_page(qs.select_related("division"), after=after)


ADMIN_HOMES = {Role.SYSADMIN: "org:users", Role.SECADMIN: "org:permissions", Role.AUDITADMIN: "audit:list"}


def admin_home(actor) -> str | None:
    """The URL name of an administrator's own page (accounts, permissions, the audit log), None for
    anyone else or an administrator without an area (their page would be 404)."""
    page = ADMIN_HOMES.get(actor.role)
    return page if page and admin_area(actor, actor.role) is not None else None


def user_managed(*, actor, role: str, user_id: int) -> User:
    """An account that an administrator of `role` manages; NotFound if missing or not theirs."""
    user = (
        admin_scope(User.objects.filter(role__in=MANAGED_ROLES), actor, role, "division__code")
        .select_related("division")
        .filter(pk=user_id)
        .first()
    )
    if user is None:
        raise NotFound(user_id)
    return user
