"""Reads of full coverage (全覆盖, DOMAIN.md part 4) and of the rotation plan: who of a node is not
yet trained in a period, what the rule proposes for a year and how far the saved plan is done,
and the training panels of the node and warnings pages (`core.plugins`)."""

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext

from liangdai.cadres.figures import in_office
from liangdai.cadres.indicators import holdings_under
from liangdai.cadres.models import Holding, Position
from liangdai.indicators.registry import REGISTRY, Query
from liangdai.org.models import Division
from liangdai.org.scoping import can_write, division_for, scope

from . import indicators, plan
from .models import Enrolment, Level, PlanEntry, RotationPlan
from .selectors import plan_secretaries, ratio_of, saved_plan

WARN_AFTER = Fraction(3, 4)  # of the year gone
WARN_SHARE = 75.0  # the coverage (%) expected by then where no plan is saved
SHOWN = [
    "trainees_region",
    "trainees_city",
    "trainees_county",
    "trainees_township",
    "training_ratio",
    "demo_classes",
    "demo_bases",
    "demo_trainees",
    "secretaries_untrained",
    "secretary_training_share",
]


# --- full coverage ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Untrained:
    """A person in office under the node with no completed training in the period: their holdings."""

    holdings: list[Holding]

    @property
    def person(self):
        return self.holdings[0].person

    @property
    def village(self) -> Division:
        return self.holdings[0].village

    @property
    def positions(self) -> str:
        return "、".join(h.position for h in self.holdings)


@dataclass
class Coverage:
    node: Division
    as_of: dt.date
    start: dt.date
    secretaries: list[Untrained] = field(default_factory=list)
    cadres: list[Untrained] = field(default_factory=list)
    figures: dict = field(default_factory=dict)


def _untrained(holdings: QuerySet, trained: set[int]) -> list[Untrained]:
    by_person: dict[int, list[Holding]] = {}
    for h in holdings:
        if h.person_id not in trained:
            by_person.setdefault(h.person_id, []).append(h)
    return [Untrained(hs) for hs in by_person.values()]


def coverage(actor, code: str, as_of: dt.date, start: dt.date) -> Coverage:
    """The secretaries, and every cadre, in office under the node on `as_of` without a completed
    training in [start, as_of] (the trainees of the figures): the list behind secretaries_untrained."""
    node = division_for(actor, code)
    query = Query.of(code, as_of, start)
    trained = {row[0] for row in indicators.trainees(query)}
    holdings = scope(in_office(holdings_under(code), as_of), actor).select_related("person", "village")
    holdings = holdings.order_by("village_id", "position", "person__name", "pk")
    secretaries = holdings.filter(position=Position.SECRETARY)
    values = indicators.training_figures(query)
    figures = {i: (REGISTRY.get(i), values[i]) for i in ("secretaries_untrained", "secretary_training_share")}
    return Coverage(node, as_of, query.start, _untrained(secretaries, trained), _untrained(holdings, trained), figures)


# --- the rotation plan --------------------------------------------------------------------------


@dataclass
class Proposal:
    ratio: tuple[int, int, int]
    day: dt.date
    secretaries: list[plan.Secretary]
    counts: dict[str, int]
    levels: dict[int, str]

    @property
    def eligible(self) -> int:
        return sum(1 for s in self.secretaries if s.eligible)


def proposal(actor, code: str, year: int, today: dt.date) -> Proposal:
    """What the rule proposes for the node's secretaries in `year` (not saved)."""
    division_for(actor, code)
    day = plan.plan_day(year, today)
    secretaries = plan_secretaries(code, day, year)
    ratio = ratio_of(code, year)
    counts = plan.proposed_counts(len(secretaries), ratio)
    return Proposal(ratio, day, secretaries, counts, plan.assign(secretaries, counts))


@dataclass
class LevelProgress:
    level: str
    planned: list[PlanEntry]
    trained: list[PlanEntry]
    missing: list[tuple[PlanEntry, bool]]  # (entry, trained at another level)


