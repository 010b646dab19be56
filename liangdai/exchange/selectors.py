"""Reads of the exchange pages: the import history of an area, one's own import records."""

from django.db.models import QuerySet

from liangdai.core.errors import NotFound
from liangdai.core.paging import PAGE_SIZE, Page, keyset_page
from liangdai.org.scoping import scope

from .models import ImportRecord


def import_history(actor, *, before: int | None = None, size: int = PAGE_SIZE) -> Page[ImportRecord]:
    """The imports of the actor's area (each record carries its importer's area code), newest
    first, one page by keyset on the id: never a count of the whole table."""
    qs: QuerySet = scope(ImportRecord.objects.select_related("user"), actor, field="code")
    return keyset_page(qs, after=before, size=size, descending=True)


def own_record(actor, record_id: int) -> ImportRecord:
    """An import record of the actor's own, else NotFound (the same as missing)."""
    found = ImportRecord.objects.filter(pk=record_id, user=actor).first() if actor.is_authenticated else None
    if found is None:
        raise NotFound(record_id)
    return found
