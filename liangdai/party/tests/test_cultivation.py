"""The two-way cultivation funnel (双培双带) by hand on a small dataset, and the registry's figures
that count the same persons."""

import datetime as dt

import pytest

from liangdai.cadres.models import Person
from liangdai.indicators.registry import REGISTRY, Query
from liangdai.leaders.tests.makers import (
    OTHER_TOWNSHIP,
    OUTSIDE,
    V1,
    V2,
    make_holding,
    make_leader,
    make_person,
    make_record,
)
from liangdai.party import cultivation

D = dt.date(2019, 10, 31)
F = dt.date(2019, 1, 1)
TOWNSHIP, COUNTY = "640402103", "640402"


def _member(name: str, serial: int):
    return make_person(name, serial=serial, political_status="中共党员")


@pytest.fixture
def people(db) -> dict:
    """Leaders of 官厅镇 with their steps, one recognised after D, one ended before D, one of another
    township of the county and one of another county (see each line)."""
    p = {}
    p["一"] = make_person("一", serial=1)
    make_leader(p["一"], V1, recognised_on=dt.date(2018, 1, 1))
    make_record(p["一"], "预备党员", dt.date(2019, 3, 1))  # enters the path as probationary member
    make_holding(V1, p["一"], "村委会委员", start=dt.date(2019, 8, 1))  # and takes a seat
    p["二"] = _member("二", 2)  # a member by the status on record
    make_leader(p["二"], V1, recognised_on=dt.date(2018, 1, 1))
    p["三"] = make_person("三", serial=3)
    make_leader(p["三"], V2, recognised_on=dt.date(2017, 6, 1))
    make_record(p["三"], "入党申请人", dt.date(2016, 1, 1), village=V2)  # on the path before the period
    make_record(p["三"], "预备党员", dt.date(2018, 5, 1), village=V2)
    make_record(p["三"], "正式党员", dt.date(2019, 5, 1), village=V2)  # converted in the period
    make_holding(V2, p["三"], "党组织书记", start=dt.date(2019, 7, 1))  # and became secretary
    p["四"] = make_person("四", serial=4)
    make_leader(p["四"], V1, recognised_on=dt.date(2018, 1, 1))
    make_record(p["四"], "入党申请人", dt.date(2019, 4, 1))  # entered the path, not yet a member
    p["五"] = _member("五", 5)  # a member and a cadre since 2015, recognised in the period
    make_holding(V1, p["五"], "村委会主任", start=dt.date(2015, 1, 1))
    make_leader(p["五"], V1, recognised_on=dt.date(2019, 5, 1))
    p["六"] = make_person("六", serial=6)
    make_record(p["六"], "入党申请人", dt.date(2019, 2, 1), village=V2)  # applied before being a leader
    make_leader(p["六"], V2, recognised_on=dt.date(2019, 6, 1))
    make_record(p["六"], "预备党员", dt.date(2019, 7, 1), village=V2)  # admitted after
    p["七"] = make_person("七", serial=7)  # recognised the day after D: nowhere on D
    make_leader(p["七"], V1, recognised_on=D + dt.timedelta(days=1))
    make_record(p["七"], "预备党员", dt.date(2019, 8, 1))
    make_holding(V1, p["七"], "村委会委员", start=dt.date(2019, 9, 1))
    p["八"] = _member("八", 8)  # a leader until 2019-09-30: nowhere on D, everywhere on that day
    make_leader(p["八"], V1, recognised_on=dt.date(2018, 1, 1), ended_on=dt.date(2019, 9, 30), end_reason="停业")
    make_holding(V1, p["八"], "村委会委员", start=dt.date(2019, 3, 1))
    p["九"] = _member("九", 9)  # of another township of the county
    make_leader(p["九"], OTHER_TOWNSHIP, recognised_on=dt.date(2018, 1, 1))
    p["十"] = _member("十", 10)  # of another county
    make_leader(p["十"], OUTSIDE, recognised_on=dt.date(2018, 1, 1))
    p["十一"] = make_person("十一", serial=11, political_status="群众")  # a secretary, then a leader
    make_holding(V1, p["十一"], "党组织书记", start=dt.date(2019, 2, 1))
    make_leader(p["十一"], V1, recognised_on=dt.date(2019, 4, 1))
    return p


def _names(q: Query, key: str) -> set[str]:
    step = cultivation.step_of(key)
    persons = step.persons(q, cultivation.leaders_of(q))
    return set(Person.objects.filter(pk__in=persons).values_list("name", flat=True))


