"""An export read back by a user without the right to see numbers (issue 11, round trip): masked
identity numbers find the persons they came from, within the user's area only; masked phone numbers
left as exported keep what is on record; an edited masked cell is refused with how to correct it."""

import datetime as dt
import io

import pytest
from python_calamine import CalamineWorkbook

from liangdai.assessment.models import Appraisal
from liangdai.audit.models import AuditLog
from liangdai.cadres.models import Holding, Person
from liangdai.cadres.unmasking import number_ambiguous, number_unknown, phone_changed
from liangdai.core.idnumbers import mask, mask_phone
from liangdai.core.testing import make_profile, make_workbook
from liangdai.exchange.models import ImportRecord
from liangdai.exchange.pipeline import import_workbook
from liangdai.exchange.services import area_export
from liangdai.leaders.models import WealthLeader
from liangdai.leaders.tests.makers import (
    OUTSIDE,
    V1,
    V2,
    V3,
    idno,
    make_appraisal,
    make_class,
    make_enrolment,
    make_holding,
    make_leader,
    make_record,
)
from liangdai.villages.models import VillageProfile

D = dt.date
ROW_ACTIONS = ("导入新增", "导入更新")
PHONE = "13812345678"
PROFILE = {"nationality": "汉族", "education": "高中", "political_status": "中共党员"}


def person(name: str, birth: dt.date, serial: int = 1, male: bool = True, **extra) -> Person:
    number = idno(birth, serial, male)
    values = PROFILE | extra
    return Person.objects.create(id_number=number, name=name, birth_date=birth, sex="男" if male else "女", **values)


def twin(of: Person) -> Person:
    """Another person whose number masks like `of`'s (same first three and last four characters)."""
    for days in range(1, 4000):
        birth = of.birth_date + dt.timedelta(days=days)
        number = idno(birth, int(of.id_number[14:16]))
        if mask(number) == mask(of.id_number) and number != of.id_number:
            return Person.objects.create(id_number=number, name=of.name, birth_date=birth, sex=of.sex, **PROFILE)
    raise AssertionError("no twin number found")


@pytest.fixture
def area(db):
    """官厅镇 as a clerk exports it: two cadres, a wealth leader, an applicant, a class, a grade."""
    make_profile(V1, population=1200)
    zhang = person("张三", D(1970, 5, 1), 1, phone=PHONE)
    li = person("李四", D(1975, 8, 9), 2)
    wang = person("王芳", D(1980, 2, 3), 3, male=False, phone="13900001111", education="", political_status="")
    zhao = person("赵六", D(1995, 6, 7), 4)
    make_holding(V1, zhang, start=D(2015, 1, 1))
    make_holding(V2, li, position="村委会主任", start=D(2016, 1, 1))
    make_leader(wang, V1)
    make_record(zhao, "入党申请人", D(2018, 3, 1))
    make_enrolment(make_class(), zhang)
    make_appraisal(zhang, 2018, "优秀")
    return {"zhang": zhang, "li": li, "wang": wang, "zhao": zhao}


