"""Probationary members due for conversion, and the figures of two-way cultivation, by hand."""

import datetime as dt

from liangdai.indicators.registry import REGISTRY, Query
from liangdai.leaders.tests.makers import OUTSIDE, V1, V2, make_holding, make_leader, make_person, make_record
from liangdai.party.selectors import due_for_conversion

D = dt.date(2019, 10, 31)
F = dt.date(2019, 1, 1)


def figures(code: str = "640402103") -> dict:
    return REGISTRY.compute(Query.of(code, D, F))


def _probationers():
    waiting = make_person("甲", serial=1)
    make_record(waiting, "预备党员", dt.date(2018, 5, 1))  # due 2019-05-01
    overdue = make_person("乙", serial=2)
    make_record(overdue, "预备党员", dt.date(2017, 6, 1), village=V2)  # the extended year ended 2019-06-01
    recent = make_person("丙", serial=3)
    make_record(recent, "预备党员", dt.date(2019, 1, 1))  # due only 2020-01-01
    converted = make_person("丁", serial=4)
    make_record(converted, "预备党员", dt.date(2018, 1, 1))
    make_record(converted, "正式党员", dt.date(2019, 1, 2))
    elsewhere = make_person("戊", serial=5)
    make_record(elsewhere, "预备党员", dt.date(2018, 1, 1), village=OUTSIDE)
    return waiting, overdue, elsewhere


def test_due_for_conversion_lists_the_area_the_longest_waiting_first(clerk, outsider):
    waiting, overdue, elsewhere = _probationers()
    due = due_for_conversion(actor=clerk, as_of=D)
    assert [(d.person, d.due_on, d.overdue) for d in due] == [
        (overdue, dt.date(2018, 6, 1), True),
        (waiting, dt.date(2019, 5, 1), False),
    ]
    assert due[0].deadline == dt.date(2019, 6, 1)
    assert [d.person for d in due_for_conversion(actor=outsider, as_of=D)] == [elsewhere]


def test_a_conversion_after_the_day_does_not_count_on_the_day(clerk):
    person = make_person("甲", serial=1)
    make_record(person, "预备党员", dt.date(2018, 5, 1))
    make_record(person, "正式党员", dt.date(2019, 11, 1))
    assert [d.person for d in due_for_conversion(actor=clerk, as_of=D)] == [person]
    assert due_for_conversion(actor=clerk, as_of=dt.date(2019, 11, 1)) == []


def test_development_figures_of_the_period(db):
    _probationers()
    values = figures()
    # Admitted in 2019: 丙 only; converted in 2019: 丁; due: 甲 and 乙; overdue: 乙. 戊 is in another county.
    assert values["probationary_admitted"] == 1
    assert values["members_converted"] == 1
    assert (values["conversions_due"], values["conversions_overdue"]) == (2, 1)
    assert figures("64")["conversions_due"] == 3


def test_two_way_cultivation_in_each_direction(db):
    people = {n: make_person(n, serial=i) for i, n in enumerate("一二三四五六七", start=1)}
    for n in "一二三四五":
        make_leader(people[n], V1, recognised_on=dt.date(2018, 1, 1))
    make_leader(people["六"], V1, recognised_on=dt.date(2019, 5, 1))
    make_leader(people["七"], V2, recognised_on=dt.date(2019, 6, 1))
    make_record(people["一"], "预备党员", dt.date(2019, 3, 1))  # a leader who joined the party in the period
    people["二"].political_status = "中共党员"  # a member by the status on record (no path)
    people["二"].save()
    people["四"].political_status = "中共党员"  # the path on record says activist only: not a member
    people["四"].save()
    make_record(people["四"], "入党积极分子", dt.date(2017, 1, 1))
    make_record(people["五"], "预备党员", dt.date(2019, 12, 1))  # not yet on D
    people["六"].political_status = "中共党员"  # a member when recognised
    people["六"].save()
    make_record(people["七"], "预备党员", dt.date(2019, 7, 1))  # admitted after being recognised
    make_holding(V1, people["一"], "村委会委员", start=dt.date(2019, 8, 1))  # a leader taking a seat
    make_holding(V1, people["六"], "村委会委员", start=dt.date(2019, 4, 1))  # a cadre becoming a leader
    values = figures()
    # Members on D among the 7 leaders: 一, 二, 六, 七.
    assert (values["leaders_party_members"], values["leaders_party_member_share"]) == (4, 57.1)
    assert values["leaders_into_party"] == 2  # 一, and 七 (a leader from 2019-06-01, admitted 2019-07-01)
    assert values["members_into_leaders"] == 1  # 六 (七 joined after being recognised)
    assert values["leaders_into_cadres"] == 1  # 一 (六 held the seat before being recognised)
    assert values["cadres_into_leaders"] == 1  # 六


def test_no_leader_gives_no_share(db):
    values = figures()
    assert (values["leaders_party_members"], values["leaders_party_member_share"]) == (0, None)
