"""Area scope: the only place that filters by area. It fails closed.

A user's area is the code prefix of their division; every scoped record carries a village code,
so scoping is a prefix filter. A user with no division, an inactive user or an anonymous one sees
nothing; the system actor (command line without --user) sees everything.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Model, OuterRef, Q, QuerySet

from liangdai.core.errors import NotFound

from .divisions import lock_villages
from .models import Division, Level, Role

DATA_ROLES = {Role.ENTRY, Role.REVIEWER, Role.READER, Role.SYSTEM}
WRITE_ROLES = {Role.ENTRY, Role.REVIEWER, Role.SYSTEM}


class Within:
    """What `actor` sees of the division `code`: their area narrowed to it (an export of one node).
    Every read scoped through it is the actor's own and never wider; a node outside the actor's
    area leaves nothing (`area_prefix` is None). Anything else is asked of the actor."""

    def __init__(self, actor, code: str):
        self.actor, self.code = actor, code

    def __getattr__(self, name: str):
        return getattr(self.actor, name)


def _narrowed(prefix: str | None, code: str) -> str | None:
    """The part of the area `prefix` under `code`: the node inside it, or the whole area when
    `code` is above it; None when they do not meet."""
    if prefix is None:
        return None
    if code.startswith(prefix):
        return code
    return prefix if prefix.startswith(code) else None


def area_prefix(actor) -> str | None:
    """The code prefix of the actor's area, '' for the system, None for no area at all."""
    if isinstance(actor, Within):
        return _narrowed(area_prefix(actor.actor), actor.code)
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


def division_for(actor, code: str, *, level: int | None = None) -> Division:
    """The division `code` (of `level`, if given) in the actor's area; NotFound when it is
    missing or outside, the same answer for both."""
    check_code(actor, code)
    division = Division.objects.filter(code=code).first()
    if division is None or (level is not None and division.level != level):
        raise NotFound(code)
    return division


def village_for(actor, code: str) -> Division:
    """The village-level division `code` in the actor's area."""
    return division_for(actor, code, level=Level.VILLAGE)


def can_write(actor) -> bool:
    return area_prefix(actor) is not None and actor.role in WRITE_ROLES


def require_write(actor) -> None:
    """A user who may only read is refused (403), whatever they try to change."""
    if not can_write(actor):
        raise PermissionDenied("您的账号只能查阅，不能修改数据")


def writable_village(actor, code: str) -> Division:
    """The village `code` if the actor may change its records: outside the area or missing is
    NotFound, inside but read-only is PermissionDenied. Its row stays locked until the transaction
    ends (`divisions.lock_villages`), so the write's checks and the write see the same records."""
    village = village_for(actor, code)
    require_write(actor)
    lock_villages([code])
    return village


def area_at_least(actor, digits: int) -> bool:
    """Whether the actor's area is as wide as a division of `digits` significant digits or wider
    (a county user, 6 digits, reaches county level but not city level, 4)."""
    prefix = area_prefix(actor)
    return prefix is not None and len(prefix) <= digits


def can_reveal(actor) -> bool:
    return area_prefix(actor) is not None and (actor.role == Role.SYSTEM or actor.can_reveal)


def admin_area(actor, role: str) -> str | None:
    """The code prefix of an active `role` administrator's area; None for anyone else."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    if actor.role != role or not actor.is_active or actor.division_id is None:
        return None
    return actor.division_id


def admin_covers(actor, role: str, code: str) -> bool:
    """Whether `code` lies in the area of the actor as an administrator of `role`."""
    prefix = admin_area(actor, role)
    return prefix is not None and code.startswith(prefix)


def audit_scope(qs: QuerySet, actor) -> QuerySet:
    """Audit rows (by the `code` each carries) that an audit administrator may read: those under
    their division; rows of no area (failed logins of unknown names, system-wide actions) only at
    region level."""
    prefix = admin_area(actor, Role.AUDITADMIN)
    if prefix is None:
        return qs.none()
    area = Q(code__startswith=prefix)
    if len(prefix) == 2:
        area |= Q(code="")
    return qs.filter(area)


def admin_scope(qs: QuerySet, actor, role: str, field: str) -> QuerySet:
    """`qs` narrowed to the area of an administrator of `role` through the code in `field`."""
    prefix = admin_area(actor, role)
    if prefix is None:
        return qs.none()
    return qs.filter(**{f"{field}__startswith": prefix})


# Who may see a person. A person has no area of their own: they lie in every area that holds one of
# their records (a position holding, a reserve candidacy, a wealth-leader registration, a development
# record). Each domain app adds the models that link a person to a village in its `ready()`.
PERSON_LINKS: list[tuple[type[Model], str]] = []


def add_person_link(model: type[Model], code_field: str = "village__code") -> None:
    """`model` (with a `person` foreign key) places a person in the area of its `code_field`."""
    if (model, code_field) not in PERSON_LINKS:
        PERSON_LINKS.append((model, code_field))


def _person_links(actor, outer: str) -> Q:
    prefix = area_prefix(actor)
    linked = Q(pk__in=[])
    for model, field in PERSON_LINKS:
        records = model.objects.filter(person=OuterRef(outer), **{f"{field}__startswith": prefix})
        linked |= Q(Exists(records))
    return linked


def person_villages(actor, person_pk: int) -> set[str]:
    """The codes of the villages in the actor's area where the person has a record."""
    prefix = area_prefix(actor)
    if prefix is None:
        return set()
    codes: set[str] = set()
    for model, field in PERSON_LINKS:
        records = model.objects.filter(person=person_pk, **{f"{field}__startswith": prefix})
        codes.update(records.values_list(field, flat=True))
    return codes


def visible_persons(actor, persons: QuerySet) -> QuerySet:
    """`persons` narrowed to those with a record in the actor's area; everyone for the system,
    nobody for no area."""
    return scope_by_person(persons, actor, "pk")


def scope_by_person(qs: QuerySet, actor, field: str = "person") -> QuerySet:
    """`qs` narrowed to the rows whose person (through `field`) the actor may see."""
    prefix = area_prefix(actor)
    if prefix is None:
        return qs.none()
    if prefix == "":
        return qs
    return qs.filter(_person_links(actor, field))
