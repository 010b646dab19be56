"""Reads of the development pipeline, scoped by the actor's area."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from liangdai.cadres.models import Person, PoliticalStatus
from liangdai.org.grouping import village_list
from liangdai.org.models import Division, Level
from liangdai.org.scoping import can_write, in_area, scope
from liangdai.villages.indicators import villages_under

from . import rules
from .models import STAGE_ORDER, DevelopmentRecord, Stage
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


@dataclass(frozen=True)
class ReadyActivist:
    """An activist whose year as activist has passed, not yet a development object."""

    person: Person
    village_id: str
    activist_on: dt.date
    ready_on: dt.date


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


# A year is never shorter than this: the database narrows by it, the rules decide (29 February).
SHORTEST_YEAR = dt.timedelta(days=365)
LONGEST_YEAR = dt.timedelta(days=366)


def waiting_activists(day: dt.date) -> QuerySet:
    """入党积极分子 records on or before `day` of persons with no later stage by `day`, narrowed
    to those whose year as activist may have passed (`rules.ready_for_candidate` decides)."""
    later = DevelopmentRecord.objects.filter(
        person=OuterRef("person"), stage__in=STAGE_ORDER[STAGE_ORDER.index(Stage.ACTIVIST) + 1 :], date__lte=day
    )
    return DevelopmentRecord.objects.filter(stage=Stage.ACTIVIST, date__lte=day - SHORTEST_YEAR).exclude(Exists(later))


def due_soon_records(day: dt.date) -> QuerySet:
    """Unconverted 预备党员 records whose year of probation may end just after `day`, narrowed for
    `rules.conversion_due_soon` to decide."""
    return unconverted_on(day).filter(date__gt=day - LONGEST_YEAR)


def activists_ready(*, actor, as_of: dt.date, code: str = "") -> list[ReadyActivist]:
    """The activists of the actor's area (under `code`) who may become development objects on
    `as_of`, the longest waiting first."""
    records = scope(waiting_activists(as_of).filter(village__code__startswith=code), actor)
    records = records.select_related("person").order_by("date", "person__id_number")
    return [
        ReadyActivist(r.person, r.village_id, r.date, rules.candidate_from(r.date))
        for r in records
        if rules.ready_for_candidate(r.date, as_of)
    ]


def conversions_due_soon(*, actor, as_of: dt.date, code: str = "") -> list[DueConversion]:
    """The probationary members of the actor's area (under `code`) whose year of probation ends
    within `rules.DUE_SOON_DAYS` after `as_of`, the soonest first."""
    records = scope(due_soon_records(as_of).filter(village__code__startswith=code), actor)
    records = records.select_related("person").order_by("date", "person__id_number")
    return [
        DueConversion(r.person, r.village_id, r.date, conversion_due(r.date), conversion_deadline(r.date), False)
        for r in records
        if rules.conversion_due_soon(r.date, as_of)
    ]


def due_lists(actor, code: str, as_of: dt.date) -> dict:
    """The three lists of what falls due under the node `code` on `as_of`."""
    return {
        "ready": activists_ready(actor=actor, as_of=as_of, code=code),
        "soon": conversions_due_soon(actor=actor, as_of=as_of, code=code),
        "due": due_for_conversion(actor=actor, as_of=as_of, code=code),
    }


def villages_without_candidate(code: str, as_of: dt.date) -> QuerySet:
    """The administrative villages under `code` that named no development object (发展对象) within
    `rules.candidate_window(as_of)`: one query for any node."""
    recent = DevelopmentRecord.objects.filter(
        village=OuterRef("pk"), stage=Stage.CANDIDATE, date__range=rules.candidate_window(as_of)
    )
    return villages_under(code).exclude(Exists(recent))


def no_candidate_panel(actor, node: Division, day: dt.date) -> dict:
    """The villages without a development object for 2 years, on the warnings page."""
    villages = list(scope(villages_without_candidate(node.code, day), actor, field="code"))
    rows = [(v.code, v.name, ()) for v in villages]
    grouped = village_list("no-candidate", _("两年未确定发展对象的行政村"), [], rows, node)
    return {"villages": villages, "list": grouped, "since": rules.candidate_window(day)[0], "as_of": day}


def village_choices(actor, code: str = "") -> list[tuple[str, str]]:
    """The village-level divisions under `code` in the actor's area (a party organisation's
    village, as the sheet's 党组织村代码 takes them), as (code, label) for a form."""
    villages = scope(Division.objects.filter(level=Level.VILLAGE, code__startswith=code), actor, field="code")
    return [(v.code, f"{v.name}（{v.code}）") for v in villages.order_by("code")]


@dataclass(frozen=True)
class PathStage:
    record: DevelopmentRecord
    in_area: bool  # the organisation that recorded it lies in the reader's area


def person_path(actor, person: Person) -> dict:
    """A person's development path for their page (`core.plugins.PERSON_PANELS`): every stage in
    order (an organisation outside the reader's area is not named), and what the rules allow next.
    The person page has already checked that the reader may see the person."""
    records = sorted(
        DevelopmentRecord.objects.filter(person=person).select_related("village"),
        key=lambda r: STAGE_ORDER.index(r.stage),
    )
    dates = {r.stage: r.date for r in records}
    member_by_status = not records and person.political_status in MEMBER_STATUSES
    return {
        "person": person,
        "stages": [PathStage(r, in_area(actor, r.village_id)) for r in records],
        "next": None if member_by_status else rules.next_stage(dates, person.birth_date),
        "can_write": can_write(actor),
    }


def member_on(day) -> Q:
    """Rows whose `person` is a party member (probationary or full) on `day`, a date or a date of
    the row (an `OuterRef`): by their development path where one is recorded (a member from the
    预备党员 or 正式党员 date on), else by the political status on record."""
    records = DevelopmentRecord.objects.filter(person=OuterRef("person"))
    by_path = Q(Exists(records.filter(stage__in=MEMBER_STAGES, date__lte=day)))
    by_status = ~Q(Exists(records)) & Q(person__political_status__in=MEMBER_STATUSES)
    return by_path | by_status


def warning_panel(actor, node, day: dt.date) -> dict:
    """The conversions due on the warnings page (`core.plugins.WARNING_PANELS`)."""
    return {"due": due_for_conversion(actor=actor, as_of=day, code=node.code)}
