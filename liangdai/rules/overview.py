"""What the rules page shows: each rule in force for a place and a year, and where it comes from.

The rule itself comes from `selectors.rule_for`, the one definition every figure uses; this module
only adds which rule set (or the default of DOMAIN.md) that is, for the page.
"""

from dataclasses import dataclass

from liangdai.org.models import Division, Role
from liangdai.org.scoping import area_prefix, check_code

from .models import RuleKind, RuleSet
from .selectors import rule_for

# Fund tiers may be set by reviewers of the region (2 digits) or of a county (6 digits).
RULE_SETTING_LENGTHS = (2, 6)


@dataclass(frozen=True)
class RuleInForce:
    kind: str
    label: str
    data: dict
    source: RuleSet | None  # None: the default of DOMAIN.md
    source_name: str = ""  # the name of the division that set it

    @property
    def lines(self) -> list[str]:
        return describe(self.kind, self.data)


def _source(kind: str, year: int, code: str) -> RuleSet | None:
    prefixes = [code[:n] for n in (12, 9, 6, 4, 2) if len(code) >= n] + [""]
    candidates = RuleSet.objects.filter(kind=kind, year__lte=year, code__in=prefixes)
    return max(candidates, key=lambda r: (len(r.code), r.year), default=None)


def rules_in_force(*, actor, code: str, year: int) -> list[RuleInForce]:
    """Every kind of rule in force for `code` in `year`; NotFound outside the actor's area."""
    check_code(actor, code)
    sources = {kind: _source(kind, year, code) for kind in RuleKind.values}
    codes = {s.code for s in sources.values() if s is not None}
    names = dict(Division.objects.filter(code__in=codes).values_list("code", "name"))
    return [
        RuleInForce(
            kind=kind,
            label=label,
            data=rule_for(kind, year, code),
            source=sources[kind],
            source_name=names.get(sources[kind].code, sources[kind].code) if sources[kind] else "",
        )
        for kind, label in RuleKind.choices
    ]


def fund_tier_rows(tiers: dict) -> list[tuple[int, int | None, int]]:
    """The fund tiers as (minimum, maximum or None for "and more", yuan), lowest first."""
    ordered = sorted(tiers["tiers"])
    return [
        (minimum, ordered[i + 1][0] - 1 if i + 1 < len(ordered) else None, yuan)
        for i, (minimum, yuan) in enumerate(ordered)
    ]


def can_set_fund_tiers(actor) -> bool:
    """A reviewer of the region or of a county sets the fund tiers for their own division."""
    prefix = area_prefix(actor)
    return bool(prefix) and actor.role == Role.REVIEWER and len(prefix) in RULE_SETTING_LENGTHS


def _stars(data: dict) -> list[str]:
    lines = [f"{minimum}分及以上：{stars}星" for minimum, stars in sorted(data["thresholds"], reverse=True)]
    return [*lines, f"{min(m for m, _ in data['thresholds'])}分以下：0星"]


def _bonus(data: dict) -> list[str]:
    grade = "、".join(f"{name} {factor}" for name, factor in data["grade"].items())
    names = {"other": "其他职务"}
    position = "、".join(f"{names.get(name, name)} {factor}" for name, factor in data["position"].items())
    return [f"考核等次系数：{grade}", f"职务系数：{position}", "个人报酬权重 = 星级 × 等次系数 × 职务系数"]


def _leaders(data: dict) -> list[str]:
    large, medium = data["large"], data["medium"]
    return [
        f"大型：带动{large['households']}户及以上，或年收入{large['income']}万元及以上",
        f"中型：带动{medium['households']}户及以上，或年收入{medium['income']}万元及以上",
        "其余为小型",
    ]


def _training(data: dict) -> list[str]:
    return [f"自治区 : 市 : 县 = {data['region']} : {data['city']} : {data['county']}"]


DESCRIBERS = {"star_thresholds": _stars, "bonus_factors": _bonus, "leader_tiers": _leaders, "training_ratio": _training}


def describe(kind: str, data: dict) -> list[str]:
    """A rule in Chinese sentences for the page; its raw content when its shape is unexpected."""
    try:
        return DESCRIBERS[kind](data)
    except (KeyError, TypeError, ValueError, AttributeError):
        return [str(data)]
