"""What falls due under a node, by hand on a small dataset with the boundary days: activists who may
become development objects, conversions due in the next 30 days, due and overdue ones; the villages
with no development object for 2 years (warning page and figure); the node panel that links them."""

import datetime as dt

import pytest
from django.urls import reverse

from liangdai.core.errors import NotFound
from liangdai.indicators.registry import Query
from liangdai.leaders.tests.makers import OTHER_TOWNSHIP, OUTSIDE, V1, V2, V3, make_person, make_record
from liangdai.org.models import Division
from liangdai.party import indicators, selectors
from liangdai.party.panels import node_panel

D = dt.date
TOWNSHIP, COUNTY = "640402103", "640402"
AS_OF = D(2019, 6, 30)


def _person(name: str, serial: int, *stages: tuple[str, dt.date], village: str = V1):
    person = make_person(name, D(1980, 1, 1), serial)
    for stage, day in stages:
        make_record(person, stage, day, village)
    return person


@pytest.fixture
def dataset(db):
    return {
        # activists
        "ready_today": _person("甲", 1, ("入党积极分子", D(2018, 6, 30))),
        "ready_tomorrow": _person("乙", 2, ("入党积极分子", D(2018, 7, 1))),
        "already_candidate": _person("丙", 3, ("入党积极分子", D(2017, 1, 1)), ("发展对象", D(2018, 2, 1))),
        "candidate_later": _person("丁", 4, ("入党积极分子", D(2017, 1, 1)), ("发展对象", D(2019, 7, 5))),
        "ready_elsewhere": _person("戊", 5, ("入党积极分子", D(2017, 1, 1)), village=OUTSIDE),
        "ready_other_township": _person("己", 6, ("入党积极分子", D(2017, 1, 1)), village=OTHER_TOWNSHIP),
        # probationary members
        "due_tomorrow": _person("庚", 11, ("预备党员", D(2018, 7, 1))),
        "due_in_30": _person("辛", 12, ("预备党员", D(2018, 7, 30)), village=V2),
        "due_in_31": _person("壬", 13, ("预备党员", D(2018, 7, 31))),
        "due_today": _person("癸", 14, ("预备党员", D(2018, 6, 30))),
        "overdue": _person("子", 15, ("预备党员", D(2017, 6, 29))),
        "last_day": _person("丑", 16, ("预备党员", D(2017, 6, 30))),
        "converted": _person("寅", 17, ("预备党员", D(2017, 7, 2)), ("正式党员", D(2018, 7, 2))),
        "soon_elsewhere": _person("卯", 18, ("预备党员", D(2018, 7, 1)), village=OUTSIDE),
    }


def _names(rows) -> list[str]:
    return [r.person.name for r in rows]


def test_the_due_lists_of_the_township_on_the_boundary_days(clerk, dataset):
    lists = selectors.due_lists(clerk, TOWNSHIP, AS_OF)
    assert _names(lists["ready"]) == ["丁", "甲"]  # the later 发展对象 date is not yet on AS_OF
    assert [(r.activist_on, r.ready_on) for r in lists["ready"]][1] == (D(2018, 6, 30), D(2019, 6, 30))
    assert _names(lists["soon"]) == ["庚", "辛"]
    assert [d.due_on for d in lists["soon"]] == [D(2019, 7, 1), D(2019, 7, 30)]
    assert [(d.person.name, d.overdue) for d in lists["due"]] == [("子", True), ("丑", False), ("癸", False)]


def test_the_county_sees_the_other_township_and_the_outsider_only_their_own(county_user, outsider, dataset):
    assert "己" in _names(selectors.due_lists(county_user, COUNTY, AS_OF)["ready"])
    theirs = selectors.due_lists(outsider, "640425", AS_OF)
    assert (_names(theirs["ready"]), _names(theirs["soon"]), theirs["due"]) == (["戊"], ["卯"], [])


def test_an_activist_of_29_february_is_ready_on_28_february(clerk):
    _person("闰", 21, ("入党积极分子", D(2016, 2, 29)))
    assert _names(selectors.activists_ready(actor=clerk, as_of=D(2017, 2, 27), code=TOWNSHIP)) == []
    assert _names(selectors.activists_ready(actor=clerk, as_of=D(2017, 2, 28), code=TOWNSHIP)) == ["闰"]


