"""The 培训 sheet: trainees are persons on record (or of an earlier sheet), the class columns agree."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from python_calamine import CalamineWorkbook

from liangdai.core.testing import make_workbook
from liangdai.exchange.pipeline import import_workbook
from liangdai.exchange.sheets import SHEETS
from liangdai.exchange.workbooks import export
from liangdai.leaders.tests.makers import (
    HOLDING_HEADER,
    OUTSIDE,
    TRAINING_HEADER,
    V1,
    errors_of,
    idno,
    make_class,
    make_holding,
    make_leader,
    make_person,
)
from liangdai.training.models import Enrolment, TrainingClass

SHEET = "培训"
START, END = dt.date(2019, 5, 2), dt.date(2019, 5, 4)


@pytest.fixture
def trainee(db):
    person = make_person("王建国", serial=11)
    make_holding(V1, person)
    return person


def row(person, **change) -> list:
    values = {
        "培训班名称": "示范培训班（第5期）",
        "举办层级": "自治区",
        "培训基地": "闽宁镇示范培训基地",
        "是否示范班": "是",
        "开始日期": START,
        "结束日期": END,
        "学员公民身份号码": person.id_number,
        "学员姓名": person.name,
        "是否结业": None,
    } | change
    return [values[h] for h in TRAINING_HEADER]


def run(actor, *rows, extra=None):
    sheets = (extra or {}) | {SHEET: [TRAINING_HEADER, *rows]}
    return import_workbook(data=make_workbook(sheets), filename="t.xlsx", actor=actor, commit=True)


def test_a_row_creates_the_class_and_a_completed_enrolment(clerk, trainee):
    assert run(clerk, row(trainee)).errors == []
    enrolment = Enrolment.objects.select_related("training_class").get()
    c = enrolment.training_class
    assert (c.name, c.level, c.base, c.is_demo, c.start, c.end) == (
        "示范培训班（第5期）",
        "自治区",
        "闽宁镇示范培训基地",
        True,
        START,
        END,
    )
    assert (enrolment.person, enrolment.completed) == (trainee, True)


def test_two_trainees_share_one_class(clerk, trainee):
    other = make_person("李梅", serial=12, male=False)
    make_leader(other, V1)
    assert run(clerk, row(trainee), row(other, 是否结业="否")).errors == []
    assert TrainingClass.objects.count() == 1
    assert sorted(Enrolment.objects.values_list("completed", flat=True)) == [False, True]


@pytest.mark.parametrize(
    ("change", "column", "message"),
    [
        ({"结束日期": dt.date(2019, 5, 1)}, "结束日期", "结束日期（2019-05-01）不能早于开始日期（2019-05-02）"),
        ({"举办层级": "市"}, "是否示范班", "示范班须为自治区举办的培训班"),
        ({"举办层级": "省"}, "举办层级", "应为以下之一：自治区、市、县、乡镇"),
        ({"学员姓名": "王建军"}, "学员姓名", "姓名“王建军”与公民身份号码不符，请核对姓名和号码"),
        ({"是否结业": "结业"}, "是否结业", "应填“是”或“否”"),
    ],
)
def test_a_rule_broken_is_one_error_and_nothing_is_written(clerk, trainee, change, column, message):
    result = run(clerk, row(trainee, **change))
    assert errors_of(result) == [(SHEET, 2, column, message)]
    assert not TrainingClass.objects.exists()


NOT_ON_RECORD = "学员须为系统中（您管辖范围内）已有的人员，请先在村干部或致富带头人表中录入"


def test_a_trainee_not_on_record_is_an_error(clerk):
    stranger = SimpleNamespace(name="赵六", id_number=idno(dt.date(1980, 1, 1), 14))
    result = run(clerk, row(stranger))
    assert errors_of(result) == [(SHEET, 2, "学员公民身份号码", NOT_ON_RECORD)]


def test_a_trainee_of_another_area_is_the_same_error(clerk):
    elsewhere = make_person("赵六", serial=13)
    make_holding(OUTSIDE, elsewhere)
    result = run(clerk, row(elsewhere))
    assert errors_of(result) == [(SHEET, 2, "学员公民身份号码", NOT_ON_RECORD)]


def test_a_trainee_of_the_cadre_sheet_of_the_same_workbook_is_on_record(clerk):
    number = idno(dt.date(1982, 2, 2), 15)
    cadre = ["周强", number, "男", "汉族", "高中", "群众", "", V1, "村委会委员", dt.date(2016, 1, 1), "", "", ""]
    training = row(SimpleNamespace(name="周强", id_number=number))
    result = run(clerk, training, extra={"村干部": [HOLDING_HEADER, cadre]})
    assert result.errors == []
    assert Enrolment.objects.get().person.id_number == number


def test_rows_of_one_class_must_agree(clerk, trainee):
    other = make_person("李梅", serial=12, male=False)
    make_leader(other, V1)
    result = run(clerk, row(trainee), row(other, 培训基地="西吉县示范培训基地"))
    assert errors_of(result) == [
        (SHEET, 3, "培训基地", "同一培训班（名称+开始日期）的培训基地应一致，第2行为“闽宁镇示范培训基地”")
    ]


def test_a_class_on_record_changes_only_at_its_level(clerk, system, trainee):
    make_class("示范培训班（第5期）", "自治区", START, END, base="闽宁镇示范培训基地", is_demo=True)
    result = run(clerk, row(trainee, 结束日期=dt.date(2019, 5, 6)))
    assert errors_of(result) == [
        (
            SHEET,
            2,
            "培训班名称",
            "培训班“示范培训班（第5期）（2019-05-02）”已登记，只有自治区级及以上用户可以修改其信息",
        )
    ]
    assert run(system, row(trainee, 结束日期=dt.date(2019, 5, 6))).errors == []
    assert TrainingClass.objects.get().end == dt.date(2019, 5, 6)


def test_the_same_trainee_twice_in_a_class_is_an_error(clerk, trainee):
    result = run(clerk, row(trainee), row(trainee))
    assert errors_of(result) == [(SHEET, 3, "培训班名称", "与第2行重复（同一培训班名称+开始日期+学员公民身份号码）")]


def _exported(actor) -> list[list]:
    data = export([SHEETS[SHEET]], actor)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(SHEET).to_python()


def test_the_export_holds_the_area_trainees_and_the_outsider_gets_nothing(clerk, outsider, trainee):
    run(clerk, row(trainee))
    rows = _exported(clerk)
    assert len(rows) == 2
    assert rows[1][:4] == ["示范培训班（第5期）", "自治区", "闽宁镇示范培训基地", "是"]
    assert rows[1][6] == trainee.id_number[:3] + "***********" + trainee.id_number[-4:]
    assert rows[1][7:] == ["王建国", "是"]
    assert len(_exported(outsider)) == 1


def test_an_exported_sheet_imports_again_unchanged(system, trainee):
    run(system, row(trainee))
    again = import_workbook(data=export([SHEETS[SHEET]], system), filename="e.xlsx", actor=system, commit=True)
    assert again.errors == []
    assert again.counts[SHEET] == {"read": 1, "created": 0, "updated": 0}
