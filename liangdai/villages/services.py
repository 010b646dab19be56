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
from liangdai.core.versions import check_version
from liangdai.exchange.cells import CellError
from liangdai.exchange.sheets import Row
from liangdai.exchange.writes import existing_by_key, upsert
from liangdai.org.models import Division
from liangdai.org.scoping import writable_village
from liangdai.rules.selectors import rule_for

from . import rules
from .models import FACILITIES, BuildMode, FundingSource, Spending, Venue, VillageIncome, VillageProfile


def village_fund(code: str, year: int, population: int | None) -> int:
    """A village's service fund for `year`: the year's tiers of its county (else the region's or
    the default) applied to its registered population (DOMAIN.md part 1)."""
    return rule_for("fund_tiers", year, code[:6]).amount(population)


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


def _check_limit(field: str, value, label: str) -> None:
    """A value within its own limit, read as its sheet reads the cell (`rules.READERS`): a form and
    a workbook refuse the same values, with the same words."""
    if value is None:
        return
    try:
        rules.READERS[field](value)
    except CellError as exc:
        raise DomainError(f"{label}{exc.message}", column=field) from None


def _check_population_covers_spending(code: str, population: int) -> None:
    """A smaller population may shrink the fund below what was already spent in some year."""
    spent_by_year = (
        Spending.objects.filter(village_id=code).values_list("date__year").annotate(total=Sum("amount")).order_by()
    )
    for year, total in spent_by_year:
        error = rules.fund_limit_error(code, year, total, village_fund(code, year, population))
        if error:
            raise DomainError(f"按户籍人口 {population} 计算，{error}", column="population")


@transaction.atomic
def village_profile_save(
    *,
    actor,
    code: str,
    population: int | None,
    households: int | None = None,
    is_poor: bool = False,
    version: str | None = None,
) -> VillageProfile:
    """Create or change a village's profile (the rules of the 村情 sheet); refused when it is no
    longer at `version`, the one the form was read at (core.versions)."""
    writable_village(actor, code)
    if population is None or population < 0:
        raise DomainError("户籍人口须为不小于0的整数", column="population")
    if households is not None and households < 0:
        raise DomainError("户数须为不小于0的整数", column="households")
    _check_limit("population", population, "户籍人口")
    _check_limit("households", households, "户数")
    problem = rules.households_problem(population, households)
    if problem:
        raise DomainError(problem, column="households")
    _check_population_covers_spending(code, population)
    profile = VillageProfile.objects.select_for_update().filter(village_id=code).first()
    check_version(profile, version)
    before = snapshot(profile)
    profile = profile or VillageProfile(village_id=code)
    profile.population, profile.households, profile.is_poor = population, households, bool(is_poor)
    _save(actor, obj=profile, before=before, entity="village_profile", entity_id=code, code=code, label="村情")
    return profile


@transaction.atomic
def village_income_save(
    *, actor, code: str, year: int | None, income: Decimal | None, version: str | None = None
) -> VillageIncome:
    """Record a year's per-capita net income (人均纯收入) of a village; refused when the year's
    record is no longer at `version`."""
    writable_village(actor, code)
    problem = "年度必填" if year is None else rules.income_year_problem(year, income)
    if problem:
        raise DomainError(problem, column="year")
    if income is None or income < 0:
        raise DomainError("人均纯收入须为不小于0的金额（元）", column="income")
    _check_limit("income", income, "人均纯收入")
    row = VillageIncome.objects.select_for_update().filter(village_id=code, year=year).first()
    check_version(row, version)
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
    if area is None or not 0 < area <= rules.MAX_VENUE_AREA:
        raise DomainError(f"面积须大于0且不超过{rules.MAX_VENUE_AREA:,}平方米", column="area")
    if build_mode not in BuildMode.values:
        raise DomainError("建设方式须为新建、扩建、改建或原有", column="build_mode")
    problem = rules.completion_problem(build_mode, completed_on)
    if problem:
        raise DomainError(problem, column="completed_on")
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
    version: str | None = None,
) -> Venue:
    """Create or change a village's activity venue (the rules of the 活动场所 sheet); refused when
    it is no longer at `version`."""
    writable_village(actor, code)
    facilities = list(facilities or [])
    _check_venue(area, build_mode, completed_on, funding_source, facilities)
    venue = Venue.objects.select_for_update().filter(village_id=code).first()
    check_version(venue, version)
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
    _check_limit("amount", amount, "金额")
    _check_limit("purpose", purpose, "用途")
    same_key = Spending.objects.filter(village_id=code, date=date, purpose=purpose).exclude(pk=spending_id)
    if same_key.exists():
        raise DomainError(f"本村在{date:%Y-%m-%d}已有用途为“{purpose}”的支出，请修改原记录", column="purpose")
    others = Spending.objects.filter(village_id=code, date__year=date.year).exclude(pk=spending_id)
    total = (others.aggregate(s=Sum("amount"))["s"] or Decimal(0)) + amount
    population = VillageProfile.objects.filter(village_id=code).values_list("population", flat=True).first()
    error = rules.fund_limit_error(code, date.year, total, village_fund(code, date.year, population))
    if error:
        raise DomainError(error, column="amount")