def test_each_step_counts_the_persons_worked_out_by_hand(people):
    q = Query.of(TOWNSHIP, D, F)
    assert _names(q, "leaders") == {"一", "二", "三", "四", "五", "六", "十一"}
    assert _names(q, "members") == {"一", "二", "三", "五", "六"}
    assert _names(q, "entered") == {"一", "四"}  # 六 applied before being recognised; 三 before F
    assert _names(q, "probationary") == {"一", "六"}
    assert _names(q, "full") == {"三"}
    assert _names(q, "cadres") == {"一", "三"}  # 十一 held the seat before being recognised
    assert _names(q, "secretaries") == {"三"}
    assert _names(q, "members_into_leaders") == {"五"}  # 六 became a member only after
    assert _names(q, "cadres_into_leaders") == {"五", "十一"}


def test_each_step_carries_the_day_of_its_step(people):
    q = Query.of(TOWNSHIP, D, F)
    leaders = cultivation.leaders_of(q)
    members = cultivation.party_members(q, leaders)
    assert members[people["三"].pk].day == dt.date(2018, 5, 1)  # since 预备党员
    assert members[people["二"].pk] == cultivation.Event(None, "按政治面貌")
    assert cultivation.entered_path(q, leaders)[people["四"].pk] == cultivation.Event(dt.date(2019, 4, 1), "入党申请人")
    seat = cultivation.became_secretaries(q, leaders)[people["三"].pk]
    assert seat.day == dt.date(2019, 7, 1) and seat.note.endswith("党组织书记")


def test_a_registration_ended_on_the_day_still_counts_on_that_day(people):
    q = Query.of(TOWNSHIP, dt.date(2019, 9, 30), F)
    assert "八" in _names(q, "leaders") and "八" in _names(q, "members") and "八" in _names(q, "cadres")
    assert "八" not in _names(Query.of(TOWNSHIP, dt.date(2019, 10, 1), F), "leaders")


def test_the_node_is_a_code_prefix(people):
    county = Query.of(COUNTY, D, F)
    assert _names(county, "leaders") == {"一", "二", "三", "四", "五", "六", "十一", "九"}
    assert _names(Query.of("640425", D, F), "members") == {"十"}
    assert _names(Query.of(V2, D, F), "leaders") == {"三", "六"}


@pytest.mark.parametrize(
    "code,as_of", [(TOWNSHIP, D), (COUNTY, D), (TOWNSHIP, dt.date(2019, 9, 30)), ("64", D), (V1, D)]
)
def test_the_funnel_and_the_registry_count_the_same_persons(people, code, as_of):
    q = Query.of(code, as_of, F)
    values = REGISTRY.compute(q)
    counted = {step.figure: n for step, n in cultivation.funnel(q) if step.figure}
    assert set(counted) == {
        "wealth_leaders",
        "leaders_party_members",
        "leaders_into_party",
        "leaders_into_cadres",
        "members_into_leaders",
        "cadres_into_leaders",
    }
    assert counted == {figure: values[figure] for figure in counted}


def test_the_registry_figures_by_hand(people):
    values = REGISTRY.compute(Query.of(TOWNSHIP, D, F))
    assert (values["wealth_leaders"], values["leaders_party_members"]) == (7, 5)
    assert values["leaders_party_member_share"] == 71.4
    assert (values["leaders_into_party"], values["leaders_into_cadres"]) == (2, 2)
    assert (values["members_into_leaders"], values["cadres_into_leaders"]) == (1, 2)


def test_the_people_list_pages_by_person(people, clerk):
    q = Query.of(TOWNSHIP, D, F)
    step = cultivation.step_of("leaders")
    total, first = cultivation.people(actor=clerk, q=q, step=step, size=4)
    assert total == 7 and len(first.items) == 4 and first.next_cursor == first.items[-1].person.pk
    _, second = cultivation.people(actor=clerk, q=q, step=step, after=first.next_cursor, size=4)
    assert len(second.items) == 3 and second.next_cursor is None
    shown = [r.person.name for r in first.items + second.items]
    assert sorted(shown) == sorted(["一", "二", "三", "四", "五", "六", "十一"])
    assert {r.village.code for r in first.items + second.items} == {V1, V2}


def test_the_people_list_shows_nobody_outside_the_actor_area(people, outsider):
    q = Query.of(TOWNSHIP, D, F)
    _, page = cultivation.people(actor=outsider, q=q, step=cultivation.step_of("leaders"))
    assert page.items == []
