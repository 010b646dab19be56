"""The development-stage service: the person's whole path checked with the rules of the 发展党员
sheet and the same messages, its audit rows, and who may call it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from liangdai.audit.models import AuditLog
from liangdai.cadres.models import Person
from liangdai.core.errors import DomainError, NotFound
from liangdai.core.testing import make_user
from liangdai.exchange.sheets import SHEETS
from liangdai.leaders.tests.makers import OUTSIDE, V1, V2, errors_of, make_person, make_record
from liangdai.party import services
from liangdai.party.models import DevelopmentRecord

from .test_development_sheet import BIRTH, NUMBER, path, run

PERSON = {"id_number": NUMBER, "name": "李秀兰"}


def record(actor, stage: str, date: dt.date | None, person=PERSON, village: str = V1):
    return services.development_stage_record(actor=actor, person=person, village=village, stage=stage, date=date)


def error_of(call) -> DomainError:
    with pytest.raises(DomainError) as info:
        call()
    return info.value


def test_it_records_the_person_and_the_stage_and_audits_both(clerk):
    stage = record(clerk, "入党申请人", dt.date(2015, 3, 1))
    person = Person.objects.get()
    assert (person.name, person.birth_date, person.sex) == ("李秀兰", BIRTH, "女")
    assert (stage.person, stage.village_id, stage.stage, stage.date) == (person, V1, "入党申请人", dt.date(2015, 3, 1))
    entry = AuditLog.objects.get(entity="development_record")
    assert (entry.action, entry.entity_id, entry.code, entry.actor) == ("新增发展阶段", str(stage.pk), V1, clerk)
    assert AuditLog.objects.filter(entity="person", action="新增").count() == 1


def test_a_change_is_audited_with_before_and_after_and_the_same_again_writes_nothing(clerk):
    record(clerk, "入党申请人", dt.date(2015, 3, 1))
    record(clerk, "入党申请人", dt.date(2015, 4, 1), village=V2)
    stage = DevelopmentRecord.objects.get()
    assert (stage.date, stage.village_id) == (dt.date(2015, 4, 1), V2)
    change = AuditLog.objects.get(entity="development_record", action="修改发展阶段")
    assert (change.before["date"], change.after["date"], change.code) == ("2015-03-01", "2015-04-01", V2)
    record(clerk, "入党申请人", dt.date(2015, 4, 1), village=V2)
    assert AuditLog.objects.filter(entity="development_record").count() == 2


@pytest.mark.parametrize(
    ("on_record", "stage", "date", "message"),
    [
        (
            [("入党申请人", dt.date(2016, 2, 1))],
            "入党积极分子",
            dt.date(2016, 1, 1),
            "入党积极分子的日期（2016-01-01）早于入党申请人的日期（2016-02-01），日期不能倒退",
        ),
        ([], "入党申请人", dt.date(2008, 6, 14), "申请入党时须年满18周岁（2008-06-14时为17岁）"),
        (
            [("入党积极分子", dt.date(2016, 1, 10))],
            "发展对象",
            dt.date(2017, 1, 9),
            "确定为发展对象（2017-01-09）须在成为入党积极分子（2016-01-10）满一年之后",
        ),
        (
            [("预备党员", dt.date(2017, 3, 1))],
            "正式党员",
            dt.date(2018, 2, 28),
            "预备期为一年：转为正式党员（2018-02-28）不能早于2018-03-01",
        ),
        (
            [("预备党员", dt.date(2016, 3, 1))],
            "正式党员",
            dt.date(2018, 3, 2),
            "预备期最长延长一年：转为正式党员（2018-03-02）不能晚于2018-03-01",
        ),
        ([], "党员", dt.date(2016, 1, 1), "应为以下之一：入党申请人、入党积极分子、发展对象、预备党员、正式党员"),
        ([], "入党申请人", None, "必填项不能为空"),
    ],
)
def test_a_rule_broken_is_refused_and_nothing_is_written(clerk, on_record, stage, date, message):
    person = make_person("李秀兰", BIRTH, 3, male=False)
    for known, day in on_record:
        make_record(person, known, day)
    error = error_of(lambda: record(clerk, stage, date, person=person))
    assert error.message == message
    assert error.column == ("stage" if stage == "党员" else "date")
    assert list(DevelopmentRecord.objects.values_list("stage", "date")) == on_record
    assert not AuditLog.objects.filter(entity="development_record").exists()


def test_a_new_person_refused_is_not_written(clerk):
    error_of(lambda: record(clerk, "入党申请人", dt.date(2008, 6, 14)))
    assert not Person.objects.exists()
    assert not AuditLog.objects.filter(entity__in=["person", "development_record"]).exists()


def test_the_sheet_and_the_service_give_the_same_message(clerk):
    rows = path(("预备党员", dt.date(2017, 3, 1)), ("正式党员", dt.date(2018, 2, 28)))
    ((_, _, header, sheet_message),) = errors_of(run(clerk, rows))
    record(clerk, "预备党员", dt.date(2017, 3, 1))
    error = error_of(lambda: record(clerk, "正式党员", dt.date(2018, 2, 28)))
    assert (SHEETS["发展党员"].header_of(error.column), error.message) == (header, sheet_message)


def test_the_area_rule_gives_the_sheets_message(clerk):
    person = make_person("李秀兰", BIRTH, 3, male=False)
    make_record(person, "入党申请人", dt.date(2015, 3, 1), village=OUTSIDE)
    ((_, _, header, sheet_message),) = errors_of(run(clerk, path(("入党申请人", dt.date(2015, 4, 1)), name=None)))
    error = error_of(lambda: record(clerk, "入党申请人", dt.date(2015, 4, 1), person=person))
    assert (SHEETS["发展党员"].header_of(error.column), error.message) == (header, sheet_message)
    assert error.message == "此人的“入党申请人”已由您管辖范围以外的党组织登记，不能在此修改"
    assert DevelopmentRecord.objects.get().date == dt.date(2015, 3, 1)


def test_a_stage_is_measured_against_the_whole_path(clerk):
    for stage, day in [("入党申请人", dt.date(2015, 3, 1)), ("预备党员", dt.date(2017, 11, 1))]:
        record(clerk, stage, day)
    record(clerk, "正式党员", dt.date(2018, 12, 1))
    error = error_of(lambda: record(clerk, "预备党员", dt.date(2018, 5, 1)))
    assert error.message == "预备期为一年：转为正式党员（2018-12-01）不能早于2019-05-01"
    assert DevelopmentRecord.objects.get(stage="预备党员").date == dt.date(2017, 11, 1)


def test_the_outsider_gets_not_found(outsider):
    with pytest.raises(NotFound):
        record(outsider, "入党申请人", dt.date(2015, 3, 1))
    assert not Person.objects.exists()


def test_it_requires_write_access(db):
    reader = make_user("reader", "640402103", "reader")
    with pytest.raises(PermissionDenied):
        record(reader, "入党申请人", dt.date(2015, 3, 1))
    assert not DevelopmentRecord.objects.exists()


def test_the_sheet_writes_through_the_bulk_service(clerk, monkeypatch):
    calls = []
    real = services.development_records_import

    def spy(*, ctx, rows):
        calls.append(len(rows))
        return real(ctx=ctx, rows=rows)

    monkeypatch.setattr(services, "development_records_import", spy)
    assert run(clerk, path(("入党申请人", dt.date(2015, 3, 1)), ("入党积极分子", dt.date(2015, 9, 1)))).errors == []
    assert calls == [2]
    assert DevelopmentRecord.objects.count() == 2
