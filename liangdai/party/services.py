"""Every write of party-member development (DOMAIN.md part 6): one stage from a page, or the rows
of the 发展党员 sheet. Both check the person's whole path with `rules.path_errors`; each writes its
audit rows in its transaction."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction

from liangdai.audit.services import save_recorded, snapshot
from liangdai.cadres.bulk import persons_import
from liangdai.cadres.models import Person
from liangdai.cadres.services import person_save
from liangdai.core.errors import DomainError
from liangdai.exchange.cells import read_values
from liangdai.exchange.writes import existing_by_key, upsert
from liangdai.org.scoping import writable_village

from . import rules
from .models import DevelopmentRecord

if TYPE_CHECKING:
    from liangdai.exchange.pipeline import Context
    from liangdai.exchange.sheets import Row


def _person(actor, person: Person | dict) -> Person:
    person = person if isinstance(person, Person) else person_save(actor=actor, **person)
    # Two writers of one person's path wait for each other: the path is checked as a whole.
    return Person.objects.select_for_update().get(pk=person.pk)


def _check_path(actor, person: Person, stage: str, date: dt.date) -> DevelopmentRecord | None:
    """The person's record of `stage`, if any, after checking that the actor may change it and
    that the path with `stage` on `date` keeps the rules; DomainError otherwise."""
    records = {r.stage: r for r in DevelopmentRecord.objects.select_for_update().filter(person=person)}
    current = records.get(stage)
    problem = rules.recorded_elsewhere(actor, stage, current.village_id if current else None)
    if problem:
        raise DomainError(problem, column="stage")
    on_record = {s: r.date for s, r in records.items()}
    for error in rules.changed_path_errors(on_record, {stage: date}, person.birth_date):
        raise DomainError(error.message, column="date")
    return current


@transaction.atomic
def development_stage_record(
    *, actor, person: Person | dict, village: str, stage: str, date: dt.date
) -> DevelopmentRecord:
    """`person` reached `stage` on `date` in the party organisation of `village`: the stage is
    recorded, or its record changed. Saved unchanged, nothing is written."""
    code = writable_village(actor, village).code
    values, problems = read_values({"stage": stage, "date": date}, rules.READERS, rules.REQUIRED)
    for field, message in problems:
        raise DomainError(message, column=field)
    person = _person(actor, person)
    current = _check_path(actor, person, values["stage"], values["date"])
    before = snapshot(current)
    current = current or DevelopmentRecord(person=person, stage=values["stage"])
    current.village_id, current.date = code, values["date"]
    save_recorded(current, actor=actor, before=before, entity="development_record", label="发展阶段", code=code)
    return current


@transaction.atomic
def development_records_import(*, ctx: Context, rows: list[Row]) -> tuple[int, int]:
    """Write the validated rows of the 发展党员 sheet: their persons, then each stage created or
    updated by person and stage (COPY for the new ones); returns (created, updated). The pipeline
    checked the rows with `rules` in this same transaction."""
    ids = persons_import(ctx=ctx, rows=_one_row_per_person(rows))
    items = [
        DevelopmentRecord(person_id=ids[r["id_number"]], village_id=r["village"], stage=r["stage"], date=r["date"])
        for r in rows
    ]
    return upsert(
        ctx,
        model=DevelopmentRecord,
        entity="development_record",
        items=items,
        existing=existing_by_key(
            DevelopmentRecord.objects.all(), "person_id", ids.values(), lambda o: (o.person_id, o.stage)
        ),
        key=lambda o: (o.person_id, o.stage),
        fields=["village_id", "date"],
        code=lambda o: o.village_id,
    )


def _one_row_per_person(rows: list[Row]) -> list[Row]:
    """A row per person carrying the name that any of their rows gives (a new person needs one)."""
    named: dict[str, Row] = {}
    for row in rows:
        if row["id_number"] not in named or (row["name"] and not named[row["id_number"]]["name"]):
            named[row["id_number"]] = row
    return list(named.values())
