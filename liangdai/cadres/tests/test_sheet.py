"""The 村干部 sheet: each rule of EXCHANGE.md broken once (message, row, column, nothing written),
re-import changing nothing, and the export masked for users without the right."""

import datetime as dt
import io

import pytest
from python_calamine import CalamineWorkbook

from liangdai.audit.models import AuditLog
from liangdai.cadres.models import Holding, Person
from liangdai.core.testing import make_user, make_workbook
from liangdai.exchange.models import ImportRecord
from liangdai.exchange.pipeline import import_workbook
from liangdai.exchange.sheets import SHEETS
from liangdai.exchange.workbooks import export

from .makers import OUTSIDE, V1, V2, idno, make_holding, make_person

D = dt.date
HEADER = [
    "姓名",
    "公民身份号码",
    "性别",
    "民族",
    "学历",
    "政治面貌",
    "联系电话",
    "村代码",
    "职务",
    "任职日期",
    "任职来源",
    "离任日期",
    "离任原因",
]
SECRETARY = idno(D(1970, 5, 1), 1)
DIRECTOR = idno(D(1975, 8, 9), 2, male=False)


def row(**changes) -> list:
    values = {
        "姓名": "王刚",
        "公民身份号码": SECRETARY,
        "性别": "男",
        "民族": "回族",
        "学历": "高中",
        "政治面貌": "中共党员",
        "联系电话": "13912345678",
        "村代码": V1,
        "职务": "党组织书记",
        "任职日期": D(2016, 1, 1),
        "任职来源": "本村产生",
        "离任日期": None,
        "离任原因": None,
    }
    values.update(changes)
    return [values[h] for h in HEADER]


def run(actor, *rows, commit=True):
    data = make_workbook({"村干部": [HEADER, *rows]})
    return import_workbook(data=data, filename="cadres.xlsx", actor=actor, commit=commit)


def only_error(result):
    assert len(result.errors) == 1, result.errors
    issue = result.errors[0]
    return issue.row, issue.column, issue.message


def assert_nothing_written():
    assert Holding.objects.count() == 0 and Person.objects.count() == 0
    assert not ImportRecord.objects.filter(committed=True).exists()


def test_a_valid_sheet_writes_persons_and_holdings_with_audit(clerk):
    result = run(clerk, row(), row(**{"姓名": "李芳", "公民身份号码": DIRECTOR, "性别": "女", "职务": "村委会主任"}))
    assert result.errors == []
    assert result.counts["村干部"] == {"read": 2, "created": 2, "updated": 0}
    person = Person.objects.get(id_number=SECRETARY)
    assert (person.birth_date, person.sex, person.nationality, person.phone) == (
        D(1970, 5, 1),
        "男",
        "回族",
        "13912345678",
    )
    assert AuditLog.objects.filter(action="导入新增", entity="holding", code=V1).count() == 2


