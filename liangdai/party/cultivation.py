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

Who a step counts is a condition in SQL on the node's wealth leaders (`Step.condition`), so that a
count reads the node's leaders through their prefix index and, for each, only that person's
records by person: one query for every step of any node, whatever else the database holds. The day
and note of a step (`Step.persons`) are read in Python for the persons shown, never for a count.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
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
from .selectors import MEMBER_STAGES, member_on

Leaders = dict[int, dt.date]  # person id -> 认定日期 of the wealth leaders on D

# The day a leader was recognised, seen from a subquery on one of the leader's records.
RECOGNISED = OuterRef("recognised_on")


@dataclass(frozen=True)
class Event:
    """The step of one person: its day (None when only the record says so) and what it was."""

    day: dt.date | None
    note: str = ""


Events = dict[int, Event]


def leaders_of(q: Query) -> Leaders:
    """The wealth leaders on D of the node, with the day each was recognised."""
    return dict(leaders_on(q.code, q.as_of).values_list("person_id", "recognised_on"))


# --- who each step counts: conditions on the node's wealth leaders on D (WealthLeader rows) -------


def _records(*args, **filters) -> QuerySet:
    """The leader's development records (any organisation) matching the filters."""
    return DevelopmentRecord.objects.filter(*args, person=OuterRef("person"), **filters)


def _holdings(*args, **filters) -> QuerySet:
    """The leader's position holdings (any village) matching the filters."""
    return Holding.objects.filter(*args, person=OuterRef("person"), **filters)


def _while_leader(q: Query, field: str) -> dict:
    # A leader on D recognised by a day in [F, D] was a leader on that day too: a registration ended
    # before that day would have ended before D.
    return {f"{field}__range": (q.start, q.as_of), f"{field}__gte": RECOGNISED}


def members_q(q: Query) -> Q:
    """The leaders who are party members on D (`selectors.member_on`)."""
    return member_on(q.as_of)


def entered_q(q: Query) -> Q:
    """The first stage of the leader's path (the earliest record) falls in [F, D], after recognition:
    a record on such a day, and none before it."""
    return Q(Exists(_records(**_while_leader(q, "date")))) & ~Q(
        Exists(_records(Q(date__lt=q.start) | Q(date__lt=RECOGNISED)))
    )


def _reached_q(stage: str) -> Callable[[Query], Q]:
    return lambda q: Q(Exists(_records(stage=stage, **_while_leader(q, "date"))))


def _seat_q(**filters) -> Callable[[Query], Q]:
    """A seat among the holdings matching `filters` started in [F, D] while a leader."""
    return lambda q: Q(Exists(_holdings(**filters, **_while_leader(q, "start"))))


def members_into_leaders_q(q: Query) -> Q:
    """Leaders recognised in [F, D] who were party members that day."""
    return Q(recognised_on__gte=q.start) & member_on(RECOGNISED)


def cadres_into_leaders_q(q: Query) -> Q:
    """Leaders recognised in [F, D] who held a position that day (in office, DOMAIN.md)."""
    return Q(recognised_on__gte=q.start) & Q(Exists(_holdings(figures.in_office_q(RECOGNISED))))


# --- the day and note of each person's step, for the persons shown ---------------------------------


def _passing(q: Query, condition: Q, leaders: Leaders) -> Leaders:
    """Those of `leaders` (leaders on D of the node) that meet `condition`."""
    found: Leaders = {}
    for chunk in in_chunks(sorted(leaders)):
        found.update(
            leaders_on(q.code, q.as_of).filter(condition, person_id__in=chunk).values_list("person_id", "recognised_on")
        )
    return found


def all_leaders(q: Query, leaders: Leaders) -> Events:
    return {p: Event(day) for p, day in leaders.items()}


def party_members(q: Query, leaders: Leaders) -> Events:
    """The leaders who are party members on D (`selectors.member_on`), from the day their path
    made them one, or by the political status on record."""
    members = _passing(q, members_q(q), leaders)
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
    entered = _passing(q, entered_q(q), leaders)
    first: dict[int, tuple] = {}
    for chunk in in_chunks(sorted(entered)):
        for person_id, stage, day in DevelopmentRecord.objects.filter(person_id__in=chunk).values_list(
            "person_id", "stage", "date"
        ):
            if person_id not in first or day < first[person_id][1]:
                first[person_id] = (stage, day)
    return {p: Event(day, stage) for p, (stage, day) in first.items()}


def _reached(q: Query, leaders: Leaders, stage: str) -> Events:
    reached = _passing(q, _reached_q(stage)(q), leaders)
    events: Events = {}
    for chunk in in_chunks(sorted(reached)):
        records = DevelopmentRecord.objects.filter(person_id__in=chunk, stage=stage)
        events.update((p, Event(day)) for p, day in records.values_list("person_id", "date"))
    return events


def became_probationary(q: Query, leaders: Leaders) -> Events:
    return _reached(q, leaders, Stage.PROBATIONARY)


def became_full_members(q: Query, leaders: Leaders) -> Events:
    return _reached(q, leaders, Stage.FULL)


