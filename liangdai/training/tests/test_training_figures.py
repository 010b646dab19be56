"""Figures of training, each by hand: who counts where, in which period, the ratio, the demo classes."""

import datetime as dt

from liangdai.indicators.registry import REGISTRY, Query
from liangdai.leaders.tests.makers import (
    OTHER_TOWNSHIP,
    OUTSIDE,
    V1,
    V2,
    make_class,
    make_enrolment,
    make_holding,
    make_leader,
    make_person,
)
from liangdai.training.indicators import ratio
from liangdai.training.selectors import training_villages

D = dt.date(2019, 10, 31)
F = dt.date(2019, 1, 1)
TOWNSHIP = "640402103"


def figures(code: str = TOWNSHIP) -> dict:
    return REGISTRY.compute(Query.of(code, D, F))


def a_cadre(village: str = V1, serial: int = 1):
    person = make_person(serial=serial)
    make_holding(village, person, "村委会委员")
    return person


def ending_on(day: dt.date, level: str = "县", name: str | None = None, **extra):
    return make_class(name or f"{level}{day}", level, day - dt.timedelta(days=2), day, **extra)


def test_a_persons_village_is_the_holding_in_office_then_the_latest_then_the_leader_home(db):
    moved = make_person(serial=1)
    make_holding(OTHER_TOWNSHIP, moved, start=dt.date(2010, 1, 1), end=dt.date(2020, 1, 1))
    make_holding(V1, moved, start=dt.date(2012, 1, 1), end=dt.date(2016, 1, 1))
    retired = make_person(serial=2)
    make_holding(V1, retired, start=dt.date(2008, 1, 1), end=dt.date(2012, 1, 1))
    make_holding(V2, retired, start=dt.date(2013, 1, 1), end=dt.date(2018, 1, 1))
    leader = make_person(serial=3)
    make_leader(leader, V2)
    both = make_person(serial=4)
    make_holding(OTHER_TOWNSHIP, both)
    make_leader(both, V1)
    nobody = make_person(serial=5)
    villages = training_villages([p.pk for p in (moved, retired, leader, both, nobody)], D)
    assert villages == {moved.pk: OTHER_TOWNSHIP, retired.pk: V2, leader.pk: V2, both.pk: OTHER_TOWNSHIP}


def test_trainees_are_completed_enrolments_in_classes_ended_within_the_period(db):
    cadre = a_cadre()
    for day in (F - dt.timedelta(days=1), F, D, D + dt.timedelta(days=1)):
        make_enrolment(ending_on(day), cadre)
    make_enrolment(ending_on(dt.date(2019, 6, 1)), cadre, completed=False)
    assert figures()["trainees_county"] == 2  # the classes ended on F and on D


def test_trainees_count_for_the_node_of_their_village(db):
    here, there, leader, far = a_cadre(V1, 1), a_cadre(OTHER_TOWNSHIP, 2), make_person(serial=3), a_cadre(OUTSIDE, 4)
    make_leader(leader, V2)
    region = ending_on(dt.date(2019, 5, 4), "自治区")
    for person in (here, there, leader, far):
        make_enrolment(region, person)
    assert figures()["trainees_region"] == 2  # here and the leader
    assert figures("640402")["trainees_region"] == 3
    assert figures("64")["trainees_region"] == 4


def test_the_ratio_and_the_levels(db):
    people = [a_cadre(V1, i) for i in range(1, 11)]
    for level, count in (("自治区", 2), ("市", 3), ("县", 5), ("乡镇", 4)):
        c = ending_on(dt.date(2019, 6, 1), level)
        for person in people[:count]:
            make_enrolment(c, person)
    values = figures()
    assert [values[k] for k in ("trainees_region", "trainees_city", "trainees_county", "trainees_township")] == [
        2,
        3,
        5,
        4,
    ]
    assert values["training_ratio"] == "2:3:5"


def test_the_ratio_divides_by_the_gcd_and_is_none_without_trainees(db):
    assert ratio([4, 6, 10]) == "2:3:5"
    assert ratio([7, 9, 7]) == "7:9:7"
    assert ratio([0, 3, 6]) == "0:1:2"
    assert ratio([0, 0, 0]) is None
    assert figures()["training_ratio"] is None


def test_demo_classes_bases_and_trainees_of_the_node(db):
    a, b, far = a_cadre(V1, 1), a_cadre(V2, 2), a_cadre(OUTSIDE, 3)
    first = ending_on(dt.date(2019, 3, 31), "自治区", "第3期", is_demo=True, base="彭阳县示范培训基地")
    second = ending_on(dt.date(2019, 10, 15), "自治区", "第8期", is_demo=True, base="彭阳县示范培训基地")
    third = ending_on(dt.date(2019, 5, 4), "自治区", "第5期", is_demo=True, base="闽宁镇示范培训基地")
    only_far = ending_on(dt.date(2019, 7, 30), "自治区", "第7期", is_demo=True, base="盐池县基层党建示范培训基地")
    plain = ending_on(dt.date(2019, 6, 1), "自治区", "普通班")
    last_year = ending_on(dt.date(2018, 9, 30), "自治区", "2018第1期", is_demo=True, base="西吉县示范培训基地")
    for c, person in ((first, a), (second, a), (second, b), (third, b), (only_far, far), (plain, a), (last_year, a)):
        make_enrolment(c, person)
    values = figures()
    assert (values["demo_classes"], values["demo_bases"], values["demo_trainees"]) == (3, 2, 2)
    assert values["trainees_region"] == 5  # the demo enrolments of a and b, and the plain class
    assert (figures("64")["demo_classes"], figures("64")["demo_bases"]) == (4, 3)


def test_secretaries_without_training_in_the_period(db):
    trained, untrained = (make_person(serial=i) for i in (1, 2))
    make_holding(V1, trained)
    make_holding(V2, untrained)
    make_enrolment(ending_on(dt.date(2019, 4, 1), "乡镇"), trained)
    make_enrolment(ending_on(dt.date(2018, 4, 1)), untrained)  # before the period
    values = figures()
    assert (values["secretaries_untrained"], values["secretary_training_share"]) == (1, 50.0)