@pytest.mark.parametrize(
    ("change", "column", "message"),
    [
        ({"公民身份号码": "64040219700501"}, "公民身份号码", "公民身份号码应为18位，实为14位"),
        (
            {"公民身份号码": SECRETARY[:-1] + ("1" if SECRETARY[-1] == "0" else "0")},
            "公民身份号码",
            "公民身份号码校验码错误（第18位）",
        ),
        ({"公民身份号码": "640402197002300010"}, "公民身份号码", "公民身份号码中的出生日期（第7-14位）不是有效日期"),
        ({"公民身份号码": 640402197005010000}, "公民身份号码", "公民身份号码须以文本格式填写"),
        ({"性别": "男"}, "性别", "性别“男”与公民身份号码不符（号码第17位表示女）"),
        ({"民族": "汉"}, "民族", "应为以下之一：汉族、蒙古族"),
        ({"学历": "初中毕业"}, "学历", "应为以下之一：小学及以下、初中、高中、中专、大专、本科、研究生"),
        ({"学历": None}, "学历", "必填项不能为空"),
        ({"政治面貌": None}, "政治面貌", "必填项不能为空"),
        ({"政治面貌": "党员"}, "政治面貌", "应为以下之一：中共党员"),
        ({"联系电话": "0954123456"}, "联系电话", "联系电话应为以1开头的11位手机号码"),
        ({"职务": "村长"}, "职务", "应为以下之一：党组织书记、党组织副书记"),
        ({"任职日期": "2016-02-30"}, "任职日期", "日期格式不正确"),
        ({"任职日期": D(1993, 8, 8)}, "任职日期", "任职日期（1993-08-08）时未满18周岁（出生日期 1975-08-09）"),
        ({"任职来源": "任命"}, "任职来源", "应为以下之一：本村产生、跨村任职、选派、回引、外引"),
        (
            {"离任日期": D(2015, 12, 31), "离任原因": "辞职"},
            "离任日期",
            "离任日期（2015-12-31）不能早于任职日期（2016-01-01）",
        ),
        ({"离任日期": D(2019, 1, 1)}, "离任原因", "填写离任日期时，离任原因必填"),
        ({"离任原因": "辞职"}, "离任日期", "填写离任原因时，离任日期必填"),
        ({"离任日期": D(2019, 1, 1), "离任原因": "免职"}, "离任原因", "应为以下之一：换届、调整撤换"),
        ({"村代码": "640402103999"}, "村代码", "村代码 640402103999 不是已知的村级区划代码"),
        ({"村代码": OUTSIDE}, "村代码", f"村代码 {OUTSIDE} 不在您的管辖范围内，不能导入"),
        ({"姓名": None}, "姓名", "必填项不能为空"),
    ],
)
def test_each_broken_rule_is_reported_and_nothing_is_written(clerk, change, column, message):
    result = run(
        clerk, row(), row(**{"公民身份号码": DIRECTOR, "姓名": "李芳", "性别": "女", "职务": "村委会委员", **change})
    )
    number, found_column, found_message = only_error(result)
    assert (number, found_column) == (3, column)
    assert found_message.startswith(message)
    assert_nothing_written()


def test_the_holder_is_18_on_the_day_of_the_18th_birthday(clerk):
    number = idno(D(2000, 6, 15), 3)
    assert run(clerk, row(**{"公民身份号码": number, "任职日期": D(2018, 6, 15)})).errors == []
    result = run(clerk, row(**{"公民身份号码": number, "任职日期": D(2018, 6, 14)}), commit=False)
    assert only_error(result)[2] == "任职日期（2018-06-14）时未满18周岁（出生日期 2000-06-15）"


def test_overlapping_secretaries_within_the_file(clerk):
    other = idno(D(1980, 1, 1), 5)
    result = run(
        clerk,
        row(**{"离任日期": D(2019, 6, 7), "离任原因": "调整撤换"}),
        row(**{"姓名": "江文", "公民身份号码": other, "任职日期": D(2019, 6, 7)}),
    )
    assert only_error(result) == (
        3,
        "任职日期",
        "与第2行的王刚的党组织书记任职（2016-01-01至2019-06-07）时间重叠：一个村同一天只能有一名党组织书记",
    )
    assert_nothing_written()


def test_successive_secretaries_and_secretaries_of_two_villages_are_fine(clerk):
    other, third = idno(D(1980, 1, 1), 5), idno(D(1981, 1, 1), 7)
    result = run(
        clerk,
        row(**{"离任日期": D(2019, 6, 7), "离任原因": "调整撤换"}),
        row(**{"姓名": "江文", "公民身份号码": other, "任职日期": D(2019, 6, 8)}),
        row(**{"姓名": "周强", "公民身份号码": third, "村代码": V2}),
    )
    assert result.errors == []
    assert Holding.objects.count() == 3


def test_overlapping_director_against_the_database(clerk):
    make_holding(V1, make_person("赵敏", serial=9, male=False), "村委会主任", start=D(2017, 3, 1))
    result = run(clerk, row(**{"职务": "村委会主任", "任职日期": D(2018, 1, 1)}))
    assert only_error(result) == (
        2,
        "任职日期",
        "与系统中已有的赵敏的村委会主任任职（2017-03-01至今）时间重叠：一个村同一天只能有一名村委会主任",
    )
    assert Holding.objects.count() == 1


def test_an_open_row_overlapping_an_earlier_recorded_holding_is_blamed_on_the_row(clerk):
    make_holding(V1, make_person("赵敏", serial=9), start=D(2018, 1, 1), end=D(2018, 12, 31))
    result = run(clerk, row(**{"任职日期": D(2016, 1, 1)}))
    assert only_error(result)[:2] == (2, "任职日期")
    assert "系统中已有的赵敏" in result.errors[0].message


