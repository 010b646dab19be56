"""Reads of training: whose village a trainee counts for, and which trainees an actor sees."""

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet

from liangdai.cadres.figures import holds_on
from liangdai.cadres.models import Holding, Person
from liangdai.exchange.writes import in_chunks
from liangdai.leaders.models import WealthLeader
from liangdai.org.scoping import scope_by_person, visible_persons

from .models import Enrolment


def _holding_rank(day: dt.date):
    """In office on `day` first, then the latest started by `day`, then the latest of all."""

    def rank(holding: tuple) -> tuple:
        _, village, start, end, pk = holding
        return (holds_on(start, end, day), start <= day, start, pk)

    return rank


def training_villages(person_ids: Iterable[int], day: dt.date) -> dict[int, str]:
    """A person's village for training (DOMAIN.md): the village of their position holdings (of
    several, the one in office on `day`, else the latest), else their wealth-leader home village."""
    ids = sorted(set(person_ids))
    villages: dict[int, str] = {}
    for chunk in in_chunks(ids):
        best: dict[int, tuple] = {}
        rank = _holding_rank(day)
        for holding in Holding.objects.filter(person_id__in=chunk).values_list(
            "person_id", "village_id", "start", "end", "pk"
        ):
            current = best.get(holding[0])
            if current is None or rank(holding) > rank(current):
                best[holding[0]] = holding
        villages.update({person_id: h[1] for person_id, h in best.items()})
        rest = [p for p in chunk if p not in best]
        villages.update(WealthLeader.objects.filter(person_id__in=rest).values_list("person_id", "village_id"))
    return villages


def enrolments(*, actor) -> QuerySet:
    """The enrolments of the trainees the actor may see."""
    return scope_by_person(Enrolment.objects.all(), actor).select_related("training_class", "person")


def visible_person(actor, person: Person | None) -> Person | None:
    """`person` if the actor may see them, else None."""
    if person is None:
        return None
    return visible_persons(actor, Person.objects.filter(pk=person.pk)).first()


def visible_numbers(*, actor, numbers: Iterable[str]) -> set[str]:
    """The identity numbers among `numbers` of the persons the actor may see."""
    found: set[str] = set()
    for chunk in in_chunks(sorted(set(numbers))):
        persons = visible_persons(actor, Person.objects.filter(id_number__in=chunk))
        found |= set(persons.values_list("id_number", flat=True))
    return found


def person_trainings(actor, person: Person) -> dict:
    """Every training of a person for their page (`core.plugins.PERSON_PANELS`), the latest first:
    the enrolments the actor may see (`enrolments`), the person page having checked the person."""
    found = enrolments(actor=actor).filter(person=person).order_by("-training_class__start", "training_class__name")
    return {"enrolments": list(found)}
