"""Reads of the assessment app that its rules need: the positions a person held in the actor's area."""

from collections.abc import Iterable

from liangdai.cadres.models import Holding, Person
from liangdai.exchange.state import Span
from liangdai.exchange.writes import in_chunks
from liangdai.org.divisions import lock_villages
from liangdai.org.scoping import scope

from .models import Appraisal
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
