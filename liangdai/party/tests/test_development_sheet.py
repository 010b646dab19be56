"""The 发展党员 sheet and its time rules (EXCHANGE.md, DOMAIN.md part 6)."""

import datetime as dt
import io

import pytest
from python_calamine import CalamineWorkbook

from liangdai.cadres.models import Person
from liangdai.core.testing import make_workbook
from liangdai.exchange.pipeline import import_workbook
from liangdai.exchange.sheets import SHEETS
from liangdai.exchange.workbooks import export
from liangdai.leaders.tests.makers import (
    DEVELOPMENT_HEADER,
    HOLDING_HEADER,
    OUTSIDE,
    V1,
    errors_of,
    idno,
    make_person,
    make_record,
)
from liangdai.party.models import DevelopmentRecord

BIRTH = dt.date(1990, 6, 15)
NUMBER = idno(BIRTH, 3, male=False)
SHEET = "发展党员"


def path(*stages: tuple[str, dt.date], name: str | None = "李秀兰", number: str = NUMBER) -> list[list]:
    return [[number, name, V1, stage, day] for stage, day in stages]


FULL_PATH = [
    ("入党申请人", dt.date(2015, 3, 1)),
    ("入党积极分子", dt.date(2015, 9, 1)),
    ("发展对象", dt.date(2016, 9, 1)),
    ("预备党员", dt.date(2016, 12, 1)),
    ("正式党员", dt.date(2017, 12, 1)),
]


def run(actor, rows, extra=None):
    sheets = (extra or {}) | {SHEET: [DEVELOPMENT_HEADER, *rows]}
    return import_workbook(data=make_workbook(sheets), filename="t.xlsx", actor=actor, commit=True)


def test_a_whole_path_creates_the_person_from_the_number_and_each_stage(clerk):
    assert run(clerk, path(*FULL_PATH)).errors == []
    person = Person.objects.get()
    assert (person.name, person.birth_date, person.sex) == ("李秀兰", BIRTH, "女")
    assert list(DevelopmentRecord.objects.order_by("date").values_list("stage", "date")) == FULL_PATH


def test_a_path_may_begin_at_any_stage(clerk):
    assert run(clerk, path(("预备党员", dt.date(2018, 5, 1)))).errors == []


@pytest.mark.parametrize(
    ("stages", "row", "message"),
    [
        (
            [("入党积极分子", dt.date(2016, 1, 1)), ("入党申请人", dt.date(2016, 2, 1))],
            2,
            "入党积极分子的日期（2016-01-01）早于入党申请人的日期（2016-02-01），日期不能倒退",
        ),
        (
            [("入党申请人", dt.date(2008, 6, 14))],
            2,
            "申请入党时须年满18周岁（2008-06-14时为17岁）",
        ),
        (
            [("入党积极分子", dt.date(2016, 1, 10)), ("发展对象", dt.date(2017, 1, 9))],
            3,
            "确定为发展对象（2017-01-09）须在成为入党积极分子（2016-01-10）满一年之后",
        ),
        (
            [("预备党员", dt.date(2017, 3, 1)), ("正式党员", dt.date(2018, 2, 28))],
            3,
            "预备期为一年：转为正式党员（2018-02-28）不能早于2018-03-01",
        ),
        (
            [("预备党员", dt.date(2016, 3, 1)), ("正式党员", dt.date(2018, 3, 2))],
            3,
            "预备期最长延长一年：转为正式党员（2018-03-02）不能晚于2018-03-01",
        ),
    ],
)
def test_each_time_rule_is_an_error_on_the_date_and_nothing_is_written(clerk, stages, row, message):
    result = run(clerk, path(*stages))
    assert errors_of(result) == [(SHEET, row, "日期", message)]
    assert not DevelopmentRecord.objects.exists()
    assert not Person.objects.exists()


def test_the_limits_themselves_are_allowed(clerk):
    stages = [
        ("入党申请人", dt.date(2008, 6, 15)),  # 18 that day
        ("入党积极分子", dt.date(2009, 1, 10)),
        ("发展对象", dt.date(2010, 1, 10)),  # one year to the day
        ("预备党员", dt.date(2010, 3, 1)),
        ("正式党员", dt.date(2012, 3, 1)),  # the longest probation: two years
    ]
    assert run(clerk, path(*stages)).errors == []


