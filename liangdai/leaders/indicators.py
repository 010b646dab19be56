"""Figures of wealth leaders (DOMAIN.md part 5 and the acceptance table)."""

import datetime as dt

from django.db.models import Count, Q, QuerySet, Sum

from liangdai.cadres import figures
from liangdai.cadres.indicators import holdings_under
from liangdai.indicators.registry import Indicator, Query, figure_group, share

from .models import Industry, LeaderSource, WealthLeader
from .tiers import tier_counts

LEADERS = "致富带头人"

SOURCE_IDS = {
    LeaderSource.LOCAL: "leaders_local",
    LeaderSource.RETURNED: "leaders_returned",
    LeaderSource.RECRUITED: "leaders_recruited",
}
INDUSTRY_IDS = {
    Industry.PLANTING: "leaders_planting",
    Industry.BREEDING: "leaders_breeding",
    Industry.PROCESSING: "leaders_processing",
    Industry.TOURISM: "leaders_tourism",
    Industry.ECOMMERCE: "leaders_ecommerce",
    Industry.LABOUR: "leaders_labour",
    Industry.OTHER: "leaders_other_industry",
}


def leaders_on(code: str, day: dt.date) -> QuerySet:
    """Wealth leaders on `day` (认定日期 ≤ day) whose home village lies under the node."""
    return WealthLeader.objects.filter(village__code__startswith=code, recognised_on__lte=day)


def secretaries_on(code: str, day: dt.date) -> QuerySet:
    """Secretaries as the cadres app defines them (DOMAIN.md): 党组织书记 holdings in office on `day`
    in the administrative villages under the node."""
    return figures.secretaries_on(holdings_under(code), day)


@figure_group(
    Indicator("wealth_leaders", "致富带头人", "人", LEADERS),
    Indicator("people_driven", "带动人数", "人", LEADERS),
    Indicator("households_driven", "带动户数", "户", LEADERS),
    Indicator("poor_households_driven", "带动脱贫户数", "户", LEADERS),
    Indicator("secretary_wealth_leader_share", "书记中致富带头人占比", "%", LEADERS, 1),
)
def leader_figures(q: Query) -> dict:
    totals = leaders_on(q.code, q.as_of).aggregate(
        n=Count("pk"), people=Sum("people"), households=Sum("households"), poor=Sum("poor_households")
    )
    secretaries = secretaries_on(q.code, q.as_of)
    leading = secretaries.filter(
        person__wealth_leader__isnull=False, person__wealth_leader__recognised_on__lte=q.as_of
    ).count()
    return {
        "wealth_leaders": totals["n"],
        "people_driven": totals["people"] or 0,
        "households_driven": totals["households"] or 0,
        "poor_households_driven": totals["poor"] or 0,
        "secretary_wealth_leader_share": share(leading, secretaries.count()),
    }


@figure_group(
    Indicator("leaders_large", "大型致富带头人", "人", LEADERS),
    Indicator("leaders_medium", "中型致富带头人", "人", LEADERS),
    Indicator("leaders_small", "小型致富带头人", "人", LEADERS),
    *(Indicator(i, f"致富带头人（{s.label}）", "人", LEADERS) for s, i in SOURCE_IDS.items()),
    *(Indicator(i, f"致富带头人（{s.label}）", "人", LEADERS) for s, i in INDUSTRY_IDS.items()),
)
def leader_classes(q: Query) -> dict:
    """Wealth leaders by tier (the year's `leader_tiers`), source and industry (分类建档)."""
    leaders = leaders_on(q.code, q.as_of)
    tiers = tier_counts(leaders, q.as_of.year, q.code)
    counts = leaders.aggregate(
        **{i: Count("pk", filter=Q(source=s)) for s, i in SOURCE_IDS.items()},
        **{i: Count("pk", filter=Q(industry=s)) for s, i in INDUSTRY_IDS.items()},
    )
    return {f"leaders_{tier}": n for tier, n in tiers.items()} | counts
