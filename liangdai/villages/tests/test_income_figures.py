"""The income figures of the registry (人均纯收入, DOMAIN.md part 7) on a small dataset computed by
hand: the median and the mean of the as-of year, growth against the year before and against the
first year on record on the same villages, and the villages that fell back; and the income panel
of the node page that lists them."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from liangdai.indicators.registry import REGISTRY, Query
from liangdai.villages.models import VillageIncome
from liangdai.villages.panels import fell_back_villages, income_chart

TOWNSHIP, COUNTY = "640402103", "640402"
V200, V201, V202, V203 = "640402103200", "640402103201", "640402103202", "640402103206"
RESIDENTS = "640402100002"  # a residents' committee of 三营镇: not an administrative village
OUTSIDE = "640425103208"  # 彭阳县
INCOME_IDS = [
    "income_villages",
    "income_median",
    "income_mean",
    "income_growth",
    "income_growth_since_first",
    "income_fell_back",
]

# village -> {year: income}. 2017 is the first year on record; V201 falls back in 2019.
INCOMES = {
    V200: {2017: 5000, 2018: 5500, 2019: 6000},
    V201: {2017: 6000, 2018: 5800, 2019: 5700},
    V202: {2018: 7000, 2019: 7700},
    V203: {2019: 9000},
}


def make_incomes(incomes: dict) -> None:
    VillageIncome.objects.bulk_create(
        VillageIncome(village_id=village, year=year, income=Decimal(income))
        for village, years in incomes.items()
        for year, income in years.items()
    )


def figures(code: str, day: dt.date) -> dict:
    values = REGISTRY.compute(Query.of(code, day))
    return {i: values[i] for i in INCOME_IDS}


def test_the_income_figures_are_registered_in_the_outcomes_section():
    indicators = [i for i in REGISTRY.indicators() if i.id in INCOME_IDS]
    assert [i.id for i in indicators] == INCOME_IDS
    assert {i.section for i in indicators} == {"成效"}
    assert REGISTRY.get("income_median").unit == "元" and REGISTRY.get("income_growth").unit == "%"


def test_the_income_figures_of_a_township_computed_by_hand(db):
    make_incomes(INCOMES)
    assert figures(TOWNSHIP, dt.date(2019, 10, 31)) == {
        "income_villages": 4,
        # 5700, 6000, 7700, 9000: the mean of the two middle ones.
        "income_median": 6850.0,
        "income_mean": 7100.0,  # 28,400 / 4
        # The three villages recorded in 2018 and 2019: 19,400 against 18,300 -> 6.01%.
        "income_growth": 6.0,
        # The two recorded in 2017 (the first year) and 2019: 11,700 against 11,000 -> 6.36%.
        "income_growth_since_first": 6.4,
        "income_fell_back": 1,  # V201: 5,800 -> 5,700
    }


def test_the_year_before_has_its_own_figures(db):
    make_incomes(INCOMES)
    assert figures(TOWNSHIP, dt.date(2018, 12, 31)) == {
        "income_villages": 3,
        "income_median": 5800.0,  # 5500, 5800, 7000
        "income_mean": 6100.0,  # 18,300 / 3
        "income_growth": 2.7,  # 11,300 against 11,000 -> 2.73%
        "income_growth_since_first": 2.7,  # the year before is the first year
        "income_fell_back": 1,  # V201: 6,000 -> 5,800
    }


def test_the_first_year_on_record_has_no_growth(db):
    make_incomes(INCOMES)
    values = figures(TOWNSHIP, dt.date(2017, 6, 30))
    assert (values["income_villages"], values["income_median"], values["income_mean"]) == (2, 5500.0, 5500.0)
    assert (values["income_growth"], values["income_growth_since_first"], values["income_fell_back"]) == (
        None,
        None,
        None,
    )


def test_a_median_of_an_odd_count_is_the_middle_income_and_a_mean_rounds_half_up(db):
    make_incomes({V200: {2019: 1000}, V201: {2019: 1001}, V202: {2019: 5000}})
    values = figures(TOWNSHIP, dt.date(2019, 12, 31))
    assert values["income_median"] == 1001.0
    assert values["income_mean"] == 2333.7  # 7001 / 3 = 2333.67


def test_a_node_without_incomes_has_no_figures_rather_than_zeros(db):
    assert figures(TOWNSHIP, dt.date(2019, 10, 31)) == {
        "income_villages": 0,
        "income_median": None,
        "income_mean": None,
        "income_growth": None,
        "income_growth_since_first": None,
        "income_fell_back": None,
    }


def test_only_the_administrative_villages_under_the_node_count(db):
    make_incomes({V200: {2019: 6000}, RESIDENTS: {2019: 90000}, OUTSIDE: {2019: 1}})
    values = figures(COUNTY, dt.date(2019, 10, 31))
    assert (values["income_villages"], values["income_median"]) == (1, 6000.0)


def test_the_villages_that_fell_back_are_listed_largest_fall_first(db):
    make_incomes(INCOMES | {V203: {2018: 10000, 2019: 9000}})
    rows = fell_back_villages(TOWNSHIP, 2019)
    assert [(r.village.code, r.before, r.income, r.growth) for r in rows] == [
        (V203, Decimal(10000), Decimal(9000), -10.0),
        (V201, Decimal(5800), Decimal(5700), -1.7),
    ]
    assert figures(TOWNSHIP, dt.date(2019, 10, 31))["income_fell_back"] == len(rows)


def test_the_chart_holds_the_median_and_mean_of_each_year_on_record(db):
    make_incomes(INCOMES)
    chart = income_chart(TOWNSHIP, 2019, 2017)
    assert chart["categories"] == ["2017", "2018", "2019"]
    assert [s["data"] for s in chart["series"]] == [[5500.0, 5800.0, 6850.0], [5500.0, 6100.0, 7100.0]]


def test_the_node_page_shows_the_income_panel_with_a_link_to_each_village_that_fell_back(client, clerk):
    make_incomes(INCOMES)
    client.force_login(clerk)
    page = client.get(reverse("reports:node", args=[TOWNSHIP]), {"as_of": "2019-10-31"}).content.decode()
    assert 'id="income-panel"' in page and 'id="income-chart-data"' in page
    assert reverse("villages:detail", args=[V201]) + "?year=2019" in page
    panel = page.split('id="income-fell-back"')[1].split("</details>")[0]
    assert reverse("villages:detail", args=[V200]) not in panel


def test_the_outsider_gets_404_and_sees_no_income(client, outsider):
    make_incomes(INCOMES)
    client.force_login(outsider)
    assert client.get(reverse("reports:node", args=[TOWNSHIP]), {"as_of": "2019-10-31"}).status_code == 404