def test_the_rules_hold_against_the_stages_on_record(clerk):
    person = make_person("李秀兰", BIRTH, 3, male=False)
    make_record(person, "预备党员", dt.date(2018, 5, 1))
    result = run(clerk, path(("正式党员", dt.date(2018, 12, 1)), name=None))
    assert errors_of(result) == [(SHEET, 2, "日期", "预备期为一年：转为正式党员（2018-12-01）不能早于2019-05-01")]


def test_a_row_replacing_a_stage_on_record_is_measured_without_the_old_date(clerk):
    person = make_person("李秀兰", BIRTH, 3, male=False)
    make_record(person, "预备党员", dt.date(2018, 5, 1))
    result = run(clerk, path(("预备党员", dt.date(2017, 11, 1)), ("正式党员", dt.date(2018, 12, 1)), name=None))
    assert result.errors == []
    assert DevelopmentRecord.objects.get(stage="预备党员").date == dt.date(2017, 11, 1)


def test_a_new_person_needs_a_name(clerk):
    result = run(clerk, path(("入党申请人", dt.date(2015, 3, 1)), name=None))
    assert errors_of(result) == [(SHEET, 2, "姓名", "系统中尚无此人，姓名必填")]


def test_one_named_row_is_enough_for_a_new_person(clerk):
    rows = path(*FULL_PATH[:2], name=None) + path(FULL_PATH[2])
    assert run(clerk, rows).errors == []
    assert Person.objects.get().name == "李秀兰"


def test_a_person_of_an_earlier_sheet_needs_no_name(clerk):
    cadre = ["李秀兰", NUMBER, "女", "汉族", "高中", "群众", "", V1, "村委会委员", dt.date(2016, 1, 1), "", "", ""]
    result = run(clerk, path(*FULL_PATH[:2], name=None), extra={"村干部": [HOLDING_HEADER, cadre]})
    assert result.errors == []


def test_a_name_differing_from_the_record_is_an_error(clerk):
    make_person("李秀兰", BIRTH, 3, male=False)
    result = run(clerk, path(FULL_PATH[0], name="李秀英"))
    assert errors_of(result) == [(SHEET, 2, "姓名", "姓名“李秀英”与公民身份号码不符，请核对姓名和号码")]


def test_the_same_stage_twice_is_an_error(clerk):
    result = run(clerk, path(FULL_PATH[0], FULL_PATH[0]))
    assert errors_of(result) == [(SHEET, 3, "公民身份号码", "与第2行重复（同一公民身份号码+阶段）")]


def test_an_organisation_outside_the_area_is_an_error(clerk):
    rows = [[NUMBER, "李秀兰", OUTSIDE, "入党申请人", dt.date(2015, 3, 1)]]
    result = run(clerk, rows)
    assert errors_of(result) == [(SHEET, 2, "党组织村代码", f"村代码 {OUTSIDE} 不在您的管辖范围内，不能导入")]


def test_a_stage_recorded_outside_the_area_cannot_be_changed(clerk):
    person = make_person("李秀兰", BIRTH, 3, male=False)
    make_record(person, "入党申请人", dt.date(2015, 3, 1), village=OUTSIDE)
    result = run(clerk, path(("入党申请人", dt.date(2015, 4, 1)), name=None))
    assert errors_of(result) == [(SHEET, 2, "阶段", "此人的“入党申请人”已由您管辖范围以外的党组织登记，不能在此修改")]


def _exported(actor) -> list[list]:
    data = export([SHEETS[SHEET]], actor)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(SHEET).to_python()


def test_the_export_lists_the_path_in_order_and_the_outsider_gets_nothing(clerk, outsider):
    run(clerk, path(*reversed(FULL_PATH)))
    rows = _exported(clerk)
    assert [r[3] for r in rows[1:]] == [s for s, _ in FULL_PATH]
    assert rows[1][0] == NUMBER[:3] + "***********" + NUMBER[-4:]
    assert len(_exported(outsider)) == 1


def test_an_exported_sheet_imports_again_unchanged(system):
    run(system, path(*FULL_PATH))
    again = import_workbook(data=export([SHEETS[SHEET]], system), filename="e.xlsx", actor=system, commit=True)
    assert again.errors == []
    assert again.counts[SHEET] == {"read": 5, "created": 0, "updated": 0}
