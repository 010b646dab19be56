"""The assessment panels of a node page (`core.plugins.NODE_PANELS`: the last year assessed, its star
distribution, average score and bonus total, the review state of the node's townships, and the
links to the lists, the board and the bonus) and of a village page (its ratings and review state)."""

from collections import Counter

from django.utils import timezone

from liangdai.indicators.registry import Query
from liangdai.org.models import Division, Level
from liangdai.org.scoping import can_write, division_for

from . import approvals, rules
from .indicators import assessed_year, star_figures
from .models import Approval, ApprovalState, StarRating

STEPS_SHOWN = 5


def node_panel(actor, query: Query) -> dict:
    """Found in the actor's area first (NotFound otherwise): every village under it is the actor's."""
    node = division_for(actor, query.code)
    year = assessed_year(query.as_of)
    figures = star_figures(query)
    distribution = [(n, figures[f"stars_{n}"]) for n in range(5, -1, -1)]
    states = approvals.township_states(actor, node.code, year)
    counts = Counter(s.state for s in states)
    township = node.level == Level.TOWNSHIP
    return {
        "node": node,
        "year": year,
        "distribution": distribution,
        "widest": max((count for _, count in distribution), default=0),
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


RATINGS_SHOWN = 6


def village_panel(actor, village: Division, year: int) -> dict:
    """The star ratings of a village's page (`core.plugins.VILLAGE_PANELS`): its latest ratings with
    their items, the review state of its township for each of those years, and the last assessed
    year's state and steps, with the score form while the year is open to the actor."""
    latest = assessed_year(timezone.localdate())
    ratings = list(StarRating.objects.filter(village=village).order_by("-year")[:RATINGS_SHOWN])
    years = {r.year for r in ratings} | {latest}
    by_year = {
        a.year: a for a in Approval.objects.filter(township_id=village.code[:9], year__in=years).only("year", "state")
    }
    for rating in ratings:
        rating.state = by_year[rating.year].state if rating.year in by_year else ApprovalState.DRAFT
        rating.state_label = rules.STATE_NAMES[rating.state]
    state = by_year[latest].state if latest in by_year else ApprovalState.DRAFT
    return {
        "village": village,
        "ratings": ratings,
        "year": latest,
        "state": state,
        "state_label": rules.STATE_NAMES[state],
        "steps": approvals.steps_of(actor, village.code, latest)[:STEPS_SHOWN],
        "can_score": can_write(actor) and state not in rules.LOCKED_STATES,
    }
