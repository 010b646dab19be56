"""The 个人考核 sheet: a grade for a person who holds a position in that year, in the area."""

import datetime as dt
import io

import pytest
from python_calamine import CalamineWorkbook

from liangdai.assessment.models import Appraisal
from liangdai.core.testing import make_workbook
from liangdai.exchange.pipeline import import_workbook
from liangdai.exchange.sheets import SHEETS
from liangdai.exchange.workbooks import export
from liangdai.leaders.tests.makers import (
    APPRAISAL_HEADER,
    HOLDING_HEADER,
    OUTSIDE,
    V1,
    errors_of,
    idno,
    make_holding,
    make_person,
)

SHEET = "个人考核"
NOT_HELD = "此人2018年度未在您管辖范围内的村“两委”任职，不能考核"


def run(actor, *rows, extra=None):
    sheets = (extra or {}) | {SHEET: [APPRAISAL_HEADER, *rows]}
    return import_workbook(data=make_workbook(sheets), filename="t.xlsx", actor=actor, commit=True)


@pytest.fixture
def cadre(db):
    person = make_person("王建国", serial=1)
    make_holding(V1, person, start=dt.date(2016, 1, 1), end=dt.date(2018, 1, 1))
    return person


def test_a_grade_of_a_year_in_office(clerk, cadre):
    assert run(clerk, [cadre.id_number, 2018, "优秀"], [cadre.id_number, 2016, "称职"]).errors == []
    assert dict(Appraisal.objects.values_list("year", "grade")) == {2018: "优秀", 2016: "称职"}


def test_a_second_import_updates_the_grade(clerk, cadre):
    run(clerk, [cadre.id_number, 2018, "优秀"])
    again = run(clerk, [cadre.id_number, 2018, "基本称职"])
    assert again.counts[SHEET] == {"read": 1, "created": 0, "updated": 1}
    assert Appraisal.objects.get().grade == "基本称职"


@pytest.mark.parametrize("year", [2015, 2019])
def test_a_year_out_of_office_is_an_error(clerk, cadre, year):
    result = run(clerk, [cadre.id_number, year, "称职"])
    assert errors_of(result) == [(SHEET, 2, "年度", NOT_HELD.replace("2018", str(year)))]
    assert not Appraisal.objects.exists()


def test_a_position_outside_the_area_or_none_is_the_same_error(clerk):
    elsewhere = make_person("赵六", serial=2)
    make_holding(OUTSIDE, elsewhere)
    nobody = make_person("钱七", serial=3)
    result = run(clerk, [elsewhere.id_number, 2018, "称职"], [nobody.id_number, 2018, "称职"])
    assert errors_of(result) == [(SHEET, 2, "年度", NOT_HELD), (SHEET, 3, "年度", NOT_HELD)]


def test_a_cadre_of_the_cadre_sheet_of_the_same_workbook_may_be_graded(clerk):
    number = idno(dt.date(1982, 2, 2), 15)
    cadre = ["周强", number, "男", "汉族", "高中", "群众", "", V1, "村委会委员", dt.date(2016, 1, 1), "", "", ""]
    result = run(clerk, [number, 2018, "优秀"], extra={"村干部": [HOLDING_HEADER, cadre]})
    assert result.errors == []
    assert Appraisal.objects.get().person.id_number == number


def test_a_grade_not_in_the_list_is_an_error(clerk, cadre):
    result = run(clerk, [cadre.id_number, 2018, "良好"])
    assert errors_of(result) == [(SHEET, 2, "考核等次", "应为以下之一：优秀、称职、基本称职、不称职")]


def test_the_same_person_and_year_twice_is_an_error(clerk, cadre):
    result = run(clerk, [cadre.id_number, 2018, "优秀"], [cadre.id_number, 2018, "称职"])
    assert errors_of(result) == [(SHEET, 3, "公民身份号码", "与第2行重复（同一公民身份号码+年度）")]


def _exported(actor) -> list[list]:
    data = export([SHEETS[SHEET]], actor)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(SHEET).to_python()


def test_the_export_holds_the_grades_of_the_area_and_the_outsider_gets_nothing(clerk, outsider, cadre):
    run(clerk, [cadre.id_number, 2018, "优秀"])
    masked = cadre.id_number[:3] + "***********" + cadre.id_number[-4:]
    assert _exported(clerk)[1:] == [[masked, cadre.name, 2018.0, "优秀"]]
    assert len(_exported(outsider)) == 1


def test_an_exported_sheet_imports_again_unchanged(system, cadre):
    run(system, [cadre.id_number, 2018, "优秀"])
    again = import_workbook(data=export([SHEETS[SHEET]], system), filename="e.xlsx", actor=system, commit=True)
    assert again.errors == []
    assert again.counts[SHEET] == {"read": 1, "created": 0, "updated": 0}
