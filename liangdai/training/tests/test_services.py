"""The training services: the rules of the 培训 sheet with the sheet's own messages, nothing written
on error, an audit row on success, and who may call them."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from liangdai.audit.models import AuditLog
from liangdai.core.errors import DomainError, NotFound
from liangdai.core.testing import make_user, make_workbook
from liangdai.exchange.pipeline import import_workbook
from liangdai.leaders.tests.makers import (
    OUTSIDE,
    TRAINING_HEADER,
    V1,
    make_class,
    make_enrolment,
    make_holding,
    make_person,
)
from liangdai.training import rules
from liangdai.training.models import Enrolment, TrainingClass
from liangdai.training.services import enrolment_add, enrolment_set_completed, training_class_save

START, END = dt.date(2019, 5, 2), dt.date(2019, 5, 4)
CLASS = {"name": "示范培训班（第5期）", "level": "自治区", "base": "闽宁镇示范培训基地", "is_demo": True}


@pytest.fixture
def reader(db):
    return make_user("reader", "640402103", "reader")


@pytest.fixture
def trainee(db):
    person = make_person("王建国", serial=11)
    make_holding(V1, person)
    return person


def save_class(actor, **change) -> TrainingClass:
    return training_class_save(actor=actor, **(CLASS | {"start": START, "end": END} | change))


def error_of(call) -> DomainError:
    with pytest.raises(DomainError) as info:
        call()
    return info.value


def sheet_message(actor, person, **change) -> str:
    """The message the 培训 sheet gives for one row with `change`."""
    values = {
        "培训班名称": CLASS["name"],
        "举办层级": CLASS["level"],
        "培训基地": CLASS["base"],
        "是否示范班": "是",
        "开始日期": START,
        "结束日期": END,
        "学员公民身份号码": person.id_number,
        "学员姓名": person.name,
        "是否结业": None,
    } | change
    data = make_workbook({"培训": [TRAINING_HEADER, [values[h] for h in TRAINING_HEADER]]})
    result = import_workbook(data=data, filename="t.xlsx", actor=actor, commit=True)
    [error] = result.errors
    return error.message


# --- classes ---------------------------------------------------------------------------------


def test_a_class_is_created_and_audited(clerk):
    training_class = save_class(clerk)
    assert (training_class.name, training_class.level, training_class.is_demo) == (CLASS["name"], "自治区", True)
    log = AuditLog.objects.get(entity="training_class")
    assert (log.action, log.actor_name, log.before, log.after["base"]) == ("新增培训班", "clerk", None, CLASS["base"])


def test_an_end_before_the_start_is_the_sheets_message_and_nothing_is_written(clerk, trainee):
    error = error_of(lambda: save_class(clerk, end=dt.date(2019, 5, 1)))
    assert (error.message, error.column) == ("结束日期（2019-05-01）不能早于开始日期（2019-05-02）", "end")
    assert not TrainingClass.objects.exists()
    assert not AuditLog.objects.filter(entity="training_class").exists()
    assert sheet_message(clerk, trainee, 结束日期=dt.date(2019, 5, 1)) == error.message


def test_a_demonstration_class_is_a_region_class(clerk, trainee):
    error = error_of(lambda: save_class(clerk, level="市"))
    assert (error.message, error.column) == ("示范班须为自治区举办的培训班", "is_demo")
    assert not TrainingClass.objects.exists()
    assert sheet_message(clerk, trainee, 举办层级="市") == error.message


def test_a_level_and_a_name_are_required(clerk):
    assert error_of(lambda: save_class(clerk, level="省")).column == "level"
    assert error_of(lambda: save_class(clerk, name=" ")).column == "name"
    assert not TrainingClass.objects.exists()


def test_a_class_on_record_changes_only_at_its_organisers_level(clerk, county_user, system, trainee):
    make_class(CLASS["name"], "自治区", START, END, base=CLASS["base"], is_demo=True)
    error = error_of(lambda: save_class(clerk, end=dt.date(2019, 5, 6)))
    assert error.message == "培训班“示范培训班（第5期）（2019-05-02）”已登记，只有自治区级及以上用户可以修改其信息"
    assert error_of(lambda: save_class(county_user, end=dt.date(2019, 5, 6))).message == error.message
    assert sheet_message(clerk, trainee, 结束日期=dt.date(2019, 5, 6)) == error.message
    assert TrainingClass.objects.get().end == END
    save_class(system, end=dt.date(2019, 5, 6))
    assert TrainingClass.objects.get().end == dt.date(2019, 5, 6)
    log = AuditLog.objects.get(entity="training_class")
    assert (log.action, log.before["end"], log.after["end"]) == ("修改培训班", "2019-05-04", "2019-05-06")


def test_a_county_class_changes_by_the_county_and_unchanged_writes_nothing(clerk, county_user):
    make_class("县级书记培训班", "县", START, END)
    values = {"name": "县级书记培训班", "level": "县", "is_demo": False}
    training_class_save(actor=clerk, start=START, end=END, **values)  # named unchanged: fine
    assert not AuditLog.objects.filter(entity="training_class").exists()
    error = error_of(lambda: training_class_save(actor=clerk, start=START, end=dt.date(2019, 5, 9), **values))
    assert error.message.endswith("只有县级及以上用户可以修改其信息")
    training_class_save(actor=county_user, start=START, end=dt.date(2019, 5, 9), **values)
    assert TrainingClass.objects.get().end == dt.date(2019, 5, 9)


def test_a_reader_may_not_save_a_class(reader):
    with pytest.raises(PermissionDenied):
        save_class(reader)
    assert not TrainingClass.objects.exists()


# --- enrolments ------------------------------------------------------------------------------


def test_a_trainee_is_enrolled_and_audited_under_their_village(clerk, trainee):
    training_class = make_class()
    enrolment = enrolment_add(actor=clerk, training_class=training_class, person=trainee)
    assert (enrolment.person, enrolment.completed) == (trainee, True)
    log = AuditLog.objects.get(entity="enrolment")
    assert (log.action, log.code, log.entity_id) == ("新增学员", V1, str(enrolment.pk))


def test_a_trainee_out_of_sight_or_missing_is_the_sheets_message(clerk, outsider, trainee):
    training_class = make_class()
    error = error_of(lambda: enrolment_add(actor=outsider, training_class=training_class, person=trainee))
    assert (error.message, error.column) == (rules.NOT_ON_RECORD, "person")
    assert error_of(lambda: enrolment_add(actor=clerk, training_class=training_class, person=None)).message == (
        error.message
    )
    elsewhere = make_person("赵六", serial=13)
    make_holding(OUTSIDE, elsewhere)
    assert sheet_message(clerk, elsewhere) == error.message
    assert not Enrolment.objects.exists()
    assert not AuditLog.objects.filter(entity="enrolment").exists()


def test_a_trainee_enrolled_twice_is_refused(clerk, trainee):
    training_class = make_class()
    make_enrolment(training_class, trainee)
    error = error_of(lambda: enrolment_add(actor=clerk, training_class=training_class, person=trainee))
    assert (error.message, error.column) == ("王建国已是该培训班的学员", "person")
    assert Enrolment.objects.count() == 1


def test_a_reader_may_not_enrol(reader, trainee):
    with pytest.raises(PermissionDenied):
        enrolment_add(actor=reader, training_class=make_class(), person=trainee)
    assert not Enrolment.objects.exists()


def test_completion_is_changed_and_audited_once(clerk, trainee):
    enrolment = make_enrolment(make_class(), trainee)
    enrolment_set_completed(actor=clerk, enrolment=enrolment, completed=False)
    enrolment_set_completed(actor=clerk, enrolment=enrolment, completed=False)
    assert Enrolment.objects.get().completed is False
    log = AuditLog.objects.get(entity="enrolment")
    assert (log.action, log.code, log.before["completed"], log.after["completed"]) == ("修改结业情况", V1, True, False)


def test_the_outsider_gets_not_found_and_a_reader_permission_denied(outsider, reader, trainee):
    enrolment = make_enrolment(make_class(), trainee)
    with pytest.raises(NotFound):
        enrolment_set_completed(actor=outsider, enrolment=enrolment, completed=False)
    with pytest.raises(PermissionDenied):
        enrolment_set_completed(actor=reader, enrolment=enrolment, completed=False)
    assert Enrolment.objects.get().completed is True
    assert not AuditLog.objects.filter(entity="enrolment").exists()
