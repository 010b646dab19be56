"""Figures of places and money (DOMAIN.md part 1 and the acceptance table)."""

from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When

from liangdai.indicators.registry import Indicator, Query, figure_group, share
from liangdai.org.models import Division
from liangdai.rules.schemas import FundTiers
from liangdai.rules.selectors import rule_areas, rule_for

from .models import Spending, Venue, VillageProfile

PLACE = "场所"
MONEY = "资金"


def villages_under(code: str):
    """The administrative villages under a node (10th digit 2)."""
    return Division.objects.filter(is_village=True, code__startswith=code)


@figure_group(
    Indicator("villages", "行政村数", "个", PLACE),
    Indicator("venues_built", "新建扩建活动场所", "个", PLACE),
    Indicator("venues_ge_200", "场所面积200㎡以上的村", "个", PLACE),
    Indicator("venues_ge_200_share", "场所200㎡以上村占比", "%", PLACE, 1),
    Indicator("venues_ge_500_share", "场所500㎡以上村占比", "%", PLACE, 1),
    Indicator("villages_lacking_place", "缺场地的村（无场所或不足200㎡）", "个", PLACE),
)
def place_figures(q: Query) -> dict:
    villages = villages_under(q.code).count()
    # venues_built counts venues, the two shares count villages (administrative ones): DOMAIN.md's
    # terms, exactly.
    in_village = Q(village__is_village=True)
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
    rows = VillageProfile.objects.filter(village__is_village=True, village__code__startswith=code)
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
        profiles = VillageProfile.objects.filter(village__is_village=True, village__code__startswith=part)
        for other in left_out:
            profiles = profiles.exclude(village__code__startswith=other)
        totals = profiles.annotate(fund=_fund_case(tiers)).aggregate(
            total=Sum("fund"), funded=Count("pk", filter=Q(fund__gt=0))
        )
        allocated += totals["total"] or 0
        funded += totals["funded"]
    return allocated, funded


@figure_group(
    Indicator("fund_allocated", "为民服务资金（本年度）", "元", MONEY),
    Indicator("fund_spent", "资金支出（期间）", "元", MONEY),
    Indicator("fund_spent_share", "资金使用率（本年度）", "%", MONEY, 1),
    Indicator("villages_lacking_money", "缺资金的村（本年度无资金）", "个", MONEY),
)
def money_figures(q: Query) -> dict:
    year = q.as_of.year
    allocated, funded = fund_totals(q.code, year)
    spending = Spending.objects.filter(village__is_village=True, village__code__startswith=q.code)
    spent = spending.filter(date__range=(q.start, q.as_of)).aggregate(s=Sum("amount"))["s"] or 0
    spent_year = spending.filter(date__year=year, date__lte=q.as_of).aggregate(s=Sum("amount"))["s"] or 0
    villages = villages_under(q.code).count()
    return {
        "fund_allocated": allocated,
        "fund_spent": int(spent) if spent == int(spent) else float(spent),
        "fund_spent_share": share(int(spent_year), allocated) if allocated else None,
        "villages_lacking_money": villages - funded,
    }
