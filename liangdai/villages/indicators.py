"""Figures of places and money (DOMAIN.md part 1 and the acceptance table), and of the villages'
per-capita net income (part 7)."""

from decimal import Decimal

from django.db.models import Case, Count, IntegerField, Min, Q, Sum, Value, When
from django.utils.translation import gettext_noop as N_

from liangdai.indicators.registry import Indicator, Query, figure_group, mean, median, share
from liangdai.org.divisions import administrative
from liangdai.org.models import Division
from liangdai.rules.schemas import FundTiers
from liangdai.rules.selectors import rule_areas, rule_for

from .models import Spending, Venue, VillageIncome, VillageProfile

PLACE = N_("场所")
MONEY = N_("资金")
OUTCOME = N_("成效")


def villages_under(code: str):
    """The administrative villages under a node (10th digit 2)."""
    return Division.objects.filter(is_village=True, code__startswith=code)


@figure_group(
    Indicator("villages", N_("行政村数"), N_("个"), PLACE),
    Indicator("venues_built", N_("新建扩建活动场所"), N_("个"), PLACE),
    Indicator("venues_ge_200", N_("场所面积200㎡以上的村"), N_("个"), PLACE),
    Indicator("venues_ge_200_share", N_("场所200㎡以上村占比"), N_("%"), PLACE, 1),
    Indicator("venues_ge_500_share", N_("场所500㎡以上村占比"), N_("%"), PLACE, 1),
    Indicator("villages_lacking_place", N_("缺场地的村（无场所或不足200㎡）"), N_("个"), PLACE),
)
def place_figures(q: Query) -> dict:
    villages = villages_under(q.code).count()
    # venues_built counts venues, the two shares count villages (administrative ones): DOMAIN.md's
    # terms, exactly.
    in_village = administrative()
    venues = Venue.objects.filter(village__code__startswith=q.code).aggregate(
        built=Count("pk", filter=Q(build_mode__in=["新建", "扩建"], completed_on__range=(q.start, q.as_of))),
        ge_200=Count("pk", filter=in_village & Q(area__gte=200)),
        ge_500=Count("pk", filter=in_village & Q(area__gte=500)),
    )
    return {
        "villages": villages,
        "venues_built": venues["built"],
        "venues_ge_200": venues["ge_200"],
        "venues_ge_200_share": share(venues["ge_200"], villages),
        "venues_ge_500_share": share(venues["ge_500"], villages),
        "villages_lacking_place": villages - venues["ge_200"],
    }


def fund_by_village(code: str, year: int) -> dict[str, int]:
    """Each administrative village's fund for `year`, from its population and the year's tiers
    (the county's override where one is set)."""
    tiers_by_county: dict[str, FundTiers] = {}
    funds = {}
    rows = VillageProfile.objects.filter(administrative(), village__code__startswith=code)
    for village_id, population in rows.values_list("village_id", "population"):
        county = village_id[:6]
        if county not in tiers_by_county:
            tiers_by_county[county] = rule_for("fund_tiers", year, county)
        funds[village_id] = tiers_by_county[county].amount(population)
    return funds


def _fund_case(tiers: FundTiers) -> Case:
    """The fund of a profile's population under `tiers`, as SQL (the same as `FundTiers.amount`)."""
    whens = [When(population__gte=t.minimum, then=Value(t.yuan)) for t in reversed(tiers.tiers)]
    return Case(*whens, default=Value(0), output_field=IntegerField())


def fund_totals(code: str, year: int) -> tuple[int, int]:
    """The funds of `year` under a node in SQL: (yuan allocated, villages with a fund), one
    aggregate for each part of the node that follows one rule."""
    allocated = funded = 0
    for tiers, part, left_out in rule_areas("fund_tiers", year, code):
        profiles = VillageProfile.objects.filter(administrative(), village__code__startswith=part)
        for other in left_out:
            profiles = profiles.exclude(village__code__startswith=other)
        totals = profiles.annotate(fund=_fund_case(tiers)).aggregate(
            total=Sum("fund"), funded=Count("pk", filter=Q(fund__gt=0))
        )
        allocated += totals["total"] or 0
        funded += totals["funded"]
    return allocated, funded


