"""The audit table is append-only: a database trigger refuses UPDATE and DELETE on both engines."""

import pytest
from django.db import DatabaseError, connection, transaction

from liangdai.audit.models import AuditLog
from liangdai.audit.services import record


@pytest.fixture
def row(system):
    return record(actor=system, action="测试", entity="test", entity_id="1", code="640402", after={"a": 1})


def refused(call):
    """The database refuses `call` with the trigger's message; the row is left as it was."""
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        call()


def test_orm_save_of_an_existing_row_is_refused(row):
    row.action = "篡改"
    refused(lambda: row.save())
    assert AuditLog.objects.get(pk=row.pk).action == "测试"


def test_orm_delete_is_refused(row):
    refused(lambda: row.delete())
    assert AuditLog.objects.filter(pk=row.pk).exists()


def test_queryset_update_and_delete_are_refused(row):
    refused(lambda: AuditLog.objects.filter(pk=row.pk).update(actor_name="nobody"))
    refused(lambda: AuditLog.objects.all().delete())
    assert AuditLog.objects.get(pk=row.pk).actor_name == "system"


def test_raw_sql_update_and_delete_are_refused(row):
    def raw(sql):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql, [row.pk])

        return run

    refused(raw("UPDATE audit_auditlog SET action = 'x' WHERE id = %s"))
    refused(raw("DELETE FROM audit_auditlog WHERE id = %s"))
    assert AuditLog.objects.get(pk=row.pk).action == "测试"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_truncate_is_refused_on_postgresql(row):
    def run():
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE audit_auditlog")

    refused(run)
    assert AuditLog.objects.filter(pk=row.pk).exists()


def test_the_trigger_is_installed_on_the_current_engine(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_auditlog'::regclass")
            expected = {"audit_no_change", "audit_no_truncate"}
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_auditlog'")
            expected = {"audit_no_update", "audit_no_delete"}
        assert expected <= {name for (name,) in cursor.fetchall()}


def test_appending_still_works(row):
    second = record(actor=None, action="测试2")
    assert AuditLog.objects.filter(pk__in=[row.pk, second.pk]).count() == 2
    assert second.actor_name == "匿名"
