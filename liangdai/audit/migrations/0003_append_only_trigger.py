"""The audit table refuses UPDATE and DELETE, enforced by the database on both engines."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_auditlog
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
    """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_auditlog
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
]
SQLITE_REVERSE = ["DROP TRIGGER audit_no_update;", "DROP TRIGGER audit_no_delete;"]

POSTGRES = [
    """CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$;""",
    """CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit_auditlog
       FOR EACH ROW EXECUTE FUNCTION audit_append_only();""",
    """CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_auditlog
       FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER audit_no_truncate ON audit_auditlog;",
    "DROP TRIGGER audit_no_change ON audit_auditlog;",
    "DROP FUNCTION audit_append_only();",
]


def forwards(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    statements = POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
