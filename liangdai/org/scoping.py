"""Area scope: the only place that filters by area. It fails closed.

A user's area is the code prefix of their division; every scoped record carries a village code,
so scoping is a prefix filter. A user with no division, an inactive user or an anonymous one sees
nothing; the system actor (command line without --user) sees everything.
"""

from django.db.models import QuerySet

from liangdai.core.errors import NotFound

from .models import Role

DATA_ROLES = {Role.ENTRY, Role.REVIEWER, Role.READER, Role.SYSTEM}
WRITE_ROLES = {Role.ENTRY, Role.REVIEWER, Role.SYSTEM}


def area_prefix(actor) -> str | None:
    """The code prefix of the actor's area, '' for the system, None for no area at all."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    if actor.role == Role.SYSTEM:
        return ""
    if actor.role not in DATA_ROLES or not actor.is_active or actor.division_id is None:
        return None
    return actor.division_id


def in_area(actor, code: str) -> bool:
    prefix = area_prefix(actor)
    return prefix is not None and code.startswith(prefix)


def scope(qs: QuerySet, actor, field: str = "village__code") -> QuerySet:
    """`qs` narrowed to the actor's area through the code in `field`."""
    prefix = area_prefix(actor)
    if prefix is None:
        return qs.none()
    if prefix == "":
        return qs
    return qs.filter(**{f"{field}__startswith": prefix})


def check_code(actor, code: str) -> str:
    """`code` if it lies in the actor's area, else NotFound (the same as missing)."""
    if not in_area(actor, code):
        raise NotFound(code)
    return code


def can_write(actor) -> bool:
    return area_prefix(actor) is not None and actor.role in WRITE_ROLES


def can_reveal(actor) -> bool:
    return area_prefix(actor) is not None and (actor.role == Role.SYSTEM or actor.can_reveal)


def admin_area(actor, role: str) -> str | None:
    """The code prefix of an active `role` administrator's area; None for anyone else."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    if actor.role != role or not actor.is_active or actor.division_id is None:
        return None
    return actor.division_id


def admin_scope(qs: QuerySet, actor, role: str, field: str) -> QuerySet:
    """`qs` narrowed to the area of an administrator of `role` through the code in `field`."""
    prefix = admin_area(actor, role)
    if prefix is None:
        return qs.none()
    return qs.filter(**{f"{field}__startswith": prefix})
