"""The rotation plan (轮训计划): its arithmetic as properties (the counts add up, each as close to
the ratio as whole numbers allow, the eligible secretaries take the region's places first), and
its page: the proposal by the rule, saving and editing, plan against done, the export."""

import datetime as dt
from fractions import Fraction

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from liangdai.audit.models import AuditLog
from liangdai.core import plugins
from liangdai.core.errors import DomainError
from liangdai.core.testing import make_profile
from liangdai.leaders.tests.makers import (
    OTHER_TOWNSHIP,
    V1,
    V2,
    V3,
    make_class,
    make_enrolment,
    make_holding,
    make_person,
)
from liangdai.rules.services import ruleset_set
from liangdai.training import plan
from liangdai.training.models import PlanEntry, RotationPlan

from .test_pages import text

COUNTY, TOWNSHIP = "640402", "640402103"
YEAR = 2019
D = dt.date(2019, 10, 31)

ratios = st.tuples(*(st.integers(1, 20) for _ in range(3)))


@settings(max_examples=100, deadline=None)
@given(total=st.integers(0, 5000), ratio=ratios)
def test_the_counts_add_up_and_each_is_its_share_rounded_down_or_up(total, ratio):
    counts = plan.largest_remainder(total, ratio)
    assert sum(counts) == total
    for count, part in zip(counts, ratio, strict=True):
        exact = Fraction(total * part, sum(ratio))
        assert exact - 1 < count < exact + 1


@settings(max_examples=100, deadline=None)
@given(total=st.integers(0, 500), ratio=ratios)
def test_no_other_whole_counts_come_closer_to_the_ratio(total, ratio):
    """Largest remainder minimises the largest distance from the exact shares: moving one place
    from one level to another never brings both closer."""
    counts = plan.largest_remainder(total, ratio)
    exact = [Fraction(total * p, sum(ratio)) for p in ratio]
    worst = max(abs(c - e) for c, e in zip(counts, exact, strict=True))
    for i in range(3):
        for j in range(3):
            if i != j and counts[i] > 0:
                moved = list(counts)
                moved[i], moved[j] = moved[i] - 1, moved[j] + 1
                assert max(abs(c - e) for c, e in zip(moved, exact, strict=True)) >= worst


@settings(max_examples=100, deadline=None)
@given(flags=st.lists(st.booleans(), max_size=60), ratio=ratios)
def test_the_eligible_secretaries_fill_the_region_places_first(flags, ratio):
    secretaries = [plan.Secretary(i, f"书记{i}", f"6404021032{i:02d}", eligible) for i, eligible in enumerate(flags)]
    counts = plan.proposed_counts(len(secretaries), ratio)
    levels = plan.assign(secretaries, counts)
    assert sorted(levels) == list(range(len(flags)))
    region = {p for p, level in levels.items() if level == "自治区"}
    assert len(region) == counts["自治区"]
    eligible = {s.person_id for s in secretaries if s.eligible}
    assert region <= eligible or eligible <= region
    for level in plan.LEVELS:
        assert sum(1 for v in levels.values() if v == level) == counts[level]


# --- the page -----------------------------------------------------------------------------------


@pytest.fixture
def secretaries(db):
    """Ten secretaries of 原州区, in villages of 官厅镇 and another township; V2 is a poor village."""
    make_profile(V2, is_poor=True)
    villages = [V1, V2, V3, OTHER_TOWNSHIP, *(f"640402100{n}" for n in (202, 203, 205, 206, 207, 208))]
    found = []
    for serial, village in enumerate(villages, start=1):
        person = make_person(f"书记{serial:02d}", serial=serial)
        make_holding(village, person)
        found.append(person)
    return found


def plan_url(code: str = COUNTY) -> str:
    return reverse("training:plan", args=[code])


def test_the_rule_proposes_two_three_five_with_the_poor_village_first(client, county_user, secretaries):
    client.force_login(county_user)
    proposal = client.get(plan_url(), {"year": YEAR, "as_of": D.isoformat()}).context["proposal"]
    assert (proposal.ratio, proposal.counts) == ((2, 3, 5), {"自治区": 2, "市": 3, "县": 5})
    region = [p for p, level in proposal.levels.items() if level == "自治区"]
    assert secretaries[1].pk in region  # the secretary of the poor village V2


