"""The tiered cultivation of wealth leaders (DOMAIN.md part 5): large ones lead, the middle is
cultivated, small ones compete. The thresholds are the rule `leader_tiers` of the year, set by the
region with county overrides; the default: large = drives 50+ households or earns 50+ 万元 a year,
medium = 10+ households or 10+ 万元, else small."""

from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from liangdai.rules.selectors import rule_areas

from .models import Tier

KIND = "leader_tiers"


def tier_of(rule: dict, households: int, income: Decimal) -> str:
    """The tier of a leader who drives `households` and earns `income` 万元 a year."""
    for tier in (Tier.LARGE, Tier.MEDIUM):
        threshold = rule[tier]
        if households >= threshold["households"] or income >= Decimal(str(threshold["income"])):
            return tier
    return Tier.SMALL


def _tier_filters(rule: dict) -> dict[str, Q]:
    def reaches(tier: str) -> Q:
        return Q(households__gte=rule[tier]["households"]) | Q(income__gte=Decimal(str(rule[tier]["income"])))

    large, medium = reaches(Tier.LARGE), reaches(Tier.MEDIUM)
    return {Tier.LARGE: large, Tier.MEDIUM: medium & ~large, Tier.SMALL: ~medium & ~large}


def tier_counts(leaders: QuerySet, year: int, code: str) -> dict[str, int]:
    """How many of `leaders` (all under the node `code`) fall in each tier."""
    counts = dict.fromkeys(Tier.values, 0)
    for rule, prefix, left_out in rule_areas(KIND, year, code):
        part = leaders.filter(village__code__startswith=prefix)
        for other in left_out:
            part = part.exclude(village__code__startswith=other)
        result = part.aggregate(**{tier: Count("pk", filter=q) for tier, q in _tier_filters(rule).items()})
        for tier in Tier.values:
            counts[tier] += result[tier]
    return counts
