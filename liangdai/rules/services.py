"""Setting a rule: only region- and county-level reviewers (or the system) may, and it is audited."""

from django.db import transaction

from liangdai.audit.services import record
from liangdai.core.errors import DomainError
from liangdai.org.models import Role
from liangdai.org.scoping import area_prefix

from .defaults import DEFAULTS
from .models import RuleSet


def _check_shape(kind: str, data: dict) -> None:
    if kind == "fund_tiers":
        tiers = data.get("tiers")
        if not tiers or any(len(t) != 2 or t[0] < 0 or t[1] <= 0 for t in tiers):
            raise DomainError("资金档次须为[最低人口, 金额]的列表，人口不小于0，金额大于0")
        if sorted(t[0] for t in tiers)[0] != 0:
            raise DomainError("资金档次须从人口0起")
    elif kind == "star_thresholds":
        if not data.get("thresholds"):
            raise DomainError("星级分数线不能为空")


@transaction.atomic
def ruleset_set(*, actor, kind: str, year: int, code: str, data: dict) -> RuleSet:
    if kind not in DEFAULTS:
        raise DomainError(f"未知的规则：{kind}")
    prefix = area_prefix(actor)
    # The region sets a rule, a county overrides it (DOMAIN.md): reviewers at those two levels only.
    at_rule_level = actor.role == Role.SYSTEM or (actor.role == Role.REVIEWER and len(prefix or "") in (2, 6))
    if prefix is None or not at_rule_level or not code.startswith(prefix):
        raise DomainError("无权设置该区划的规则")
    if len(code) not in (2, 6):
        raise DomainError("规则由自治区（省）或县设置")
    _check_shape(kind, data)
    existing = RuleSet.objects.filter(kind=kind, year=year, code=code).first()
    before = existing.data if existing else None
    rule, _ = RuleSet.objects.update_or_create(
        kind=kind, year=year, code=code, defaults={"data": data, "created_by": actor if actor.pk else None}
    )
    record(
        actor=actor,
        action="设置规则",
        entity="ruleset",
        entity_id=f"{kind}/{code}/{year}",
        code=code,
        before=before,
        after=data,
    )
    return rule
