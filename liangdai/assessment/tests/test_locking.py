"""Submitted and approved data is locked (issue 8): the rating and appraisal services and both
sheets refuse with a Chinese message naming the approval, and write nothing; a return or a
reopening unlocks it; another township's data stays open."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from liangdai.assessment.approvals import SERVICES
from liangdai.assessment.models import Appraisal, Approval, StarRating
from liangdai.assessment.services import appraisal_save, star_rating_save
from liangdai.core.errors import DomainError
from liangdai.core.testing import make_workbook
from liangdai.exchange.pipeline import import_workbook
from liangdai.leaders.tests.makers import (
    APPRAISAL_HEADER,
    OTHER_TOWNSHIP,
    STAR_HEADER,
    V1,
    errors_of,
    make_holding,
    make_person,
    make_rating,
)

TOWNSHIP, YEAR = "640402103", 2019


@pytest.fixture
def cadre(db):
    person = make_person("王建国")
    make_holding(V1, person, start=dt.date(2016, 1, 1))
    return person


def lock(state: str = "approved") -> str:
    """The township in `state` and the message a write then gets."""
    at = timezone.now()
    Approval.objects.create(township_id=TOWNSHIP, year=YEAR, state=state, changed_at=at, changed_by="county")
    day = f"{timezone.localtime(at).date():%Y-%m-%d}"
    if state == "approved":
        return f"官厅镇{YEAR}年度的星级评定和考核已于{day}审核通过，不能修改；如需更正请县级撤销审核"
    return f"官厅镇{YEAR}年度的星级评定和考核已于{day}上报，等待县级审核，不能修改；如需更正请县级退回"


@pytest.mark.parametrize("state", ["approved", "submitted"])
def test_a_rating_of_a_locked_township_is_refused_and_nothing_written(clerk, state):
    make_rating(V1, YEAR, 2)
    message = lock(state)
    with pytest.raises(DomainError) as info:
        star_rating_save(actor=clerk, village=V1, year=YEAR, score=Decimal("95"))
    assert info.value.message == message
    assert StarRating.objects.get().stars == 2
    with pytest.raises(DomainError):
        star_rating_save(actor=clerk, village="640402103201", year=YEAR, score=Decimal("95"))
    assert StarRating.objects.count() == 1


def test_the_lock_holds_for_that_year_and_township_only(clerk, county_user):
    lock()
    star_rating_save(actor=clerk, village=V1, year=YEAR + 1, score=Decimal("95"))
    star_rating_save(actor=county_user, village=OTHER_TOWNSHIP, year=YEAR, score=Decimal("95"))
    assert StarRating.objects.count() == 2


def test_an_appraisal_of_a_locked_township_is_refused(clerk, cadre):
    message = lock()
    with pytest.raises(DomainError) as info:
        appraisal_save(actor=clerk, person=cadre, year=YEAR, grade="优秀")
    assert info.value.message == message
    assert not Appraisal.objects.exists()


def test_the_star_sheet_refuses_rows_over_approved_data_and_writes_nothing(clerk):
    message = lock()
    rows = [[V1, YEAR, 95, None, None, None], [V1, YEAR + 1, 95, None, None, None]]
    result = import_workbook(
        data=make_workbook({"星级评定": [STAR_HEADER, *rows]}), filename="t.xlsx", actor=clerk, commit=True
    )
    assert errors_of(result) == [("星级评定", 2, "年度", message)]
    assert not StarRating.objects.exists()


def test_the_appraisal_sheet_refuses_rows_over_approved_data(clerk, cadre):
    message = lock()
    data = make_workbook({"个人考核": [APPRAISAL_HEADER, [cadre.id_number, YEAR, "优秀"]]})
    result = import_workbook(data=data, filename="t.xlsx", actor=clerk, commit=True)
    assert errors_of(result) == [("个人考核", 2, "年度", message)]
    assert not Appraisal.objects.exists()


def test_reopening_unlocks_for_a_correction(clerk, county_user, cadre):
    SERVICES["submit"](actor=clerk, code=TOWNSHIP, year=YEAR)
    SERVICES["approve"](actor=county_user, code=TOWNSHIP, year=YEAR)
    with pytest.raises(DomainError):
        appraisal_save(actor=clerk, person=cadre, year=YEAR, grade="优秀")
    SERVICES["reopen"](actor=county_user, code=TOWNSHIP, year=YEAR, reason="等次有误")
    appraisal_save(actor=clerk, person=cadre, year=YEAR, grade="优秀")
    star_rating_save(actor=clerk, village=V1, year=YEAR, score=Decimal("81"))
    assert Appraisal.objects.get().grade == "优秀" and StarRating.objects.get().stars == 4
