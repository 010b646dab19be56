"""Every rule of the 村情 sheet (EXCHANGE.md), each broken once: the Chinese message, the row and
column, and nothing written: the valid row before the bad one is not written either."""

import datetime as dt
from decimal import Decimal

import pytest

from liangdai.org.models import Division
from liangdai.villages.models import VillageIncome, VillageProfile

from .helpers import OUTSIDE, PROFILE_HEADER, UNKNOWN, V1, V2, assert_nothing_written, fact_counts, only_error, run

NEXT_YEAR = dt.date.today().year + 1
GOOD = [V1, "官厅村委会", 1674, 507, "否", 2018, 8585]

BROKEN = [
    ("code blank", ["", "某村", 100, 10, "否", None, None], "村代码", "必填项不能为空"),
    ("code too short", ["64040210320", "", 100, 10, "否", None, None], "村代码", "村代码应为12位数字"),
    ("code with letters", ["64040210320X", "", 100, 10, "否", None, None], "村代码", "村代码应为12位数字"),
    ("code typed as a number", [640402103201, "", 100, 10, "否", None, None], "村代码", "村代码须以文本格式填写"),
    ("code outside the area", [OUTSIDE, "", 100, 10, "否", None, None], "村代码", "不在您的管辖范围内"),
    ("new code without a name", [UNKNOWN, "", 100, 10, "否", None, None], "村名称", "新增村时村名称必填"),
    (
        "new code, unknown township",
        ["640402109201", "新村", 100, 10, "否", None, None],
        "村代码",
        "所属乡镇 640402109 不存在",
    ),
    ("population blank", [V2, "", None, 10, "否", None, None], "户籍人口", "必填项不能为空"),
    ("population negative", [V2, "", -1, None, "否", None, None], "户籍人口", "应不小于0"),
    ("population a fraction", [V2, "", 100.5, None, "否", None, None], "户籍人口", "应为整数"),
    ("population text", [V2, "", "一百", None, "否", None, None], "户籍人口", "应为整数"),
    ("households negative", [V2, "", 100, -3, "否", None, None], "户数", "应不小于0"),
    ("households above population", [V2, "", 100, 101, "否", None, None], "户数", "户数（101）不能大于户籍人口（100）"),
    ("poor not 是/否", [V2, "", 100, 10, "Y", None, None], "是否贫困村", "应填“是”或“否”"),
    ("income without a year", [V2, "", 100, 10, "否", None, 9000], "年度", "填写人均纯收入时，年度必填"),
    ("year out of range", [V2, "", 100, 10, "否", 1800, 9000], "年度", "应不小于1949"),
    ("year not a number", [V2, "", 100, 10, "否", "去年", 9000], "年度", "应为整数"),
    ("year to come", [V2, "", 100, 10, "否", NEXT_YEAR, 9000], "年度", f"年度须为1949至{NEXT_YEAR - 1}之间的年份"),
    ("income negative", [V2, "", 100, 10, "否", 2018, -1], "人均纯收入", "应不小于0"),
    ("income text", [V2, "", 100, 10, "否", 2018, "很高"], "人均纯收入", "应为数字"),
    ("same village twice", [V1, "", 100, 10, "否", None, None], "村代码", "与第2行重复"),
]


@pytest.mark.parametrize(("case", "bad", "column", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_village_row_is_reported_and_nothing_is_written(county_user, case, bad, column, message):
    before = fact_counts()
    result = run({"村情": [PROFILE_HEADER, GOOD, bad]}, county_user)
    error = only_error(result)
    assert (error.sheet, error.row, error.column) == ("村情", 3, column)
    assert message in error.message
    assert_nothing_written(before)


def test_valid_rows_write_profiles_and_incomes(clerk):
    result = run({"村情": [PROFILE_HEADER, GOOD, [V2, "", "923", "241", "是", None, None]]}, clerk)
    assert result.ok and result.counts["村情"] == {"read": 2, "created": 2, "updated": 0}
    assert VillageProfile.objects.get(village_id=V1).households == 507
    assert VillageProfile.objects.get(village_id=V2).is_poor is True
    assert VillageIncome.objects.get(village_id=V1, year=2018).income == 8585
    assert not VillageIncome.objects.filter(village_id=V2).exists()


def test_new_village_of_a_known_township_is_created_with_its_name(clerk):
    result = run({"村情": [PROFILE_HEADER, [UNKNOWN, "新建村委会", 500, 100, "否", None, None]]}, clerk)
    assert result.ok
    village = Division.objects.get(code=UNKNOWN)
    assert (village.name, village.level, village.parent_id, village.is_village) == ("新建村委会", 5, "640402103", True)
    assert VillageProfile.objects.get(village_id=UNKNOWN).population == 500


def test_households_equal_to_population_is_allowed(clerk):
    assert run({"村情": [PROFILE_HEADER, [V2, "", 100, 100, "否", 2019, 0]]}, clerk).ok
    assert VillageIncome.objects.get(village_id=V2).income == 0


def test_validation_alone_writes_nothing(clerk):
    before = fact_counts()
    result = run({"村情": [PROFILE_HEADER, GOOD]}, clerk, commit=False)
    assert result.ok and result.record.committed is False
    assert_nothing_written(before)


def test_every_error_of_a_row_is_listed(clerk):
    result = run({"村情": [PROFILE_HEADER, [V2, "", -1, "x", "不知道", 1800, "y"]]}, clerk)
    assert {e.column for e in result.errors} == {"户籍人口", "户数", "是否贫困村", "年度", "人均纯收入"}
    assert all(e.row == 2 for e in result.errors)
    assert {e.value for e in result.errors} >= {-1, "x", "不知道", 1800, "y"}


def test_year_and_income_may_be_typed_as_text(clerk):
    assert run({"村情": [PROFILE_HEADER, [V2, "", 100, 10, "否", "2019", "9,000.5"]]}, clerk).ok
    assert VillageIncome.objects.get(village_id=V2, year=2019).income == Decimal("9000.5")
