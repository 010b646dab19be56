"""Writes of the assessment app outside imports: the county's yearly bonus budget."""

from django.db import transaction

from liangdai.audit.services import record
from liangdai.core.errors import DomainError
from liangdai.org.models import Division, Level, Role
from liangdai.org.scoping import check_code

from .models import BonusBudget


@transaction.atomic
def bonus_budget_set(*, actor, county: str, year: int, amount: int) -> BonusBudget:
    """The county sets (or changes) its bonus total for `year` (DOMAIN.md part 2): the organisation
    department, that is a reviewer of the county or above, or the system."""
    check_code(actor, county)
    if actor.role not in {Role.REVIEWER, Role.SYSTEM}:
        raise DomainError("无权设置奖励总额：须为县级及以上组织部门的审核用户")
    if not Division.objects.filter(code=county, level=Level.COUNTY).exists():
        raise DomainError(f"县级区划代码 {county} 不存在")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise DomainError("奖励总额应为不小于0的整数（元）")
    existing = BonusBudget.objects.filter(county_id=county, year=year).first()
    before = existing.amount if existing else None
    budget, _ = BonusBudget.objects.update_or_create(county_id=county, year=year, defaults={"amount": amount})
    record(
        actor=actor,
        action="设置奖励总额",
        entity="bonus_budget",
        entity_id=budget.pk,
        code=county,
        before={"amount": before} if existing else None,
        after={"year": year, "amount": amount},
    )
    return budget
