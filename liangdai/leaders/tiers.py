"""The tiered cultivation of wealth leaders (DOMAIN.md part 5): large ones lead, the middle is
cultivated, small ones compete. The thresholds are the rule `leader_tiers` of the year, set by the
region with county overrides; the default: large = drives 50+ households or earns 50+ 万元 a year,
medium = 10+ households or 10+ 万元, else small."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from liangdai.rules.models import RuleSet
from liangdai.rules.schemas import LeaderTier, LeaderTiers
from liangdai.rules.selectors import rule_areas, rule_of, rule_source

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


def tier_filter(year: int, code: str, tier: str) -> Q:
    """The leaders under the node `code` that fall in `tier` in `year`, each by the rule of its part."""
    found = Q(pk__in=[])
    for rule, part, left_out in rule_areas(KIND, year, code):
        following = Q(village__code__startswith=part)
        for other in left_out:
            following &= ~Q(village__code__startswith=other)
        found |= following & _tier_filters(rule)[tier]
    return found


@dataclass(frozen=True)
class Tiering:
    """A leader's tier in a year, with the rule that gave it (shown, never typed)."""

    tier: str
    rule: LeaderTiers
    source: RuleSet | None  # None: DOMAIN.md's default

    @property
    def label(self) -> str:
        return Tier(self.tier).label

    @property
    def origin(self) -> str:
        """Where the rule comes from: the default, the region's or a county's (its code and year)."""
        if self.source is None:
            return _("默认标准（DOMAIN.md）")
        where = _("全区") if len(self.source.code) <= 2 else self.source.code
        return _("%(where)s自%(year)s年起的标准") % {"where": where, "year": self.source.year}


def tiering(leader, year: int) -> Tiering:
    """The tier `leader` falls in by the rule of `year` for its home village."""
    source = rule_source(KIND, year, leader.village_id)
    rule = rule_of(KIND, source)
    return Tiering(rule.tier_of(leader.households, leader.income), rule, source)