def _seats(q: Query, leaders: Leaders, **filters) -> Events:
    """Each leader's first seat among the holdings matching `filters` started in [F, D] while a leader."""
    seated = _passing(q, _seat_q(**filters)(q), leaders)
    seats: Events = {}
    for chunk in in_chunks(sorted(seated)):
        found = Holding.objects.filter(person_id__in=chunk, start__range=(q.start, q.as_of), **filters)
        for person_id, start, position, village in found.order_by("start", "pk").values_list(
            "person_id", "start", "position", "village__name"
        ):
            if person_id not in seats and seated[person_id] <= start:
                seats[person_id] = Event(start, f"{village} {position}")
    return seats


def joined_committees(q: Query, leaders: Leaders) -> Events:
    return _seats(q, leaders)


def became_secretaries(q: Query, leaders: Leaders) -> Events:
    return _seats(q, leaders, position=Position.SECRETARY)


def members_into_leaders(q: Query, leaders: Leaders) -> Events:
    """Leaders recognised in [F, D] who were party members that day."""
    return {p: Event(day) for p, day in _passing(q, members_into_leaders_q(q), leaders).items()}


def cadres_into_leaders(q: Query, leaders: Leaders) -> Events:
    """Leaders recognised in [F, D] who held a position that day (in office, DOMAIN.md)."""
    recognised = _passing(q, cadres_into_leaders_q(q), leaders)
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
    persons: Callable[[Query, Leaders], Events]  # the day and note of those of the leaders it counts
    figure: str = ""  # the registry figure that counts the same persons
    into_leaders: bool = False  # the other direction: into wealth leaders
    condition: Callable[[Query], Q] | None = None  # who it counts of the node's leaders on D; None: all

    def leaders(self, q: Query) -> QuerySet:
        """The node's wealth leaders on D that this step counts."""
        found = leaders_on(q.code, q.as_of)
        return found if self.condition is None else found.filter(self.condition(q))


STEPS = [
    Step("leaders", _("致富带头人"), _("认定日期"), all_leaders, "wealth_leaders"),
    Step("members", _("其中党员"), _("入党日期"), party_members, "leaders_party_members", condition=members_q),
    Step("entered", _("期间进入发展党员程序"), _("首个阶段日期"), entered_path, condition=entered_q),
    Step(
        "probationary",
        _("期间发展为预备党员"),
        _("预备党员日期"),
        became_probationary,
        "leaders_into_party",
        condition=_reached_q(Stage.PROBATIONARY),
    ),
    Step("full", _("期间转为正式党员"), _("正式党员日期"), became_full_members, condition=_reached_q(Stage.FULL)),
    Step("cadres", _("期间进入村“两委”"), _("任职日期"), joined_committees, "leaders_into_cadres", condition=_seat_q()),
    Step(
        "secretaries",
        _("期间担任党组织书记"),
        _("任职日期"),
        became_secretaries,
        condition=_seat_q(position=Position.SECRETARY),
    ),
    Step(
        "members_into_leaders",
        _("党员培养成致富带头人"),
        _("认定日期"),
        members_into_leaders,
        "members_into_leaders",
        into_leaders=True,
        condition=members_into_leaders_q,
    ),
    Step(
        "cadres_into_leaders",
        _("村干部培养成致富带头人"),
        _("认定日期"),
        cadres_into_leaders,
        "cadres_into_leaders",
        into_leaders=True,
        condition=cadres_into_leaders_q,
    ),
]
STEP_KEYS = [s.key for s in STEPS]


def step_of(key: str) -> Step | None:
    return next((s for s in STEPS if s.key == key), None)


def counts(q: Query, steps: list[Step] = STEPS) -> dict[str, int]:
    """How many persons each of `steps` counts (by key), in one query over the node's leaders."""
    return leaders_on(q.code, q.as_of).aggregate(
        **{s.key: Count("pk") if s.condition is None else Count("pk", filter=s.condition(q)) for s in steps}
    )


def funnel(q: Query) -> list[tuple[Step, int]]:
    """Every step with the number of persons it counts."""
    found = counts(q)
    return [(step, found[step.key]) for step in STEPS]


@dataclass(frozen=True)
class Row:
    person: Person
    village: object  # the leader's home village (a Division)
    event: Event


def people(*, actor, q: Query, step: Step, after: int | None = None, size: int = PAGE_SIZE) -> tuple[int, Page]:
    """How many persons `step` counts, and one page of them (by person id, from past `after`) that
    the actor may see, each with their home village and the day of their step."""
    counted = step.leaders(q)
    following = counted if after is None else counted.filter(person_id__gt=after)
    window = dict(following.order_by("person_id").values_list("person_id", "recognised_on")[: size + 1])
    events = step.persons(q, window)
    page = keyset_page(visible_persons(actor, Person.objects.filter(pk__in=window)), size=size)
    villages = {
        w.person_id: w.village for w in WealthLeader.objects.filter(person__in=page.items).select_related("village")
    }
    rows = [Row(p, villages.get(p.pk), events[p.pk]) for p in page.items]
    return counted.count(), Page(rows, page.next_cursor)
