"""Setting a rule: only region- and county-level reviewers (or the system) may, and it is audited."""

from django.db import transaction

from liangdai.audit.services import record
from liangdai.core.errors import DomainError
from liangdai.org.models import Role
from liangdai.org.scoping import area_prefix, in_area

from .models import RuleSet
from .schemas import SCHEMAS, Rule

# The region sets a rule, a county overrides it (DOMAIN.md, who uses it): 2 and 6 digits.
RULE_LEVELS = (2, 6)


def can_set_rules(actor) -> bool:
    """Reviewers of the region or of a county set every kind of rule for their own division; the
    system (command line) for any."""
    prefix = area_prefix(actor)
    if prefix is None:
        return False
    return actor.role == Role.SYSTEM or (actor.role == Role.REVIEWER and len(prefix) in RULE_LEVELS)


@transaction.atomic
def ruleset_set(*, actor, kind: str, year: int, code: str, data: dict | Rule) -> RuleSet:
    """The rule of `kind` for `code` from `year` on: checked by its schema, stored as its JSON."""
    schema = SCHEMAS.get(kind)
    if schema is None:
        raise DomainError(f"未知的规则：{kind}")
    if not can_set_rules(actor) or not in_area(actor, code):
        raise DomainError("无权设置该区划的规则")
    if len(code) not in RULE_LEVELS:
        raise DomainError("规则由自治区（省）或县设置")
    stored = schema.from_data(data if isinstance(data, dict) else data.to_data()).to_data()
    existing = RuleSet.objects.select_for_update().filter(kind=kind, year=year, code=code).first()
    rule, _ = RuleSet.objects.update_or_create(
        kind=kind, year=year, code=code, defaults={"data": stored, "created_by": actor if actor.pk else None}
    )
    record(
        actor=actor,
        action="设置规则",
        entity="ruleset",
        entity_id=f"{kind}/{code}/{year}",
        code=code,
        before=existing.data if existing else None,
        after=stored,
    )
    return rule
