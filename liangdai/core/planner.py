"""Planner statistics after a bulk load. The system does not count on autovacuum for sane plans:
many managed set-ups throttle it or turn it off, and a table that grew by a large load without
fresh statistics is planned as if it were small (issue 13: an import's key lookups became
sequential scans of millions of rows). SQLite plans without them."""

from django.db import connections, router
from django.db.models import Model

# A load of at least this many rows refreshes the table's statistics.
ANALYZE_AFTER = 10_000


def analyze(*models: type[Model]) -> None:
    """ANALYZE each model's table on PostgreSQL (allowed inside a transaction)."""
    for model in models:
        connection = connections[router.db_for_write(model)]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def analyze_if_large(model: type[Model], rows: int) -> None:
    if rows >= ANALYZE_AFTER:
        analyze(model)
