"""The 星级评定 sheet: stars follow the year's thresholds; a weak-and-lax flag creates the weak
organisation of the cadres app for that year."""

import datetime as dt
import io

import pytest
from python_calamine import CalamineWorkbook

from liangdai.assessment.models import StarRating
from liangdai.cadres.models import WeakOrganisation
from liangdai.core.testing import make_workbook
from liangdai.exchange.pipeline import import_workbook
from liangdai.exchange.sheets import SHEETS
from liangdai.exchange.workbooks import export
from liangdai.leaders.tests.makers import OUTSIDE, STAR_HEADER, V1, V2, errors_of
from liangdai.rules.models import RuleSet

SHEET = "星级评定"


def run(actor, *rows):
    data = make_workbook({SHEET: [STAR_HEADER, *rows]})
    return import_workbook(data=data, filename="t.xlsx", actor=actor, commit=True)


def test_stars_left_out_follow_the_default_thresholds(clerk):
    rows = [[V1, 2018, score, None, None, None] for score in (90, 89.99)]
    rows[1][0] = V2
    assert run(clerk, *rows).errors == []
    assert dict(StarRating.objects.values_list("village_id", "stars")) == {V1: 5, V2: 4}


@pytest.mark.parametrize(("score", "stars"), [(50, 1), (49.9, 0), (0, 0), (100, 5), (70, 3)])
def test_stars_given_that_agree_are_kept(clerk, score, stars):
    assert run(clerk, [V1, 2018, score, stars, "否", None]).errors == []
    assert StarRating.objects.get().stars == stars


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ([V1, 2018, 86.6, 5, None, None], "星级", "星级（5）与2018年度分数线不符：得分86.6应为4星"),
        ([V1, 2018, 101, None, None, None], "得分", "应不大于100"),
        ([V1, 2018, 80.125, None, None, None], "得分", "得分最多保留两位小数"),
        ([V1, 2018, 80, 6, None, None], "星级", "应不大于5"),
        ([V1, 2018, 80, None, "是", None], "软弱涣散原因", "是否软弱涣散为“是”时，软弱涣散原因必填"),
        ([V1, None, 80, None, None, None], "年度", "必填项不能为空"),
        ([OUTSIDE, 2018, 80, None, None, None], "村代码", f"村代码 {OUTSIDE} 不在您的管辖范围内，不能导入"),
    ],
)
def test_a_rule_broken_is_one_error_and_nothing_is_written(clerk, row, column, message):
    result = run(clerk, row)
    assert errors_of(result) == [(SHEET, 2, column, message)]
    assert not StarRating.objects.exists()
    assert not WeakOrganisation.objects.exists()


def test_a_county_threshold_rule_of_the_year_applies(clerk):
    RuleSet.objects.create(
        kind="star_thresholds", year=2018, code="640402", data={"thresholds": [[95, 5], [85, 4], [75, 3]]}
    )
    # 90 is 4 stars by the county's rule from 2018 (5 by default); in 2017 the default holds: 80 is 4 (not 3).
    result = run(clerk, [V1, 2018, 90, 4, None, None], [V2, 2017, 80, None, None, None])
    assert result.errors == []
    assert dict(StarRating.objects.values_list("year", "stars")) == {2018: 4, 2017: 4}
    assert run(clerk, [V1, 2018, 80, 4, None, None]).errors[0].message == (
        "星级（4）与2018年度分数线不符：得分80应为3星"
    )


def test_a_weak_flag_creates_and_updates_the_weak_organisation_of_the_year(clerk):
    assert run(clerk, [V1, 2018, 40, 0, "是", "班子不团结"]).errors == []
    weak = WeakOrganisation.objects.get()
    assert (weak.village_id, weak.year, weak.reason, weak.flagged_on) == (V1, 2018, "班子不团结", dt.date(2018, 12, 31))
    assert run(clerk, [V1, 2018, 40, 0, "是", "书记长期不在村"]).errors == []
    assert WeakOrganisation.objects.get().reason == "书记长期不在村"


def test_no_cannot_withdraw_a_weak_flag_on_record(clerk):
    run(clerk, [V1, 2018, 40, 0, "是", "班子不团结"])
    result = run(clerk, [V1, 2018, 40, 0, "否", None])
    assert errors_of(result) == [
        (SHEET, 2, "是否软弱涣散", "该村党组织2018年度已认定为软弱涣散，不能通过导入撤销；请在整顿页面处理")
    ]
    assert run(clerk, [V1, 2018, 41, 0, None, None]).errors == []  # blank says nothing about it
    assert WeakOrganisation.objects.count() == 1


def _exported(actor) -> list[list]:
    data = export([SHEETS[SHEET]], actor)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(SHEET).to_python()


def test_the_export_carries_the_flag_and_the_outsider_gets_nothing(clerk, outsider):
    run(clerk, [V1, 2018, 40, 0, "是", "班子不团结"], [V2, 2018, 91, None, None, None])
    assert _exported(clerk)[1:] == [[V1, 2018.0, 40.0, 0.0, "是", "班子不团结"], [V2, 2018.0, 91.0, 5.0, "否", ""]]
    assert len(_exported(outsider)) == 1


def test_an_exported_sheet_imports_again_unchanged(system):
    run(system, [V1, 2018, 40, 0, "是", "班子不团结"], [V2, 2018, 91, None, None, None])
    again = import_workbook(data=export([SHEETS[SHEET]], system), filename="e.xlsx", actor=system, commit=True)
    assert again.errors == []
    assert again.counts[SHEET] == {"read": 2, "created": 0, "updated": 0}