def sheets_of(data: bytes) -> dict[str, list[list]]:
    """The workbook as a user's spreadsheet program holds it, headers without their asterisk."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = {n: book.get_sheet_by_name(n).to_python() for n in book.sheet_names}
    for rows in sheets.values():
        rows[0] = [str(h).rstrip("*") for h in rows[0]]
    return {n: rows for n, rows in sheets.items() if len(rows) > 1}


def cell(sheets, sheet: str, name: str, header: str):
    rows = sheets[sheet]
    row = next(r for r in rows[1:] if name in r)
    return row, rows[0].index(header)


def edit(sheets, sheet: str, name: str, header: str, value) -> None:
    """Change one cell of the row of `name`, as a clerk would in Excel."""
    row, col = cell(sheets, sheet, name, header)
    row[col] = value


def reimport(sheets, actor, commit: bool = True):
    return import_workbook(data=make_workbook(sheets), filename="导出.xlsx", actor=actor, commit=commit)


def errors_of(result) -> list[tuple]:
    return [(e.sheet, e.row, e.column, e.message) for e in result.errors]


def test_the_export_of_a_user_without_the_right_holds_masked_numbers(clerk, area):
    sheets = sheets_of(area_export(actor=clerk))
    row, col = cell(sheets, "村干部", "张三", "公民身份号码")
    assert row[col] == mask(area["zhang"].id_number)
    assert row[sheets["村干部"][0].index("联系电话")] == mask_phone(PHONE)


def test_an_edited_export_updates_the_records_it_came_from_and_creates_nobody(clerk, area):
    sheets = sheets_of(area_export(actor=clerk))
    edit(sheets, "村干部", "张三", "学历", "大专")
    edit(sheets, "村情", V1, "户籍人口", 1250)
    edit(sheets, "致富带头人", "王芳", "年收入", 8)
    edit(sheets, "个人考核", "张三", "考核等次", "称职")
    persons = Person.objects.count()
    result = reimport(sheets, clerk)
    assert result.ok, errors_of(result)
    assert Person.objects.count() == persons
    zhang = Person.objects.get(pk=area["zhang"].pk)
    assert (zhang.education, zhang.phone) == ("大专", PHONE)
    assert VillageProfile.objects.get(village_id=V1).population == 1250
    assert WealthLeader.objects.get(person=area["wang"]).income == 8
    assert Appraisal.objects.get(person=area["zhang"], year=2018).grade == "称职"
    changed = AuditLog.objects.filter(action__in=ROW_ACTIONS)
    assert sorted(changed.values_list("action", "entity")) == [
        ("导入更新", "appraisal"),
        ("导入更新", "person"),
        ("导入更新", "village_profile"),
        ("导入更新", "wealth_leader"),
    ]


def test_the_export_imported_unchanged_changes_nothing(clerk, area):
    result = reimport(sheets_of(area_export(actor=clerk)), clerk)
    assert result.ok, errors_of(result)
    assert {"村干部", "致富带头人", "发展党员", "培训", "个人考核"} <= set(result.counts)
    assert all((c["created"], c["updated"]) == (0, 0) for c in result.counts.values()), result.counts
    assert not AuditLog.objects.filter(action__in=ROW_ACTIONS).exists()
    assert Person.objects.get(pk=area["wang"].pk).phone == "13900001111"


def test_a_masked_number_of_a_person_outside_the_area_matches_nothing(clerk, area):
    stranger = person("王五", D(1968, 1, 2), 5)
    make_holding(OUTSIDE, stranger, position="村委会委员")
    sheets = sheets_of(area_export(actor=clerk))
    edit(sheets, "村干部", "李四", "姓名", "王五")
    edit(sheets, "村干部", "王五", "公民身份号码", mask(stranger.id_number))
    persons, holdings = Person.objects.count(), Holding.objects.count()
    result = reimport(sheets, clerk)
    masked = mask(stranger.id_number)
    assert errors_of(result) == [("村干部", 3, "公民身份号码", number_unknown(masked, "王五"))]
    assert (Person.objects.count(), Holding.objects.count()) == (persons, holdings)


def test_a_person_outside_the_area_with_the_same_name_and_mask_is_not_considered(clerk, area):
    double = twin(area["zhang"])
    make_holding(OUTSIDE, double)
    sheets = sheets_of(area_export(actor=clerk))
    edit(sheets, "村干部", "张三", "学历", "大专")
    result = reimport(sheets, clerk)
    assert result.ok, errors_of(result)
    assert Person.objects.get(pk=area["zhang"].pk).education == "大专"
    assert Person.objects.get(pk=double.pk).education == "高中"


def test_two_persons_of_the_area_with_the_same_name_and_mask_are_not_guessed(clerk, area):
    make_holding(V3, twin(area["zhang"]), position="村委会委员")
    sheets = sheets_of(area_export(actor=clerk))
    result = reimport(sheets, clerk, commit=False)
    message = number_ambiguous(mask(area["zhang"].id_number), "张三", 2)
    assert ("村干部", 2, "公民身份号码", message) in errors_of(result)
    assert "完整的18位号码" in message


def test_a_changed_masked_number_is_refused_with_how_to_correct_it(clerk, area):
    sheets = sheets_of(area_export(actor=clerk))
    masked = mask(area["zhang"].id_number)
    tampered = masked[:-1] + ("1" if masked[-1] != "1" else "2")
    edit(sheets, "村干部", "张三", "公民身份号码", tampered)
    result = reimport(sheets, clerk)
    [(_sheet, _row, column, message)] = [e for e in errors_of(result) if e[0] == "村干部"]
    assert (column, message) == ("公民身份号码", number_unknown(tampered, "张三"))
    assert "带*的号码不能修改" in message and "人员页面" in message and "查看完整号码权限" in message
    assert not ImportRecord.objects.filter(committed=True).exists()


def test_a_masked_number_never_creates_a_person(clerk, area):
    sheets = sheets_of(area_export(actor=clerk))
    edit(sheets, "村干部", "李四", "姓名", "新来的")
    persons = Person.objects.count()
    result = reimport(sheets, clerk)
    [error] = errors_of(result)
    assert error[2:] == ("公民身份号码", number_unknown(mask(area["li"].id_number), "新来的"))
    assert Person.objects.count() == persons


def test_a_changed_masked_phone_is_refused_and_a_full_one_replaces_it(clerk, area):
    sheets = sheets_of(area_export(actor=clerk))
    edit(sheets, "村干部", "张三", "联系电话", "138****0000")
    assert errors_of(reimport(sheets, clerk)) == [("村干部", 2, "联系电话", phone_changed("138****0000"))]
    assert "11位手机号码" in phone_changed("138****0000")
    edit(sheets, "村干部", "张三", "联系电话", "13700000000")
    assert reimport(sheets, clerk).ok
    assert Person.objects.get(pk=area["zhang"].pk).phone == "13700000000"


def test_a_masked_phone_added_to_a_person_without_one_is_refused(clerk, area):
    sheets = sheets_of(area_export(actor=clerk))
    edit(sheets, "村干部", "李四", "联系电话", "138****5678")
    assert errors_of(reimport(sheets, clerk)) == [("村干部", 3, "联系电话", phone_changed("138****5678"))]


def test_an_appraisal_without_a_name_is_found_by_its_mask_alone_when_one_person_has_it(clerk, area):
    number = mask(area["zhang"].id_number)
    sheets = {"个人考核": [["公民身份号码", "年度", "考核等次"], [number, 2018, "基本称职"]]}
    assert reimport(sheets, clerk).ok
    assert Appraisal.objects.get(person=area["zhang"], year=2018).grade == "基本称职"


def test_the_outsider_finds_nobody_with_the_clerks_export(clerk, outsider, area):
    sheets = sheets_of(area_export(actor=clerk))
    result = reimport({"个人考核": sheets["个人考核"]}, outsider)
    assert [e[2:] for e in errors_of(result)] == [
        ("公民身份号码", number_unknown(mask(area["zhang"].id_number), "张三"))
    ]


def test_an_appraisal_without_a_name_is_refused_when_two_persons_have_its_mask(clerk, area):
    double = twin(area["zhang"])
    double.name = "张山"
    double.save()
    make_holding(V3, double, position="村委会委员")
    number = mask(area["zhang"].id_number)
    result = reimport({"个人考核": [["公民身份号码", "年度", "考核等次"], [number, 2018, "基本称职"]]}, clerk)
    assert errors_of(result) == [("个人考核", 2, "公民身份号码", number_ambiguous(number, None, 2))]
    assert "请填写姓名" in number_ambiguous(number, None, 2)


def test_a_mask_typed_with_full_width_asterisks_is_read_alike(clerk, area):
    typed = mask(area["zhang"].id_number).replace("*", "＊")
    sheets = {"个人考核": [["公民身份号码", "姓名", "年度", "考核等次"], [typed, "张三", 2018, "不称职"]]}
    assert reimport(sheets, clerk).ok
    assert Appraisal.objects.get(person=area["zhang"], year=2018).grade == "不称职"
