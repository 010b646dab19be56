"""The trainees of a node in SQL (`training.indicators.trainees`: one query, each enrolment kept by
its person's village for training) against the straightforward computation (every enrolment,
class and holding read into Python, DOMAIN.md's definitions applied one by one), on random small
data written through the services, for random nodes, as-of dates and periods: the same rows, and
the registry's training figures computed from them."""

import datetime as dt

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liangdai.cadres.models import Holding, Position
from liangdai.cadres.services import holding_start, person_save
from liangdai.core.errors import DomainError
from liangdai.indicators.registry import Query, share
from liangdai.leaders.models import WealthLeader
from liangdai.leaders.services import wealth_leader_save
from liangdai.leaders.tests.makers import OTHER_TOWNSHIP, OUTSIDE, V1, V2, idno
from liangdai.training import indicators
from liangdai.training.models import Enrolment, Level
from liangdai.training.services import enrolment_add, training_class_save

VILLAGES = [V1, V2, OTHER_TOWNSHIP, OUTSIDE]
NODES = ["", "64", "640402", "640402103", V1, V2, "640425"]
LEVELS = {"自治区": "trainees_region", "市": "trainees_city", "县": "trainees_county", "乡镇": "trainees_township"}


def _month(n: int) -> dt.date:
    return dt.date(2015 + n // 12, 1 + n % 12, 1)


# Days on the first of a month of 2016-2019, so that holdings, classes and periods often meet.
months = st.integers(12, 59)
holdings = st.lists(
    st.tuples(
        st.sampled_from(VILLAGES),
        st.sampled_from([Position.SECRETARY, Position.COMMITTEE_MEMBER]),
        months,
        st.none() | st.integers(0, 30),
    ),
    min_size=1,
    max_size=3,
)
persons = st.lists(
    st.fixed_dictionaries(
        {
            "holdings": holdings,
            "leader": st.none() | st.tuples(st.sampled_from(VILLAGES), months),
            # (class index, completed) of each enrolment of the person.
            "enrolled": st.lists(st.tuples(st.integers(0, 4), st.booleans()), min_size=1, max_size=3),
        }
    ),
    min_size=1,
    max_size=6,
)
classes = st.lists(
    st.tuples(
        st.sampled_from(list(LEVELS)),
        st.booleans(),
        st.sampled_from(["", "彭阳县示范培训基地", "闽宁镇示范培训基地"]),
        months,
        st.integers(0, 2),
    ),
    min_size=1,
    max_size=5,
)


def queries(ends: list[dt.date]):
    """A node, and an as-of date on the last day of a class or a little after, the period starting
    on it or some months before."""
    return st.lists(
        st.builds(
            lambda code, end, after, back: Query.of(code, _later(end, after), _later(end, after - back)),
            st.sampled_from(NODES),
            st.sampled_from(ends),
            st.sampled_from([0, 1, 3]),
            st.sampled_from([0, 3, 12]),
        ),
        min_size=1,
        max_size=4,
    )


def _later(day: dt.date, months: int) -> dt.date:
    return _month((day.year - 2015) * 12 + day.month - 1 + months)


def _tried(write, **kwargs):
    """A write the services refuse (a seat taken) is left out of the data."""
    try:
        return write(**kwargs)
    except DomainError:
        return None


def _write(actor, specs: list[dict], class_specs: list[tuple]) -> None:
    people = []
    for i, spec in enumerate(specs):
        birth = dt.date(1960 + i, 1 + i % 12, 1 + i % 28)
        person = person_save(actor=actor, id_number=idno(birth, i), name=f"人{i}")
        people.append(person)
        for village, position, start, length in spec["holdings"]:
            end = None if length is None else _month(start + length)
            _tried(
                holding_start,
                actor=actor,
                village=village,
                person=person,
                position=position,
                start=_month(start),
                end=end,
                end_reason="换届" if end else "",
            )
        if spec["leader"]:
            village, recognised = spec["leader"]
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
                recognised_on=_month(recognised),
            )
    made = [
        _tried(
            training_class_save,
            actor=actor,
            name=f"班{i}",
            level=level,
            is_demo=demo and level == "自治区",  # the rules: a demonstration class is the region's
            base=base,
            start=_month(start),
            end=_month(start + length),
        )
        for i, (level, demo, base, start, length) in enumerate(class_specs)
    ]
    for person, spec in zip(people, specs, strict=True):
        for index, completed in spec["enrolled"]:
            training_class = made[index % len(made)]
            if training_class:
                _tried(enrolment_add, actor=actor, training_class=training_class, person=person, completed=completed)


def _village_for_training(person_id: int, day: dt.date) -> str | None:
    """DOMAIN.md: the village of their holdings (in office on D first, then the latest started by
    D, then the latest), else their wealth-leader home village."""
    held = list(Holding.objects.filter(person_id=person_id).values_list("start", "end", "pk", "village_id"))
    if held:
        rank = [((s <= day and (e is None or e >= day)), s <= day, s, pk, v) for s, e, pk, v in held]
        return max(rank)[-1]
    return WealthLeader.objects.filter(person_id=person_id).values_list("village_id", flat=True).first()


def _oracle(q: Query) -> list[tuple]:
    rows = []
    for e in Enrolment.objects.select_related("training_class"):
        c = e.training_class
        village = _village_for_training(e.person_id, q.as_of)
        if e.completed and q.start <= c.end <= q.as_of and village is not None and village.startswith(q.code):
            rows.append((e.person_id, c.pk, c.level, c.is_demo, c.base))
    return sorted(rows)


def _secretaries(q: Query) -> list[int]:
    """The persons of the secretaries (DOMAIN.md: 党组织书记 holdings in office on D, in the
    administrative villages under the node), one a holding."""
    return [
        p
        for p, village, s, e in Holding.objects.filter(position=Position.SECRETARY).values_list(
            "person_id", "village_id", "start", "end"
        )
        if village.startswith(q.code) and village[9] == "2" and s <= q.as_of and (e is None or e >= q.as_of)
    ]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=persons, class_specs=classes, data=st.data())
def test_the_trainees_in_sql_are_the_straightforward_ones_and_the_figures_count_them(system, specs, class_specs, data):
    with transaction.atomic():
        _write(system, specs, class_specs)
        ends = sorted({_month(start + length) for *_, start, length in class_specs})
        for q in data.draw(queries(ends)):
            rows = _oracle(q)
            assert list(indicators.trainees(q)) == rows, q
            values = indicators.training_figures(q)
            for level, figure in LEVELS.items():
                assert values[figure] == sum(1 for r in rows if r[2] == level)
            demo = [r for r in rows if r[2] == Level.REGION and r[3]]
            assert values["demo_classes"] == len({r[1] for r in demo})
            assert values["demo_bases"] == len({r[4] for r in demo if r[4]})
            assert values["demo_trainees"] == len({r[0] for r in demo})
            secretaries, trained = _secretaries(q), {r[0] for r in rows}
            covered = sum(1 for p in secretaries if p in trained)
            assert values["secretaries_untrained"] == len(secretaries) - covered
            assert values["secretary_training_share"] == share(covered, len(secretaries))
        transaction.set_rollback(True)
