"""The end of a registration (退出日期, 退出原因): DOMAIN.md's *wealth leader on D*, the rules shared by
the sheet and the service, old workbooks without the two columns, and the database's own checks."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from liangdai.audit.models import AuditLog
from liangdai.core.testing import make_workbook
from liangdai.exchange.pipeline import import_workbook
from liangdai.indicators.registry import REGISTRY, Query
from liangdai.leaders import services
from liangdai.leaders.indicators import leaders_on
from liangdai.leaders.models import WealthLeader

from .makers import LEADER_HEADER, OUTSIDE, V1, V2, errors_of, leader_row, make_holding, make_leader, make_person
from .test_services import error_of, save

D = dt.date(2019, 10, 31)
DAY = dt.timedelta(days=1)
TOWNSHIP = "640402103"
EXIT_HEADER = [*LEADER_HEADER, "退出日期", "退出原因"]


def figures(day: dt.date = D) -> dict:
    return REGISTRY.compute(Query.of(TOWNSHIP, day))


def exit_row(ended_on=None, reason=None, **change) -> list:
    return [*leader_row(**change), ended_on, reason]


def run(actor, header, *rows):
    data = make_workbook({"致富带头人": [header, *rows]})
    return import_workbook(data=data, filename="t.xlsx", actor=actor, commit=True)


def test_a_leader_counts_from_recognition_until_the_day_the_registration_ends(db):
    make_leader(make_person("甲", serial=1), V1, people=10, households=10)
    make_leader(make_person("乙", serial=2), V1, people=20, households=2, recognised_on=D + DAY)
    make_leader(make_person("丙", serial=3), V2, people=30, households=3, ended_on=D - DAY, end_reason="迁出")
    make_leader(make_person("丁", serial=4), V2, people=40, households=4, ended_on=D, end_reason="停业")
    # On D: 甲 and 丁 (ending on D counts on D); 乙 is recognised the day after, 丙 left the day before.
    on_d = figures()
    assert (on_d["wealth_leaders"], on_d["people_driven"], on_d["households_driven"]) == (2, 10 + 40, 10 + 4)
    # Earlier dates keep the ended ones: on D - 1 丙 is still in (his last day), 乙 is not yet.
    before = figures(D - DAY)
    assert (before["wealth_leaders"], before["people_driven"]) == (3, 10 + 30 + 40)
    # After D, 丁 is gone too and 乙 has come.
    after = figures(D + DAY)
    assert (after["wealth_leaders"], after["people_driven"]) == (2, 10 + 20)
    assert set(leaders_on(TOWNSHIP, D).values_list("person__name", flat=True)) == {"甲", "丁"}


def test_tiers_sources_and_industries_drop_an_ended_leader(db):
    make_leader(make_person("甲", serial=1), V1, households=60, people=60, source="回引", industry="养殖业")
    make_leader(make_person("乙", serial=2), V1, ended_on=D - DAY, end_reason="去世", source="回引")
    values = figures()
    assert (values["leaders_large"], values["leaders_small"]) == (1, 0)
    assert (values["leaders_returned"], values["leaders_breeding"], values["leaders_planting"]) == (1, 1, 0)


def test_secretary_share_counts_only_secretaries_who_are_leaders_on_d(db):
    persons = [make_person(n, serial=i) for i, n in enumerate("一二三四", start=1)]
    for person, village in zip(persons, [V1, V2, "640402103202", "640402103206"], strict=True):
        make_holding(village, person)
    make_leader(persons[0], OUTSIDE)  # a leader wherever registered
    make_leader(persons[1], V2, ended_on=D - DAY, end_reason="停业")  # ended before D: not counted
    make_leader(persons[2], V2, ended_on=D, end_reason="其他")  # ends on D: counted
    make_leader(persons[3], V2, recognised_on=D + DAY)  # recognised the day after: not counted
    assert figures()["secretary_wealth_leader_share"] == 50.0  # 2 of 4
    assert figures(D - DAY)["secretary_wealth_leader_share"] == 75.0  # 一, 二, 三


def test_the_end_service_ends_the_registration_once_and_audits_it(clerk):
    leader = save(clerk)
    services.wealth_leader_end(actor=clerk, leader=leader, ended_on=dt.date(2019, 6, 30), end_reason="迁出")
    leader.refresh_from_db()
    assert (leader.ended_on, leader.end_reason) == (dt.date(2019, 6, 30), "迁出")
    row = AuditLog.objects.get(action="致富带头人退出")
    assert (row.before["ended_on"], row.after["ended_on"], row.code) == (None, "2019-06-30", V1)
    again = error_of(
        lambda: services.wealth_leader_end(actor=clerk, leader=leader, ended_on=dt.date(2019, 7, 1), end_reason="其他")
    )
    assert again.message == "该致富带头人已于2019-06-30退出"


@pytest.mark.parametrize(
    ("ended_on", "reason", "column", "message"),
    [
        (dt.date(2018, 3, 31), "迁出", "ended_on", "退出日期（2018-03-31）不能早于认定日期（2018-04-01）"),
        (dt.date(2019, 1, 1), "", "end_reason", "填写退出日期时，退出原因必填"),
        (dt.date(2019, 1, 1), "出国", "end_reason", "应为以下之一：迁出、停业、去世、其他"),
    ],
)
def test_the_end_service_and_the_sheet_refuse_alike(clerk, ended_on, reason, column, message):
    leader = save(clerk)
    error = error_of(
        lambda: services.wealth_leader_end(actor=clerk, leader=leader, ended_on=ended_on, end_reason=reason)
    )
    assert (error.column, error.message) == (column, message)
    leader.refresh_from_db()
    assert (leader.ended_on, leader.end_reason) == (None, "")
    header = {"ended_on": "退出日期", "end_reason": "退出原因"}[column]
    result = run(clerk, EXIT_HEADER, exit_row(ended_on, reason or None))
    assert [(e[2], e[3]) for e in errors_of(result)] == [(header, message)]
    # The save service (register and edit forms) says the same.
    error = error_of(lambda: save(clerk, ended_on=ended_on, end_reason=reason))
    assert (error.column, error.message) == (column, message)


def test_a_reason_without_a_date_is_refused(clerk):
    error = error_of(lambda: save(clerk, end_reason="迁出"))
    assert (error.column, error.message) == ("ended_on", "填写退出原因时，退出日期必填")
    result = run(clerk, EXIT_HEADER, exit_row(None, "迁出"))
    assert [(e[2], e[3]) for e in errors_of(result)] == [("退出日期", "填写退出原因时，退出日期必填")]


def test_the_sheet_writes_and_exports_the_exit(clerk):
    assert run(clerk, EXIT_HEADER, exit_row(dt.date(2019, 5, 1), "停业")).errors == []
    leader = WealthLeader.objects.get()
    assert (leader.ended_on, leader.end_reason) == (dt.date(2019, 5, 1), "停业")
    from liangdai.exchange.sheets import SHEETS

    sheet = SHEETS["致富带头人"]
    assert [c.header for c in sheet.columns][-2:] == ["退出日期", "退出原因"]
    assert list(sheet.export_rows(clerk))[0][-2:] == [dt.date(2019, 5, 1), "停业"]
    # Clearing both cells brings the leader back (a mistaken exit corrected).
    assert run(clerk, EXIT_HEADER, exit_row()).errors == []
    leader.refresh_from_db()
    assert (leader.ended_on, leader.end_reason) == (None, "")


def test_an_old_workbook_without_the_exit_columns_imports_and_keeps_the_exit(clerk):
    assert run(clerk, LEADER_HEADER, leader_row()).errors == []
    leader = WealthLeader.objects.get()
    services.wealth_leader_end(actor=clerk, leader=leader, ended_on=dt.date(2019, 6, 30), end_reason="去世")
    assert run(clerk, LEADER_HEADER, leader_row(带动人数=50)).errors == []
    leader.refresh_from_db()
    assert (leader.people, leader.ended_on, leader.end_reason) == (50, dt.date(2019, 6, 30), "去世")
    # Its recognition date may not move past the exit on record: the same rule, on 认定日期.
    result = run(clerk, LEADER_HEADER, leader_row(认定日期=dt.date(2019, 7, 1)))
    assert [(e[2], e[3]) for e in errors_of(result)] == [
        ("认定日期", "退出日期（2019-06-30）不能早于认定日期（2019-07-01）")
    ]
    leader.refresh_from_db()
    assert leader.recognised_on == dt.date(2018, 4, 1)


@pytest.mark.parametrize(
    "values",
    [
        {"ended_on": dt.date(2019, 1, 1), "end_reason": ""},
        {"ended_on": None, "end_reason": "迁出"},
        {"ended_on": dt.date(2017, 12, 31), "end_reason": "迁出"},
    ],
)
def test_the_database_refuses_an_exit_that_breaks_the_rules(db, values):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_leader(make_person(), V1, **values)
