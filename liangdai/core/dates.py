"""Dates as the exchange format writes them, and ages as DOMAIN.md counts them."""

import datetime as dt
import re

_DATE_RE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def parse_date(value: object) -> dt.date | None:
    """A date cell, or text as 2019-10-31, 2019/10/31, 2019.10.31 or 2019年10月31日; None if not a date."""
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
