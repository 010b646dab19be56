"""Every read of the cadres slice. Each starts from the actor's area (`org.scoping`); anything
outside it is NotFound, the same as missing."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from liangdai.audit import history as audit_history
from liangdai.audit.models import AuditLog
from liangdai.core.errors import NotFound
from liangdai.org import scoping
from liangdai.org.divisions import administrative
from liangdai.org.grouping import VillageList, village_list
from liangdai.org.models import Division
from liangdai.org.scoping import scope
from liangdai.villages.models import VillageProfile

from . import figures
from .models import Holding, Person, RectificationStep, ReserveCandidate, WeakOrganisation
from .rules import POSITION_RANK


def _holdings(actor) -> QuerySet:
    return scope(Holding.objects.select_related("person", "village"), actor)


def _by_rank(holdings) -> list[Holding]:
    return sorted(holdings, key=lambda h: (POSITION_RANK.get(h.position, 99), h.start))


def committee(actor, code: str, day: dt.date) -> list[Holding]:
    """The village's two committees on `day`: every holding in office, the secretary first."""
    scoping.village_for(actor, code)
    return _by_rank(figures.in_office(_holdings(actor).filter(village_id=code), day))


def one_shoulder(committee: list[Holding]) -> set[int]:
    """The persons of a committee who are both secretary and director (一肩挑)."""
    secretaries = {h.person_id for h in committee if h.position == "党组织书记"}
    return secretaries & {h.person_id for h in committee if h.position == "村委会主任"}


def sitting_secretary(actor, code: str) -> Holding | None:
    """The village's secretary holding that has no end yet, if any."""
    scoping.village_for(actor, code)
    return _holdings(actor).filter(village_id=code, position="党组织书记", end__isnull=True).order_by("-start").first()


def history(actor, code: str) -> list[Holding]:
    """Every holding of the village, by position and newest first within one."""
    scoping.village_for(actor, code)
    holdings = _holdings(actor).filter(village_id=code).order_by("-start")
    return sorted(holdings, key=lambda h: POSITION_RANK.get(h.position, 99))


def person_for(actor, pk: int) -> Person:
    """A person with a record in the actor's area (`scoping.visible_persons`), else NotFound."""
    person = scoping.visible_persons(actor, Person.objects.filter(pk=pk)).first()
    if person is None:
        raise NotFound(pk)
    return person


@dataclass
class PersonPage:
    person: Person
    holdings: list[Holding]
    reserves: list[ReserveCandidate]


def person_page(actor, pk: int) -> PersonPage:
    """A person and every holding and candidacy of theirs in the actor's area."""
    person = person_for(actor, pk)
    holdings = list(_holdings(actor).filter(person=person).order_by("-start"))
    reserves = list(scope(ReserveCandidate.objects.select_related("village"), actor).filter(person=person))
    return PersonPage(person, holdings, reserves)


def person_history(actor, pk: int) -> tuple[Person, list[audit_history.HistoryEntry]]:
    """A person and the changes to them and to their records (`audit.history.about_person`): of
    their records only those filed under villages of the actor's area, however often the person
    also appears elsewhere; their own rows (name, profile, numbers seen) as the person is theirs."""
    person = person_for(actor, pk)
    about = AuditLog.objects.filter(audit_history.about_person(person.pk, scoping.person_villages(actor, person.pk)))
    rows = scope(about, actor, "code") | about.filter(entity="person", entity_id=str(person.pk))
    return person, audit_history.history(rows, reveal=scoping.can_reveal(actor), hidden={"person"})


def holding_for(actor, pk: int) -> Holding:
    holding = _holdings(actor).filter(pk=pk).first()
    if holding is None:
        raise NotFound(pk)
    return holding


def reserve_for(actor, pk: int) -> ReserveCandidate:
    candidate = scope(ReserveCandidate.objects.select_related("person", "village"), actor).filter(pk=pk).first()
    if candidate is None:
        raise NotFound(pk)
    return candidate


def weak_for(actor, pk: int) -> WeakOrganisation:
    weak = scope(WeakOrganisation.objects.select_related("village"), actor).filter(pk=pk).first()
    if weak is None:
        raise NotFound(pk)
    return weak


def _reserves(actor) -> QuerySet:
    return scope(ReserveCandidate.objects.select_related("person", "village"), actor)