def test_a_row_may_change_the_holding_it_replaces_without_overlapping_itself(clerk):
    run(clerk, row())
    result = run(clerk, row(**{"离任日期": D(2019, 6, 7), "离任原因": "调整撤换", "联系电话": "13800000000"}))
    assert result.errors == []
    assert result.counts["村干部"] == {"read": 1, "created": 0, "updated": 1}
    holding = Holding.objects.get()
    assert (holding.end, holding.end_reason, holding.person.phone) == (D(2019, 6, 7), "调整撤换", "13800000000")
    log = AuditLog.objects.get(action="导入更新", entity="holding")
    assert log.before == {"end": None, "end_reason": ""} and log.after == {
        "end": "2019-06-07",
        "end_reason": "调整撤换",
    }


def test_the_same_number_under_another_name_on_record(clerk):
    make_person("王钢", D(1970, 5, 1), serial=1)
    result = run(clerk, row())
    assert only_error(result) == (2, "姓名", "姓名“王刚”与公民身份号码不符，请核对姓名和号码")
    assert Holding.objects.count() == 0


def test_the_same_number_under_another_name_within_the_file(clerk):
    result = run(clerk, row(), row(**{"姓名": "王钢", "职务": "村委会主任"}))
    assert only_error(result) == (3, "姓名", "姓名“王钢”与村干部第2行同一公民身份号码的姓名“王刚”不一致")
    assert_nothing_written()


def test_the_same_key_twice_in_a_file(clerk):
    result = run(clerk, row(), row(**{"任职来源": "回引"}))
    assert only_error(result)[:2] == (3, "公民身份号码")
    assert_nothing_written()


def test_importing_the_same_file_twice_changes_nothing(clerk):
    rows = [
        row(),
        row(**{"姓名": "李芳", "公民身份号码": DIRECTOR, "性别": "女", "职务": "村委会主任", "联系电话": None}),
    ]
    run(clerk, *rows)
    audits = AuditLog.objects.filter(action__in=["导入新增", "导入更新"]).count()
    again = run(clerk, *rows)
    assert again.errors == [] and again.counts["村干部"] == {"read": 2, "created": 0, "updated": 0}
    assert AuditLog.objects.filter(action__in=["导入新增", "导入更新"]).count() == audits


def test_a_blank_profile_cell_keeps_what_is_on_record(clerk):
    run(clerk, row())
    run(clerk, row(**{"民族": None, "联系电话": None}))
    person = Person.objects.get()
    assert (person.nationality, person.phone) == ("回族", "13912345678")


def _exported(actor) -> list[list]:
    data = export([SHEETS["村干部"]], actor)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("村干部").to_python()


def test_export_masks_numbers_without_the_right_and_shows_only_the_area(clerk, outsider):
    run(clerk, row())
    make_holding(OUTSIDE, make_person("外县人", serial=30), start=D(2016, 1, 1))
    table = _exported(clerk)
    assert [r[0] for r in table[1:]] == ["王刚"]
    assert table[1][1] == SECRETARY[:3] + "*" * 11 + SECRETARY[-4:] and table[1][6] == "139****5678"
    revealer = make_user("revealer", "640402", "reviewer", can_reveal=True)
    assert _exported(revealer)[1][1] == SECRETARY
    assert [r[0] for r in _exported(outsider)[1:]] == ["外县人"]


def test_export_then_import_by_a_revealer_changes_nothing(clerk):
    run(clerk, row())
    revealer = make_user("revealer", "640402", "reviewer", can_reveal=True)
    data = export([SHEETS["村干部"]], revealer)
    again = import_workbook(data=data, filename="export.xlsx", actor=revealer, commit=True)
    assert again.errors == [] and again.counts["村干部"] == {"read": 1, "created": 0, "updated": 0}


def test_a_row_breaking_a_row_rule_and_a_person_rule_reports_both(clerk):
    make_person("王钢", D(1970, 5, 1), serial=1)
    result = run(clerk, row(**{"任职日期": D(1980, 1, 1)}))
    assert sorted((i.row, i.column) for i in result.errors) == [(2, "任职日期"), (2, "姓名")]
    assert Holding.objects.count() == 0


def test_a_new_persons_audit_row_is_filed_under_the_village_that_names_them(system):
    result = run(system, row())
    assert result.ok, result.errors
    log = AuditLog.objects.get(action="导入新增", entity="person")
    assert log.code == V1  # the county's audit administrator sees it
