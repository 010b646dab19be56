"""Two-way cultivation (双培双带, DOMAIN.md part 6): who each step of the funnel counts.

The one definition of these persons: the funnel page lists them and the registry's figures
(`party.indicators.cultivation_figures`) count them. Every step is a set of wealth leaders on D
whose home village lies under the node (`leaders.indicators.leaders_on`), each with the day of
their step:

- wealth leaders → of them party members on D → of them, in [F, D] and while a leader (on or
  after their 认定日期): entered the development path (their first stage), became probationary
  members, became full members, took a seat in the two committees, became a secretary;
- the other way: leaders recognised in [F, D] who were party members, or in office, on the day
  they were recognised.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from liangdai.cadres import figures
from liangdai.cadres.models import Holding, Person, Position
from liangdai.core.paging import PAGE_SIZE, Page, keyset_page
from liangdai.exchange.writes import in_chunks
from liangdai.indicators.registry import Query
from liangdai.leaders.indicators import leaders_on
from liangdai.leaders.models import WealthLeader
from liangdai.org.scoping import visible_persons

from .models import DevelopmentRecord, Stage
from .selectors import MEMBER_STAGES, members_on, members_on_days

Leaders = dict[int, dt.date]  # person id -> 认定日期 of the wealth leaders on D


@dataclass(frozen=True)
class Event:
    """The step of one person: its day (None when only the record says so) and what it was."""

    day: dt.date | None
    note: str = ""


Events = dict[int, Event]


def leaders_of(q: Query) -> Leaders:
    """The wealth leaders on D of the node, with the day each was recognised."""
    return dict(leaders_on(q.code, q.as_of).values_list("person_id", "recognised_on"))


def _leader_ids(q: Query) -> QuerySet:
    return leaders_on(q.code, q.as_of).values("person_id")


def _while_leader(leaders: Leaders, person_id: int, day: dt.date) -> bool:
    # A leader on D recognised by `day` (≤ D) was a leader on `day` too: a registration ended
    # before `day` would have ended before D.
    return leaders[person_id] <= day


def all_leaders(q: Query, leaders: Leaders) -> Events:
    return {p: Event(day) for p, day in leaders.items()}


def party_members(q: Query, leaders: Leaders) -> Events:
    """The leaders who are party members on D (`selectors.members_on`), from the day their path
    made them one, or by the political status on record."""
    members = members_on(leaders, q.as_of)
    since: dict[int, dt.date] = {}
    for chunk in in_chunks(sorted(members)):
        for person_id, day in DevelopmentRecord.objects.filter(
            person_id__in=chunk, stage__in=MEMBER_STAGES, date__lte=q.as_of
        ).values_list("person_id", "date"):
            since[person_id] = min(day, since.get(person_id, day))
    status = str(_("按政治面貌"))
    return {p: Event(since[p]) if p in since else Event(None, status) for p in members}


def entered_path(q: Query, leaders: Leaders) -> Events:
    """Leaders whose first stage of the development path falls in [F, D], after recognition."""
    first: dict[int, tuple] = {}
    for person_id, stage, day in DevelopmentRecord.objects.filter(person_id__in=_leader_ids(q)).values_list(
        "person_id", "stage", "date"
    ):
        if person_id not in first or day < first[person_id][1]:
            first[person_id] = (stage, day)
    return {
        p: Event(day, stage)
        for p, (stage, day) in first.items()
        if q.start <= day <= q.as_of and _while_leader(leaders, p, day)
    }


def _reached(q: Query, leaders: Leaders, stage: str) -> Events:
    records = DevelopmentRecord.objects.filter(
        person_id__in=_leader_ids(q), stage=stage, date__range=(q.start, q.as_of)
    ).values_list("person_id", "date")
    return {p: Event(day) for p, day in records if _while_leader(leaders, p, day)}


def became_probationary(q: Query, leaders: Leaders) -> Events:
    return _reached(q, leaders, Stage.PROBATIONARY)


def became_full_members(q: Query, leaders: Leaders) -> Events:
    return _reached(q, leaders, Stage.FULL)


def _seats(q: Query, leaders: Leaders, holdings: QuerySet) -> Events:
    """Each leader's first seat among `holdings` started in [F, D] while a leader."""
    seats: Events = {}
    found = holdings.filter(person_id__in=_leader_ids(q), start__range=(q.start, q.as_of)).order_by("start", "pk")
    for person_id, start, position, village in found.values_list("person_id", "start", "position", "village__name"):
        if person_id not in seats and _while_leader(leaders, person_id, start):
            seats[person_id] = Event(start, f"{village} {position}")
    return seats


