"""The rating and appraisal services: the rules of the sheets 星级评定 and 个人考核 with the sheets'
own messages, nothing written on error, an audit row on success, and who may call them; and the
appraisal's holding rule whether the holding comes from the same workbook or from the records."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from liangdai.assessment import rules
from liangdai.assessment.forms import StarRatingForm
from liangdai.assessment.models import Appraisal, StarRating
from liangdai.assessment.services import appraisal_save, star_rating_save
from liangdai.assessment.sheets import StarSheet
from liangdai.audit.models import AuditLog
from liangdai.cadres.models import WeakOrganisation
from liangdai.core.errors import DomainError, NotFound
from liangdai.core.testing import make_user, make_workbook
from liangdai.exchange.pipeline import import_workbook
from liangdai.leaders.tests.makers import (
    APPRAISAL_HEADER,
    HOLDING_HEADER,
    STAR_HEADER,
    V1,
    errors_of,
    idno,
    make_holding,
    make_leader,
    make_person,
)

NOT_HELD_2010 = "此人2010年度未在您管辖范围内的村“两委”任职，不能考核"


@pytest.fixture
def reader(db):
    return make_user("reader", "640402103", "reader")


@pytest.fixture
def cadre(db):
    person = make_person("王建国", serial=1)
    make_holding(V1, person, start=dt.date(2016, 1, 1), end=dt.date(2018, 1, 1))
    return person


def rate(actor, score="80", **change) -> StarRating:
    return star_rating_save(actor=actor, **({"village": V1, "year": 2018, "score": Decimal(score)} | change))


def error_of(call) -> DomainError:
    with pytest.raises(DomainError) as info:
        call()
    return info.value


def run(actor, sheets: dict):
    return import_workbook(data=make_workbook(sheets), filename="t.xlsx", actor=actor, commit=True)


def star_sheet_message(actor, row: list) -> str:
    [error] = run(actor, {"星级评定": [STAR_HEADER, row]}).errors
    return error.message


# --- star ratings ----------------------------------------------------------------------------


def test_a_rating_takes_its_stars_from_the_thresholds_and_is_audited(clerk):
    rating = rate(clerk, "86.6")
    assert (rating.score, rating.stars) == (Decimal("86.60"), 4)
    log = AuditLog.objects.get(entity="star_rating")
    assert (log.action, log.code, log.before, log.after["stars"]) == ("新增星级评定", V1, None, 4)
    rate(clerk, "86.6")  # unchanged: nothing written
    rate(clerk, "91")
    assert list(AuditLog.objects.filter(entity="star_rating").order_by("id").values_list("action", flat=True)) == [
        "新增星级评定",
        "修改星级评定",
    ]
    assert StarRating.objects.get().stars == 5


@pytest.mark.parametrize(
    ("change", "column", "message", "row"),
    [
        ({"score": "86.6", "stars": 5}, "stars", "星级（5）与2018年度分数线不符：得分86.6应为4星", [V1, 2018, 86.6, 5]),
        ({"score": "80.125"}, "score", "得分最多保留两位小数", [V1, 2018, 80.125, None]),
        ({"weak": True}, "weak_reason", "是否软弱涣散为“是”时，软弱涣散原因必填", [V1, 2018, 80, None, "是"]),
    ],
)
def test_a_rule_broken_is_the_sheets_message_and_nothing_is_written(clerk, change, column, message, row):
    error = error_of(lambda: rate(clerk, **change))
    assert (error.message, error.column) == (message, column)
    assert star_sheet_message(clerk, row + [None] * (6 - len(row))) == message
    assert not StarRating.objects.exists()
    assert not WeakOrganisation.objects.exists()
    assert not AuditLog.objects.filter(entity__in=["star_rating", "weak"]).exists()


def test_an_over_long_weak_reason_is_refused_by_the_service_with_the_form_and_sheet_limit(clerk):
    reason = "班" * (rules.WEAK_REASON_MAX + 1)
    error = error_of(lambda: rate(clerk, "40", weak=True, weak_reason=reason))
    assert (error.column, error.message) == ("weak_reason", "软弱涣散原因长度不能超过1000个字符（实为1001个）")
    assert StarRatingForm.base_fields["weak_reason"].max_length == rules.WEAK_REASON_MAX
    assert StarSheet().column("weak_reason").parse.max_length == rules.WEAK_REASON_MAX
    assert not StarRating.objects.exists()


def test_a_score_and_a_year_out_of_range_are_refused(clerk):
    assert error_of(lambda: rate(clerk, "101")).message == "得分应为0到100之间的数"
    assert error_of(lambda: rate(clerk, year=1900)).column == "year"
    assert not StarRating.objects.exists()


def test_a_weak_flag_is_created_with_the_rating_then_its_reason_changed(clerk):
    rate(clerk, "40", weak=True, weak_reason="班子不团结")
    weak = WeakOrganisation.objects.get()
    assert (weak.village_id, weak.year, weak.reason, weak.flagged_on) == (V1, 2018, "班子不团结", dt.date(2018, 12, 31))
    rate(clerk, "40", weak=True, weak_reason="书记长期不在村")
    assert WeakOrganisation.objects.get().reason == "书记长期不在村"
    actions = AuditLog.objects.filter(entity="weak").order_by("id").values_list("action", flat=True)
    assert list(actions) == ["认定软弱涣散", "修改软弱涣散原因"]


def test_a_weak_flag_on_record_is_not_withdrawn(clerk):
    rate(clerk, "40", weak=True, weak_reason="班子不团结")
    error = error_of(lambda: rate(clerk, "41", weak=False))
    assert (error.column, error.message) == ("weak", star_sheet_message(clerk, [V1, 2018, 41, None, "否", None]))
    assert StarRating.objects.get().score == Decimal("40")
    rate(clerk, "41")  # saying nothing leaves the flag
    assert WeakOrganisation.objects.count() == 1


def test_the_outsider_gets_not_found_and_a_reader_permission_denied_for_a_rating(outsider, reader):
    with pytest.raises(NotFound):
        rate(outsider)
    with pytest.raises(PermissionDenied):
        rate(reader)
    assert not StarRating.objects.exists()


# --- appraisals ------------------------------------------------------------------------------


def test_an_appraisal_of_a_year_in_office_is_saved_and_audited(clerk, cadre):
    appraisal = appraisal_save(actor=clerk, person=cadre, year=2018, grade="优秀")
    assert (appraisal.person, appraisal.year, appraisal.grade) == (cadre, 2018, "优秀")
    appraisal_save(actor=clerk, person=cadre, year=2018, grade="优秀")
    appraisal_save(actor=clerk, person=cadre, year=2018, grade="称职")
    logs = AuditLog.objects.filter(entity="appraisal").order_by("id")
    assert [(log.action, log.code) for log in logs] == [("新增考核等次", V1), ("修改考核等次", V1)]
    assert Appraisal.objects.get().grade == "称职"


def test_a_year_out_of_office_is_the_sheets_message(clerk, cadre):
    error = error_of(lambda: appraisal_save(actor=clerk, person=cadre, year=2010, grade="称职"))
    assert (error.message, error.column) == (NOT_HELD_2010, "year")
    [sheet_error] = run(clerk, {"个人考核": [APPRAISAL_HEADER, [cadre.id_number, 2010, "称职"]]}).errors
    assert sheet_error.message == error.message
    assert not Appraisal.objects.exists()


def test_a_person_in_sight_without_a_position_cannot_be_appraised(clerk):
    leader = make_person("李梅", serial=2, male=False)
    make_leader(leader, V1)
    error = error_of(lambda: appraisal_save(actor=clerk, person=leader, year=2018, grade="称职"))
    assert error.message == NOT_HELD_2010.replace("2010", "2018")


def test_a_grade_not_in_the_list_is_refused(clerk, cadre):
    error = error_of(lambda: appraisal_save(actor=clerk, person=cadre, year=2018, grade="良好"))
    assert (error.message, error.column) == ("考核等次应为以下之一：优秀、称职、基本称职、不称职", "grade")
    assert not Appraisal.objects.exists()


def test_the_outsider_gets_not_found_and_a_reader_permission_denied_for_an_appraisal(outsider, reader, cadre):
    with pytest.raises(NotFound):
        appraisal_save(actor=outsider, person=cadre, year=2018, grade="称职")
    with pytest.raises(PermissionDenied):
        appraisal_save(actor=reader, person=cadre, year=2018, grade="称职")
    assert not Appraisal.objects.exists()
    assert not AuditLog.objects.filter(entity="appraisal").exists()


# --- the holding rule across sheets (EXCHANGE.md: 个人考核 after 村干部) --------------------------

NUMBER = idno(dt.date(1982, 2, 2), 15)


def cadre_row(start: dt.date) -> list:
    return ["周强", NUMBER, "男", "汉族", "高中", "群众", "", V1, "村委会委员", start, "", "", ""]


def appraise_2010(actor, extra: dict | None = None):
    return run(actor, (extra or {}) | {"个人考核": [APPRAISAL_HEADER, [NUMBER, 2010, "称职"]]})


@pytest.mark.parametrize(("start", "refused"), [(dt.date(2016, 1, 1), True), (dt.date(2009, 3, 1), False)])
def test_the_holding_of_the_cadre_sheet_of_the_same_workbook_decides(clerk, start, refused):
    result = appraise_2010(clerk, {"村干部": [HOLDING_HEADER, cadre_row(start)]})
    if refused:
        assert errors_of(result) == [("个人考核", 2, "年度", NOT_HELD_2010)]
        assert not Appraisal.objects.exists()
    else:
        assert result.errors == []
        assert Appraisal.objects.get().person.id_number == NUMBER


@pytest.mark.parametrize(("start", "refused"), [(dt.date(2016, 1, 1), True), (dt.date(2009, 3, 1), False)])
def test_the_holding_on_record_decides(clerk, start, refused):
    assert run(clerk, {"村干部": [HOLDING_HEADER, cadre_row(start)]}).errors == []
    result = appraise_2010(clerk)
    if refused:
        assert errors_of(result) == [("个人考核", 2, "年度", NOT_HELD_2010)]
        assert not Appraisal.objects.exists()
    else:
        assert result.errors == []
        assert Appraisal.objects.get().year == 2010
