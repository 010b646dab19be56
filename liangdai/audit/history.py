"""A record's change history, as a clerk reads it: the audit rows about it, newest first, each with
who, when, what, and before and after (`display.describe`). Shared by the village page and the
person page; which rows are about a record is the caller's to say, and so is the area."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from liangdai.core.idnumbers import mask_snapshot

from .display import describe, entity_model
from .entities import ENTITIES
from .models import AuditLog

LIMIT = 300


@dataclass
class HistoryEntry:
    entry: AuditLog
    entity: str
    changes: list[tuple[str, str, str]]
    actor: str = ""


def history(rows: QuerySet[AuditLog], *, reveal: bool, hidden=()) -> list[HistoryEntry]:
    """The latest `LIMIT` of the audit `rows`, described. Identity and phone numbers in them are
    masked as everywhere else, unless the reader may reveal them."""
    rows = list(rows.order_by("-at", "-id")[:LIMIT])
    entries = []
    for row, shown in zip(rows, describe(rows, reveal=reveal, hidden=hidden), strict=True):
        row.note = mask_snapshot(row.note, reveal)  # only the copy shown: audit rows are never saved again
        entries.append(HistoryEntry(row, shown.entity, shown.changes, shown.actor))
    return entries


def about_person(pk: int, codes) -> Q:
    """The audit rows about a person: their own rows, and those of every registered record with a
    `person` field (holdings, candidacies, leadership, development, training, appraisals) that
    names them, whether it still exists or not. The records' rows are looked for under `codes`
    (the villages where the person has records), so that the JSON is read only there."""
    about = Q(entity="person", entity_id=str(pk))
    for name in ENTITIES:
        model = entity_model(name)
        if model is None or not any(f.name == "person" and f.is_relation for f in model._meta.fields):
            continue
        ids = [str(i) for i in model._default_manager.filter(person=pk).values_list("pk", flat=True)]
        named = Q(code__in=codes) & (Q(after__person=pk) | Q(before__person=pk))
        about |= Q(entity=name) & (Q(entity_id__in=ids) | named)
    return about
