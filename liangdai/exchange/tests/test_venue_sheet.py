"""Every rule of the 活动场所 sheet (EXCHANGE.md), each broken once: message, row, column, nothing written."""

import datetime as dt
from decimal import Decimal

import pytest

from liangdai.villages.models import Venue

from .helpers import OUTSIDE, UNKNOWN, V1, V2, VENUE_HEADER, assert_nothing_written, fact_counts, only_error, run

GOOD = [V1, 471, "扩建", dt.date(2019, 4, 24), "专项支持", "桌椅"]

BROKEN = [
    ("code blank", [None, 300, "新建", dt.date(2019, 1, 1), None, None], "村代码", "必填项不能为空"),
    ("code typed as a number", [640402103201, 300, "新建", dt.date(2019, 1, 1), None, None], "村代码", "文本格式"),
    ("code unknown", [UNKNOWN, 300, "新建", dt.date(2019, 1, 1), None, None], "村代码", "不是已知的村级区划代码"),
    ("code outside the area", [OUTSIDE, 300, "新建", dt.date(2019, 1, 1), None, None], "村代码", "不在您的管辖范围内"),
    ("area blank", [V2, None, "新建", dt.date(2019, 1, 1), None, None], "面积", "必填项不能为空"),
    ("area zero", [V2, 0, "新建", dt.date(2019, 1, 1), None, None], "面积", "应大于0"),
    ("area negative", [V2, -10, "新建", dt.date(2019, 1, 1), None, None], "面积", "应大于0"),
    ("area above 20000", [V2, 20000.5, "新建", dt.date(2019, 1, 1), None, None], "面积", "应不大于20000"),
    ("area text", [V2, "三百", "新建", dt.date(2019, 1, 1), None, None], "面积", "应为数字"),
    ("build mode blank", [V2, 300, None, dt.date(2019, 1, 1), None, None], "建设方式", "必填项不能为空"),
    (
        "build mode unknown",
        [V2, 300, "翻新", dt.date(2019, 1, 1), None, None],
        "建设方式",
        "应为以下之一：新建、扩建、改建、原有",
    ),
    (
        "completion missing for 新建",
        [V2, 300, "新建", None, None, None],
        "完成日期",
        "建设方式为“新建”时，完成日期必填",
    ),
    (
        "completion missing for 扩建",
        [V2, 300, "扩建", None, None, None],
        "完成日期",
        "建设方式为“扩建”时，完成日期必填",
    ),
    (
        "completion missing for 改建",
        [V2, 300, "改建", None, None, None],
        "完成日期",
        "建设方式为“改建”时，完成日期必填",
    ),
    ("completion not a date", [V2, 300, "新建", "2019-13-01", None, None], "完成日期", "日期格式不正确"),
    ("completion a bare number", [V2, 300, "新建", 43769, None, None], "完成日期", "日期格式不正确"),
    ("funding unknown", [V2, 300, "原有", None, "财政", None], "资金来源", "应为以下之一：专项支持、项目整合、其他"),
    ("facility unknown", [V2, 300, "原有", None, None, "空调、电视"], "设施", "“电视”不在可选范围内"),
    ("same village twice", [V1, 300, "原有", None, None, None], "村代码", "与第2行重复"),
]


@pytest.mark.parametrize(("case", "bad", "column", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_venue_row_is_reported_and_nothing_is_written(county_user, case, bad, column, message):
    before = fact_counts()
    result = run({"活动场所": [VENUE_HEADER, GOOD, bad]}, county_user)
    error = only_error(result)
    assert (error.sheet, error.row, error.column) == ("活动场所", 3, column)
    assert message in error.message
    assert_nothing_written(before)


def test_valid_venues_are_written(clerk):
    rows = [VENUE_HEADER, GOOD, [V2, "211.5", "原有", None, None, "卫生室,暖气，空调、卫生室"]]
    result = run({"活动场所": rows}, clerk)
    assert result.ok and result.counts["活动场所"]["created"] == 2
    first = Venue.objects.get(village_id=V1)
    assert (first.area, first.build_mode, first.completed_on, first.funding_source, first.facilities) == (
        471,
        "扩建",
        dt.date(2019, 4, 24),
        "专项支持",
        ["桌椅"],
    )
    second = Venue.objects.get(village_id=V2)
    # Lists are separated by 、 or a comma (either width); a repeated item is kept once.
    assert (second.area, second.completed_on, second.facilities) == (Decimal("211.5"), None, ["卫生室", "暖气", "空调"])


def test_area_of_exactly_20000_is_allowed(clerk):
    assert run({"活动场所": [VENUE_HEADER, [V2, 20000, "原有", None, None, None]]}, clerk).ok


def test_a_venue_of_a_village_outside_the_township_is_refused_for_the_clerk(clerk):
    """The clerk of 官厅镇 may not write a venue of another township of the same county."""
    before = fact_counts()
    error = only_error(run({"活动场所": [VENUE_HEADER, ["640402104200", 300, "原有", None, None, None]]}, clerk))
    assert (error.row, error.column) == (2, "村代码")
    assert "不在您的管辖范围内" in error.message
    assert_nothing_written(before)