def test_three_star_villages_go_to_the_region_first_through_the_stars_hook(client, county_user, secretaries,
                                                                           monkeypatch):  # fmt: skip
    asked = []

    def stars(code, year):
        asked.append((code, year))
        return {secretaries[9].holdings.get().village_id: 3, secretaries[8].holdings.get().village_id: 2}

    monkeypatch.setattr(plugins, "VILLAGE_STARS", [stars])
    client.force_login(county_user)
    proposal = client.get(plan_url(), {"year": YEAR}).context["proposal"]
    region = {p for p, level in proposal.levels.items() if level == "自治区"}
    assert region == {secretaries[1].pk, secretaries[9].pk}  # poor V2, and the three-star village
    assert asked == [(COUNTY, YEAR - 1)]


def test_a_plan_is_saved_edited_and_compared_with_what_is_done(client, county_user, secretaries):
    client.force_login(county_user)
    url = plan_url() + f"?year={YEAR}&as_of={D.isoformat()}"
    assert client.post(url, {"region": 2, "city": 3, "county": 5}).status_code == 302
    saved = RotationPlan.objects.get()
    assert (saved.region, saved.city, saved.county, saved.entries.count()) == (2, 3, 5, 10)
    assert AuditLog.objects.get(entity="rotation_plan").after["ratio"] == "2:3:5"
    assert client.post(url, {"region": 1, "city": 4, "county": 5}).status_code == 302
    assert PlanEntry.objects.filter(level="自治区").count() == 1
    region_person = PlanEntry.objects.get(level="自治区").person
    county_person = PlanEntry.objects.filter(level="县").first().person
    make_enrolment(make_class("自治区班", "自治区", dt.date(2019, 5, 1), dt.date(2019, 5, 3)), region_person)
    make_enrolment(make_class("市级班", "市", dt.date(2019, 5, 1), dt.date(2019, 5, 3)), county_person)
    progress = {lp.level: lp for lp in client.get(url).context["progress"]}
    assert [len(progress["自治区"].trained), len(progress["自治区"].missing)] == [1, 0]
    assert len(progress["县"].trained) == 0 and (county_person.pk, True) in [
        (e.person_id, other) for e, other in progress["县"].missing
    ]  # trained, but at another level than planned
    export = client.get(reverse("training:plan_export", args=[COUNTY]), {"year": YEAR, "as_of": D.isoformat()})
    body = text(export)
    assert region_person.name in body and all(p.id_number not in body for p in secretaries)


def test_a_plan_whose_counts_do_not_add_up_is_refused(client, county_user, secretaries):
    client.force_login(county_user)
    response = client.post(plan_url() + f"?year={YEAR}", {"region": 2, "city": 3, "county": 4})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["自治区、市、县轮训人数之和（9）应等于书记人数（10）"]
    assert not RotationPlan.objects.exists()
    assert not AuditLog.objects.filter(entity="rotation_plan").exists()


def test_a_township_clerk_does_not_plan(client, clerk, secretaries):
    client.force_login(clerk)
    response = client.get(plan_url(TOWNSHIP), {"year": YEAR})
    assert response.status_code == 200 and response.context["may_plan"] is False
    response = client.post(plan_url(TOWNSHIP) + f"?year={YEAR}", {"region": 1, "city": 1, "county": 1})
    assert response.context["form"].non_field_errors() == ["轮训计划由自治区、市、县（区）组织部门制定"]
    assert not RotationPlan.objects.exists()


def test_the_proposal_follows_the_ratio_rule_of_the_county_for_the_year(client, county_user, system, secretaries):
    ruleset_set(actor=system, kind="training_ratio", year=YEAR, code=COUNTY, data={"region": 1, "city": 1, "county": 2})
    client.force_login(county_user)
    assert client.get(plan_url(), {"year": YEAR}).context["proposal"].counts == {"自治区": 3, "市": 2, "县": 5}
    assert client.get(plan_url(), {"year": YEAR - 1}).context["proposal"].counts == {"自治区": 2, "市": 3, "县": 5}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"region": 2, "city": 0, "county": 5}, "培训分担比例：市的份数须大于0"),
        ({"region": 2, "city": 3, "county": 2.5}, "培训分担比例：县的份数须为整数"),
    ],
)
def test_a_ratio_rule_that_is_not_three_positive_whole_numbers_is_refused(system, data, message):
    with pytest.raises(DomainError) as info:
        ruleset_set(actor=system, kind="training_ratio", year=YEAR, code=COUNTY, data=data)
    assert info.value.message == message