def _completed(person_ids: list[int], year: int, day: dt.date) -> set[tuple[int, str]]:
    """(person, level) of the completed trainings of these persons in classes ended in [1 Jan, day]."""
    rows = Enrolment.objects.filter(
        person_id__in=person_ids, completed=True, training_class__end__range=(dt.date(year, 1, 1), day)
    ).values_list("person_id", "training_class__level")
    return set(rows)


def progress(actor, saved: RotationPlan, as_of: dt.date) -> list[LevelProgress]:
    """Per level of the saved plan: planned, trained at that level in the plan's year up to the
    as-of date, and missing (with whether they were trained at another level)."""
    entries = list(scope(PlanEntry.objects.filter(plan=saved), actor).select_related("person", "village"))
    day = min(as_of, dt.date(saved.year, 12, 31))
    done = _completed([e.person_id for e in entries], saved.year, day)
    anywhere = {p for p, _ in done}
    found = []
    for level in plan.LEVELS:
        planned = [e for e in entries if e.level == level]
        trained = [e for e in planned if (e.person_id, level) in done]
        missing = [(e, e.person_id in anywhere) for e in planned if (e.person_id, level) not in done]
        found.append(LevelProgress(level, planned, trained, missing))
    return found


def plan_share(saved: RotationPlan | None, code: str, day: dt.date) -> float:
    """The coverage (%) the plan asks for: the share of the node's secretaries on `day` that it
    plans to train; without a saved plan, WARN_SHARE."""
    if saved is None:
        return WARN_SHARE
    current = {h.person_id for h in indicators.secretaries_on(code, day)}
    if not current:
        return WARN_SHARE
    planned = set(saved.entries.values_list("person_id", flat=True))
    return 100.0 * len(current & planned) / len(current)


# --- panels -------------------------------------------------------------------------------------


def node_panel(actor, query: Query) -> dict:
    """The training panel of a node page (`core.plugins.NODE_PANELS`): the figures of the registry,
    the chart of trainees by level against the plan (saved, else the rule's proposal), and links."""
    division_for(actor, query.code)
    values = indicators.training_figures(query)
    saved = saved_plan(query.code, query.as_of.year)
    if saved is not None:
        planned, planned_name = [saved.region, saved.city, saved.county], gettext("轮训计划")
    else:
        counts = proposal(actor, query.code, query.as_of.year, query.as_of).counts
        planned, planned_name = [counts[level] for level in plan.LEVELS], gettext("按比例建议")
    chart = {
        "levels": [str(Level(level).label) for level in (*plan.LEVELS, Level.TOWNSHIP)],
        "trained": [values[indicators.LEVEL_IDS[level]] for level in (*plan.LEVELS, "乡镇")],
        "planned": [*planned, None],
        "planned_name": planned_name,
    }
    return {
        "code": query.code,
        "as_of": query.as_of,
        "start": query.start,
        "figures": [(REGISTRY.get(i), values[i]) for i in SHOWN],
        "chart": chart,
        "can_write": can_write(actor),
    }


def warning_panel(actor, node: Division, day: dt.date) -> dict:
    """On the warnings page (`core.plugins.WARNING_PANELS`): more than three quarters of the year
    gone and the secretaries' training coverage of the year below the plan's (75% without one)."""
    values = indicators.training_figures(Query.of(node.code, day))
    share = values["secretary_training_share"]
    target = plan_share(saved_plan(node.code, day.year), node.code, day)
    warn = plan.year_gone(day) > WARN_AFTER and share is not None and share < target
    url = reverse("training:coverage", args=[node.code]) + f"?as_of={day:%Y-%m-%d}"
    return {"warn": warn, "share": share, "target": round(target, 1), "untrained": values["secretaries_untrained"],
            "url": url, "year": day.year}  # fmt: skip
