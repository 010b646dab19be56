"""The node page as a dashboard: each figure beside the same figure a year before (computed by hand
on a built dataset), the children's table that equals the children's figures, the period in the
address, the warnings counted and linked; the outsider sees none of it."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from liangdai.core import plugins
from liangdai.core.testing import make_profile, make_venue
from liangdai.indicators.registry import REGISTRY, Query
from liangdai.leaders.tests.makers import make_holding, make_leader, make_person
from liangdai.reports import dashboard
from liangdai.villages.models import Spending, VillageIncome

COUNTY, T1, T2 = "640402", "640402103", "640402100"  # 原州区, 官厅镇, 三营镇
V1, V2, W1 = "640402103200", "640402103201", "640402100200"
AS_OF, START = dt.date(2019, 10, 31), dt.date(2019, 1, 1)
PERIOD = {"as_of": "2019-10-31", "from": "2019-01-01"}


@pytest.fixture
def dataset(db):
    """Two townships. A year before (2018-10-31) only V1's secretary was in office; W1's took
    office in March 2019 aged 61."""
    make_profile(V1, population=1200)  # fund 60,000
    make_profile(W1, population=3000)  # fund 100,000
    make_venue(V1, area=600)
    make_venue(W1, area=250)
    Spending.objects.create(village_id=V1, date=dt.date(2019, 4, 1), amount=Decimal("1234.5"), purpose="修路")
    Spending.objects.create(village_id=V1, date=dt.date(2018, 4, 1), amount=Decimal(99), purpose="修渠")
    make_holding(V1, make_person("甲", dt.date(1970, 5, 1), serial=1), start=dt.date(2015, 1, 1))
    make_holding(W1, make_person("乙", dt.date(1958, 1, 1), serial=2), start=dt.date(2019, 3, 1))
    make_leader(make_person("丙", dt.date(1980, 1, 1), serial=3), village=V2, recognised_on=dt.date(2018, 1, 1))
    incomes = {V1: {2018: 5500, 2019: 6000}, V2: {2018: 5800, 2019: 5700}, W1: {2019: 9000}}
    VillageIncome.objects.bulk_create(
        VillageIncome(village_id=v, year=y, income=Decimal(i)) for v, years in incomes.items() for y, i in years.items()
    )


def node(client, user, code, **params):
    client.force_login(user)
    return client.get(reverse("reports:node", args=[code]), params)


def figure(response, indicator_id) -> dashboard.Figure:
    return next(f for _, figures in response.context["sections"] for f in figures if f.indicator.id == indicator_id)


def headline_html(page: str, indicator_id: str) -> str:
    headlines = page.split('id="headlines"')[1].split("</section>")[0]
    return headlines.split(f'data-headline="{indicator_id}"')[1].split("</div>")[0]


def test_a_year_before_is_the_same_date_and_29_february_falls_on_the_28th():
    assert dashboard.year_before(dt.date(2019, 10, 31)) == dt.date(2018, 10, 31)
    assert dashboard.year_before(dt.date(2020, 2, 29)) == dt.date(2019, 2, 28)


def test_each_figure_changes_against_the_same_date_a_year_before_computed_by_hand(client, county_user, dataset):
    response = node(client, county_user, COUNTY, **PERIOD)
    assert (response.context["before_start"], response.context["before_as_of"]) == (
        dt.date(2018, 1, 1),
        dt.date(2018, 10, 31),
    )
    # Secretaries in office: V1's and W1's now, V1's alone a year before.
    secretaries = figure(response, "secretaries")
    assert (secretaries.value, secretaries.before, secretaries.change.difference) == (2, 1, 1)
    assert secretaries.change.direction == "up"
    # Under 60: one of two now (W1's is 61), one of one then: 50.0% against 100.0%.
    under_60 = figure(response, "secretary_under_60_share")
    assert (under_60.value, under_60.before, under_60.change.difference) == (50.0, 100.0, Decimal("-50.0"))
    # Median income: 5700, 6000, 9000 in 2019; 5500, 5800 in 2018.
    income = figure(response, "income_median")
    assert (income.value, income.before, income.change.difference) == (6000.0, 5650.0, Decimal("350.0"))
    # Spent in the period: 1,234.5 in 2019 against 99 in the same months of 2018.
    assert figure(response, "fund_spent").change.difference == Decimal("1135.5")
    # A venue has no date: its shares stand still. Growth needs 2017 for a year before: none.
    assert figure(response, "venues_ge_200_share").change.direction == "same"
    assert figure(response, "income_growth").value == 3.5  # 11,700 against 11,300
    assert figure(response, "income_growth").change is None


def test_the_headlines_show_the_change_with_an_arrow_and_percentage_points_for_a_share(client, county_user, dataset):
    page = node(client, county_user, COUNTY, **PERIOD).content.decode()
    assert "比上年同期增加</span> 1人" in headline_html(page, "secretaries")
    assert "↓" in headline_html(page, "secretary_under_60_share")
    assert "比上年同期减少</span> 50.0个百分点" in headline_html(page, "secretary_under_60_share")
    assert "比上年同期增加</span> 350.0元" in headline_html(page, "income_median")
    assert "持平" in headline_html(page, "venues_ge_200_share")
    assert "上年同期无可比数据" in headline_html(page, "income_growth")


def test_a_figures_value_cell_is_on_the_page_once_and_holds_the_value_alone(client, county_user, dataset):
    """Browser tests read `[data-indicator="ID"] dd`: the headline's copy and the change stay out of it."""
    page = node(client, county_user, COUNTY, **PERIOD).content.decode()
    assert page.count('data-indicator="secretaries"') == 1 and page.count('data-headline="secretaries"') == 1
    cell = page.split('data-indicator="secretaries"')[1].split("</div>")[0]
    assert re.findall(r"<dd>(.*?)</dd>", cell, re.S) == ['2<span class="unit">人</span>']


