"""Reads of the exchange pages: the import history of an area, one's own import records."""

from django.db.models import QuerySet

from liangdai.core.errors import NotFound
from liangdai.org.scoping import scope

from .models import ImportRecord

PAGE_SIZE = 50


def import_history(actor, *, before: int | None = None, limit: int = PAGE_SIZE) -> list[ImportRecord]:
    """The imports of the actor's area (each record carries its importer's area code), newest
    first, one page by keyset on the id: never a count of the whole table."""
    qs: QuerySet = scope(ImportRecord.objects.select_related("user"), actor, field="code").order_by("-id")
    if before is not None:
        qs = qs.filter(id__lt=before)
    return list(qs[:limit])


def own_record(actor, record_id: int) -> ImportRecord:
    """An import record of the actor's own, else NotFound (the same as missing)."""
    found = ImportRecord.objects.filter(pk=record_id, user=actor).first() if actor.is_authenticated else None
    if found is None:
        raise NotFound(record_id)
    return found
