"""The party-development panel of a node page (`core.plugins.NODE_PANELS`): the development
figures of the registry, each that has a list linked to it."""

from dataclasses import dataclass

from django.urls import reverse

from liangdai.indicators.registry import REGISTRY, Indicator, Query
from liangdai.org import scoping

from . import indicators

# Figure -> (route, anchor) of the list behind it; the period figures have no list of their own.
LISTS = {
    "activists_ready": ("party:due", "ready"),
    "conversions_due_soon": ("party:due", "soon"),
    "conversions_due": ("party:due", "due"),
    "conversions_overdue": ("party:due", "due"),
    "villages_without_candidate_2y": ("cadres:warnings", "no-candidate-title"),
}
SHOWN = ["probationary_admitted", "members_converted", *LISTS]


@dataclass(frozen=True)
class Figure:
    indicator: Indicator
    value: int | None
    url: str


def _url(query: Query, indicator_id: str) -> str:
    route, anchor = LISTS[indicator_id]
    day = f"as_of={query.as_of:%Y-%m-%d}"
    if route == "cadres:warnings":
        return f"{reverse(route)}?code={query.code}&{day}#{anchor}"
    return f"{reverse(route, args=[query.code])}?{day}#{anchor}"


def node_panel(actor, query: Query) -> dict:
    """The node's figures, once the node is found in the actor's area (NotFound otherwise): every
    village under it is then in the area, so the figures of the node are the actor's."""
    scoping.division_for(actor, query.code)
    values = indicators.development_figures(query) | indicators.due_figures(query)
    figures = [Figure(REGISTRY.get(i), values[i], _url(query, i) if i in LISTS else "") for i in SHOWN]
    return {
        "code": query.code,
        "as_of": query.as_of,
        "start": query.start,
        "figures": figures,
        "can_write": scoping.can_write(actor),
    }
