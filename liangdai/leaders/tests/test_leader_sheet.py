"""The 致富带头人 sheet: every rule of EXCHANGE.md, one error each, nothing written on an error."""

import datetime as dt
import io

import pytest
from python_calamine import CalamineWorkbook

from liangdai.audit.models import AuditLog
from liangdai.cadres.models import Person
from liangdai.core.testing import make_workbook
from liangdai.exchange.pipeline import import_workbook
from liangdai.exchange.sheets import SHEETS
from liangdai.exchange.workbooks import export
from liangdai.leaders.models import WealthLeader

from .makers import (
    HOLDING_HEADER,
    LEADER_HEADER,
    OUTSIDE,
    V1,
    V2,
    errors_of,
    idno,
    leader_row,
    make_leader,
    make_person,
)

NUMBER = idno(dt.date(1975, 3, 8), 7)


def run(actor, *rows, extra=None):
    sheets = (extra or {}) | {"致富带头人": [LEADER_HEADER, *rows]}
    return import_workbook(data=make_workbook(sheets), filename="t.xlsx", actor=actor, commit=True)


def test_a_valid_row_creates_the_person_and_the_leader(clerk):
    assert run(clerk, leader_row()).errors == []
    leader = WealthLeader.objects.select_related("person").get()
    assert (leader.person.name, leader.person.birth_date, leader.person.sex) == ("马金花", dt.date(1975, 3, 8), "男")
    assert (leader.village_id, leader.people, leader.households, leader.poor_households) == (V1, 40, 12, 6)
    assert (leader.scale_unit, str(leader.income), leader.recognised_on) == ("头", "30.50", dt.date(2018, 4, 1))


@pytest.mark.parametrize(
    ("change", "column", "message"),
    [
        ({"带动人数": 11}, "带动人数", "带动人数（11）不能少于带动户数（12）"),
        ({"带动脱贫户数": 13}, "带动脱贫户数", "带动脱贫户数（13）不能多于带动户数（12）"),
        ({"规模单位": None}, "规模单位", "填写经营规模时，规模单位必填"),
        ({"学历": None}, "学历", "系统中尚无此人，该项必填"),
        ({"政治面貌": None}, "政治面貌", "系统中尚无此人，该项必填"),
        ({"性别": "女"}, "性别", "性别“女”与公民身份号码不符（号码第17位表示男）"),
        (
            {"产业类型": "采矿"},
            "产业类型",
            "应为以下之一：种植业、养殖业、农产品加工、乡村旅游、电子商务、劳务经纪、其他",
        ),
        ({"来源": "选派"}, "来源", "应为以下之一：就地培养、回引、外引"),
        ({"年收入": -1}, "年收入", "应不小于0"),
        ({"认定日期": None}, "认定日期", "必填项不能为空"),
    ],
)
def test_a_rule_broken_is_one_error_and_nothing_is_written(clerk, change, column, message):
    result = run(clerk, leader_row(**change))
    assert errors_of(result) == [("致富带头人", 2, column, message)]
    assert not WealthLeader.objects.exists()
    assert not Person.objects.exists()


def test_a_person_on_record_needs_no_education_and_keeps_it(clerk):
    person = make_person("马金花", dt.date(1975, 3, 8), 7, education="大专", political_status="中共党员")
    assert run(clerk, leader_row(学历=None, 政治面貌=None, 公民身份号码=person.id_number)).errors == []
    person.refresh_from_db()
    assert (person.education, person.political_status) == ("大专", "中共党员")


def test_a_person_of_the_cadre_sheet_of_the_same_workbook_needs_no_education(clerk):
    cadre = ["马金花", NUMBER, "男", "回族", "高中", "中共党员", "", V1, "村委会委员", dt.date(2016, 1, 1), "", "", ""]
    result = run(clerk, leader_row(学历=None, 政治面貌=None), extra={"村干部": [HOLDING_HEADER, cadre]})
    assert result.errors == []
    assert WealthLeader.objects.get().person.education == "高中"


def test_a_name_differing_from_the_record_is_an_error(clerk):
    make_person("马金花", dt.date(1975, 3, 8), 7)
    result = run(clerk, leader_row(姓名="马银花"))
    assert errors_of(result) == [("致富带头人", 2, "姓名", "姓名“马银花”与公民身份号码不符，请核对姓名和号码")]


def test_the_same_number_twice_is_an_error(clerk):
    result = run(clerk, leader_row(), leader_row(村代码=V2))
    assert errors_of(result) == [("致富带头人", 3, "公民身份号码", "与第2行重复（同一公民身份号码）")]


def test_a_village_outside_the_area_is_an_error(clerk):
    result = run(clerk, leader_row(村代码=OUTSIDE))
    assert errors_of(result) == [("致富带头人", 2, "村代码", f"村代码 {OUTSIDE} 不在您的管辖范围内，不能导入")]


def test_a_leader_registered_outside_the_area_cannot_be_moved_in(clerk):
    make_leader(make_person("马金花", dt.date(1975, 3, 8), 7), village=OUTSIDE)
    result = run(clerk, leader_row())
    assert errors_of(result) == [
        ("致富带头人", 2, "公民身份号码", "此人已在您管辖范围以外的村登记为致富带头人，不能在此导入")
    ]
    assert WealthLeader.objects.get().village_id == OUTSIDE


def test_a_second_import_updates_by_the_number_and_the_same_changes_nothing(clerk):
    run(clerk, leader_row())
    changed = run(clerk, leader_row(带动人数=55))
    assert changed.counts["致富带头人"] == {"read": 1, "created": 0, "updated": 1}
    assert WealthLeader.objects.get().people == 55
    again = run(clerk, leader_row(带动人数=55))
    assert again.counts["致富带头人"] == {"read": 1, "created": 0, "updated": 0}


def _exported(actor) -> list[list]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(export([SHEETS["致富带头人"]], actor)))
    return book.get_sheet_by_name("致富带头人").to_python()


def test_the_export_holds_the_area_masked_and_the_outsider_gets_nothing(clerk, outsider):
    run(clerk, leader_row())
    rows = _exported(clerk)
    assert rows[0][:2] == ["姓名*", "公民身份号码*"]
    assert len(rows) == 2
    assert rows[1][1] == NUMBER[:3] + "***********" + NUMBER[-4:]
    assert rows[1][7:10] == [V1, "养殖业", "肉牛"]
    assert len(_exported(outsider)) == 1


def test_an_exported_sheet_imports_again_unchanged(system):
    run(system, leader_row())
    data = export([SHEETS["致富带头人"]], system)
    again = import_workbook(data=data, filename="export.xlsx", actor=system, commit=True)
    assert again.errors == []
    assert again.counts["致富带头人"] == {"read": 1, "created": 0, "updated": 0}


def test_each_row_written_leaves_an_audit_record(clerk):
    run(clerk, leader_row())
    leader = WealthLeader.objects.get()
    entry = AuditLog.objects.get(entity="wealth_leader", action="导入新增")
    assert (entry.entity_id, entry.code, entry.actor) == (str(leader.pk), V1, clerk)
    assert AuditLog.objects.filter(entity="person", action="导入新增").count() == 1
    run(clerk, leader_row(带动人数=41))
    update = AuditLog.objects.get(entity="wealth_leader", action="导入更新")
    assert (update.before, update.after) == ({"people": 40}, {"people": 41})
