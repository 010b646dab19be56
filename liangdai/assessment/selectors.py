"""Reads of the assessment app: the positions a person held in the actor's area (for its rules), and the
lists of its pages, each starting from the actor's area."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from liangdai.cadres.figures import in_office
from liangdai.cadres.models import Holding, Person, WeakOrganisation
from liangdai.exchange.state import Span
from liangdai.exchange.writes import in_chunks
from liangdai.org.divisions import administrative, lock_villages
from liangdai.org.grouping import village_list
from liangdai.org.models import Division
from liangdai.org.scoping import division_for, scope
from liangdai.rules.schemas import Rubric

from .indicators import assessed_year
from .models import Appraisal, StarRating
from .rules import held_in


def held_spans(actor, numbers: Iterable[str], *, lock: bool = False) -> dict[str, list[Span]]:
    """The holdings on record in the actor's area of the persons of `numbers`, by identity number.
    With `lock`, their villages are locked first (`divisions.lock_villages`, the lock every write
    to a village's records takes), so the holdings read stay as they are until the transaction ends."""
    spans: dict[str, list[Span]] = {}
    for chunk in in_chunks(sorted(set(numbers))):
        holdings = scope(Holding.objects.filter(person__id_number__in=chunk), actor)
        if lock:
            lock_villages(holdings.values_list("village_id", flat=True))
        for number, village, start, end in holdings.values_list("person__id_number", "village_id", "start", "end"):
            spans.setdefault(number, []).append(Span(village, start, end))
    return spans


def latest_villages(person_ids: Iterable[int]) -> dict[int, str]:
    """The village of each person's latest holding, wherever it lies: where an appraisal's audit
    row is filed."""
    villages: dict[int, str] = {}
    for chunk in in_chunks(sorted(set(person_ids))):
        for person_id, village in (
            Holding.objects.filter(person_id__in=chunk).order_by("start").values_list("person_id", "village_id")
        ):
            villages[person_id] = village
    return villages


def person_appraisals(actor, person: Person) -> dict:
    """A person's yearly grades for their page (`core.plugins.PERSON_PANELS`), the latest first:
    those of the years in which they held a position in the actor's area, as the 个人考核 export
    shows them."""
    spans = held_spans(actor, [person.id_number]).get(person.id_number, [])
    appraisals = Appraisal.objects.filter(person=person).order_by("-year")
    return {"appraisals": [a for a in appraisals if held_in(a.year, spans)]}


# --- the pages of a node and a year ----------------------------------------------------------


def default_year() -> int:
    """The year a page shows unless asked: the last year that has ended."""
    return assessed_year(timezone.localdate())


def rating_initial(rating: StarRating | None, rubric: Rubric) -> dict | None:
    """A score form's values: the rating's total, and its items where it was scored on `rubric`."""
    if rating is None:
        return None
    items = rating.items or {}
    return {"score": rating.score} | {
        f"item_{i}": Decimal(items[item.name]) for i, item in enumerate(rubric.items) if item.name in items
    }


def villages_of(actor, code: str):
    """The administrative villages under the node `code` (found in the actor's area)."""
    division_for(actor, code)
    villages = Division.objects.filter(is_village=True, code__startswith=code)
    return scope(villages, actor, field="code").select_related("parent").order_by("code")


@dataclass(frozen=True)
class ScoreRow:
    village: Division
    rating: StarRating | None
    last: StarRating | None  # the year before
    weak: bool

    @property
    def change(self) -> int | None:
        """Stars gained (or lost) against the year before; None without both ratings."""
        if self.rating is None or self.last is None:
            return None
        return self.rating.stars - self.last.stars


def score_list(actor, code: str, year: int) -> dict:
    """Every administrative village under `code` with its rating of `year`, the change against the
    year before, and the villages not yet rated."""
    villages = list(villages_of(actor, code))
    ratings = StarRating.objects.filter(village__code__startswith=code, year__in=(year, year - 1))
    by_key = {(r.village_id, r.year): r for r in ratings}
    weak = set(
        WeakOrganisation.objects.filter(village__code__startswith=code, year=year).values_list("village_id", flat=True)
    )
    rows = [ScoreRow(v, by_key.get((v.code, year)), by_key.get((v.code, year - 1)), v.code in weak) for v in villages]
    rated = [r for r in rows if r.rating is not None]
    return {
        "rows": rows,
        "missing": [r.village for r in rows if r.rating is None],
        "rated": len(rated),
        "distribution": [(n, sum(1 for r in rated if r.rating.stars == n)) for n in range(5, -1, -1)],
    }


@dataclass(frozen=True)
class AppraisalRow:
    person: Person
    holdings: list[Holding]
    grade: str | None


def appraisal_list(actor, code: str, year: int) -> dict:
    """Every cadre holding a position under `code` on 31 December of `year`, once, with the grade of
    the year; those still without one."""
    division_for(actor, code)
    holdings = in_office(scope(Holding.objects.filter(village__code__startswith=code), actor), dt.date(year, 12, 31))
    by_person: dict[int, list[Holding]] = {}
    for h in holdings.select_related("person", "village").order_by("village_id", "position", "person__id_number"):
        by_person.setdefault(h.person_id, []).append(h)
    grades = dict(Appraisal.objects.filter(year=year, person_id__in=list(by_person)).values_list("person_id", "grade"))
    rows = [AppraisalRow(hs[0].person, hs, grades.get(pid)) for pid, hs in by_person.items()]
    return {"rows": rows, "missing": [r for r in rows if r.grade is None]}


def zero_star_villages(actor, node: Division, day: dt.date) -> dict:
    """The warnings page: villages at 0 stars in the last year assessed and the year before."""
    year = assessed_year(day)
    before = StarRating.objects.filter(year=year - 1, stars=0).values("village_id")
    ratings = StarRating.objects.filter(administrative(), village__code__startswith=node.code, year=year, stars=0)
    ratings = scope(ratings.filter(village_id__in=before), actor).select_related("village")
    villages = [r.village for r in ratings.order_by("village_id")]
    grouped = village_list("zero-stars", _("连续两年0星的村党组织"), [], [(v.code, v.name, ()) for v in villages], node)
    return {"villages": villages, "list": grouped, "year": year}


def village_stars(code: str, year: int) -> dict[str, int]:
    """The stars of the villages under the node `code` rated for `year` (`core.plugins.village_stars`)."""
    ratings = StarRating.objects.filter(village__code__startswith=code, year=year)
    return dict(ratings.values_list("village_id", "stars"))
