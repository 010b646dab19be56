"""The star distribution of the last year assessed, and the counties' bonus budgets."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from liangdai.assessment.indicators import assessed_year
from liangdai.assessment.models import BonusBudget
from liangdai.assessment.services import bonus_budget_set
from liangdai.audit.models import AuditLog
from liangdai.core.errors import DomainError, NotFound
from liangdai.indicators.registry import REGISTRY, Query
from liangdai.leaders.tests.makers import OTHER_TOWNSHIP, V1, V2, V3, make_rating

D = dt.date(2019, 10, 31)


def figures(code: str = "640402103", day: dt.date = D) -> dict:
    return REGISTRY.compute(Query.of(code, day))


def test_the_year_assessed_is_the_last_that_has_ended():
    assert assessed_year(dt.date(2019, 10, 31)) == 2018
    assert assessed_year(dt.date(2019, 12, 31)) == 2019
    assert assessed_year(dt.date(2020, 1, 1)) == 2019


def test_the_star_distribution_of_the_year_assessed(db):
    make_rating(V1, 2018, 5, score=92)
    make_rating(V2, 2018, 0, score=40)
    make_rating(V3, 2018, 3, score="70.5")
    make_rating(V1, 2019, 1, score=55)  # the year not yet ended on D
    make_rating(OTHER_TOWNSHIP, 2018, 5, score=95)
    values = figures()
    assert [values[f"stars_{n}"] for n in range(5, -1, -1)] == [1, 0, 1, 0, 0, 1]
    assert values["villages_rated"] == 3
    assert values["star_avg_score"] == 67.5  # (92 + 40 + 70.5) / 3
    assert figures("640402")["stars_5"] == 2


def test_villages_at_zero_stars_two_years_running(db):
    make_rating(V1, 2017, 0)
    make_rating(V1, 2018, 0)
    make_rating(V2, 2017, 0)
    make_rating(V2, 2018, 1)
    make_rating(V3, 2018, 0)
    assert figures()["zero_stars_two_years"] == 1


def test_no_rating_gives_no_average(db):
    assert (figures()["villages_rated"], figures()["star_avg_score"]) == (0, None)


def test_the_bonus_budget_of_the_counties_under_the_node(county_user, system):
    bonus_budget_set(actor=county_user, county="640402", year=2018, amount=3522000)
    bonus_budget_set(actor=system, county="640425", year=2018, amount=1000000)
    bonus_budget_set(actor=system, county="640425", year=2019, amount=5)
    assert figures("640402")["bonus_budget"] == 3522000
    assert figures("6404")["bonus_budget"] == 4522000
    assert figures("640402103")["bonus_budget"] is None  # a township has no budget of its own
    assert figures("640423")["bonus_budget"] is None  # none set


def test_setting_the_budget_updates_and_audits(county_user):
    bonus_budget_set(actor=county_user, county="640402", year=2018, amount=100)
    bonus_budget_set(actor=county_user, county="640402", year=2018, amount=200)
    assert BonusBudget.objects.get().amount == 200
    last = AuditLog.objects.filter(action="设置奖励总额").order_by("pk").last()
    assert (last.before, last.after) == ({"amount": 100}, {"year": 2018, "amount": 200})


def test_only_a_reviewer_of_the_county_sets_the_budget(clerk, outsider):
    with pytest.raises(NotFound):
        bonus_budget_set(actor=outsider, county="640402", year=2018, amount=100)
    with pytest.raises(NotFound):
        bonus_budget_set(actor=clerk, county="640402", year=2018, amount=100)
    with pytest.raises(PermissionDenied, match="无权设置奖励总额"):
        bonus_budget_set(actor=outsider, county="640425", year=2018, amount=100)
    assert not BonusBudget.objects.exists()


def test_a_budget_is_set_for_a_county_only(system):
    with pytest.raises(DomainError, match="县级区划代码 640402103 不存在"):
        bonus_budget_set(actor=system, county="640402103", year=2018, amount=100)
    with pytest.raises(DomainError, match="奖励总额应为不小于0的整数"):
        bonus_budget_set(actor=system, county="640402", year=2018, amount=-5)
    assert not BonusBudget.objects.exists()