def test_the_county_childrens_table_equals_the_childrens_figures(client, county_user, dataset):
    response = node(client, county_user, COUNTY, **PERIOD)
    rows = {row["division"].code: row for row in response.context["rows"]}
    columns = {
        "villages": "villages",
        "ge_200_share": "venues_ge_200_share",
        "ge_500_share": "venues_ge_500_share",
        "fund": "fund_allocated",
        "spent": "fund_spent",
        "secretaries": "secretaries",
        "leaders": "wealth_leaders",
        "income_median": "income_median",
    }
    for code, row in rows.items():
        figures = REGISTRY.compute(Query.of(code, AS_OF, START))
        assert {c: row[c] for c in columns} == {c: figures[i] for c, i in columns.items()}, code
    # The dataset shows in the rows, so the comparison above is not of zeros alone.
    assert (rows[T1]["secretaries"], rows[T1]["leaders"], rows[T1]["income_median"]) == (1, 1, 5850.0)
    assert (rows[T2]["secretaries"], rows[T2]["fund"], rows[T2]["income_median"]) == (1, 100000, 9000.0)


def test_the_township_villages_table_equals_the_villages_figures(client, clerk, dataset):
    response = node(client, clerk, T1, **PERIOD)
    rows = response.context["rows"]
    assert [r["division"].code for r in rows][:2] == [V1, V2]
    for row in rows:
        figures = REGISTRY.compute(Query.of(row["division"].code, AS_OF, START))
        income = None if row["income"] is None else float(row["income"])
        assert (row["fund"], row["spent"], row["secretaries"], row["leaders"], income) == (
            figures["fund_allocated"],
            figures["fund_spent"],
            figures["secretaries"],
            figures["wealth_leaders"],
            figures["income_median"],
        ), row["division"].code
    assert (rows[0]["secretaries"], rows[1]["leaders"], rows[1]["income"]) == (1, 1, Decimal(5700))


def test_the_children_are_sortable_and_their_links_keep_the_date_and_period(client, county_user, dataset):
    page = node(client, county_user, COUNTY, **PERIOD).content.decode()
    table = page.split('id="children-table"')[1].split("</table>")[0]
    assert "data-sortable" in page.split('id="children-table"')[0][-60:]
    assert len(re.findall(r'<th scope="col"[^>]*data-sort=', table)) == 10
    assert f'href="{reverse("reports:node", args=[T1])}?as_of=2019-10-31&amp;from=2019-01-01"' in table
    assert f'<tr data-code="{T1}">' in table and re.search(r'data-value="1234.50?"', table)


def test_the_address_holds_the_node_the_date_and_the_period(client, county_user, dataset):
    response = node(client, county_user, COUNTY, **PERIOD)
    page = response.content.decode()
    assert response.context["period_query"] == "as_of=2019-10-31&from=2019-01-01"
    assert f"{reverse('reports:figure_table', args=[COUNTY])}?as_of=2019-10-31&amp;from=2019-01-01" in page
    choices = {c["label"]: c["query"] for c in response.context["period_choices"]}
    assert choices == {
        "本年以来": "as_of=2019-10-31&from=2019-01-01",
        "近12个月": "as_of=2019-10-31&from=2018-11-01",
        "上一年度": "as_of=2018-12-31&from=2018-01-01",
    }
    # Another period in the address is another view.
    other = node(client, county_user, COUNTY, as_of="2018-12-31", **{"from": "2018-01-01"})
    assert figure(other, "secretaries").value == 1


def test_every_warning_panel_is_counted_and_linked_to_its_section(client, county_user, dataset):
    assert {p.template for p in plugins.WARNING_PANELS} <= set(dashboard.WARNING_LINES)
    response = node(client, county_user, T1, **PERIOD)
    counts = {str(w.label): w for w in response.context["warnings"]}
    # No development object in either village of 官厅镇 (13 villages) for two years.
    no_candidate = counts["两年未确定发展对象的行政村"]
    assert no_candidate.count == 13
    assert counts["书记空缺超过3个月的村"].count == 0
    warnings_page = client.get(no_candidate.url.split("#")[0]).content.decode()
    for line in response.context["warnings"]:
        url, anchor = line.url.split("#")
        assert url == f"{reverse('cadres:warnings')}?code={T1}&as_of=2019-10-31"
        if line.count:
            assert f'id="{anchor}"' in warnings_page, line.label
    page = response.content.decode()
    assert 'id="warnings-summary"' in page and "<strong>13</strong>" in page


@pytest.mark.parametrize("code", [COUNTY, T1])
def test_the_outsider_gets_404_on_the_dashboard(client, outsider, dataset, code):
    assert node(client, outsider, code, **PERIOD).status_code == 404
