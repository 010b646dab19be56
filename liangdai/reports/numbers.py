"""Figures and dates written the way a Chinese report prints them (the seed report: 16,725名;
38.6万人; 352.2万元; 99.1%; 截至2019年10月底). The briefing's sentences, tables, charts and
appendix all format through here, so they cannot disagree."""

import calendar
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from liangdai.indicators.registry import Indicator

# From here on a figure is written in 万 (ten thousands) with one decimal, as the report does:
# 386,000 people -> 38.6万人, 3,522,000 yuan -> 352.2万元; below, in full (16,725名; a village's
# per-capita income 9,876.5元).
WAN_FROM = 100_000
NONE = "—"


def _half_up(value, places: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def wan(value) -> str:
    """In ten thousands, one decimal, a trailing .0 dropped: 386000 -> 38.6万, 50000 -> 5万."""
    text = f"{_half_up(Decimal(str(value)) / 10_000, 1)}"
    return (text.removesuffix(".0")) + "万"


def grouped(value, places: int = 0) -> str:
    """Thousands separated: 16725 -> 16,725; with `places` decimals when the value has a fraction."""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{_half_up(number, places or 2):,}"


def number(indicator: Indicator, value) -> str:
    """The figure as a sentence states it, without its unit except a share's %: 99.1%, 48.5,
    16,725, 38.6万 (people), 352.2万 (yuan), 9,876.5 (yuan), 2:3:5. None is the dash of an empty cell."""
    if value is None:
        return NONE
    if isinstance(value, str):
        return value
    if indicator.unit == "%":
        return f"{_half_up(value, 1)}%"
    if indicator.digits and indicator.unit != "元":
        return f"{_half_up(value, indicator.digits)}"
    return wan(value) if abs(value) >= WAN_FROM else grouped(value, indicator.digits)


def with_unit(indicator: Indicator, value) -> str:
    """The figure with its unit (38.6万人, 99.1%); in the appendix, the exact number follows a
    figure written in 万: 38.6万人（386,123人）."""
    text = number(indicator, value)
    if value is None or indicator.unit == "%":
        return text
    shown = text + indicator.unit
    if text.endswith("万"):
        shown += f"（{grouped(value, indicator.digits)}{indicator.unit}）"
    return shown


def day(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def as_of_line(d: dt.date) -> str:
    """截至2019年10月底 on the last day of a month, else 截至2019年10月23日."""
    if d.day == calendar.monthrange(d.year, d.month)[1]:
        return f"截至{d.year}年{d.month}月底"
    return f"截至{day(d)}"


def period(start: dt.date, end: dt.date) -> str:
    """2019年1月1日至10月31日; the end's year is written only when it differs."""
    end_text = day(end) if end.year != start.year else f"{end.month}月{end.day}日"
    return f"{day(start)}至{end_text}"