@figure_group(
    Indicator("fund_allocated", N_("为民服务资金（本年度）"), N_("元"), MONEY),
    Indicator("fund_spent", N_("资金支出（期间）"), N_("元"), MONEY),
    Indicator("fund_spent_share", N_("资金使用率（本年度）"), N_("%"), MONEY, 1),
    Indicator("villages_lacking_money", N_("缺资金的村（本年度无资金）"), N_("个"), MONEY),
)
def money_figures(q: Query) -> dict:
    year = q.as_of.year
    allocated, funded = fund_totals(q.code, year)
    spending = Spending.objects.filter(administrative(), village__code__startswith=q.code)
    spent = spending.filter(date__range=(q.start, q.as_of)).aggregate(s=Sum("amount"))["s"] or 0
    spent_year = spending.filter(date__year=year, date__lte=q.as_of).aggregate(s=Sum("amount"))["s"] or 0
    villages = villages_under(q.code).count()
    return {
        "fund_allocated": allocated,
        "fund_spent": int(spent) if spent == int(spent) else float(spent),
        "fund_spent_share": share(int(spent_year), allocated) if allocated else None,
        "villages_lacking_money": villages - funded,
    }


# --- per-capita net income (人均纯收入, DOMAIN.md part 7) ---------------------------------------


def incomes_of(code: str, years) -> dict[int, dict[str, Decimal]]:
    """The per-capita net incomes of the administrative villages under a node in `years`:
    year -> {village code: income}; a year without records maps to {}."""
    found: dict[int, dict[str, Decimal]] = {year: {} for year in years}
    rows = VillageIncome.objects.filter(administrative(), village__code__startswith=code, year__in=found)
    for village, year, income in rows.values_list("village_id", "year", "income"):
        found[year][village] = income
    return found


def first_income_year(code: str, year: int) -> int | None:
    """The first year on record for the administrative villages under a node, up to `year`."""
    rows = VillageIncome.objects.filter(administrative(), village__code__startswith=code, year__lte=year)
    return rows.aggregate(first=Min("year"))["first"]


def income_growth(now: dict[str, Decimal], then: dict[str, Decimal]) -> float | None:
    """Growth in percent of the villages' incomes from `then` to `now` on the same footing (同口径):
    only the villages recorded in both years count, so a village reporting for the first time does
    not move the figure. The growth of their mean, rounded as a share; None with nothing to compare."""
    both = now.keys() & then.keys()
    before = sum((then[v] for v in both), Decimal(0))
    return share(sum((now[v] for v in both), Decimal(0)) - before, before) if both else None


def fell_back(now: dict[str, Decimal], then: dict[str, Decimal]) -> list[str]:
    """The villages whose income is lower than the year before (both years recorded), by code."""
    return sorted(v for v in now.keys() & then.keys() if now[v] < then[v])


@figure_group(
    Indicator("income_villages", N_("填报人均纯收入的村（本年度）"), N_("个"), OUTCOME),
    Indicator("income_median", N_("村人均纯收入中位数（本年度）"), N_("元"), OUTCOME, 1),
    Indicator("income_mean", N_("村人均纯收入平均数（本年度）"), N_("元"), OUTCOME, 1),
    Indicator("income_growth", N_("人均纯收入比上年增长（同口径）"), N_("%"), OUTCOME, 1),
    Indicator("income_growth_since_first", N_("人均纯收入比首个记录年度增长（同口径）"), N_("%"), OUTCOME, 1),
    Indicator("income_fell_back", N_("人均纯收入比上年下降的村"), N_("个"), OUTCOME),
)
def income_figures(q: Query) -> dict:
    """The incomes of the as-of date's year. The median and the mean are of the villages (each
    village once, not weighted by population); growth and falling back compare the same villages."""
    year = q.as_of.year
    first = first_income_year(q.code, year)
    incomes = incomes_of(q.code, {year, year - 1, first or year})
    now, last = incomes[year], incomes[year - 1]
    compared = bool(now.keys() & last.keys())
    return {
        "income_villages": len(now),
        "income_median": median(now.values()),
        "income_mean": mean(sum(now.values(), Decimal(0)), len(now)),
        "income_growth": income_growth(now, last),
        "income_growth_since_first": income_growth(now, incomes[first]) if first and first < year else None,
        "income_fell_back": len(fell_back(now, last)) if compared else None,
    }