def _active(candidates: QuerySet, day: dt.date) -> QuerySet:
    return candidates.filter(chosen_on__lte=day).filter(Q(left_on__isnull=True) | Q(left_on__gt=day))


def village_reserves(actor, code: str) -> list[ReserveCandidate]:
    """The village's reserve force, present and past candidates."""
    scoping.village_for(actor, code)
    return list(_reserves(actor).filter(village_id=code).order_by("left_on", "-chosen_on"))


def reserves_under(actor, code: str, day: dt.date) -> list[ReserveCandidate]:
    """The reserve candidates of every village under the node on `day`."""
    scoping.division_for(actor, code)
    return list(_active(_reserves(actor).filter(village__code__startswith=code), day).order_by("village_id"))


def poor_villages_without_reserve(actor, code: str, day: dt.date) -> list[Division]:
    """Poor administrative villages (村情 是否贫困村) under the node with no reserve candidate on `day`."""
    scoping.division_for(actor, code)
    poor = scope(VillageProfile.objects.filter(administrative(), is_poor=True), actor)
    has_reserve = _active(ReserveCandidate.objects.filter(village=OuterRef("village")), day)
    rows = poor.filter(village__code__startswith=code).exclude(Exists(has_reserve)).select_related("village")
    return [p.village for p in rows.order_by("village_id")]


def _weak(actor) -> QuerySet:
    steps = Prefetch("steps", queryset=RectificationStep.objects.order_by("date", "id"))
    return scope(WeakOrganisation.objects.select_related("village").prefetch_related(steps), actor)


def weak_list(actor, code: str, year: int) -> list[WeakOrganisation]:
    """The weak-and-lax organisations of the node flagged for `year`, with their steps."""
    scoping.division_for(actor, code)
    return list(_weak(actor).filter(village__code__startswith=code, year=year).order_by("village_id"))


def village_weak(actor, code: str) -> list[WeakOrganisation]:
    scoping.village_for(actor, code)
    return list(_weak(actor).filter(village_id=code).order_by("-year"))


@dataclass
class SeatWarnings:
    empty: list[tuple[Division, dt.date, int]]  # village, the last secretary's end, days empty since
    never: list[Division]


def seat_warnings(actor, code: str, day: dt.date) -> SeatWarnings:
    """The administrative villages under the node whose secretary's seat has been empty for more
    than 3 months on `day`, and those with no secretary recorded at all."""
    scoping.division_for(actor, code)
    holdings = scope(Holding.objects.filter(administrative(), village__code__startswith=code), actor)
    villages = scope(Division.objects.filter(is_village=True, code__startswith=code), actor, field="code")
    vacancies = figures.seat_vacancies(holdings, day)
    names = Division.objects.in_bulk([v.village_id for v in vacancies])
    never = figures.never_had_secretary(villages, holdings, day).order_by("code")
    empty = [(names[v.village_id], v.last_end, (day - v.last_end).days) for v in vacancies]
    return SeatWarnings(empty, list(never))


def distributions(actor, code: str, day: dt.date) -> dict:
    """Chart data: age and education of secretaries and cadres in office under the node on `day`."""
    scoping.division_for(actor, code)
    holdings = scope(Holding.objects.filter(administrative(), village__code__startswith=code), actor)
    return figures.distributions(holdings, day)


@dataclass
class SeatWarningPanel(SeatWarnings):
    empty_list: VillageList
    never_list: VillageList


def warning_panel(actor, node: Division, day: dt.date) -> SeatWarningPanel:
    """The secretaries' seats of the warnings page (`core.plugins.WARNING_PANELS`), each list
    grouped by county and township."""
    found = seat_warnings(actor, node.code, day)
    empty = [(v.code, v.name, (last_end, days)) for v, last_end, days in found.empty]
    empty_list = village_list(
        "seat-empty", _("书记空缺超过3个月的村"), [_("最后一任书记离任日期"), _("空缺天数")], empty, node
    )
    never_list = village_list("never", _("无书记记录的村"), [], [(v.code, v.name, ()) for v in found.never], node)
    return SeatWarningPanel(found.empty, found.never, empty_list, never_list)


def node_panel(actor, query) -> dict:
    """The cadres panel of a node page (`core.plugins.NODE_PANELS`)."""
    return {
        "code": query.code,
        "as_of": query.as_of,
        "charts": distributions(actor, query.code, query.as_of),
    }
