"""Figures of wealth leaders, each computed by hand."""

import datetime as dt

from liangdai.indicators.registry import REGISTRY, Query
from liangdai.rules.models import RuleSet

from .makers import OTHER_TOWNSHIP, OUTSIDE, V1, V2, V3, make_holding, make_leader, make_person

D = dt.date(2019, 10, 31)
TOWNSHIP = "640402103"


def figures(code: str = TOWNSHIP, day: dt.date = D) -> dict:
    return REGISTRY.compute(Query.of(code, day))


def test_leaders_on_d_under_the_node_and_the_people_they_drive(db):
    make_leader(make_person("甲", serial=1), V1, people=30, households=10, poor_households=4)
    make_leader(make_person("乙", serial=2), V2, people=12, households=5, recognised_on=D)
    make_leader(make_person("丙", serial=3), V2, people=99, recognised_on=D + dt.timedelta(days=1))
    make_leader(make_person("丁", serial=4), OTHER_TOWNSHIP, people=7, households=7)
    make_leader(make_person("戊", serial=5), OUTSIDE, people=50)
    township = figures()
    # 甲 and 乙 (recognised on D counts; 丙 the day after does not); 丁 is in another township.
    assert (township["wealth_leaders"], township["people_driven"]) == (2, 30 + 12)
    assert (township["households_driven"], township["poor_households_driven"]) == (10 + 5, 4)
    county = figures("640402")
    assert (county["wealth_leaders"], county["people_driven"]) == (3, 30 + 12 + 7)


def test_secretary_wealth_leader_share_counts_leaders_wherever_registered(db):
    s1, s2, s3, gone = (make_person(n, serial=i) for i, n in enumerate(["一", "二", "三", "四"], start=1))
    make_holding(V1, s1)
    make_holding(V2, s2)
    make_holding(V3, s3)
    make_holding(V3, gone, start=dt.date(2010, 1, 1), end=dt.date(2014, 12, 31))
    make_leader(s1, OUTSIDE)  # registered in another county: still a wealth leader
    make_leader(s2, V2, recognised_on=D + dt.timedelta(days=1))  # not yet on D
    make_leader(gone, V3)  # not in office on D
    assert figures()["secretary_wealth_leader_share"] == 33.3  # 1 of 3


def test_no_secretary_gives_no_share(db):
    assert figures()["secretary_wealth_leader_share"] is None
    assert (figures()["wealth_leaders"], figures()["people_driven"]) == (0, 0)


def test_tiers_follow_the_default_thresholds(db):
    make_leader(make_person(serial=1), V1, households=50, people=50, income=1)  # large by households
    make_leader(make_person(serial=2), V1, households=2, people=2, income=50)  # large by income (50 万元)
    make_leader(make_person(serial=3), V1, households=10, people=10, income=0)  # medium
    make_leader(make_person(serial=4), V1, households=9, people=9, income="9.99")  # small
    values = figures()
    assert (values["leaders_large"], values["leaders_medium"], values["leaders_small"]) == (2, 1, 1)


def test_a_county_rule_changes_the_tiers_of_that_county_only(db):
    RuleSet.objects.create(
        kind="leader_tiers",
        year=2019,
        code="640402",
        data={"large": {"households": 100, "income": 100}, "medium": {"households": 50, "income": 50}},
    )
    make_leader(make_person(serial=1), V1, households=60, people=60, income=1)  # medium under the county rule
    make_leader(make_person(serial=2), V1, households=20, people=20, income=1)  # small under the county rule
    make_leader(make_person(serial=3), "640425103208", households=60, people=60, income=1)  # large by default
    region = figures("64")
    assert (region["leaders_large"], region["leaders_medium"], region["leaders_small"]) == (1, 1, 1)
    assert figures("640402")["leaders_medium"] == 1
    # The rule is in force from 2019: in 2018 the default holds.
    assert figures("640402", dt.date(2018, 12, 31))["leaders_large"] == 1


def test_leaders_by_source_and_industry(db):
    make_leader(make_person(serial=1), V1, source="就地培养", industry="种植业")
    make_leader(make_person(serial=2), V1, source="回引", industry="种植业")
    make_leader(make_person(serial=3), V2, source="回引", industry="电子商务")
    make_leader(make_person(serial=4), V2, source="外引", industry="其他")
    values = figures()
    assert (values["leaders_local"], values["leaders_returned"], values["leaders_recruited"]) == (1, 2, 1)
    assert (values["leaders_planting"], values["leaders_ecommerce"], values["leaders_other_industry"]) == (2, 1, 1)
    assert values["leaders_breeding"] == 0