@transaction.atomic
def spending_save(
    *,
    actor,
    code: str,
    date: dt.date | None,
    amount: Decimal | None,
    purpose: str,
    spending_id: int | None = None,
    version: str | None = None,
) -> Spending:
    """Record money spent from the village's fund, or correct a record (the 资金支出 sheet's rules:
    amount > 0, a year's spending within that year's fund); a correction is refused when the record
    is no longer at `version`."""
    writable_village(actor, code)
    purpose = (purpose or "").strip()
    # Lock the village's profile row so that two clerks cannot both spend the last of a fund.
    VillageProfile.objects.select_for_update().filter(village_id=code).first()
    spending = None
    if spending_id is not None:
        spending = Spending.objects.select_for_update().filter(pk=spending_id, village_id=code).first()
        if spending is None:
            raise NotFound(spending_id)
        check_version(spending, version)
    _check_spending(code, spending_id, date, amount, purpose)
    before = snapshot(spending)
    spending = spending or Spending(village_id=code)
    spending.date, spending.amount, spending.purpose = date, Decimal(amount).quantize(Decimal("0.01")), purpose
    _save(actor, obj=spending, before=before, entity="spending", entity_id=spending_id, code=code, label="资金支出")
    return spending


@transaction.atomic
def spending_delete(*, actor, code: str, spending_id: int, version: str | None = None) -> None:
    """Delete a spending row; refused when it is no longer at `version`, the one the page showed
    (someone changed it meanwhile: what is deleted is what the user saw)."""
    writable_village(actor, code)
    spending = Spending.objects.select_for_update().filter(pk=spending_id, village_id=code).first()
    if spending is None:
        raise NotFound(spending_id)
    check_version(spending, version)
    before = snapshot(spending)
    spending.delete()
    record(actor=actor, action="删除资金支出", entity="spending", entity_id=spending_id, code=code, before=before)


# Bulk writes of the sheets 村情, 活动场所 and 资金支出: the pipeline has checked every row with the
# rules above (villages.rules) inside the same transaction; each row written is audited through ctx.


def village_profiles_import(*, ctx, rows: list[Row]) -> tuple[int, int]:
    """The bulk write of the 村情 sheet import: the
    villages its rows create, each row's profile and, with 年度, its income. Returns (created, updated)."""
    new = list(ctx.state.new_villages.values())
    Division.objects.bulk_create(new)
    for d in new:
        ctx.audit(action="导入新增", entity="division", entity_id=d.code, code=d.code, after={"name": d.name})
    codes = [r["village"] for r in rows]
    profiles = [
        VillageProfile(
            village_id=r["village"],
            population=r["population"],
            households=r["households"],
            is_poor=bool(r["is_poor"]),
        )
        for r in rows
    ]
    created, updated = upsert(
        ctx,
        model=VillageProfile,
        entity="village_profile",
        items=profiles,
        existing=existing_by_key(VillageProfile.objects.all(), "village_id", codes, lambda o: (o.village_id,)),
        key=lambda o: (o.village_id,),
        fields=["population", "households", "is_poor"],
        code=lambda o: o.village_id,
    )
    incomes = [
        VillageIncome(village_id=r["village"], year=r["year"], income=r["income"])
        for r in rows
        if r["income"] is not None
    ]
    upsert(
        ctx,
        model=VillageIncome,
        entity="village_income",
        items=incomes,
        existing=existing_by_key(VillageIncome.objects.all(), "village_id", codes, lambda o: (o.village_id, o.year)),
        key=lambda o: (o.village_id, o.year),
        fields=["income"],
        code=lambda o: o.village_id,
    )
    return created, updated


def venues_import(*, ctx, rows: list[Row]) -> tuple[int, int]:
    """The bulk write of a 活动场所 import: each row's venue. Returns (created, updated)."""
    items = [
        Venue(
            village_id=r["village"],
            area=r["area"],
            build_mode=r["build_mode"],
            completed_on=r["completed_on"],
            funding_source=r["funding_source"] or "",
            facilities=r["facilities"] or [],
        )
        for r in rows
    ]
    return upsert(
        ctx,
        model=Venue,
        entity="venue",
        items=items,
        existing=existing_by_key(
            Venue.objects.all(), "village_id", [r["village"] for r in rows], lambda o: (o.village_id,)
        ),
        key=lambda o: (o.village_id,),
        fields=["area", "build_mode", "completed_on", "funding_source", "facilities"],
        code=lambda o: o.village_id,
    )


def spendings_import(*, ctx, rows: list[Row]) -> tuple[int, int]:
    """The bulk write of a 资金支出 import: each row's spending, keyed by village, date and
    purpose. Returns (created, updated)."""
    items = [Spending(village_id=r["village"], date=r["date"], amount=r["amount"], purpose=r["purpose"]) for r in rows]
    return upsert(
        ctx,
        model=Spending,
        entity="spending",
        items=items,
        existing=existing_by_key(
            Spending.objects.all(),
            "village_id",
            [r["village"] for r in rows],
            lambda o: (o.village_id, o.date, o.purpose),
        ),
        key=lambda o: (o.village_id, o.date, o.purpose),
        fields=["amount"],
        code=lambda o: o.village_id,
    )
