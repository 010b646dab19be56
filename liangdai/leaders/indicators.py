"""Figures of wealth leaders (DOMAIN.md part 5 and the acceptance table)."""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_noop as N_

from liangdai.cadres import figures
from liangdai.cadres.indicators import holdings_under
from liangdai.indicators.registry import Indicator, Query, figure_group, share

from .models import Industry, LeaderSource, Support, SupportKind, WealthLeader
from .tiers import tier_counts

LEADERS = N_("致富带头人")
SUPPORT = N_("优先扶持")

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

SUPPORT_IDS = {
    SupportKind.LOAN: "loan",
    SupportKind.SUBSIDY: "subsidy",
    SupportKind.LAND: "land",
    SupportKind.TRAINING: "training",
    SupportKind.MARKET: "market",
    SupportKind.OTHER: "other",
}

# The labels of the figures by class, written out one by one so that each is extracted for
# translation (the same text as `f"致富带头人（{kind.label}）"`).
CLASS_LABELS = {
    "leaders_local": N_("致富带头人（就地培养）"),
    "leaders_returned": N_("致富带头人（回引）"),
    "leaders_recruited": N_("致富带头人（外引）"),
    "leaders_planting": N_("致富带头人（种植业）"),
    "leaders_breeding": N_("致富带头人（养殖业）"),
    "leaders_processing": N_("致富带头人（农产品加工）"),
    "leaders_tourism": N_("致富带头人（乡村旅游）"),
    "leaders_ecommerce": N_("致富带头人（电子商务）"),
    "leaders_labour": N_("致富带头人（劳务经纪）"),
    "leaders_other_industry": N_("致富带头人（其他）"),
}
SUPPORT_COUNT_LABELS = {
    "loan": N_("优先扶持：贷款贴息（期间，次）"),
    "subsidy": N_("优先扶持：产业补助（期间，次）"),
    "land": N_("优先扶持：土地流转（期间，次）"),
    "training": N_("优先扶持：培训（期间，次）"),
    "market": N_("优先扶持：市场对接（期间，次）"),
    "other": N_("优先扶持：其他（期间，次）"),
}
SUPPORT_AMOUNT_LABELS = {
    "loan": N_("优先扶持金额：贷款贴息（期间）"),
    "subsidy": N_("优先扶持金额：产业补助（期间）"),
    "land": N_("优先扶持金额：土地流转（期间）"),
    "training": N_("优先扶持金额：培训（期间）"),
    "market": N_("优先扶持金额：市场对接（期间）"),
    "other": N_("优先扶持金额：其他（期间）"),
}


def leader_on(day: dt.date, prefix: str = "") -> Q:
    """DOMAIN.md's *wealth leader on D*, the one place it is written: recognised on or before `day`
    and not ended before it (a registration ending on `day` still counts on it). `prefix` is the
    path to the WealthLeader from the model filtered (e.g. "person__wealth_leader__")."""
    return Q(**{f"{prefix}recognised_on__lte": day}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": day})
    )


def is_leader_on(leader: WealthLeader, day: dt.date) -> bool:
    """`leader_on` for one record in memory (a leader's page): the same two conditions."""
    return WealthLeader.objects.filter(leader_on(day), pk=leader.pk).exists()


def leaders_on(code: str, day: dt.date) -> QuerySet:
    """Wealth leaders on `day` whose home village lies under the node."""
    return WealthLeader.objects.filter(leader_on(day), village__code__startswith=code)


def secretaries_on(code: str, day: dt.date) -> QuerySet:
    """Secretaries as the cadres app defines them (DOMAIN.md): 党组织书记 holdings in office on `day`
    in the administrative villages under the node."""
    return figures.secretaries_on(holdings_under(code), day)


@figure_group(
    Indicator("wealth_leaders", N_("致富带头人"), N_("人"), LEADERS),
    Indicator("people_driven", N_("带动人数"), N_("人"), LEADERS),
    Indicator("households_driven", N_("带动户数"), N_("户"), LEADERS),
    Indicator("poor_households_driven", N_("带动脱贫户数"), N_("户"), LEADERS),
    Indicator("secretary_wealth_leader_share", N_("书记中致富带头人占比"), N_("%"), LEADERS, 1),
)
def leader_figures(q: Query) -> dict:
    totals = leaders_on(q.code, q.as_of).aggregate(
        n=Count("pk"), people=Sum("people"), households=Sum("households"), poor=Sum("poor_households")
    )
    secretaries = secretaries_on(q.code, q.as_of)
    leading = secretaries.filter(leader_on(q.as_of, "person__wealth_leader__")).count()
    return {
        "wealth_leaders": totals["n"],
        "people_driven": totals["people"] or 0,
        "households_driven": totals["households"] or 0,
        "poor_households_driven": totals["poor"] or 0,
        "secretary_wealth_leader_share": share(leading, secretaries.count()),
    }


@figure_group(
    Indicator("leaders_large", N_("大型致富带头人"), N_("人"), LEADERS),
    Indicator("leaders_medium", N_("中型致富带头人"), N_("人"), LEADERS),
    Indicator("leaders_small", N_("小型致富带头人"), N_("人"), LEADERS),
    *(Indicator(i, CLASS_LABELS[i], N_("人"), LEADERS) for i in SOURCE_IDS.values()),
    *(Indicator(i, CLASS_LABELS[i], N_("人"), LEADERS) for i in INDUSTRY_IDS.values()),
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


def supports_in(code: str, start: dt.date, end: dt.date) -> QuerySet:
    """Supports given within [start, end] to leaders whose home village lies under the node."""
    return Support.objects.filter(leader__village__code__startswith=code, date__range=(start, end))


@figure_group(
    Indicator("support_count", N_("优先扶持（期间，次）"), N_("次"), SUPPORT),
    Indicator("support_amount", N_("优先扶持金额（期间）"), N_("元"), SUPPORT, 2),
    *(Indicator(f"support_count_{i}", SUPPORT_COUNT_LABELS[i], N_("次"), SUPPORT) for i in SUPPORT_IDS.values()),
    *(Indicator(f"support_amount_{i}", SUPPORT_AMOUNT_LABELS[i], N_("元"), SUPPORT, 2) for i in SUPPORT_IDS.values()),
)
def support_figures(q: Query) -> dict:
    """Priority support in [F, D] by kind: how many times, and the yuan of those with an amount."""
    totals = supports_in(q.code, q.start, q.as_of).aggregate(
        support_count=Count("pk"),
        support_amount=Sum("amount"),
        **{f"support_count_{i}": Count("pk", filter=Q(kind=k)) for k, i in SUPPORT_IDS.items()},
        **{f"support_amount_{i}": Sum("amount", filter=Q(kind=k)) for k, i in SUPPORT_IDS.items()},
    )
    return {key: _yuan(value) for key, value in totals.items()}


def _yuan(value: int | Decimal | None) -> int | float:
    """A count or a sum of yuan as JSON takes it (whole yuan as int, like `fund_spent`)."""
    value = value or 0
    return int(value) if value == int(value) else float(value)
