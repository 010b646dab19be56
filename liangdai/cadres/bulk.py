"""The bulk services of the sheets: the persons that every sheet names and the holdings of the
村干部 sheet, written by the same rules as the single-record services (`services.person_save`,
`services.holding_start`). The pipeline has checked each row with `cadres.rules` inside the same
transaction; each row written is audited through the import context.

New records go in as tuples, `BATCH` at a time, each batch followed by its audit rows (issue 13:
a model instance per record and per audit row was most of an import's time and memory). What is
on record is read by key only: the persons by the identity numbers of the rows (the validation
read them in the same transaction), the holdings by the persons on record.
"""

from liangdai.core import idnumbers
from liangdai.core.planner import analyze_if_large
from liangdai.core.protected import seal
from liangdai.exchange.sheets import Row
from liangdai.exchange.writes import in_chunks, insert_values
from liangdai.org.scoping import visible_persons

from . import rules
from .models import Holding, Person
from .persons import known_persons

BATCH = 2000  # new records written, then audited, at a time
PERSON_COLUMNS = ["id_number", "name", "birth_date", "sex", *rules.PROFILE_FIELDS]  # the model's order
HOLDING_COLUMNS = ["person", "village", "position", "start", "source", "end", "end_reason"]
HOLDING_KEY = ["person", "village", "position", "start"]  # one holding by these, per the database
HOLDING_FIELDS = ["source", "end", "end_reason"]  # what a row changes on a holding on record


def persons_import(*, ctx, rows: list[Row]) -> dict[str, int]:
    """The bulk form of `person_save` for every sheet that names persons: create the persons not on
    record and update the profile fields a row gives, by the same rules; returns the person id of
    every identity number in the rows."""
    return _persons_write(ctx, rows)[0]


def _persons_write(ctx, rows: list[Row]) -> tuple[dict[str, int], set[str]]:
    """(person id by identity number, the numbers of the persons created)."""
    latest: dict[str, Row] = {}
    for row in rows:
        latest[row["id_number"]] = row
    records = known_persons(ctx, latest)  # read by the validation, in this same transaction
    on_record = {n: records[n] for n in latest if records[n] is not None}
    ids = {n: p.pk for n, p in on_record.items()}
    _update_persons(ctx, latest, on_record)
    new = [n for n in latest if n not in on_record]
    for chunk in in_chunks(new, BATCH):
        ids.update(_create_persons(ctx, chunk, latest))
    analyze_if_large(Person, len(new))
    for number in new:  # a later sheet of the workbook reads them from the database
        records.pop(number, None)
    return ids, set(new)


def _update_persons(ctx, latest: dict[str, Row], on_record: dict[str, Person]) -> None:
    ours = visible_ids(ctx.actor, [p.pk for p in on_record.values()])
    updated, audits = [], []
    for number, old in on_record.items():
        row = latest[number]
        # The same rule as `services.person_save`: a person of another area is not changed here.
        changes = rules.profile_changes(
            old, {f: row.values.get(f) for f in rules.PROFILE_FIELDS}, in_area=old.pk in ours
        )
        new = {f: changes.get(f, getattr(old, f)) or "" for f in rules.PROFILE_FIELDS}
        changed = [f for f in rules.PROFILE_FIELDS if getattr(old, f) != new[f]]
        if not changed:
            continue
        before = {f: getattr(old, f) for f in changed}
        for f in changed:
            setattr(old, f, new[f])
        updated.append(old)
        # Filed under the village of the row that names the person, so the audit administrator of
        # that area sees it; a person has no area of their own.
        audits.append((old.pk, row.values.get("village") or "", before, {f: getattr(old, f) for f in changed}))
    if updated:
        ctx.audit_many(action="导入更新", entity="person", items=audits)
        Person.objects.bulk_update(updated, list(rules.PROFILE_FIELDS), batch_size=500)


def _create_persons(ctx, numbers: list[str], latest: dict[str, Row]) -> dict[str, int]:
    values = []
    sealed = ctx.state.sealed_numbers  # as the validation sealed them for its lookup
    for number in numbers:
        v = latest[number].values
        profile = [v.get(f) or "" for f in rules.PROFILE_FIELDS]
        profile[-1] = seal(profile[-1])  # the phone; sealed once, for the record and its audit row
        birth, sex = idnumbers.birth_date(number), idnumbers.sex(number)
        values.append((sealed.get(number) or seal(number), v.get("name") or "", birth, sex, *profile))
    ids = insert_values(Person, PERSON_COLUMNS, values)
    audits = []
    for pk, number, person in zip(ids, numbers, values, strict=True):
        after = {"id": pk, **dict(zip(PERSON_COLUMNS, person, strict=True))}  # the record, as `snapshot` gives it
        # Filed under the village of the row that names the person (see `_update_persons`).
        audits.append((pk, latest[number].values.get("village") or "", None, after))
    ctx.audit_many(action="导入新增", entity="person", items=audits)
    return dict(zip(numbers, ids, strict=True))


def _holdings_of(person_ids: set[int]) -> dict[tuple, tuple]:
    """The holdings on record of these persons: (id, *HOLDING_FIELDS) by their key, plain values."""
    found = {}
    for chunk in in_chunks(sorted(person_ids)):
        qs = Holding.objects.filter(person_id__in=chunk).order_by().values_list(*HOLDING_KEY, "pk", *HOLDING_FIELDS)
        for values in qs:
            found[values[:4]] = values[4:]
    return found


def visible_ids(actor, person_ids: list[int]) -> set[int]:
    """The ids among `person_ids` of the persons the actor may see."""
    found: set[int] = set()
    for chunk in in_chunks(sorted(person_ids)):
        found |= set(visible_persons(actor, Person.objects.filter(pk__in=chunk)).values_list("pk", flat=True))
    return found


def holdings_import(*, ctx, rows: list[Row]) -> tuple[int, int]:
    """The bulk write of a 村干部 import: its persons, then each row's holding. Returns (created, updated)."""
    person_ids, new_persons = _persons_write(ctx, rows)
    # Only a person on record before this import can hold a holding on record: read theirs only.
    existing = _holdings_of({person_ids[n] for n in person_ids if n not in new_persons})
    new, updated, audits = [], [], []
    for r in rows:
        values = (person_ids[r["id_number"]], r["village"], r["position"], r["start"])
        values += (r["source"] or "", r["end"], r["end_reason"] or "")
        old = existing.get(values[:4])
        if old is None:
            new.append(values)
            continue
        changed = [f for f, was, given in zip(HOLDING_FIELDS, old[1:], values[4:], strict=True) if was != given]
        if not changed:
            continue
        holding = Holding(old[0], *values)  # the record, as changed
        before = {f: was for f, was in zip(HOLDING_FIELDS, old[1:], strict=True) if f in changed}
        updated.append(holding)
        audits.append((holding.pk, holding.village_id, before, {f: getattr(holding, f) for f in changed}))
    if updated:
        ctx.audit_many(action="导入更新", entity="holding", items=audits)
        Holding.objects.bulk_update(updated, HOLDING_FIELDS, batch_size=500)
    for chunk in in_chunks(new, BATCH):
        ids = insert_values(Holding, HOLDING_COLUMNS, chunk)
        snapshots = ({"id": pk, **dict(zip(HOLDING_COLUMNS, h, strict=True))} for pk, h in zip(ids, chunk, strict=True))
        ctx.audit_many(action="导入新增", entity="holding", items=[(s["id"], s["village"], None, s) for s in snapshots])
    analyze_if_large(Holding, len(new))
    return len(new), len(updated)
