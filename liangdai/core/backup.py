"""The whole database as JSON Lines, one record a line, table by table in the order the apps add
them (`plugins.BACKUP_MODELS`, parents first). Both ways stream: a backup reads each table in
chunks and writes as it goes, a restore reads a line at a time and inserts in batches, so memory
stays the same whatever the size of the country."""

from collections.abc import Iterable, Iterator
from typing import IO

from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, transaction

from . import plugins

CHUNK = 2000


def dump(stream: IO[str]) -> int:
    """Write every registered table to `stream`; returns the number of records."""
    tally = [0]
    with transaction.atomic():  # one consistent snapshot
        for model in plugins.BACKUP_MODELS:
            records = model._default_manager.order_by("pk").iterator(chunk_size=CHUNK)
            # The serializer writes each record to the stream as the iterator yields it.
            serializers.serialize("jsonl", _counting(records, tally), stream=stream)
    return tally[0]


def _counting(records: Iterable, tally: list[int]) -> Iterator:
    for record in records:
        tally[0] += 1
        yield record


def load(lines: Iterable[str]) -> int:
    """Insert the records of a backup (JSON Lines) into empty tables; returns how many."""
    count = 0
    with transaction.atomic():
        batch: list = []
        for record in serializers.deserialize("jsonl", lines, ignorenonexistent=False):
            if record.m2m_data and any(record.m2m_data.values()):
                _flush(batch)
                record.save()  # the few records with many-to-many links (a user's groups)
            else:
                if batch and (type(batch[0]) is not type(record.object) or len(batch) >= CHUNK):
                    _flush(batch)
                batch.append(record.object)
            count += 1
        _flush(batch)
        _reset_sequences()
    return count


def _flush(batch: list) -> None:
    if batch:
        type(batch[0])._default_manager.bulk_create(batch, batch_size=500)
        batch.clear()


def _reset_sequences() -> None:
    """Restored rows keep their keys; the next key of each table follows the largest (PostgreSQL)."""
    statements = connection.ops.sequence_reset_sql(no_style(), plugins.BACKUP_MODELS)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
