"""The two-way cultivation funnel in SQL (`party.cultivation`: one query over the node's leaders)
against the straightforward computation (every leader, record and holding read into Python, the
definitions of `party.cultivation` applied one by one), on random small data written through the
services, for random nodes, as-of dates and periods: the same persons on every step, with the same
days, and the registry's figures count them."""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liangdai.cadres.models import Holding, Person, PoliticalStatus, Position
from liangdai.cadres.services import holding_start, person_save
from liangdai.core.errors import DomainError
from liangdai.indicators.registry import REGISTRY, Query
from liangdai.leaders.models import WealthLeader
from liangdai.leaders.services import wealth_leader_save
from liangdai.leaders.tests.makers import OTHER_TOWNSHIP, OUTSIDE, V1, V2, idno
from liangdai.party import cultivation
from liangdai.party.models import STAGE_ORDER, DevelopmentRecord
from liangdai.party.services import development_stage_record

VILLAGES = [V1, V2, OTHER_TOWNSHIP, OUTSIDE]
NODES = ["", "64", "640402", "640402103", V1, V2, "640425"]
MEMBER_STAGES = {"预备党员", "正式党员"}
MEMBER_STATUSES = {"中共党员", "中共预备党员"}


def _month(n: int) -> dt.date:
    return dt.date(2015 + n // 12, 1 + n % 12, 1)


def _later(day: dt.date, months: int) -> dt.date:
    return _month((day.year - 2015) * 12 + day.month - 1 + months)


# A person's days lie around one of a few days: the same day often (a seat taken on the day of
# recognition, a period starting on it), or a month, half a year, a year or more before or after.
ANCHORS = [_month(24), _month(30), _month(36)]
anchors = st.sampled_from(ANCHORS)
offsets = st.one_of(st.just(0), st.sampled_from([-12, -6, -1, 1, 6, 12]), st.integers(-24, 24))
# Gaps in months between stages: often the ones the rules allow (a year as activist, a year of
# probation, at most two).
gaps = st.one_of(st.sampled_from([0, 12, 24]), st.integers(0, 30))
persons = st.lists(
    st.fixed_dictionaries(
        {
            "anchor": anchors,
            "status": st.sampled_from(PoliticalStatus.values),
            "holdings": st.lists(
                st.tuples(
                    st.sampled_from(VILLAGES),
                    st.sampled_from([Position.SECRETARY, Position.COMMITTEE_MEMBER, Position.DIRECTOR]),
                    offsets,
                    st.none() | st.integers(0, 50),
                ),
                max_size=2,
            ),
            "leader": st.none() | st.tuples(st.sampled_from(VILLAGES), offsets, st.none() | st.integers(0, 36)),
            "path": st.none()
            | st.tuples(
                st.sampled_from(VILLAGES),
                st.integers(0, len(STAGE_ORDER) - 1),
                st.integers(1, len(STAGE_ORDER)),
                offsets,
                st.lists(gaps, min_size=len(STAGE_ORDER), max_size=len(STAGE_ORDER)),
            ),
        }
    ),
    min_size=1,
    max_size=10,
)


def _days_on_record() -> list[dt.date]:
    """Every day the data holds: as-of dates and period starts are drawn around them."""
    found = set(WealthLeader.objects.values_list("recognised_on", flat=True))
    found |= set(WealthLeader.objects.exclude(ended_on=None).values_list("ended_on", flat=True))
    found |= set(Holding.objects.values_list("start", flat=True))
    found |= set(DevelopmentRecord.objects.values_list("date", flat=True))
    return sorted(found) or ANCHORS


def queries(on_record: list[dt.date]):
    """A node, an as-of date on a day of the data or a little after, a period start on or before it."""
    return st.builds(
        lambda code, day, after, back: Query.of(code, _later(day, after), _later(day, after - back)),
        st.sampled_from(NODES),
        st.sampled_from(on_record),
        st.sampled_from([0, 0, 1, 6, 12]),
        st.one_of(st.sampled_from([0, 1, 6, 12]), st.integers(0, 24)),
    )


def _tried(write, **kwargs) -> None:
    """A write the services refuse (a rule of the path, a seat taken) is left out of the data."""
    try:
        write(**kwargs)
    except DomainError:
        pass


def _write(actor, i: int, spec: dict) -> None:
    birth = dt.date(1960 + i, 1 + i % 12, 1 + i % 28)
    person = person_save(actor=actor, id_number=idno(birth, i), name=f"人{i}", political_status=spec["status"])
    anchor = spec["anchor"]
    for village, position, offset, length in spec["holdings"]:
        start = _later(anchor, offset)
        end = None if length is None else _later(start, length)
        _tried(
            holding_start,
            actor=actor,
            village=village,
            person=person,
            position=position,
            start=start,
            end=end,
            end_reason="换届" if end else "",
        )
    if spec["leader"]:
        village, offset, length = spec["leader"]
        recognised = _later(anchor, offset)
        ended = None if length is None else _later(recognised, length)
        _tried(
            wealth_leader_save,
            actor=actor,
            person=person,
            village=village,
            industry="种植业",
            income=5,
            households=5,
            people=12,
            source="就地培养",
            recognised_on=recognised,
            ended_on=ended,
            end_reason="停业" if ended else "",
        )
    if spec["path"]:
        village, first, length, offset, steps = spec["path"]
        day = _later(anchor, offset)
        for stage, gap in zip(STAGE_ORDER[first : first + length], steps, strict=False):
            day = _later(day, gap)
            _tried(development_stage_record, actor=actor, person=person, village=village, stage=stage, date=day)


@dataclass
class Rows:
    """Every row the funnel reads, in Python."""

    records: dict[int, list[tuple[str, dt.date]]] = field(default_factory=dict)
    holdings: dict[int, list[tuple[str, dt.date, dt.date | None]]] = field(default_factory=dict)
    status: dict[int, str] = field(default_factory=dict)
    leaders: list[tuple[int, str, dt.date, dt.date | None]] = field(default_factory=list)


def _rows() -> Rows:
    rows = Rows(status=dict(Person.objects.values_list("pk", "political_status")))
    for person_id, stage, day in DevelopmentRecord.objects.values_list("person_id", "stage", "date"):
        rows.records.setdefault(person_id, []).append((stage, day))
    for person_id, position, start, end in Holding.objects.values_list("person_id", "position", "start", "end"):
        rows.holdings.setdefault(person_id, []).append((position, start, end))
    rows.leaders = list(WealthLeader.objects.values_list("person_id", "village_id", "recognised_on", "ended_on"))
    return rows


def _oracle(q: Query, rows: Rows) -> dict[str, dict[int, dt.date | None]]:
    """Each step's persons with the day of their step, straight from the definitions."""
    records, holdings, status = rows.records, rows.holdings, rows.status
    leaders = {
        person_id: recognised
        for person_id, village, recognised, ended in rows.leaders
        if village.startswith(q.code) and recognised <= q.as_of and (ended is None or ended >= q.as_of)
    }

    def member_on(p: int, day: dt.date) -> bool:
        if records.get(p):
            return any(stage in MEMBER_STAGES and date <= day for stage, date in records[p])
        return status[p] in MEMBER_STATUSES

    def while_leader(p: int, day: dt.date) -> bool:
        return q.start <= day <= q.as_of and leaders[p] <= day

    def reached(p: int, stage: str) -> dt.date | None:
        return next((d for s, d in records.get(p, []) if s == stage and while_leader(p, d)), None)

    def first_seat(p: int, secretary: bool) -> dt.date | None:
        held = holdings.get(p, [])
        starts = [s for pos, s, _ in held if (pos == "党组织书记" or not secretary) and while_leader(p, s)]
        return min(starts, default=None)

    steps: dict[str, dict[int, dt.date | None]] = {key: {} for key in cultivation.STEP_KEYS}
    for p, recognised in leaders.items():
        steps["leaders"][p] = recognised
        if member_on(p, q.as_of):
            member_days = [d for s, d in records.get(p, []) if s in MEMBER_STAGES and d <= q.as_of]
            steps["members"][p] = min(member_days, default=None)
        first = min((d for _, d in records.get(p, [])), default=None)
        if first is not None and while_leader(p, first):
            steps["entered"][p] = first
        for key, stage in (("probationary", "预备党员"), ("full", "正式党员")):
            if reached(p, stage):
                steps[key][p] = reached(p, stage)
        for key, secretary in (("cadres", False), ("secretaries", True)):
            if first_seat(p, secretary):
                steps[key][p] = first_seat(p, secretary)
        if q.start <= recognised:
            if member_on(p, recognised):
                steps["members_into_leaders"][p] = recognised
            if any(s <= recognised and (e is None or e >= recognised) for _, s, e in holdings.get(p, [])):
                steps["cadres_into_leaders"][p] = recognised
    return steps


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=persons, data=st.data())
def test_each_step_in_sql_counts_the_persons_and_days_of_the_straightforward_computation(system, specs, data):
    with transaction.atomic():
        for i, spec in enumerate(specs):
            _write(system, i, spec)
        rows, on_record = _rows(), _days_on_record()
        # Every day of the data as the as-of date, the period starting that day or a year before:
        # how many persons each step counts.
        for day in on_record:
            for back in (0, 12):
                q = Query.of(data.draw(st.sampled_from(NODES)), day, _later(day, -back))
                counted = {step.key: n for step, n in cultivation.funnel(q)}
                assert counted == {k: len(v) for k, v in _oracle(q, rows).items()}, q
        # A few of them in full: the persons, the days of their steps, the registry's figures.
        for q in data.draw(st.lists(queries(on_record), min_size=1, max_size=3)):
            expected = _oracle(q, rows)
            leaders = cultivation.leaders_of(q)
            assert {step.key: n for step, n in cultivation.funnel(q)} == {k: len(v) for k, v in expected.items()}
            for step in cultivation.STEPS:
                assert set(step.leaders(q).values_list("person_id", flat=True)) == set(expected[step.key])
                events = step.persons(q, leaders)
                assert {p: e.day for p, e in events.items()} == expected[step.key], step.key
            values = REGISTRY.compute(q)
            for step in cultivation.STEPS:
                if step.figure:
                    assert values[step.figure] == len(expected[step.key]), step.figure
        transaction.set_rollback(True)
