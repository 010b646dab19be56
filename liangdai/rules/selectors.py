"""Which rule holds for a place and a year, as its typed value (`schemas`)."""

from liangdai.core.errors import DomainError

from .defaults import DEFAULTS
from .models import RuleSet
from .schemas import SCHEMAS, Rule


def rule_source(kind: str, year: int, code: str = "") -> RuleSet | None:
    """The most specific rule set of `kind` for `code` in force in `year` (the latest year not after
    it, at the longest code that is a prefix of `code`); None where the default holds."""
    prefixes = [code[:n] for n in (12, 9, 6, 4, 2) if len(code) >= n] + [""]
    candidates = RuleSet.objects.filter(kind=kind, year__lte=year, code__in=prefixes)
    return max(candidates, key=lambda r: (len(r.code), r.year), default=None)


def rule_of(kind: str, source: RuleSet | None) -> Rule:
    """The rule that `source` stores, else the default of DOMAIN.md. A stored rule that fails its
    schema is an error naming the rule set, never replaced by the default."""
    schema = SCHEMAS[kind]
    if source is None:
        return schema.from_data(DEFAULTS[kind])
    try:
        return schema.from_data(source.data)
    except DomainError as exc:
        where = f"{source.get_kind_display()}（{source.code}，自{source.year}年起）"
        raise DomainError(f"已保存的{where}有误，请重新设置：{exc.message}") from exc


def rule_for(kind: str, year: int, code: str = "") -> Rule:
    """The rule of `kind` in force for `code` in `year`."""
    return rule_of(kind, rule_source(kind, year, code))


def rule_areas(kind: str, year: int, code: str) -> list[tuple[Rule, str, list[str]]]:
    """The parts of the node `code` that follow one rule of `kind` each in `year`: (rule, prefix,
    prefixes left out). A county or region under the node with a rule of its own is a part of its
    own, so a figure over the node is one aggregate per part (DOMAIN.md: county overrides)."""
    inner = sorted(
        set(RuleSet.objects.filter(kind=kind, year__lte=year, code__startswith=code).values_list("code", flat=True))
        - {code},
        key=len,
    )
    return [(rule_for(kind, year, p), p, [q for q in inner if q != p and q.startswith(p)]) for p in [code, *inner]]
