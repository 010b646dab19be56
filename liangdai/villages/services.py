"""Writes of a village's profile, income, venue and fund spending: validated by the rules of the
sheets 村情, 活动场所 and 资金支出 (EXCHANGE.md), atomic, audited with before and after.

Each service raises DomainError with a Chinese message and, in `column`, the field it concerns,
so that a form shows the message next to that field."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from liangdai.audit.services import record, snapshot
from liangdai.core.errors import DomainError, NotFound
from liangdai.org.scoping import writable_village
from liangdai.rules.selectors import rule_for

from .models import FACILITIES, BuildMode, FundingSource, Spending, Venue, VillageIncome, VillageProfile

MAX_VENUE_AREA = 20000


def village_fund(code: str, year: int, population: int | None) -> int:
    """A village's service fund for `year`: the year's tiers of its county (else the region's or
    the default) applied to its registered population (DOMAIN.md part 1)."""
    return rule_for("fund_tiers", year, code[:6]).amount(population)


def fund_limit_error(village: str, year: int, total: Decimal, fund: int) -> str | None:
    """The message when a year's spending exceeds that year's fund, else None. The one check of
    the fund limit: the 资金支出 sheet and the spending form both call it."""
    if total <= fund:
        return None
    message = f"{village} 在{year}年的支出合计 {total:,.2f} 元，超过该年度为民服务资金 {fund:,} 元"
    return message + ("（该村尚无户籍人口，无资金）" if fund == 0 else "")


def _save(actor, *, obj, before: dict | None, entity: str, entity_id, code: str, label: str) -> bool:
    """Save `obj` and audit it, unless nothing changed (then nothing is written)."""
    after = snapshot(obj)
    if before == after:
        return False
    obj.save()
    after = snapshot(obj)
    action = f"修改{label}" if before is not None else f"新增{label}"
    record(
        actor=actor, action=action, entity=entity, entity_id=entity_id or obj.pk, code=code, before=before, after=after
    )
    return True


def _check_population_covers_spending(code: str, population: int) -> None:
    """A smaller population may shrink the fund below what was already spent in some year."""
    spent_by_year = (
        Spending.objects.filter(village_id=code).values_list("date__year").annotate(total=Sum("amount")).order_by()
    )
    for year, total in spent_by_year:
        error = fund_limit_error(code, year, total, village_fund(code, year, population))
        if error:
            raise DomainError(f"按户籍人口 {population} 计算，{error}", column="population")


@transaction.atomic
def village_profile_save(
    *, actor, code: str, population: int | None, households: int | None = None, is_poor: bool = False
) -> VillageProfile:
    """Create or change a village's profile (the rules of the 村情 sheet)."""
    writable_village(actor, code)
    if population is None or population < 0:
        raise DomainError("户籍人口须为不小于0的整数", column="population")
    if households is not None and households < 0:
        raise DomainError("户数须为不小于0的整数", column="households")
    if households is not None and households > population:
        raise DomainError(f"户数（{households}）不能大于户籍人口（{population}）", column="households")
    _check_population_covers_spending(code, population)
    profile = VillageProfile.objects.select_for_update().filter(village_id=code).first()
    before = snapshot(profile)
    profile = profile or VillageProfile(village_id=code)
    profile.population, profile.households, profile.is_poor = population, households, bool(is_poor)
    _save(actor, obj=profile, before=before, entity="village_profile", entity_id=code, code=code, label="村情")
    return profile


@transaction.atomic
def village_income_save(*, actor, code: str, year: int | None, income: Decimal | None) -> VillageIncome:
    """Record a year's per-capita net income (人均纯收入) of a village."""
    writable_village(actor, code)
    if year is None or not 1949 <= year <= dt.date.today().year:
        raise DomainError(f"年度须为1949至{dt.date.today().year}之间的年份", column="year")
    if income is None or income < 0:
        raise DomainError("人均纯收入须为不小于0的金额（元）", column="income")
    row = VillageIncome.objects.select_for_update().filter(village_id=code, year=year).first()
    before = snapshot(row)
    row = row or VillageIncome(village_id=code, year=year)
    row.income = Decimal(income).quantize(Decimal("0.01"))
    _save(
        actor,
        obj=row,
        before=before,
        entity="village_income",
        entity_id=f"{code}/{year}",
        code=code,
        label="人均纯收入",
    )
    return row


