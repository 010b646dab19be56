"""What the rules page shows: each rule in force for a place and a year, and where it comes from.

The rule itself comes from `selectors`, the one definition every figure uses; this module only
adds which rule set (or the default of DOMAIN.md) that is, and the rule in Chinese sentences.
"""

from dataclasses import dataclass

from django.urls import reverse

from liangdai.audit.display import describe
from liangdai.core.errors import DomainError
from liangdai.org.models import Division
from liangdai.org.scoping import check_code

from .defaults import DEFAULTS
from .models import RuleKind, RuleSet
from .schemas import (
    POSITIONS,
    SCHEMAS,
    BonusFactors,
    FundTiers,
    LeaderTiers,
    Rubric,
    Rule,
    StarThresholds,
    TrainingRatio,
)
from .selectors import rule_of, rule_source


@dataclass(frozen=True)
class RuleInForce:
    kind: str
    label: str
    rule: Rule | None  # None when the stored rule set is invalid: `error` says why
    source: RuleSet | None  # None: the default of DOMAIN.md
    source_name: str = ""  # the name of the division that set it
    error: str = ""

    @property
    def lines(self) -> list[str]:
        return DESCRIBERS[self.kind](self.rule) if self.rule is not None else []

    @property
    def edit_url(self) -> str:
        return reverse(f"rules:{self.kind}")


def _in_force(kind: str, label: str, source: RuleSet | None, names: dict[str, str]) -> RuleInForce:
    """The rule of one kind; a stored rule that fails its schema is shown as the error it is (the
    figures that use it fail with the same message), so that a reviewer sees it and sets it anew."""
    source_name = names.get(source.code, source.code) if source else ""
    try:
        rule = rule_of(kind, source)
    except DomainError as exc:
        return RuleInForce(kind, label, None, source, source_name, error=exc.message)
    return RuleInForce(kind, label, rule, source, source_name)


def rules_in_force(*, actor, code: str, year: int) -> list[RuleInForce]:
    """Every kind of rule in force for `code` in `year`; NotFound outside the actor's area."""
    check_code(actor, code)
    sources = {kind: rule_source(kind, year, code) for kind in RuleKind.values}
    codes = {s.code for s in sources.values() if s is not None}
    names = dict(Division.objects.filter(code__in=codes).values_list("code", "name"))
    return [_in_force(kind, label, sources[kind], names) for kind, label in RuleKind.choices]


def _rubric(rule: Rubric) -> list[str]:
    items = "、".join(f"{item.name} {item.points.normalize():f}分" for item in rule.items)
    return [f"{items}，合计100分"]


def _stars(rule: StarThresholds) -> list[str]:
    lines = [f"{t.score}分及以上：{t.stars}星" for t in rule.thresholds]
    return [*lines, f"{rule.thresholds[-1].score}分以下：0星"]


def _bonus(rule: BonusFactors) -> list[str]:
    grade = "、".join(f"{name} {factor}" for name, factor in rule.grade.items())
    position = "、".join(f"{POSITIONS[name]} {factor}" for name, factor in rule.position.items())
    return [f"考核等次系数：{grade}", f"职务系数：{position}", "个人报酬权重 = 星级 × 等次系数 × 职务系数"]


def _leaders(rule: LeaderTiers) -> list[str]:
    return [
        f"大型：带动{rule.large.households}户及以上，或年收入{rule.large.income}万元及以上",
        f"中型：带动{rule.medium.households}户及以上，或年收入{rule.medium.income}万元及以上",
        "其余为小型",
    ]


def _training(rule: TrainingRatio) -> list[str]:
    return [f"自治区 : 市 : 县 = {rule.region} : {rule.city} : {rule.county}"]


# The fund tiers are shown as a table of their ranges (`FundTiers.ranges`), not as sentences.
DESCRIBERS = {
    "rubric": _rubric,
    "star_thresholds": _stars,
    "bonus_factors": _bonus,
    "leader_tiers": _leaders,
    "training_ratio": _training,
}


def _fund(rule: FundTiers) -> list[str]:
    lines = []
    for minimum, maximum, yuan in rule.ranges():
        if maximum is None:
            people = f"{minimum:,}人及以上"
        elif minimum == 0:
            people = f"不足{maximum + 1:,}人"
        else:
            people = f"{minimum:,}–{maximum:,}人"
        lines.append(f"{people}：每年{yuan:,}元")
    return lines


def describe_rule(kind: str, data) -> list[str]:
    """A rule as recorded (its JSON) in Chinese sentences; the default rule when nothing was set."""
    schema = SCHEMAS.get(kind)
    if schema is None:
        return []
    try:
        rule = schema.from_data(DEFAULTS[kind] if data is None else data)
    except DomainError as exc:
        return [exc.message]
    lines = _fund(rule) if kind == "fund_tiers" else DESCRIBERS[kind](rule)
    return ["默认规则：" + lines[0], *lines[1:]] if data is None and lines else lines


@dataclass(frozen=True)
class RuleChange:
    at: object
    actor: str
    label: str  # which rule, where, from which year
    before: list[str]
    after: list[str]


def _rule_of_row(row) -> tuple[str, str]:
    """The kind of rule an audit row of a rule set changed, and from which year ("" for none)."""
    kind, _, rest = row.entity_id.partition("/")
    _, _, year = rest.partition("/")
    return kind, year


def _rule_label(kind: str, year: str, area: str = "") -> str:
    """Which rule, set where (when said), from which year: "村级为民服务资金标准 · 原州区 · 自2019年起"."""
    label = str(RuleKind(kind).label) if kind in RuleKind.values else kind
    return " · ".join(part for part in (label, area, f"自{year}年起" if year else "") if part)


def audit_reading(row) -> tuple[str, list[tuple[str, str, str]]]:
    """A rule set's audit row as the audit log shows it (`audit.entities`): which rule from which
    year, and the rule before and after in sentences instead of its JSON keys."""
    kind, year = _rule_of_row(row)
    before = "；".join(describe_rule(kind, row.before)) if row.before is not None else ""
    after = "；".join(describe_rule(kind, row.after)) if row.after is not None else ""
    return _rule_label(kind, year), [("规则", before, after)]


def rule_history(rows) -> list[RuleChange]:
    """The audit rows of rule changes (`org.audit_log.ruleset_history`) as sentences: which rule
    for which division from which year, the rule before and after. Names fetched in bulk."""
    rows = list(rows)
    shown = describe(rows)
    changes = []
    for row, seen in zip(rows, shown, strict=True):
        kind, year = _rule_of_row(row)
        where = _rule_label(kind, year, seen.area)
        changes.append(
            RuleChange(row.at, seen.actor, where, describe_rule(kind, row.before), describe_rule(kind, row.after))
        )
    return changes