def joined_committees(q: Query, leaders: Leaders) -> Events:
    return _seats(q, leaders, Holding.objects.all())


def became_secretaries(q: Query, leaders: Leaders) -> Events:
    return _seats(q, leaders, Holding.objects.filter(position=Position.SECRETARY))


def _recognised_in_period(q: Query, leaders: Leaders) -> Leaders:
    return {p: day for p, day in leaders.items() if q.start <= day}


def members_into_leaders(q: Query, leaders: Leaders) -> Events:
    """Leaders recognised in [F, D] who were party members that day."""
    recognised = _recognised_in_period(q, leaders)
    return {p: Event(recognised[p]) for p in members_on_days(recognised)}


def cadres_into_leaders(q: Query, leaders: Leaders) -> Events:
    """Leaders recognised in [F, D] who held a position that day (in office, DOMAIN.md)."""
    recognised = _recognised_in_period(q, leaders)
    holding: Events = {}
    for chunk in in_chunks(sorted(recognised)):
        for person_id, start, end, position, village in Holding.objects.filter(person_id__in=chunk).values_list(
            "person_id", "start", "end", "position", "village__name"
        ):
            if person_id not in holding and figures.holds_on(start, end, recognised[person_id]):
                holding[person_id] = Event(recognised[person_id], f"{village} {position}")
    return holding


@dataclass(frozen=True)
class Step:
    key: str  # in the address of its people list
    label: str
    day_label: str  # what the day of a person's step is
    persons: Callable[[Query, Leaders], Events]
    figure: str = ""  # the registry figure that counts the same persons
    into_leaders: bool = False  # the other direction: into wealth leaders


STEPS = [
    Step("leaders", _("致富带头人"), _("认定日期"), all_leaders, "wealth_leaders"),
    Step("members", _("其中党员"), _("入党日期"), party_members, "leaders_party_members"),
    Step("entered", _("期间进入发展党员程序"), _("首个阶段日期"), entered_path),
    Step("probationary", _("期间发展为预备党员"), _("预备党员日期"), became_probationary, "leaders_into_party"),
    Step("full", _("期间转为正式党员"), _("正式党员日期"), became_full_members),
    Step("cadres", _("期间进入村“两委”"), _("任职日期"), joined_committees, "leaders_into_cadres"),
    Step("secretaries", _("期间担任党组织书记"), _("任职日期"), became_secretaries),
    Step(
        "members_into_leaders",
        _("党员培养成致富带头人"),
        _("认定日期"),
        members_into_leaders,
        "members_into_leaders",
        into_leaders=True,
    ),
    Step(
        "cadres_into_leaders",
        _("村干部培养成致富带头人"),
        _("认定日期"),
        cadres_into_leaders,
        "cadres_into_leaders",
        into_leaders=True,
    ),
]
STEP_KEYS = [s.key for s in STEPS]


def step_of(key: str) -> Step | None:
    return next((s for s in STEPS if s.key == key), None)


def funnel(q: Query) -> list[tuple[Step, int]]:
    """Every step with the number of persons it counts."""
    leaders = leaders_of(q)
    return [(step, len(step.persons(q, leaders))) for step in STEPS]


@dataclass(frozen=True)
class Row:
    person: Person
    village: object  # the leader's home village (a Division)
    event: Event


def people(*, actor, q: Query, step: Step, after: int | None = None, size: int = PAGE_SIZE) -> tuple[int, Page]:
    """How many persons `step` counts, and one page of them (by person id, from past `after`) that
    the actor may see, each with their home village and the day of their step."""
    events = step.persons(q, leaders_of(q))
    window = [p for p in sorted(events) if after is None or p > after][: size + 1]
    page = keyset_page(visible_persons(actor, Person.objects.filter(pk__in=window)), size=size)
    villages = {
        w.person_id: w.village for w in WealthLeader.objects.filter(person__in=page.items).select_related("village")
    }
    rows = [Row(p, villages.get(p.pk), events[p.pk]) for p in page.items]
    return len(events), Page(rows, page.next_cursor)
