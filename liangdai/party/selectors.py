"""Reads of the development pipeline, scoped by the actor's area."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from liangdai.cadres.models import Person, PoliticalStatus
from liangdai.exchange.writes import in_chunks
from liangdai.org.scoping import scope

from .models import DevelopmentRecord, Stage
from .rules import conversion_deadline, conversion_due

MEMBER_STAGES = [Stage.PROBATIONARY, Stage.FULL]
MEMBER_STATUSES = [PoliticalStatus.MEMBER, PoliticalStatus.PROBATIONARY]


@dataclass(frozen=True)
class DueConversion:
    """A probationary member whose year of probation has passed without conversion."""

    person: Person
    village_id: str
    probation_on: dt.date
    due_on: dt.date
    deadline: dt.date
    overdue: bool  # past the longest probation allowed (one year more)


def unconverted_on(day: dt.date) -> QuerySet:
    """预备党员 records on or before `day` of persons not converted (正式党员) by `day`."""
    converted = DevelopmentRecord.objects.filter(person=OuterRef("person"), stage=Stage.FULL, date__lte=day)
    return DevelopmentRecord.objects.filter(stage=Stage.PROBATIONARY, date__lte=day).exclude(Exists(converted))


def due_for_conversion(*, actor, as_of: dt.date, code: str = "") -> list[DueConversion]:
    """The probationary members of the actor's area (under the node `code`) due for conversion on
    `as_of` (a year of probation passed), the longest waiting first; `overdue` once the extended
    year has passed too."""
    records = scope(unconverted_on(as_of).filter(village__code__startswith=code).select_related("person"), actor)
    records = records.order_by("date", "person__id_number")
    due = []
    for r in records:
        if conversion_due(r.date) > as_of:
            break
        deadline = conversion_deadline(r.date)
        due.append(DueConversion(r.person, r.village_id, r.date, conversion_due(r.date), deadline, as_of > deadline))
    return due


def members_on(person_ids: Iterable[int], day: dt.date) -> set[int]:
    """Which of these persons are party members (probationary or full) on `day`."""
    return members_on_days(dict.fromkeys(person_ids, day))


def members_on_days(days: dict[int, dt.date]) -> set[int]:
    """Which persons are party members on their own day (person id -> day): by their development
    path where one is recorded (a member from the 预备党员 or 正式党员 date on), else by the political
    status on record."""
    with_path, members = set(), set()
    for chunk in in_chunks(sorted(days)):
        for person_id, stage, date in DevelopmentRecord.objects.filter(person_id__in=chunk).values_list(
            "person_id", "stage", "date"
        ):
            with_path.add(person_id)
            if stage in MEMBER_STAGES and date <= days[person_id]:
                members.add(person_id)
        members |= set(
            Person.objects.filter(pk__in=chunk, political_status__in=MEMBER_STATUSES)
            .exclude(pk__in=with_path)
            .values_list("pk", flat=True)
        )
    return members


def warning_panel(actor, node, day: dt.date) -> dict:
    """The conversions due on the warnings page (`core.plugins.WARNING_PANELS`)."""
    return {"due": due_for_conversion(actor=actor, as_of=day, code=node.code)}
