"""Each cross-sheet rule of EXCHANGE.md holds whether the rows it depends on come from an earlier
sheet of the same workbook (`ctx.state`) or are already in the database, and fires in both cases
when they are missing."""

import datetime as dt

import pytest

from liangdai.cadres.models import Person
from liangdai.leaders.models import WealthLeader
from liangdai.leaders.tests.makers import (
    APPRAISAL_HEADER,
    HOLDING_HEADER,
    LEADER_HEADER,
    TRAINING_HEADER,
    V1,
    idno,
    make_holding,
    make_person,
)
from liangdai.villages.models import Spending, Venue

from .helpers import PROFILE_HEADER, SPENDING_HEADER, UNKNOWN, VENUE_HEADER, run

D = dt.date
NUMBER = idno(D(1980, 3, 3), 7)


def holding_row(start: dt.date = dt.date(2016, 1, 1)) -> list:
    return ["李四", NUMBER, "", "汉族", "高中", "群众", "", V1, "党组织委员", start, "", "", ""]


def leader_row(education="", political="") -> list:
    return [
        "李四",
        NUMBER,
        "",
        "",
        education,
        political,
        "",
        V1,
        "种植业",
        "",
        "",
        "",
        5,
        5,
        12,
        "",
        "就地培养",
        D(2019, 1, 1),
    ]


def training_row(name="李四") -> list:
    return ["党建班", "县", "", "否", D(2019, 3, 1), D(2019, 3, 5), NUMBER, name, "是"]


def messages(result) -> list[str]:
    return [e.message for e in result.errors]


# 村情 → 活动场所: a village that 村情 creates is known to the sheets after it.


def test_a_village_created_by_the_village_sheet_takes_a_venue(system):
    result = run(
        {
            "村情": [PROFILE_HEADER, [UNKNOWN, "新村", 800, None, "否", None, None]],
            "活动场所": [VENUE_HEADER, [UNKNOWN, 300, "原有", None, None, None]],
        },
        system,
    )
    assert result.ok and Venue.objects.filter(village_id=UNKNOWN).exists()


def test_a_venue_for_an_unknown_village_is_refused_without_it(system):
    result = run({"活动场所": [VENUE_HEADER, [UNKNOWN, 300, "原有", None, None, None]]}, system)
    assert messages(result) == [f"村代码 {UNKNOWN} 不是已知的村级区划代码"]


# 村情 → 资金支出: the fund follows the population that 村情 gives, in the workbook or on record.


@pytest.mark.parametrize("population, ok", [(3500, True), (500, False)])
def test_spending_is_checked_against_the_population_of_the_same_workbook(system, population, ok):
    sheets = {
        "村情": [PROFILE_HEADER, [V1, None, population, None, "否", None, None]],
        "资金支出": [SPENDING_HEADER, [V1, D(2019, 5, 1), 90000, "修路"]],
    }
    assert run(sheets, system).ok is ok
    assert Spending.objects.exists() is ok


@pytest.mark.parametrize("population, ok", [(3500, True), (500, False)])
def test_spending_is_checked_against_the_population_on_record(system, population, ok):
    assert run({"村情": [PROFILE_HEADER, [V1, None, population, None, "否", None, None]]}, system).ok
    assert run({"资金支出": [SPENDING_HEADER, [V1, D(2019, 5, 1), 90000, "修路"]]}, system).ok is ok


# 村干部 → 致富带头人: 学历 and 政治面貌 are required only for a person not yet on record.


def test_a_leader_named_by_the_cadre_sheet_needs_no_profile(clerk):
    sheets = {"村干部": [HOLDING_HEADER, holding_row()], "致富带头人": [LEADER_HEADER, leader_row()]}
    assert run(sheets, clerk).ok and WealthLeader.objects.count() == 1


def test_a_leader_on_record_needs_no_profile(clerk):
    make_holding(V1, make_person("李四", D(1980, 3, 3), 7), position="党组织委员")
    assert run({"致富带头人": [LEADER_HEADER, leader_row()]}, clerk).ok


def test_a_new_leader_needs_a_profile(clerk):
    result = run({"致富带头人": [LEADER_HEADER, leader_row()]}, clerk)
    assert messages(result) == ["系统中尚无此人，该项必填"] * 2
    assert not Person.objects.exists()


# 村干部 → 培训: a trainee is a person on record, in the database or named earlier in the workbook.


def test_a_trainee_named_by_the_cadre_sheet_is_on_record(clerk):
    sheets = {"村干部": [HOLDING_HEADER, holding_row()], "培训": [TRAINING_HEADER, training_row()]}
    assert run(sheets, clerk).ok


def test_a_trainee_with_another_name_than_the_cadre_sheet_gives_is_refused(clerk):
    sheets = {"村干部": [HOLDING_HEADER, holding_row()], "培训": [TRAINING_HEADER, training_row("王五")]}
    assert messages(run(sheets, clerk)) == ["姓名“王五”与村干部第2行同一公民身份号码的姓名“李四”不一致"]


def test_a_trainee_with_another_name_than_on_record_is_refused(clerk):
    make_holding(V1, make_person("李四", D(1980, 3, 3), 7), position="党组织委员")
    result = run({"培训": [TRAINING_HEADER, training_row("王五")]}, clerk)
    assert messages(result) == ["姓名“王五”与公民身份号码不符，请核对姓名和号码"]


def test_a_trainee_nowhere_on_record_is_refused(clerk):
    assert len(run({"培训": [TRAINING_HEADER, training_row()]}, clerk).errors) == 1


# 村干部 → 个人考核: an appraisal needs a holding in that year, in the workbook or on record.


@pytest.mark.parametrize("start, ok", [(D(2010, 6, 1), True), (D(2016, 1, 1), False)])
def test_an_appraisal_needs_a_holding_of_its_year_in_the_same_workbook(clerk, start, ok):
    sheets = {"村干部": [HOLDING_HEADER, holding_row(start)], "个人考核": [APPRAISAL_HEADER, [NUMBER, 2010, "称职"]]}
    result = run(sheets, clerk)
    assert result.ok is ok
    if not ok:
        assert messages(result) == ["此人2010年度未在您管辖范围内的村“两委”任职，不能考核"]
        assert not Person.objects.exists()


@pytest.mark.parametrize("start, ok", [(D(2010, 6, 1), True), (D(2016, 1, 1), False)])
def test_an_appraisal_needs_a_holding_of_its_year_on_record(clerk, start, ok):
    make_holding(V1, make_person("李四", D(1980, 3, 3), 7), position="党组织委员", start=start)
    assert run({"个人考核": [APPRAISAL_HEADER, [NUMBER, 2010, "称职"]]}, clerk).ok is ok
