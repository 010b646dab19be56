"""Reads of one village: its page (profile, incomes, venue, fund, spending) and its history.
Each starts from the actor's area: outside it is NotFound, the same as missing."""

from dataclasses import dataclass, field
from decimal import Decimal

from liangdai.audit.history import HistoryEntry, history
from liangdai.audit.models import AuditLog
from liangdai.core.errors import NotFound
from liangdai.core.versions import version_of
from liangdai.indicators.registry import share
from liangdai.org import scoping
from liangdai.org.models import Division
from liangdai.org.scoping import can_write, in_area

from .models import Spending, Venue, VillageIncome, VillageProfile
from .services import village_fund


def village_for_write(actor, code: str) -> Division:
    """As `village_for`, for a page that changes the village: a read-only user gets 403."""
    village = scoping.village_for(actor, code)
    scoping.require_write(actor)
    return village


@dataclass
class VillagePage:
    village: Division
    year: int
    ancestors: list = field(default_factory=list)
    profile: VillageProfile | None = None
    incomes: list[dict] = field(default_factory=list)
    venue: Venue | None = None
    fund: int = 0
    spendings: list[Spending] = field(default_factory=list)
    spent: Decimal = Decimal(0)
    years: list[int] = field(default_factory=list)
    can_edit: bool = False

    @property
    def remainder(self) -> Decimal:
        return self.fund - self.spent

    @property
    def spent_percent(self) -> float:
        return min(100.0, float(self.spent) * 100 / self.fund) if self.fund else 0.0


def village_page(actor, code: str, year: int) -> VillagePage:
    village = scoping.village_for(actor, code)
    page = VillagePage(village=village, year=year, can_edit=can_write(actor))
    page.ancestors = [(d, in_area(actor, d.code)) for d in _ancestors(village)]
    page.profile = VillageProfile.objects.filter(village_id=code).first()
    page.incomes = income_rows(code)
    page.venue = Venue.objects.filter(village_id=code).first()
    page.fund = village_fund(code, year, page.profile.population if page.profile else None)
    page.spendings = list(Spending.objects.filter(village_id=code, date__year=year).order_by("date", "pk"))
    for spending in page.spendings:  # what a delete button was shown, so a changed row is not deleted
        spending.version = version_of(spending)
    page.spent = sum((s.amount for s in page.spendings), Decimal(0))
    years = set(Spending.objects.filter(village_id=code).dates("date", "year").values_list("date__year", flat=True))
    page.years = sorted(years | {year}, reverse=True)
    return page


def income_rows(code: str) -> list[dict]:
    """Per-capita net income by year, newest first, with the growth over the year before (DOMAIN.md
    part 7), rounded half up to one decimal."""
    incomes = {i.year: i.income for i in VillageIncome.objects.filter(village_id=code)}
    rows = []
    for year in sorted(incomes, reverse=True):
        previous = incomes.get(year - 1)
        growth = share(incomes[year] - previous, previous) if previous else None
        rows.append({"year": year, "income": incomes[year], "growth": growth})
    return rows


def _ancestors(village: Division) -> list[Division]:
    codes = [village.code[:n] for n in (2, 4, 6, 9)]
    return list(Division.objects.filter(code__in=codes).order_by("code"))


def profile_initial(code: str) -> dict:
    p = VillageProfile.objects.filter(village_id=code).first()
    return {"population": p.population, "households": p.households, "is_poor": p.is_poor} if p else {}


def venue_initial(code: str) -> dict:
    v = Venue.objects.filter(village_id=code).first()
    if v is None:
        return {}
    keys = ("area", "build_mode", "completed_on", "funding_source", "facilities")
    return {k: getattr(v, k) for k in keys}


def spending_for(actor, code: str, spending_id: int) -> Spending:
    scoping.village_for(actor, code)
    spending = Spending.objects.filter(pk=spending_id, village_id=code).first()
    if spending is None:
        raise NotFound(spending_id)
    return spending


def village_history(actor, code: str) -> list[HistoryEntry]:
    """The audit rows of the village, newest first: who, when, what, before and after, as a clerk
    reads them (`audit.history`)."""
    scoping.village_for(actor, code)
    return history(AuditLog.objects.filter(code=code), reveal=scoping.can_reveal(actor), hidden={"village"})
