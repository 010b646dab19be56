"""The tiered cultivation of wealth leaders (DOMAIN.md part 5): large ones lead, the middle is
cultivated, small ones compete. The thresholds are the rule `leader_tiers` of the year, set by the
region with county overrides; the default: large = drives 50+ households or earns 50+ 万元 a year,
medium = 10+ households or 10+ 万元, else small."""

from django.db.models import Count, Q, QuerySet

from liangdai.rules.schemas import LeaderTier, LeaderTiers
from liangdai.rules.selectors import rule_areas

from .models import Tier

KIND = "leader_tiers"


def _reaches(threshold: LeaderTier) -> Q:
    """`LeaderTier.reached_by` as SQL."""
    return Q(households__gte=threshold.households) | Q(income__gte=threshold.income)


def _tier_filters(rule: LeaderTiers) -> dict[str, Q]:
    """`LeaderTiers.tier_of` as SQL, one filter per tier."""
    large, medium = _reaches(rule.large), _reaches(rule.medium)
    return {Tier.LARGE: large, Tier.MEDIUM: medium & ~large, Tier.SMALL: ~medium & ~large}


def tier_counts(leaders: QuerySet, year: int, code: str) -> dict[str, int]:
    """How many of `leaders` (all under the node `code`) fall in each tier."""
    counts = dict.fromkeys(Tier.values, 0)
    for rule, part, left_out in rule_areas(KIND, year, code):
        following = leaders.filter(village__code__startswith=part)
        for other in left_out:
            following = following.exclude(village__code__startswith=other)
        result = following.aggregate(**{tier: Count("pk", filter=q) for tier, q in _tier_filters(rule).items()})
        for tier in Tier.values:
            counts[tier] += result[tier]
    return counts