def _check_venue(area, build_mode, completed_on, funding_source, facilities) -> None:
    if area is None or not 0 < area <= MAX_VENUE_AREA:
        raise DomainError(f"面积须大于0且不超过{MAX_VENUE_AREA:,}平方米", column="area")
    if build_mode not in BuildMode.values:
        raise DomainError("建设方式须为新建、扩建、改建或原有", column="build_mode")
    if build_mode != BuildMode.EXISTING and completed_on is None:
        raise DomainError(f"建设方式为“{build_mode}”时，完成日期必填", column="completed_on")
    if funding_source and funding_source not in FundingSource.values:
        raise DomainError("资金来源须为专项支持、项目整合或其他", column="funding_source")
    unknown = [f for f in facilities if f not in FACILITIES]
    if unknown:
        raise DomainError(f"未知的设施：{'、'.join(unknown)}", column="facilities")


@transaction.atomic
def venue_save(
    *,
    actor,
    code: str,
    area: Decimal | None,
    build_mode: str,
    completed_on: dt.date | None = None,
    funding_source: str = "",
    facilities: list[str] | None = None,
) -> Venue:
    """Create or change a village's activity venue (the rules of the 活动场所 sheet)."""
    writable_village(actor, code)
    facilities = list(facilities or [])
    _check_venue(area, build_mode, completed_on, funding_source, facilities)
    venue = Venue.objects.select_for_update().filter(village_id=code).first()
    before = snapshot(venue)
    venue = venue or Venue(village_id=code)
    venue.area, venue.build_mode, venue.completed_on = Decimal(area).quantize(Decimal("0.01")), build_mode, completed_on
    venue.funding_source, venue.facilities = funding_source or "", [f for f in FACILITIES if f in facilities]
    _save(actor, obj=venue, before=before, entity="venue", entity_id=code, code=code, label="活动场所")
    return venue


def _check_spending(code: str, spending_id: int | None, date, amount, purpose: str) -> None:
    if date is None:
        raise DomainError("支出日期必填", column="date")
    if amount is None or amount <= 0:
        raise DomainError("金额须大于0", column="amount")
    if not purpose:
        raise DomainError("用途必填", column="purpose")
    same_key = Spending.objects.filter(village_id=code, date=date, purpose=purpose).exclude(pk=spending_id)
    if same_key.exists():
        raise DomainError(f"本村在{date:%Y-%m-%d}已有用途为“{purpose}”的支出，请修改原记录", column="purpose")
    others = Spending.objects.filter(village_id=code, date__year=date.year).exclude(pk=spending_id)
    total = (others.aggregate(s=Sum("amount"))["s"] or Decimal(0)) + amount
    population = VillageProfile.objects.filter(village_id=code).values_list("population", flat=True).first()
    error = fund_limit_error(code, date.year, total, village_fund(code, date.year, population))
    if error:
        raise DomainError(error, column="amount")


@transaction.atomic
def spending_save(
    *, actor, code: str, date: dt.date | None, amount: Decimal | None, purpose: str, spending_id: int | None = None
) -> Spending:
    """Record money spent from the village's fund, or correct a record (the 资金支出 sheet's rules:
    amount > 0, a year's spending within that year's fund)."""
    writable_village(actor, code)
    purpose = (purpose or "").strip()
    # Lock the village's profile row so that two clerks cannot both spend the last of a fund.
    VillageProfile.objects.select_for_update().filter(village_id=code).first()
    spending = None
    if spending_id is not None:
        spending = Spending.objects.select_for_update().filter(pk=spending_id, village_id=code).first()
        if spending is None:
            raise NotFound(spending_id)
    _check_spending(code, spending_id, date, amount, purpose)
    before = snapshot(spending)
    spending = spending or Spending(village_id=code)
    spending.date, spending.amount, spending.purpose = date, Decimal(amount).quantize(Decimal("0.01")), purpose
    _save(actor, obj=spending, before=before, entity="spending", entity_id=spending_id, code=code, label="资金支出")
    return spending


@transaction.atomic
def spending_delete(*, actor, code: str, spending_id: int) -> None:
    writable_village(actor, code)
    spending = Spending.objects.select_for_update().filter(pk=spending_id, village_id=code).first()
    if spending is None:
        raise NotFound(spending_id)
    before = snapshot(spending)
    spending.delete()
    record(actor=actor, action="删除资金支出", entity="spending", entity_id=spending_id, code=code, before=before)
