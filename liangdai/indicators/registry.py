"""The indicator registry (DESIGN.md principle 5): each figure defined once, read by the pages,
the API, the command line, the Excel export and the Word briefing.

An indicator is a function of a `Query` (node code, as-of date, period start). Functions that
share work are registered together as a *group*: one function returning several ids at once.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from types import ModuleType

from django.utils.translation import gettext


@dataclass(frozen=True)
class Query:
    code: str  # the node's significant digits; '' for the whole country
    as_of: dt.date
    start: dt.date  # F, the period start (inclusive)

    @classmethod
    def of(cls, code: str, as_of: dt.date, start: dt.date | None = None) -> "Query":
        return cls(code=code, as_of=as_of, start=start or dt.date(as_of.year, 1, 1))


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str  # Chinese
    unit: str = ""  # 个, %, 岁, 元, 人...
    section: str = ""  # groups figures on the node page
    digits: int = 0  # decimals shown; shares and averages carry one


def _shown(text: str) -> str:
    # gettext("") would return the catalogue's header, so an empty text stays empty.
    return gettext(text) if text else text


def label_of(indicator: Indicator) -> str:
    """The figure's name in the user's language, for pages and charts. `Indicator.label` itself stays
    Chinese: the briefing, the figure tables and the JSON output are documents in Chinese."""
    return _shown(indicator.label)


def unit_of(indicator: Indicator) -> str:
    """The figure's unit in the user's language, for pages and charts (see `label_of`)."""
    return _shown(indicator.unit)


def section_of(indicator: Indicator) -> str:
    """The name of the figure's section on the node page, in the user's language."""
    return _shown(indicator.section)


@dataclass
class Group:
    indicators: list[Indicator]
    compute: Callable[[Query], dict]


def figure_group(*indicators: Indicator):
    """Marks a function of a `Query` as computing these figures; an app adds its module's marked
    functions to the registry in its `AppConfig.ready()` (`REGISTRY.add_module`)."""

    def mark(fn: Callable[[Query], dict]):
        fn.indicators = list(indicators)  # type: ignore[attr-defined]
        return fn

    return mark


@dataclass
class Registry:
    groups: list[Group] = field(default_factory=list)

    def add_module(self, module: ModuleType) -> None:
        """The figure groups of `module` (functions marked with `figure_group`), in the order they are
        written; figures appear in the order their apps are installed, then written."""
        for fn in vars(module).values():
            marked = getattr(fn, "indicators", None)
            if callable(fn) and marked and fn.__module__ == module.__name__:
                if all(g.compute is not fn for g in self.groups):
                    self.groups.append(Group(marked, fn))

    def indicators(self) -> list[Indicator]:
        return [i for g in self.groups for i in g.indicators]

    def get(self, indicator_id: str) -> Indicator:
        return next(i for i in self.indicators() if i.id == indicator_id)

    def compute(self, query: Query) -> dict:
        """Every registered figure for the query, in registry order."""
        values: dict = {}
        for group in self.groups:
            result = group.compute(query)
            for ind in group.indicators:
                values[ind.id] = result.get(ind.id)
        return values


REGISTRY = Registry()


def _one_decimal(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def share(part: int, whole: int) -> float | None:
    """A percentage rounded half up to one decimal, None when the denominator is 0."""
    return _one_decimal(Decimal(100 * part) / Decimal(whole)) if whole else None


def mean(total, count: int) -> float | None:
    """An average rounded half up to one decimal, None when there is nothing to average."""
    return _one_decimal(Decimal(total) / Decimal(count)) if count else None


def median(values) -> float | None:
    """The middle value (the mean of the two middle ones for an even count), rounded half up to one
    decimal; None when there are no values."""
    ordered = sorted(Decimal(v) for v in values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    value = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return _one_decimal(value)
