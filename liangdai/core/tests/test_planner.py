"""A large bulk load leaves fresh planner statistics behind it (PostgreSQL), so that the next
query on the table is not planned as if the table were still small."""

import pytest
from django.db import connection
from django.utils import timezone

from liangdai.audit.models import AuditLog
from liangdai.core.planner import ANALYZE_AFTER
from liangdai.exchange.writes import insert_rows

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="statistics are PostgreSQL's")


def estimated_rows(model) -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table])
        return cursor.fetchone()[0]


def rows(n: int) -> list[AuditLog]:
    now = timezone.now()
    return [AuditLog(at=now, actor_name="系统", action="测试", entity="test") for _ in range(n)]


def test_a_large_insert_analyzes_its_table_and_a_small_one_does_not(db):
    before = estimated_rows(AuditLog)
    insert_rows(AuditLog, rows(100))
    assert estimated_rows(AuditLog) == before  # a small load: no ANALYZE
    insert_rows(AuditLog, rows(ANALYZE_AFTER))
    assert estimated_rows(AuditLog) >= ANALYZE_AFTER
