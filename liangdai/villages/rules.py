"""The rules of a village's profile, venue and fund spending (DOMAIN.md part 1; EXCHANGE.md sheets
村情, 活动场所 and 资金支出), each message written once and called alike by the services, the forms
(through the services) and the sheets."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from liangdai.core import dates
from liangdai.exchange import cells
from liangdai.org.models import Division

from .models import BuildMode, Spending, VillageIncome

MAX_VENUE_AREA = 20000
# The most populous administrative villages register a few tens of thousands of people; 200,000
# leaves room for merged villages and refuses a typing slip (99,999,999,999 once passed and moved
# the village into the top fund tier). Households, never more than people, are bounded alike.
MAX_POPULATION = 200_000

# Each value's own limit (length, range, decimals, unit), once: the sheets 村情 and 资金支出 read
# their cells with these readers and the services check the forms' values with them.
READERS: dict[str, Callable] = {
    "name": cells.text_for(Division, "name"),
    "population": cells.whole_number(0, MAX_POPULATION),
    "households": cells.whole_number(0, MAX_POPULATION),
    "income": cells.amount_for(VillageIncome, "income", unit="元"),
    "amount": cells.amount_for(Spending, "amount", exclusive_min=True, unit="元"),
    "purpose": cells.text_for(Spending, "purpose"),
}


def households_problem(population: int, households: int | None) -> str | None:
    """A village's households cannot outnumber its registered people."""
    if households is not None and households > population:
        return f"户数（{households}）不能大于户籍人口（{population}）"
    return None


def income_year_problem(year: int | None, income: Decimal | None, today: dt.date | None = None) -> str | None:
    """A per-capita income is for a year that has begun: the form and the 村情 sheet alike (the
    sheet once took any year to 2100, the form only to this one)."""
    if income is not None and year is None:
        return "填写人均纯收入时，年度必填"
    this_year = (today or dt.date.today()).year
    if year is not None and not dates.YEAR_MIN <= year <= this_year:
        return f"年度须为{dates.YEAR_MIN}至{this_year}之间的年份"
    return None


def completion_problem(build_mode: str, completed_on: dt.date | None) -> str | None:
    """A venue that was built, expanded or renovated has the date its work was completed."""
    if build_mode != BuildMode.EXISTING and completed_on is None:
        return f"建设方式为“{build_mode}”时，完成日期必填"
    return None


def fund_limit_error(village: str, year: int, total: Decimal, fund: int) -> str | None:
    """The message when a year's spending exceeds that year's fund, else None."""
    if total <= fund:
        return None
    message = f"{village} 在{year}年的支出合计 {total:,.2f} 元，超过该年度为民服务资金 {fund:,} 元"
    return message + ("（该村尚无户籍人口，无资金）" if fund == 0 else "")
