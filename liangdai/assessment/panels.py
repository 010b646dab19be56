"""The assessment panel of a node page (`core.plugins.NODE_PANELS`): the last year assessed, its star
distribution, average score and bonus total, the review state of the node's townships, and the
links to the lists, the board and the bonus."""

from collections import Counter

from liangdai.indicators.registry import Query
from liangdai.org.models import Level
from liangdai.org.scoping import division_for

from . import approvals, rules
from .indicators import assessed_year, star_figures

STEPS_SHOWN = 5


def node_panel(actor, query: Query) -> dict:
    """Found in the actor's area first (NotFound otherwise): every village under it is the actor's."""
    node = division_for(actor, query.code)
    year = assessed_year(query.as_of)
    figures = star_figures(query)
    states = approvals.township_states(actor, node.code, year)
    counts = Counter(s.state for s in states)
    township = node.level == Level.TOWNSHIP
    return {
        "node": node,
        "year": year,
        "distribution": [(n, figures[f"stars_{n}"]) for n in range(5, -1, -1)],
        "three_plus": sum(figures[f"stars_{n}"] for n in (3, 4, 5)),
        "rated": figures["villages_rated"],
        "avg": figures["star_avg_score"],
        "budget": figures["bonus_budget"],
        "state": states[0] if township and states else None,
        "counts": [(rules.STATE_NAMES[s], counts[s]) for s in rules.STATE_NAMES],
        "steps": approvals.steps_of(actor, node.code, year)[:STEPS_SHOWN] if township else [],
        "is_county": node.level == Level.COUNTY,
        "township": township,
    }
