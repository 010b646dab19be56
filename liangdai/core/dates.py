"""Dates as the exchange format writes them, and ages as DOMAIN.md counts them."""

import datetime as dt
import re

_DATE_RE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")

# The dates a user may give anywhere (pages, API, import cells, command line). Wider than any record
# of the practice, narrow enough that date arithmetic (ages, "60 years before") never leaves the
# calendar and PostgreSQL's date range is never reached: 0001-01-01 once answered 500.
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)
DATE_RANGE = f"{DATE_MIN.isoformat()} 至 {DATE_MAX.isoformat()}"
# The years a user may give (年度): from the founding of the People's Republic.
YEAR_MIN = 1949
YEAR_MAX = 2100
YEAR_RANGE = f"{YEAR_MIN}–{YEAR_MAX}"


def parse_date(value: object) -> dt.date | None:
    """A date cell, or text as 2019-10-31, 2019/10/31, 2019.10.31 or 2019年10月31日; None if not a date
    or outside DATE_MIN … DATE_MAX (`read_date` tells the two apart)."""
    day = read_date(value)
    return day if day is not None and in_range(day) else None


def in_range(day: dt.date) -> bool:
    return DATE_MIN <= day <= DATE_MAX


def year_in_range(year: int) -> bool:
    return YEAR_MIN <= year <= YEAR_MAX


def range_problem(day: dt.date) -> str | None:
    """The reason a date that was read is refused, in Chinese; None within the range."""
    return None if in_range(day) else f"日期 {day.isoformat()} 超出可用范围（{DATE_RANGE}）"


def read_date(value: object) -> dt.date | None:
    """`parse_date` without the range: any calendar date in those forms; None if not a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    m = _DATE_RE.match(value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def age_on(birth: dt.date, day: dt.date) -> int:
    """Completed years on `day`: a birthday on `day` counts as completed."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def years_later(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later; 29 February falls on 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def birth_date_at_most(day: dt.date, years: int) -> dt.date:
    """The latest birth date of someone who is at least `years` old on `day`."""
    return years_later(day, -years)
