"""Every rule of the cadres services, each with its Chinese message, scope and audit."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from liangdai.audit.models import AuditLog
from liangdai.cadres import services
from liangdai.cadres.models import Holding, Person, ReserveCandidate, WeakOrganisation
from liangdai.core.errors import DomainError, NotFound
from liangdai.core.testing import make_user

from .makers import OUTSIDE, V1, V2, idno, make_holding, make_person

D = dt.date


def person_data(name="李四", birth=dt.date(1975, 3, 2), serial=7, male=True, **extra) -> dict:
    return {
        "id_number": idno(birth, serial, male),
        "name": name,
        "education": "高中",
        "political_status": "中共党员",
        **extra,
    }


def start(actor, village=V1, person=None, position="党组织书记", day=dt.date(2018, 1, 1), **extra):
    return services.holding_start(
        actor=actor, village=village, person=person or person_data(), position=position, start=day, **extra
    )


def error_of(call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    return caught.value


# Persons


def test_person_save_derives_birth_date_and_sex_from_the_number(clerk):
    person = services.person_save(actor=clerk, **person_data(birth=dt.date(1980, 12, 31), male=False))
    assert (person.birth_date, person.sex) == (D(1980, 12, 31), "女")
    assert AuditLog.objects.filter(action="新增", entity="person", entity_id=str(person.pk)).exists()


def test_person_save_rejects_a_wrong_check_character(clerk):
    number = idno(D(1980, 1, 1))
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    err = error_of(services.person_save, actor=clerk, id_number=wrong, name="王五")
    assert (err.message, err.column) == ("公民身份号码校验码错误（第18位）", "id_number")


def test_person_save_rejects_a_short_number(clerk):
    err = error_of(services.person_save, actor=clerk, id_number="64040219800101", name="王五")
    assert err.message == "公民身份号码应为18位，实为14位"


def test_person_save_rejects_an_impossible_birth_date(clerk):
    from stdnum.cn import ric

    body = "64040219800231001"
    err = error_of(services.person_save, actor=clerk, id_number=body + ric.calc_check_digit(body + "0"), name="王五")
    assert err.message == "公民身份号码中的出生日期（第7-14位）不是有效日期"


def test_person_save_checks_the_profile_lists(clerk):
    err = error_of(services.person_save, actor=clerk, **person_data(education="初中毕业"))
    assert err.message.startswith("学历应为以下之一：小学及以下、初中")
    err = error_of(services.person_save, actor=clerk, **person_data(nationality="汉"))
    assert err.message.startswith("民族应为以下之一：汉族")
    err = error_of(services.person_save, actor=clerk, **person_data(phone="02912345678"))
    assert err.message == "联系电话应为以1开头的11位手机号码"
    assert Person.objects.count() == 0


def test_one_number_is_one_person_and_another_name_is_an_error(clerk):
    start(clerk, person=person_data(name="李四"))
    err = error_of(services.person_save, actor=clerk, **person_data(name="李思"))
    assert err.message == "姓名“李思”与该公民身份号码登记的姓名“李四”不一致：一个号码只对应一个人"
    assert Person.objects.count() == 1


def test_a_person_of_another_area_is_referenced_as_recorded_and_neither_name_nor_record_told(clerk, outsider):
    start(outsider, village=OUTSIDE, person=person_data(name="李四", phone="13900000000"))
    err = error_of(services.person_save, actor=clerk, **person_data(name="李思"))
    # Read as a check of name against number: nothing says the number is registered in 彭阳县.
    assert err.message == "姓名“李思”与公民身份号码不符，请核对姓名和号码"
    assert "登记" not in err.message
    same = services.person_save(actor=clerk, **person_data(name="李四", phone="13811111111", education="本科"))
    assert (same.phone, same.education) == ("13900000000", "高中")
    holding = start(clerk, person=person_data(name="李四"), source="跨村任职")
    assert holding.person_id == same.pk and Person.objects.count() == 1


def test_rename_in_the_area_is_audited_with_before_and_after(clerk):
    holding = start(clerk)
    services.person_save(actor=clerk, **person_data(name="李肆"), rename=True)
    holding.person.refresh_from_db()
    assert holding.person.name == "李肆"
    log = AuditLog.objects.get(action="修改", entity="person")
    assert (log.before, log.after) == ({"name": "李四"}, {"name": "李肆"})


def test_rename_of_a_person_only_elsewhere_is_refused(clerk, outsider):
    start(outsider, village=OUTSIDE)
    err = error_of(services.person_save, actor=clerk, **person_data(name="李肆"), rename=True)
    assert err.column == "name"


def test_a_reader_may_not_save_a_person(db):
    reader = make_user("reader", "640402", "reader")
    with pytest.raises(PermissionDenied):
        services.person_save(actor=reader, **person_data())


# Holdings


def test_holding_start_is_audited_with_the_village_code(clerk):
    holding = start(clerk)
    log = AuditLog.objects.get(action="任职", entity="holding")
    assert (log.code, log.entity_id, log.after["position"]) == (V1, str(holding.pk), "党组织书记")


def test_holder_must_be_18_on_the_start(clerk):
    data = person_data(birth=dt.date(2000, 6, 15))
    err = error_of(start, actor=clerk, person=data, day=dt.date(2018, 6, 14))
    assert (err.message, err.column) == ("任职日期（2018-06-14）时未满18周岁（出生日期 2000-06-15）", "start")
    assert Holding.objects.count() == 0 and Person.objects.count() == 0
    assert start(clerk, person=data, day=dt.date(2018, 6, 15)).start == D(2018, 6, 15)


def test_two_secretaries_on_one_day_are_refused_dates_inclusive(clerk):
    start(clerk, day=dt.date(2015, 1, 1), end=D(2018, 3, 31), end_reason="换届")
    err = error_of(start, actor=clerk, person=person_data("赵六", serial=9), day=dt.date(2018, 3, 31))
    assert err.message == ("与李四的党组织书记任职（2015-01-01至2018-03-31）时间重叠：一个村同一天只能有一名党组织书记")
    assert start(clerk, person=person_data("赵六", serial=9), day=dt.date(2018, 4, 1)).start == D(2018, 4, 1)


def test_a_past_holding_may_not_overlap_an_open_one(clerk):
    start(clerk, day=dt.date(2016, 1, 1))
    err = error_of(
        start,
        actor=clerk,
        person=person_data("赵六", serial=9),
        day=dt.date(2010, 1, 1),
        end=D(2016, 1, 1),
        end_reason="换届",
    )
    assert "（2016-01-01至今）时间重叠" in err.message


def test_two_directors_on_one_day_are_refused_but_two_members_are_not(clerk):
    start(clerk, position="村委会主任")
    err = error_of(start, actor=clerk, person=person_data("赵六", serial=9), position="村委会主任")
    assert err.message.endswith("一个村同一天只能有一名村委会主任")
    start(clerk, position="村委会委员", person=person_data("钱七", serial=11))
    start(clerk, position="村委会委员", person=person_data("孙八", serial=13))
    assert Holding.objects.filter(position="村委会委员").count() == 2


def test_one_secretary_in_each_of_two_villages_is_fine(clerk):
    start(clerk, village=V1)
    start(clerk, village=V2, person=person_data("赵六", serial=9))
    assert Holding.objects.count() == 2


def test_end_rules_on_start(clerk):
    err = error_of(start, actor=clerk, end=D(2017, 12, 31), end_reason="换届")
    assert (err.message, err.column) == ("离任日期（2017-12-31）不能早于任职日期（2018-01-01）", "end")
    err = error_of(start, actor=clerk, end=D(2019, 1, 1))
    assert (err.message, err.column) == ("填写离任日期时，离任原因必填", "end_reason")
    err = error_of(start, actor=clerk, end_reason="换届")
    assert (err.message, err.column) == ("填写离任原因时，离任日期必填", "end")


def test_position_and_source_come_from_their_lists(clerk):
    assert error_of(start, actor=clerk, position="村长").message.startswith("职务应为以下之一：党组织书记")
    assert error_of(start, actor=clerk, source="上级任命").message.startswith("任职来源应为以下之一：本村产生")


def test_the_same_holding_twice_is_refused(clerk):
    start(clerk, position="党组织委员")
    err = error_of(start, actor=clerk, position="党组织委员")
    assert err.message == "李四在该村任党组织委员、任职日期2018-01-01的记录已存在"


def test_holding_end_needs_a_reason_and_not_before_the_start(clerk):
    holding = start(clerk)
    err = error_of(services.holding_end, actor=clerk, holding=holding, end=D(2017, 1, 1), end_reason="辞职")
    assert err.message == "离任日期（2017-01-01）不能早于任职日期（2018-01-01）"
    err = error_of(services.holding_end, actor=clerk, holding=holding, end=D(2019, 1, 1), end_reason="")
    assert err.message == "填写离任日期时，离任原因必填"
    services.holding_end(actor=clerk, holding=holding, end=D(2019, 1, 1), end_reason="辞职")
    log = AuditLog.objects.get(action="离任")
    assert (log.before["end"], log.after["end"], log.after["end_reason"]) == (None, "2019-01-01", "辞职")
    err = error_of(services.holding_end, actor=clerk, holding=holding, end=D(2019, 2, 1), end_reason="辞职")
    assert err.message == "该任职已于2019-01-01离任"


def test_outsider_cannot_start_or_end_a_holding_in_the_area(clerk, outsider):
    with pytest.raises(NotFound):
        start(outsider)
    holding = start(clerk)
    with pytest.raises(NotFound):
        services.holding_end(actor=outsider, holding=holding, end=D(2019, 1, 1), end_reason="辞职")
    assert Person.objects.count() == 1


def test_a_reader_in_the_area_gets_permission_denied(clerk):
    reader = make_user("reader", "640402", "reader")
    with pytest.raises(PermissionDenied):
        start(reader)


def test_unknown_village_is_not_found(clerk):
    with pytest.raises(NotFound):
        start(clerk, village="640402103999")


# Replacing a secretary


def test_secretary_replace_ends_the_old_and_starts_the_new_in_one_action(clerk):
    old = start(clerk, day=dt.date(2015, 1, 1))
    new = services.secretary_replace(
        actor=clerk,
        village=V1,
        old_holding=old,
        end_date=D(2019, 6, 7),
        end_reason="调整撤换",
        new_person=person_data("江文", serial=21),
        start=D(2019, 6, 8),
        source="回引",
    )
    old.refresh_from_db()
    assert (old.end, old.end_reason) == (D(2019, 6, 7), "调整撤换")
    assert (new.person.name, new.start, new.source, new.position) == ("江文", D(2019, 6, 8), "回引", "党组织书记")
    log = AuditLog.objects.get(action="更换书记")
    assert log.before["end"] is None and log.after["old"]["end"] == "2019-06-07"
    assert log.after["new"]["person"] == new.person_id


def test_secretary_replace_that_fails_leaves_the_old_holding_in_office(clerk):
    old = start(clerk, day=dt.date(2015, 1, 1))
    err = error_of(
        services.secretary_replace,
        actor=clerk,
        village=V1,
        old_holding=old,
        end_date=D(2019, 6, 7),
        end_reason="调整撤换",
        new_person=person_data("江文", serial=21),
        start=D(2019, 6, 7),
    )
    assert err.message == "新任书记的任职日期应晚于原书记的离任日期（2019-06-07）：同一天只能有一名党组织书记"
    old.refresh_from_db()
    assert old.end is None and Holding.objects.count() == 1 and Person.objects.count() == 1


def test_secretary_replace_with_an_under_age_successor_changes_nothing(clerk):
    old = start(clerk, day=dt.date(2015, 1, 1))
    err = error_of(
        services.secretary_replace,
        actor=clerk,
        village=V1,
        old_holding=old,
        end_date=D(2019, 6, 7),
        end_reason="调整撤换",
        new_person=person_data("小江", birth=dt.date(2002, 1, 1), serial=21),
        start=D(2019, 6, 8),
    )
    assert err.message.startswith("任职日期（2019-06-08）时未满18周岁")
    old.refresh_from_db()
    assert old.end is None and not AuditLog.objects.filter(action="更换书记").exists()


def test_secretary_replace_needs_a_sitting_secretary_of_that_village(clerk):
    member = start(clerk, position="党组织委员")
    kwargs = dict(
        actor=clerk,
        village=V1,
        end_date=D(2019, 6, 7),
        end_reason="调整撤换",
        new_person=person_data("江文", serial=21),
        start=D(2019, 6, 8),
    )
    assert (
        error_of(services.secretary_replace, old_holding=member, **kwargs).message == "所选任职不是该村在任的党组织书记"
    )
    assert error_of(services.secretary_replace, old_holding=None, **kwargs).message.startswith(
        "该村当前没有在任的党组织书记"
    )


# Reserve force


def test_reserve_add_and_remove_and_add_again(clerk):
    candidate = services.reserve_add(
        actor=clerk, village=V1, person=person_data(), source="大学生村官", chosen_on=D(2019, 3, 1)
    )
    err = error_of(
        services.reserve_add,
        actor=clerk,
        village=V1,
        person=person_data(),
        source="大学生村官",
        chosen_on=D(2019, 3, 1),
    )
    assert err.message == "李四已是该村的后备力量"
    err = error_of(services.reserve_remove, actor=clerk, candidate=candidate, left_on=D(2019, 2, 1))
    assert err.message == "退出日期不能早于确定日期（2019-03-01）"
    services.reserve_remove(actor=clerk, candidate=candidate, left_on=D(2020, 1, 1))
    again = services.reserve_add(
        actor=clerk, village=V1, person=person_data(), source="返乡人员", chosen_on=D(2021, 1, 1)
    )
    assert again.pk == candidate.pk and again.left_on is None and again.source == "返乡人员"
    assert list(AuditLog.objects.filter(entity="reserve").order_by("id").values_list("action", flat=True)) == [
        "新增后备力量",
        "移出后备力量",
        "新增后备力量",
    ]


def test_reserve_source_comes_from_its_list(clerk):
    err = error_of(
        services.reserve_add, actor=clerk, village=V1, person=person_data(), source="其他", chosen_on=D(2019, 3, 1)
    )
    assert err.message == "来源应为以下之一：大学生村官、返乡人员、本村人员"
    assert ReserveCandidate.objects.count() == 0


def test_outsider_cannot_add_a_reserve(outsider):
    with pytest.raises(NotFound):
        services.reserve_add(
            actor=outsider, village=V1, person=person_data(), source="大学生村官", chosen_on=D(2019, 3, 1)
        )


# Weak and lax organisations


def flag(actor, year=2019, reason="班子不团结", day=dt.date(2019, 3, 1)):
    return services.weak_flag(actor=actor, village=V1, year=year, reason=reason, flagged_on=day)


def test_weak_flag_needs_a_reason_and_once_a_year(clerk):
    assert error_of(flag, actor=clerk, reason=" ").message == "请填写认定为软弱涣散的原因"
    flag(clerk)
    assert error_of(flag, actor=clerk).message == "该村党组织2019年度已认定为软弱涣散"
    assert AuditLog.objects.filter(action="认定软弱涣散", code=V1).count() == 1


def test_weak_close_needs_a_step_and_not_before_it(clerk):
    weak = flag(clerk)
    assert error_of(services.weak_close, actor=clerk, weak=weak, closed_on=D(2019, 12, 1)).message == (
        "尚未记录整顿措施，不能整顿销号"
    )
    err = error_of(services.rectification_add, actor=clerk, weak=weak, date=D(2019, 2, 1), description="调整班子")
    assert err.message == "整顿日期不能早于认定日期（2019-03-01）"
    assert error_of(services.rectification_add, actor=clerk, weak=weak, date=D(2019, 4, 1), description="").message == (
        "请填写整顿措施"
    )
    services.rectification_add(actor=clerk, weak=weak, date=D(2019, 5, 1), description="调整班子")
    err = error_of(services.weak_close, actor=clerk, weak=weak, closed_on=D(2019, 4, 30))
    assert err.message == "整顿完成日期不能早于最后一项整顿措施的日期（2019-05-01）"
    services.weak_close(actor=clerk, weak=weak, closed_on=D(2019, 11, 30))
    assert WeakOrganisation.objects.get().closed_on == D(2019, 11, 30)
    err = error_of(services.rectification_add, actor=clerk, weak=weak, date=D(2019, 12, 1), description="回访")
    assert err.message == "该软弱涣散村党组织已于2019-11-30整顿销号"
    assert list(AuditLog.objects.filter(entity="weak").order_by("id").values_list("action", flat=True)) == [
        "认定软弱涣散",
        "整顿措施",
        "整顿销号",
    ]


def test_outsider_cannot_flag_or_close(clerk, outsider):
    with pytest.raises(NotFound):
        flag(outsider)
    weak = flag(clerk)
    with pytest.raises(NotFound):
        services.rectification_add(actor=outsider, weak=weak, date=D(2019, 5, 1), description="x")


# Reveal


def test_reveal_needs_the_right_and_is_audited(clerk, outsider):
    person = make_person()
    make_holding(V1, person)
    with pytest.raises(PermissionDenied):
        services.person_reveal(actor=clerk, person=person)
    revealer = make_user("revealer", "640402", "reviewer", can_reveal=True)
    services.person_reveal(actor=revealer, person=person)
    log = AuditLog.objects.get(action="查看身份证号")
    assert (log.entity_id, log.code, log.actor) == (str(person.pk), V1, revealer)
    with pytest.raises(NotFound):
        services.person_reveal(actor=make_user("r2", "640425", "reviewer", can_reveal=True), person=person)
