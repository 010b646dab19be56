"""Importing the same workbook twice changes nothing; each written row leaves an audit row; each
import is recorded; the error workbook marks the faulty cells (EXCHANGE.md, DESIGN.md)."""

import datetime as dt
import hashlib
import io

from python_calamine import CalamineWorkbook

from liangdai.audit.models import AuditLog
from liangdai.core.testing import make_workbook
from liangdai.exchange.models import ImportRecord
from liangdai.exchange.pipeline import import_workbook
from liangdai.exchange.report import write_error_workbook
from liangdai.villages.models import Spending, VillageProfile

from .helpers import PROFILE_HEADER, SPENDING_HEADER, V1, V2, V3, VENUE_HEADER, cell_fill

ROW_ACTIONS = ["导入新增", "导入更新"]

BOOK = {
    "村情": [
        PROFILE_HEADER,
        [V1, "", 1674, 507, "否", 2018, 8585],
        [V2, "", 923, 241, "是", None, None],
        [V3, "", 3000, None, "否", 2018, 9540.5],
    ],
    "活动场所": [
        VENUE_HEADER,
        [V1, 471, "扩建", dt.date(2019, 4, 24), "专项支持", "桌椅、空调"],
        [V2, 211.5, "原有", None, None, None],
    ],
    "资金支出": [
        SPENDING_HEADER,
        [V1, dt.date(2019, 1, 25), 5122, "文化活动"],
        [V1, dt.date(2019, 10, 30), 17804.5, "慰问困难群众"],
        [V3, dt.date(2019, 2, 1), 100000, "环境整治"],
    ],
}


def _import(data, actor):
    return import_workbook(data=data, filename="官厅镇.xlsx", actor=actor, commit=True)


def test_importing_the_same_workbook_twice_changes_nothing(clerk):
    data = make_workbook(BOOK)
    first = _import(data, clerk)
    assert first.ok, first.errors
    assert {n: (c["created"], c["updated"]) for n, c in first.counts.items()} == {
        "村情": (3, 0),
        "活动场所": (2, 0),
        "资金支出": (3, 0),
    }
    row_audits = AuditLog.objects.filter(action__in=ROW_ACTIONS).count()
    second = _import(data, clerk)
    assert second.ok
    assert all((c["created"], c["updated"]) == (0, 0) for c in second.counts.values())
    assert AuditLog.objects.filter(action__in=ROW_ACTIONS).count() == row_audits


def test_each_written_row_has_its_audit_row(clerk):
    _import(make_workbook(BOOK), clerk)
    created = AuditLog.objects.filter(action="导入新增", actor=clerk)
    by_entity = {
        e: created.filter(entity=e).count() for e in ["village_profile", "village_income", "venue", "spending"]
    }
    # 3 profiles, 2 incomes (V2 has none), 2 venues, 3 spending rows.
    assert by_entity == {"village_profile": 3, "village_income": 2, "venue": 2, "spending": 3}
    venue_audit = created.get(entity="venue", code=V1)
    assert (float(venue_audit.after["area"]), venue_audit.after["build_mode"]) == (471, "扩建")
    assert set(created.values_list("code", flat=True)) == {V1, V2, V3}


def test_a_changed_row_updates_its_record_and_audits_before_and_after(clerk):
    _import(make_workbook(BOOK), clerk)
    changed = {"村情": [PROFILE_HEADER, [V2, "", 950, 241, "是", None, None]]}
    result = _import(make_workbook(changed), clerk)
    assert result.counts["村情"] == {"read": 1, "created": 0, "updated": 1}
    assert VillageProfile.objects.get(village_id=V2).population == 950
    audit = AuditLog.objects.get(action="导入更新", entity="village_profile")
    assert (audit.before, audit.after, audit.code) == ({"population": 923}, {"population": 950}, V2)


def test_each_import_is_recorded_with_who_the_hash_and_the_counts(clerk):
    data = make_workbook(BOOK)
    result = _import(data, clerk)
    record = ImportRecord.objects.get(pk=result.record.pk)
    assert (record.user, record.filename, record.sha256, record.committed) == (
        clerk,
        "官厅镇.xlsx",
        hashlib.sha256(data).hexdigest(),
        True,
    )
    assert (record.rows_read, record.created, record.updated, record.errors, record.code) == (8, 8, 0, 0, "640402103")
    assert AuditLog.objects.filter(action="导入", entity="import", entity_id=str(record.pk)).exists()


def test_a_failed_validation_is_recorded_too(clerk):
    bad = {"村情": [PROFILE_HEADER, [V1, "", -1, None, None, None, None]]}
    result = import_workbook(data=make_workbook(bad), filename="bad.xlsx", actor=clerk, commit=True)
    assert (result.record.committed, result.record.errors) == (False, 1)
    audit = AuditLog.objects.get(action="导入校验", entity_id=str(result.record.pk))
    assert audit.result == "失败"


def test_the_error_workbook_marks_the_bad_cell_and_explains_the_row(clerk):
    bad = {
        "村情": [PROFILE_HEADER, [V1, "", 100, 10, "否", None, None], [V2, "", 100, 101, "否", None, None]],
        "活动场所": [VENUE_HEADER, [V1, 0, "新建", "昨天", None, None]],
    }
    data = make_workbook(bad)
    result = import_workbook(data=data, filename="bad.xlsx", actor=clerk, commit=False)
    out = write_error_workbook(data, result.errors)
    book = CalamineWorkbook.from_filelike(io.BytesIO(out))
    assert book.sheet_names == ["村情", "活动场所"]
    villages = book.get_sheet_by_name("村情").to_python()
    assert villages[0][-1] == "错误"
    assert villages[1][-1] == ""
    assert villages[2][-1] == "户数：户数（101）不能大于户籍人口（100）"
    # 户数 is column D; the row is the third of the sheet.
    assert cell_fill(out, 1, "D3") == "FFFFC7CE"
    assert cell_fill(out, 1, "C3") is None
    venues = book.get_sheet_by_name("活动场所").to_python()
    assert venues[1][-1].startswith("面积：应大于0；完成日期：日期格式不正确")
    assert cell_fill(out, 2, "B2") == "FFFFC7CE"
    assert cell_fill(out, 2, "D2") == "FFFFC7CE"
    # The row keeps its values as read, codes as text.
    assert venues[1][0] == V1


def test_audit_rows_of_created_records_name_their_keys(clerk):
    """New rows are written without bulk_create; each still gets its primary key, and its audit
    row names it, as a service's audit row would."""
    Spending.objects.create(village_id=V2, date=dt.date(2019, 1, 1), amount=1, purpose="已有")
    _import(make_workbook(BOOK), clerk)
    imported = Spending.objects.exclude(purpose="已有").order_by("pk")
    assert imported.count() == 3
    audited = set(AuditLog.objects.filter(action="导入新增", entity="spending").values_list("entity_id", flat=True))
    assert audited == {str(s.pk) for s in imported}
    assert sorted(Spending.objects.values_list("purpose", flat=True)) == sorted(
        ["已有", "文化活动", "慰问困难群众", "环境整治"]
    )
    again = Spending.objects.create(village_id=V2, date=dt.date(2019, 1, 2), amount=1, purpose="之后")
    assert again.pk > max(s.pk for s in imported)
