"""The figures of places and money (DOMAIN.md) on a small hand-made dataset, each expected value
worked out by hand in the comments."""

import datetime as dt

import pytest

from liangdai.core.testing import make_profile, make_venue
from liangdai.indicators.registry import REGISTRY, Query, mean, share
from liangdai.org.models import Division
from liangdai.villages.models import Spending

TOWNSHIP = "640402103"  # 官厅镇: 13 administrative villages, no residents' committee
F, D = dt.date(2019, 1, 1), dt.date(2019, 10, 31)


def code(suffix: str) -> str:
    return TOWNSHIP + suffix


@pytest.fixture
def venues(db):
    make_venue(code("200"), area=200, build_mode="新建", completed_on=F)  # built (on F), >= 200
    make_venue(code("201"), area="199.99", build_mode="扩建", completed_on=D)  # built (on D), < 200
    make_venue(code("202"), area=500, build_mode="改建", completed_on=dt.date(2019, 5, 1))  # not built, >= 500
    make_venue(code("206"), area=600, build_mode="新建", completed_on=dt.date(2018, 12, 31))  # before F, >= 500
    make_venue(code("208"), area=300, build_mode="扩建", completed_on=dt.date(2019, 11, 1))  # after D
    make_venue(code("210"), area=250, build_mode="原有", completed_on=None)
    # A residents' committee (10th digit 0) is not an administrative village: never counted.
    make_venue("640402001001", area=900, build_mode="新建", completed_on=dt.date(2019, 6, 1))
    # Another township of the county.
    make_venue("640402104200", area=800, build_mode="新建", completed_on=dt.date(2019, 2, 2))


def figures(node: str, start=F, as_of=D) -> dict:
    return REGISTRY.compute(Query.of(node, as_of, start))


def test_place_figures_of_a_township(venues):
    f = figures(TOWNSHIP)
    assert f["villages"] == 13
    assert f["venues_built"] == 2  # 200 (on F) and 201 (on D); 改建, before F and after D are not
    assert f["venues_ge_200"] == 5  # 200, 202, 206, 208, 210; 199.99 is not
    assert f["venues_ge_200_share"] == 38.5  # 5 / 13 = 38.46%
    assert f["venues_ge_500_share"] == 15.4  # 2 / 13 = 15.38%
    assert f["villages_lacking_place"] == 8  # 13 - 5: seven without a venue and one under 200 m²


def test_village_figures_of_the_county_leave_out_residents_committees(venues):
    """*villages* are administrative villages; venues_built counts venues (DOMAIN.md's terms)."""
    f = figures("640402")
    villages = Division.objects.filter(is_village=True, code__startswith="640402").count()
    assert f["villages"] == villages
    assert f["venues_built"] == 4  # the township's two, 640402104200 and the 社区's (a venue, built in 2019)
    assert f["venues_ge_200"] == 6  # not the 社区's 900 m²: it is not a village
    assert f["venues_ge_500_share"] == share(3, villages)


def test_a_node_without_villages_has_no_shares(db):
    f = figures("640402001")  # 南关街道: residents' committees only
    assert (f["villages"], f["venues_ge_200_share"], f["venues_ge_500_share"]) == (0, None, None)


def test_the_period_moves_venues_built(venues):
    assert figures(TOWNSHIP, start=dt.date(2018, 1, 1), as_of=dt.date(2018, 12, 31))["venues_built"] == 1  # 206
    assert figures(TOWNSHIP, start=dt.date(2019, 1, 2), as_of=dt.date(2019, 12, 31))["venues_built"] == 2  # 201, 208


@pytest.fixture
def funds(db):
    for suffix, population in [("200", 999), ("201", 1000), ("202", 1999), ("206", 2000), ("208", 3000)]:
        make_profile(code(suffix), population=population, households=None)
    Spending.objects.create(village_id=code("200"), date=dt.date(2019, 1, 1), amount=1000, purpose="维修")
    Spending.objects.create(village_id=code("200"), date=dt.date(2018, 12, 31), amount=500, purpose="维修")
    Spending.objects.create(village_id=code("201"), date=D, amount="2000.50", purpose="慰问")
    Spending.objects.create(village_id=code("201"), date=dt.date(2019, 11, 1), amount=300, purpose="慰问")


def test_money_figures_follow_the_default_tiers(funds):
    f = figures(TOWNSHIP, start=dt.date(2019, 3, 1))
    # 999 -> 50,000; 1,000 -> 60,000; 1,999 -> 60,000; 2,000 -> 80,000; 3,000 -> 100,000.
    assert f["fund_allocated"] == 50000 + 60000 + 60000 + 80000 + 100000
    # In [2019-03-01, 2019-10-31]: only 2,000.50 (1,000 was spent before the period, 300 after D).
    assert f["fund_spent"] == 2000.5
    # The year to D: 1,000 + 2,000.50 = 3,000.50 of 350,000 = 0.857% -> 0.9.
    assert f["fund_spent_share"] == 0.9
    # Five villages have a fund; 13 - 5.
    assert f["villages_lacking_money"] == 8


def test_a_village_of_no_people_still_gets_the_lowest_tier(db):
    make_profile(code("200"), population=0, households=0)
    assert figures(TOWNSHIP)["fund_allocated"] == 50000


def test_shares_and_means_round_half_up_to_one_decimal():
    assert (share(1, 3), share(2, 3), share(1, 16), share(1, 8), share(0, 5), share(3, 0)) == (
        33.3,
        66.7,
        6.3,  # 6.25: half up, not to even
        12.5,
        0.0,
        None,
    )
    assert (mean(97, 2), mean(0, 0), mean(485, 10)) == (48.5, None, 48.5)


def test_a_county_that_set_its_own_tiers_is_summed_with_them_above_it(funds):
    from liangdai.rules.models import RuleSet

    # 原州区 gives 70,000 to every village from 2019; 彭阳县 (640425) keeps the region's default.
    RuleSet.objects.create(kind="fund_tiers", year=2019, code="640402", data={"tiers": [[0, 70000]]})
    make_profile("640425100200", population=2500, households=None)  # default: 80,000
    assert figures(TOWNSHIP)["fund_allocated"] == 5 * 70000
    region = figures("64")
    assert region["fund_allocated"] == 5 * 70000 + 80000
    # 2018 predates the override: the default tiers for all six.
    assert figures("64", start=dt.date(2018, 1, 1), as_of=dt.date(2018, 12, 31))["fund_allocated"] == (
        50000 + 60000 + 60000 + 80000 + 100000 + 80000
    )