def test_the_figures_count_what_the_lists_show(clerk, dataset, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # any node, the whole country included: no loop per village
        indicators.due_figures(Query.of("", AS_OF))
    values = indicators.due_figures(Query.of(TOWNSHIP, AS_OF))
    lists = selectors.due_lists(clerk, TOWNSHIP, AS_OF)
    assert (values["activists_ready"], values["conversions_due_soon"]) == (len(lists["ready"]), len(lists["soon"]))
    assert (values["activists_ready"], values["conversions_due_soon"]) == (2, 2)


def test_the_due_page_links_each_person_for_clerk_and_county(client, clerk, county_user, dataset):
    for user, code in ((clerk, TOWNSHIP), (county_user, COUNTY), (county_user, TOWNSHIP)):
        client.force_login(user)
        page = client.get(reverse("party:due", args=[code]), {"as_of": "2019-06-30"}).content.decode()
        for key in ("ready_today", "due_in_30", "overdue"):
            assert f'href="{reverse("cadres:person", args=[dataset[key].pk])}"' in page
        assert reverse("cadres:person", args=[dataset["soon_elsewhere"].pk]) not in page
        assert reverse("cadres:person", args=[dataset["due_in_31"].pk]) not in page


def _villages(code: str) -> set[str]:
    return set(Division.objects.filter(is_village=True, code__startswith=code).values_list("code", flat=True))


@pytest.fixture
def candidates(db):
    """V1 named one exactly two years before AS_OF, V2 a day earlier, V3 a day after AS_OF."""
    _person("一", 31, ("发展对象", D(2017, 6, 30)), village=V1)
    _person("二", 32, ("发展对象", D(2017, 6, 29)), village=V2)
    _person("三", 33, ("发展对象", D(2019, 7, 1)), village=V3)
    _person("四", 34, ("入党积极分子", D(2019, 1, 1)), village=OTHER_TOWNSHIP)  # not a development object


def test_villages_without_a_development_object_for_two_years_on_the_boundary_days(clerk, candidates):
    warned = {v.code for v in selectors.no_candidate_panel(clerk, Division.objects.get(pk=TOWNSHIP), AS_OF)["villages"]}
    assert V1 not in warned and {V2, V3} <= warned
    assert warned == _villages(TOWNSHIP) - {V1}
    a_day_earlier = selectors.villages_without_candidate(TOWNSHIP, AS_OF - dt.timedelta(days=1))
    assert set(a_day_earlier.values_list("code", flat=True)) == _villages(TOWNSHIP) - {V1, V2}
    assert indicators.due_figures(Query.of(TOWNSHIP, AS_OF))["villages_without_candidate_2y"] == len(warned)
    assert indicators.due_figures(Query.of(COUNTY, AS_OF))["villages_without_candidate_2y"] == len(
        _villages(COUNTY) - {V1}
    )


def test_the_warnings_page_lists_those_villages_with_links(client, clerk, county_user, outsider, candidates):
    for user in (clerk, county_user):
        client.force_login(user)
        page = client.get(reverse("cadres:warnings"), {"code": TOWNSHIP, "as_of": "2019-06-30"}).content.decode()
        listed = page[page.index('id="no-candidate"') :]
        assert f'href="{reverse("cadres:village", args=[V2])}"' in listed
        assert f'href="{reverse("cadres:village", args=[V1])}"' not in listed
    client.force_login(outsider)
    assert client.get(reverse("cadres:warnings"), {"code": TOWNSHIP}).status_code == 404
    page = client.get(reverse("cadres:warnings"), {"as_of": "2019-06-30"}).content.decode()
    assert V2 not in page and "640425" in page


def test_the_node_panel_links_the_due_lists_the_warnings_and_the_new_applicant(client, clerk, dataset):
    client.force_login(clerk)
    page = client.get(reverse("reports:node", args=[TOWNSHIP]), {"as_of": "2019-06-30"}).content.decode()
    panel = page[page.index('id="party-panel"') :]
    assert f'href="{reverse("party:due", args=[TOWNSHIP])}?as_of=2019-06-30#ready"' in panel
    assert f"{reverse('cadres:warnings')}?code={TOWNSHIP}&amp;as_of=2019-06-30#no-candidate-title" in panel
    assert f'href="{reverse("party:applicant_new", args=[TOWNSHIP])}"' in panel
    ready = panel[panel.index('data-indicator="activists_ready"') :]
    assert ready.index("<dd>2<") < ready.index("</div>")


def test_the_node_panel_is_not_found_for_the_outsider(outsider):
    with pytest.raises(NotFound):
        node_panel(outsider, Query.of(TOWNSHIP, AS_OF))
