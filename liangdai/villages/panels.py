"""The income panel of a node page (`core.plugins.NODE_PANELS`): the income figures of the registry,
their course over the years (the chart), and the villages whose income fell back, each a link."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from liangdai.indicators.registry import REGISTRY, Query, mean, median, share
from liangdai.org import scoping
from liangdai.org.models import Division

from . import indicators

CHART_YEARS = 10  # the chart shows at most the last ten years on record


@dataclass(frozen=True)
class FellBack:
    village: Division
    before: Decimal  # the year before's income
    income: Decimal
    growth: float | None  # percent, negative


def income_chart(code: str, year: int, first: int | None) -> dict:
    """The median and the mean of the villages' incomes for each year on record up to `year`."""
    years = list(range(max(first, year - CHART_YEARS + 1), year + 1)) if first else []
    by_year = indicators.incomes_of(code, years)
    return {
        "categories": [str(y) for y in years],
        "series": [
            {"name": _("中位数"), "data": [median(by_year[y].values()) for y in years]},
            {"name": _("平均数"), "data": [mean(sum(by_year[y].values(), Decimal(0)), len(by_year[y])) for y in years]},
        ],
    }


def fell_back_villages(code: str, year: int) -> list[FellBack]:
    """The villages under the node whose income of `year` is lower than the year before's, the
    largest fall first (the registry's `income_fell_back` counts them)."""
    incomes = indicators.incomes_of(code, [year - 1, year])
    now, then = incomes[year], incomes[year - 1]
    codes = indicators.fell_back(now, then)
    villages = Division.objects.select_related("parent").in_bulk(codes)
    rows = [FellBack(villages[v], then[v], now[v], share(now[v] - then[v], then[v])) for v in codes]
    return sorted(rows, key=lambda r: (r.income / r.before, r.village.code))


def income_panel(actor, query: Query) -> dict:
    """The node's incomes for the year of the as-of date, once the node is found in the actor's area
    (NotFound otherwise)."""
    node = scoping.division_for(actor, query.code)
    values = indicators.income_figures(query)
    year = query.as_of.year
    first = indicators.first_income_year(query.code, year)
    return {
        "node": node,
        "year": year,
        "first_year": first,
        "figures": [(REGISTRY.get(i), value) for i, value in values.items()],
        "chart": income_chart(query.code, year, first),
        "fell_back": fell_back_villages(query.code, year),
    }
