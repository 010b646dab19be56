"""Every column has its length and range checked at validation (issue 11 "Limits", issue 12 finding 4):
text no longer than its model field holds, numbers within a plausible range and what the column
holds, dates within 1900–2100. Each is an error naming row, column and limit; nothing is written
(before, a 32,000-character 村名称 passed validation and the commit failed with a 500 on PostgreSQL)."""

import datetime as dt
from decimal import Decimal

import pytest

from liangdai.cadres.models import Holding, Person
from liangdai.exchange import cells
from liangdai.exchange.sheets import known_sheets
from liangdai.leaders import rules as leader_rules
from liangdai.leaders.models import WealthLeader
from liangdai.leaders.tests.makers import HOLDING_HEADER, LEADER_HEADER, STAR_HEADER, TRAINING_HEADER, idno, leader_row
from liangdai.training.models import TrainingClass
from liangdai.villages.models import Spending

from .helpers import PROFILE_HEADER, SPENDING_HEADER, UNKNOWN, V1, assert_nothing_written, fact_counts, only_error, run

# --- the readers -------------------------------------------------------------------------------


def test_text_of_refuses_text_longer_than_its_limit():
    parse = cells.text_of(5)
    assert parse(" 12345 ") == "12345"
    with pytest.raises(cells.CellError, match=r"^长度不能超过5个字符（实为6个）$"):
        parse("123456")


def test_text_for_takes_the_model_fields_max_length():
    assert cells.text_for(TrainingClass, "name").max_length == 200
    assert cells.text_for(WealthLeader, "project").max_length == 100


def test_amount_for_takes_the_model_fields_digits():
    parse = cells.amount_for(Spending, "amount", exclusive_min=True)  # numeric(12, 2)
    assert parse("9999999999.99") == Decimal("9999999999.99")
    for value in ("10000000000", "9999999999.999", 1e15):
        with pytest.raises(cells.CellError, match="应不大于9999999999.99"):
            parse(value)


@pytest.mark.parametrize("value", ["0001-01-01", "1899-12-31", "2101-01-01", dt.date(1, 1, 1), dt.datetime(9999, 1, 1)])
def test_a_date_outside_the_range_is_a_cell_error(value):
    with pytest.raises(cells.CellError, match=r"超出可用范围（1900-01-01 至 2100-12-31）"):
        cells.date(value)


def test_a_date_at_the_edges_of_the_range_is_read():
    assert cells.date("1900-01-01") == dt.date(1900, 1, 1)
    assert cells.date("2100年12月31日") == dt.date(2100, 12, 31)


@pytest.mark.parametrize(("value", "message"), [(1948, "应不小于1949"), (2101, "应不大于2100"), (-5, "应不小于1949")])
def test_a_year_outside_1949_to_2100_is_a_cell_error(value, message):
    with pytest.raises(cells.CellError, match=message):
        cells.year(value)


def test_the_leader_service_reads_with_the_same_limits():
    read, problems = leader_rules.read_values(
        {
            "industry": "养殖业",
            "project": "肉" * 101,
            "income": "1" + "0" * 12,
            "households": 2_000_000,
            "people": 2_000_000,
            "source": "回引",
            "recognised_on": "0001-01-01",
        }
    )
    assert dict(problems) == {
        "project": "长度不能超过100个字符（实为101个）",
        "income": "应不大于9999999999.99",
        "households": "应不大于1000000",
        "people": "应不大于1000000",
        "recognised_on": "日期 0001-01-01 超出可用范围（1900-01-01 至 2100-12-31）",
    }


# --- the sheets --------------------------------------------------------------------------------


def test_a_32000_character_village_name_is_an_error_and_nothing_is_written(county_user):
    before = fact_counts()
    result = run({"村情": [PROFILE_HEADER, [UNKNOWN, "村" * 32_000, 500, 100, "否", None, None]]}, county_user)
    error = only_error(result)
    assert (error.sheet, error.row, error.column) == ("村情", 2, "村名称")
    assert error.message == "长度不能超过100个字符（实为32000个）"
    assert_nothing_written(before)


@pytest.mark.parametrize(
    ("bad", "column", "message"),
    [
        ([V1, "", 99_999_999_999, None, "否", None, None], "户籍人口", "应不大于200000"),
        ([V1, "", 100, 200_001, "否", None, None], "户数", "应不大于200000"),
        ([V1, "", 100, 10, "否", 2018, "1" + "0" * 10], "人均纯收入", "应不大于9999999999.99"),
        ([V1, "", 100, 10, "否", 99999, 9000], "年度", "应不大于2100"),
    ],
    ids=["population", "households", "income", "year"],
)
def test_a_village_number_out_of_range_is_an_error(county_user, bad, column, message):
    before = fact_counts()
    error = only_error(run({"村情": [PROFILE_HEADER, bad]}, county_user))
    assert (error.row, error.column, error.message) == (2, column, message)
    assert_nothing_written(before)


def test_a_village_population_of_200000_is_accepted(clerk):
    assert run({"村情": [PROFILE_HEADER, [V1, "", 200_000, 50_000, "否", None, None]]}, clerk).ok


