"""Bringing the schema up to date, as the role that owns it.

Where the application connects as a role of its own (MIGRATION_DATABASE_URL set, PostgreSQL), the
owner migrates and then grants the application role what it needs: reading and writing the rows of
every table, but on the audit table only reading and appending. Owning no table, the application's
connection can neither disable the audit trigger nor drop, alter or truncate a table."""

from django.conf import settings
from django.core.management import call_command
from django.db import connections

MIGRATION = "migration"
# Tables whose rows are never changed or deleted: the application role may only read and append.
APPEND_ONLY = ["audit_auditlog"]


def migrate(verbosity: int = 0) -> None:
    alias = MIGRATION if MIGRATION in settings.DATABASES else "default"
    call_command("migrate", database=alias, verbosity=verbosity)
    if alias == MIGRATION and connections[alias].vendor == "postgresql":
        grant_application_role(alias)


def grant_statements(role: str, quote) -> list[str]:
    """The grants that let `role` (the application's) use the schema without owning any of it."""
    role = quote(role)
    statements = [
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {role}",
    ]
    for table in APPEND_ONLY:
        statements.append(f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {quote(table)} FROM {role}")
    return statements


def grant_application_role(alias: str = MIGRATION) -> None:
    role = settings.DATABASES["default"]["USER"]
    owner = connections[alias]
    if not role or role == settings.DATABASES[alias]["USER"]:
        return  # one role for both: nothing to grant
    with owner.cursor() as cursor:
        for sql in grant_statements(role, owner.ops.quote_name):
            cursor.execute(sql)
