"""The rules of a village's profile, venue and fund spending (DOMAIN.md part 1; EXCHANGE.md sheets
村情, 活动场所 and 资金支出), each message written once and called alike by the services, the forms
(through the services) and the sheets."""

import datetime as dt
from decimal import Decimal

from .models import BuildMode

MAX_VENUE_AREA = 20000


def households_problem(population: int, households: int | None) -> str | None:
    """A village's households cannot outnumber its registered people."""
    if households is not None and households > population:
        return f"户数（{households}）不能大于户籍人口（{population}）"
    return None


def income_year_problem(year: int | None, income: Decimal | None) -> str | None:
    if income is not None and year is None:
        return "填写人均纯收入时，年度必填"
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