@pytest.mark.parametrize(
    ("bad", "column", "message"),
    [
        ([V1, dt.date(2019, 1, 1), 100, "用" * 201], "用途", "长度不能超过200个字符（实为201个）"),
        ([V1, dt.date(2019, 1, 1), 1e11, "慰问"], "金额", "应不大于9999999999.99"),
        ([V1, "0001-01-01", 100, "慰问"], "日期", "日期 0001-01-01 超出可用范围（1900-01-01 至 2100-12-31）"),
    ],
    ids=["purpose", "amount", "date"],
)
def test_a_spending_cell_out_of_range_is_an_error(county_user, bad, column, message):
    before = fact_counts()
    error = only_error(run({"资金支出": [SPENDING_HEADER, bad]}, county_user))
    assert (error.row, error.column, error.message) == (2, column, message)
    assert_nothing_written(before)


def _training_row(**change) -> list:
    values = {
        "培训班名称": "示范培训班",
        "举办层级": "自治区",
        "培训基地": "闽宁镇示范培训基地",
        "是否示范班": "否",
        "开始日期": dt.date(2019, 5, 2),
        "结束日期": dt.date(2019, 5, 4),
        "学员公民身份号码": idno(dt.date(1975, 3, 8), 7),
        "学员姓名": "马金花",
        "是否结业": None,
    } | change
    return [values[h] for h in TRAINING_HEADER]


@pytest.mark.parametrize(
    ("change", "column", "message"),
    [
        ({"培训班名称": "班" * 201}, "培训班名称", "长度不能超过200个字符（实为201个）"),
        ({"培训基地": "基" * 201}, "培训基地", "长度不能超过200个字符（实为201个）"),
        ({"学员姓名": "名" * 51}, "学员姓名", "长度不能超过50个字符（实为51个）"),
    ],
    ids=["class", "base", "name"],
)
def test_an_over_long_training_text_is_an_error_and_nothing_is_written(clerk, change, column, message):
    result = run({"培训": [TRAINING_HEADER, _training_row(**change)]}, clerk)
    errors = [(e.row, e.column, e.message) for e in result.errors]
    assert (2, column, message) in errors
    assert not TrainingClass.objects.exists()


@pytest.mark.parametrize(
    ("change", "column", "message"),
    [
        ({"主营项目": "项" * 101}, "主营项目", "长度不能超过100个字符（实为101个）"),
        ({"姓名": "马" * 51}, "姓名", "长度不能超过50个字符（实为51个）"),
        ({"经营规模": 1e13}, "经营规模", "应不大于999999999999.99"),
        ({"带动人数": 1_000_001}, "带动人数", "应不大于1000000"),
        ({"认定日期": "1899-12-31"}, "认定日期", "日期 1899-12-31 超出可用范围（1900-01-01 至 2100-12-31）"),
    ],
    ids=["project", "name", "scale", "people", "date"],
)
def test_a_leader_cell_out_of_range_is_an_error_and_nothing_is_written(clerk, change, column, message):
    result = run({"致富带头人": [LEADER_HEADER, leader_row(**change)]}, clerk)
    error = only_error(result)
    assert (error.row, error.column, error.message) == (2, column, message)
    assert not WealthLeader.objects.exists()
    assert not Person.objects.exists()


def test_an_over_long_cadre_name_is_an_error(clerk):
    holding = ["名" * 51, idno(dt.date(1975, 3, 8), 7), "男", "回族", "初中", "群众", None]
    holding += [V1, "村委会委员", dt.date(2018, 1, 1), None, None, None]
    error = only_error(run({"村干部": [HOLDING_HEADER, holding]}, clerk))
    assert (error.row, error.column, error.message) == (2, "姓名", "长度不能超过50个字符（实为51个）")
    assert not Holding.objects.exists()


def test_an_over_long_weak_reason_is_an_error(county_user):
    error = only_error(run({"星级评定": [STAR_HEADER, [V1, 2019, 55, None, "是", "因" * 1001]]}, county_user))
    assert (error.row, error.column, error.message) == (2, "软弱涣散原因", "长度不能超过1000个字符（实为1001个）")


# --- every column of every sheet ----------------------------------------------------------------

# Readers whose values are bounded by their form: a fixed length of digits, a checked identity or
# phone number, a date or year within their range, yes/no, or one of a list.
_FIXED = {cells.id_number, cells.mobile, cells.date, cells.year, cells.yes_no}


def _bounded(parse) -> bool:
    if parse in _FIXED or getattr(parse, "options", None):
        return True
    if getattr(parse, "max_length", None):
        return True
    if getattr(parse, "maximum", None) is not None and getattr(parse, "minimum", None) is not None:
        return True
    return parse.__qualname__.startswith(("digits_text.", "choice_list."))


def test_every_column_of_every_sheet_has_a_length_or_a_range():
    unbounded = [
        f"{sheet.name}·{column.header}"
        for sheet in known_sheets()
        for column in sheet.columns
        if not _bounded(column.parse)
    ]
    assert len(known_sheets()) == 9
    assert unbounded == []
