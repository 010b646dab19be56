"""Reads of training: whose village a trainee counts for, and which enrolments an actor sees."""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from liangdai.cadres.models import Holding
from liangdai.exchange.writes import in_chunks
from liangdai.leaders.models import WealthLeader
from liangdai.org.scoping import scope
from liangdai.party.models import DevelopmentRecord

from .models import Enrolment


def _holding_rank(day: dt.date):
    """In office on `day` first, then the latest started by `day`, then the latest of all."""

    def rank(holding: tuple) -> tuple:
        _, village, start, end, pk = holding
        in_office = start <= day and (end is None or end >= day)
        return (in_office, start <= day, start, pk)

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


def persons_of_area(actor) -> Q:
    """Persons linked to the actor's area: a position holding, a wealth-leader registration or a
    development record in a village of the area. Fails closed: no area, no person."""
    linked = Q(pk__in=[])
    for model in (Holding, WealthLeader, DevelopmentRecord):
        linked |= Q(person_id__in=scope(model.objects.all(), actor).values("person_id"))
    return linked


def enrolments(*, actor) -> QuerySet:
    """The enrolments of trainees linked to the actor's area."""
    return Enrolment.objects.filter(persons_of_area(actor)).select_related("training_class", "person")


def numbers_in_area(*, actor, numbers: Iterable[str]) -> set[str]:
    """The identity numbers among `numbers` of persons linked to the actor's area."""
    found: set[str] = set()
    for chunk in in_chunks(sorted(set(numbers))):
        for model in (Holding, WealthLeader, DevelopmentRecord):
            found |= set(
                scope(model.objects.filter(person__id_number__in=chunk), actor).values_list(
                    "person__id_number", flat=True
                )
            )
    return found
