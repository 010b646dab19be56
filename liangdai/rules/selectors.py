"""Which rule holds for a place and a year."""

from .defaults import DEFAULTS
from .models import RuleSet


def rule_for(kind: str, year: int, code: str = "") -> dict:
    """The most specific rule set of `kind` for `code` in force in `year` (the latest year not after
    it, at the longest code that is a prefix of `code`), else the default."""
    prefixes = [code[:n] for n in (12, 9, 6, 4, 2) if len(code) >= n] + [""]
    candidates = RuleSet.objects.filter(kind=kind, year__lte=year, code__in=prefixes)
    best = max(candidates, key=lambda r: (len(r.code), r.year), default=None)
    return best.data if best is not None else DEFAULTS[kind]


def rule_areas(kind: str, year: int, code: str) -> list[tuple[dict, str, list[str]]]:
    """The parts of the node `code` that follow one rule of `kind` each in `year`: (rule, prefix,
    prefixes left out). A county or region under the node with a rule of its own is a part of its
    own, so a figure over the node is one aggregate per part (DOMAIN.md: county overrides)."""
    inner = sorted(
        set(RuleSet.objects.filter(kind=kind, year__lte=year, code__startswith=code).values_list("code", flat=True))
        - {code},
        key=len,
    )
    return [(rule_for(kind, year, p), p, [q for q in inner if q != p and q.startswith(p)]) for p in [code, *inner]]


def fund_amount(tiers: dict, population: int | None) -> int:
    """The yearly fund of a village of `population` (DOMAIN.md part 1); 0 when unknown."""
    if population is None:
        return 0
    amount = 0
    for minimum, yuan in sorted(tiers["tiers"]):
        if population >= minimum:
            amount = yuan
    return amount


def stars_for(thresholds: dict, score: float) -> int:
    for minimum, stars in sorted(thresholds["thresholds"], reverse=True):
        if score >= minimum:
            return stars
    return 0
