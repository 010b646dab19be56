"""Every rule of the 资金支出 sheet (EXCHANGE.md), each broken once: message, row, column, nothing
written; and the fund limit (DOMAIN.md part 1: under 1,000 people 50,000 yuan; 1,000-1,999 60,000;
2,000-2,999 80,000; 3,000 and more 100,000) counted against the spending on record and in the file."""

import datetime as dt
from decimal import Decimal

import pytest

from liangdai.core.testing import make_profile
from liangdai.rules.services import ruleset_set
from liangdai.villages.models import Spending

from .helpers import (
    OUTSIDE,
    PROFILE_HEADER,
    SPENDING_HEADER,
    UNKNOWN,
    V1,
    V2,
    assert_nothing_written,
    fact_counts,
    only_error,
    run,
)

DAY = dt.date(2019, 3, 1)
GOOD = [V1, DAY, 1000, "文化活动"]

BROKEN = [
    ("code blank", [None, DAY, 100, "维修"], "村代码", "必填项不能为空"),
    ("code typed as a number", [640402103200, DAY, 100, "维修"], "村代码", "文本格式"),
    ("code unknown", [UNKNOWN, DAY, 100, "维修"], "村代码", "不是已知的村级区划代码"),
    ("code outside the area", [OUTSIDE, DAY, 100, "维修"], "村代码", "不在您的管辖范围内"),
    ("date blank", [V1, None, 100, "维修"], "日期", "必填项不能为空"),
    ("date not a date", [V1, "3月1日", 100, "维修"], "日期", "日期格式不正确"),
    ("amount blank", [V1, DAY, None, "维修"], "金额", "必填项不能为空"),
    ("amount zero", [V1, DAY, 0, "维修"], "金额", "应大于0"),
    ("amount negative", [V1, DAY, -5, "维修"], "金额", "应大于0"),
    ("amount text", [V1, DAY, "五百", "维修"], "金额", "应为数字"),
    ("purpose blank", [V1, DAY, 100, None], "用途", "必填项不能为空"),
    ("same village, date and purpose twice", [V1, DAY, 50, "文化活动"], "村代码", "与第2行重复"),
]


@pytest.fixture
def profiles(db):
    make_profile(V1, population=900)  # 50,000 yuan a year
    make_profile(V2, population=3000)  # 100,000 yuan a year


@pytest.mark.parametrize(("case", "bad", "column", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_spending_row_is_reported_and_nothing_is_written(county_user, profiles, case, bad, column, message):
    before = fact_counts()
    result = run({"资金支出": [SPENDING_HEADER, GOOD, bad]}, county_user)
    error = only_error(result)
    assert (error.sheet, error.row, error.column) == ("资金支出", 3, column)
    assert message in error.message
    assert_nothing_written(before)


def test_a_years_spending_above_the_fund_is_refused_on_its_last_row(clerk, profiles):
    before = fact_counts()
    rows = [SPENDING_HEADER, [V1, DAY, 30000, "维修"], [V1, dt.date(2019, 9, 1), 20000.01, "慰问"]]
    error = only_error(run({"资金支出": rows}, clerk))
    assert (error.row, error.column) == (3, "金额")
    assert "640402103200 在2019年的支出合计 50,000.01 元，超过该年度为民服务资金 50,000 元" in error.message
    assert_nothing_written(before)


def test_spending_up_to_the_fund_exactly_is_accepted(clerk, profiles):
    rows = [SPENDING_HEADER, [V1, DAY, 30000, "维修"], [V1, dt.date(2019, 9, 1), 20000, "慰问"]]
    assert run({"资金支出": rows}, clerk).ok
    assert Spending.objects.filter(village_id=V1).count() == 2


def test_each_year_has_its_own_fund(clerk, profiles):
    rows = [SPENDING_HEADER, [V1, dt.date(2018, 12, 31), 50000, "维修"], [V1, dt.date(2019, 1, 1), 50000, "维修"]]
    assert run({"资金支出": rows}, clerk).ok


def test_spending_on_record_counts_against_the_fund(clerk, profiles):
    Spending.objects.create(village_id=V1, date=dt.date(2019, 1, 5), amount=40000, purpose="维修")
    before = fact_counts()
    error = only_error(run({"资金支出": [SPENDING_HEADER, [V1, DAY, 10001, "慰问"]]}, clerk))
    assert (error.row, error.column) == (2, "金额")
    assert "支出合计 50,001.00 元" in error.message
    assert_nothing_written(before)


def test_a_row_replacing_its_record_is_not_counted_twice(clerk, profiles):
    Spending.objects.create(village_id=V1, date=DAY, amount=40000, purpose="维修")
    result = run({"资金支出": [SPENDING_HEADER, [V1, DAY, 45000, "维修"]]}, clerk)
    assert result.ok and result.counts["资金支出"] == {"read": 1, "created": 0, "updated": 1}
    assert Spending.objects.get(village_id=V1).amount == 45000


def test_a_village_without_a_population_has_no_fund(clerk):
    before = fact_counts()
    error = only_error(run({"资金支出": [SPENDING_HEADER, [V1, DAY, 1, "维修"]]}, clerk))
    assert (error.row, error.column) == (2, "金额")
    assert "该村尚无户籍人口，无资金" in error.message
    assert_nothing_written(before)


def test_the_population_of_the_same_workbook_sizes_the_fund(clerk, profiles):
    """V1 has 900 people on record (50,000); the workbook's 村情 says 2,000 (80,000)."""
    book = {
        "村情": [PROFILE_HEADER, [V1, "", 2000, None, "否", None, None]],
        "资金支出": [SPENDING_HEADER, [V1, DAY, 80000, "维修"]],
    }
    result = run(book, clerk)
    assert result.ok, result.errors
    assert Spending.objects.get(village_id=V1).amount == Decimal(80000)


def test_a_county_rule_overrides_the_default_tiers(county_user, profiles):
    ruleset_set(actor=county_user, kind="fund_tiers", year=2019, code="640402", data={"tiers": [[0, 70000]]})
    assert run({"资金支出": [SPENDING_HEADER, [V1, DAY, 70000, "维修"]]}, county_user).ok
    error = only_error(run({"资金支出": [SPENDING_HEADER, [V1, DAY + dt.timedelta(days=1), 1, "维修"]]}, county_user))
    assert "超过该年度为民服务资金 70,000 元" in error.message
