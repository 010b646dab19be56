"""The dashboard of a node page: every figure of the registry beside the same figure a year before,
the headline figures among them, the period shortcuts, and the node's warnings counted, each line
linked to its section of the warnings page."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liangdai.core import plugins
from liangdai.indicators.registry import REGISTRY, Indicator, Query, section_of
from liangdai.org.models import Division

# The figures shown first and large, in this order (those of an app not installed are left out).
HEADLINES = [
    "villages",
    "venues_ge_200_share",
    "fund_allocated",
    "secretaries",
    "secretary_avg_age",
    "secretary_under_60_share",
    "wealth_leaders",
    "people_driven",
    "secretary_training_share",
    "income_median",
    "income_growth",
    "villages_lacking_people",
]


def year_before(day: dt.date) -> dt.date:
    """The same date a year earlier; 29 February falls on the 28th."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Change:
    """A figure against the same figure a year before: `difference` is now minus then, exactly (the
    figures are already rounded; a share's difference is in percentage points)."""

    difference: Decimal

    @property
    def direction(self) -> str:
        return "up" if self.difference > 0 else "down" if self.difference < 0 else "same"


def change(now, before) -> Change | None:
    """The change of a figure, or None when either value is missing or not a number (a ratio)."""
    numbers = (int, float, Decimal)
    if not all(isinstance(v, numbers) and not isinstance(v, bool) for v in (now, before)):
        return None
    # Through str: 84.0 - 87.3 is -3.3, not -3.299999999999997.
    return Change(Decimal(str(now)) - Decimal(str(before)))


@dataclass
class Figure:
    indicator: Indicator
    value: object
    before: object = None  # the same figure a year before
    change: Change | None = None


@dataclass
class Dashboard:
    sections: list[tuple[str, list[Figure]]]  # every figure, by section in registry order
    headlines: list[Figure]
    before_as_of: dt.date
    before_start: dt.date


def dashboard(node: Division, as_of: dt.date, start: dt.date) -> Dashboard:
    """Every registered figure of the node for [start, as_of], with its change against the same
    date a year before over the period of the same length a year earlier."""
    before_as_of, before_start = year_before(as_of), year_before(start)
    now = REGISTRY.compute(Query.of(node.code, as_of, start))
    before = REGISTRY.compute(Query.of(node.code, before_as_of, before_start))
    sections: dict[str, list[Figure]] = {}
    by_id = {}
    for indicator in REGISTRY.indicators():
        value, then = now.get(indicator.id), before.get(indicator.id)
        figure = Figure(indicator, value, then, change(value, then))
        sections.setdefault(section_of(indicator) or str(_("其他")), []).append(figure)
        by_id[indicator.id] = figure
    headlines = [by_id[i] for i in HEADLINES if i in by_id]
    return Dashboard(list(sections.items()), headlines, before_as_of, before_start)


def period_query(as_of: dt.date, start: dt.date) -> str:
    return urlencode({"as_of": f"{as_of:%Y-%m-%d}", "from": f"{start:%Y-%m-%d}"})


def period_choices(as_of: dt.date, start: dt.date) -> list[dict]:
    """Shortcuts for the period picker: this year so far, the last twelve months, last year."""
    last_year_end = dt.date(as_of.year - 1, 12, 31)
    choices = [
        (_("本年以来"), as_of, dt.date(as_of.year, 1, 1)),
        (_("近12个月"), as_of, year_before(as_of) + dt.timedelta(days=1)),
        (_("上一年度"), last_year_end, dt.date(as_of.year - 1, 1, 1)),
    ]
    return [
        {"label": label, "query": period_query(end, begin), "current": (end, begin) == (as_of, start)}
        for label, end, begin in choices
    ]


# --- warnings ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WarningLine:
    label: str
    unit: str
    anchor: str  # the id of its section on the warnings page
    count: Callable[[object], int]  # from the warning panel's context


def _untrained(panel: dict) -> int:
    return panel["untrained"] if panel["warn"] else 0


# The counter word 个 in English: the thing counted.
VILLAGES = pgettext_lazy("villages", "个")
ORGANISATIONS = pgettext_lazy("party organisations", "个")

# Each warning panel of the warnings page (`core.plugins.WARNING_PANELS`, by its template) -> its
# lines in the summary. Reports sits above every app that adds one, so it may read their contexts;
# a panel missing here still gets a line that links to the warnings page.
WARNING_LINES = {
    "cadres/_seat_warnings.html": [
        WarningLine(_("书记空缺超过3个月的村"), VILLAGES, "empty-title", lambda p: len(p.empty)),
        WarningLine(_("无书记记录的村"), VILLAGES, "never-title", lambda p: len(p.never)),
    ],
    "party/_conversions_due.html": [
        WarningLine(_("预备期满待转正的预备党员"), _("人"), "due-title", lambda p: len(p["due"])),
    ],
    "party/_no_candidate.html": [
        WarningLine(_("两年未确定发展对象的行政村"), VILLAGES, "no-candidate-title", lambda p: len(p["villages"])),
    ],
    "assessment/_zero_stars.html": [
        WarningLine(_("连续两年0星的村党组织"), ORGANISATIONS, "zero-stars-title", lambda p: len(p["villages"])),
    ],
    "training/_coverage_warning.html": [
        WarningLine(_("培训覆盖低于计划时未参训的书记"), _("人"), "training-warning-title", _untrained),
    ],
}


@dataclass(frozen=True)
class WarningCount:
    label: str
    count: int | None  # None: a panel the summary does not count
    unit: str
    url: str


def warning_counts(actor, node: Division, as_of: dt.date) -> list[WarningCount]:
    """The node's warnings as the warnings page lists them on `as_of`, counted, each with the link
    to its section there."""
    page = reverse("cadres:warnings") + "?" + urlencode({"code": node.code, "as_of": f"{as_of:%Y-%m-%d}"})
    counts = []
    for panel in plugins.WARNING_PANELS:
        lines = WARNING_LINES.get(panel.template)
        if lines is None:
            counts.append(WarningCount(_("其他预警"), None, "", page))
            continue
        context = panel.context(actor, node, as_of)
        counts += [WarningCount(line.label, line.count(context), line.unit, f"{page}#{line.anchor}") for line in lines]
    return counts
