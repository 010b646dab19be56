"""On PostgreSQL the application can connect as a role that owns no table (issue 12): `liangdai
migrate` runs as the owner of MIGRATION_DATABASE_URL and grants the application role its rights,
and from the application's connection the audit trigger cannot be turned off, nor the audit rows
changed, deleted or truncated, nor a table dropped; the system still works as that role."""

import os
import subprocess
import sys

import psycopg
import pytest
from django.conf import settings

from liangdai.core.schema import grant_statements

DEFAULT = settings.DATABASES["default"]
pytestmark = pytest.mark.skipif(
    not DEFAULT["ENGINE"].endswith("postgresql"), reason="the role split is PostgreSQL's (SQLite has no roles)"
)


def _dsn(user: str, dbname: str) -> str:
    return f"postgresql://{user}@{DEFAULT['HOST'] or '127.0.0.1'}:{DEFAULT['PORT'] or 5432}/{dbname}"


@pytest.fixture
def split_database():
    """A fresh database owned by an owner role, with an application role beside it; dropped after."""
    tag = f"{os.getpid()}"
    owner, app, dbname = f"ld_owner_{tag}", f"ld_app_{tag}", f"ld_roles_{tag}"
    admin = psycopg.connect(_dsn(DEFAULT["USER"], "postgres"), autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
    for role in (owner, app):
        admin.execute(f'DROP ROLE IF EXISTS "{role}"')
        admin.execute(f'CREATE ROLE "{role}" LOGIN')
    admin.execute(f'CREATE DATABASE "{dbname}" OWNER "{owner}"')
    try:
        yield owner, app, dbname
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        for role in (app, owner):
            admin.execute(f'DROP ROLE IF EXISTS "{role}"')
        admin.close()


def _cli(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "liangdai.cli", *args], env=env,
                          capture_output=True, text=True, timeout=600)  # fmt: skip


def test_the_application_role_cannot_turn_off_or_go_around_the_audit_trigger(split_database, tmp_path):
    owner, app, dbname = split_database
    env = {**os.environ, "DATABASE_URL": _dsn(app, dbname), "MIGRATION_DATABASE_URL": _dsn(owner, dbname),
           "LIANGDAI_VAR": str(tmp_path)}  # fmt: skip
    done = _cli("migrate", env=env)
    assert done.returncode == 0, done.stderr
    # The system works as the application role: bulk loads, accounts, their audit rows.
    for args in (("divisions", "load", "--province", "64"), ("users", "add", "clerk", "--division", "640402103",
                 "--role", "entry")):  # fmt: skip
        done = _cli(*args, env={**env, "MIGRATION_DATABASE_URL": ""})
        assert done.returncode == 0, done.stderr
    with psycopg.connect(_dsn(app, dbname), autocommit=True) as con:
        assert con.execute("SELECT count(*) FROM audit_auditlog").fetchone()[0] > 0
        for sql in (
            "ALTER TABLE audit_auditlog DISABLE TRIGGER ALL",
            "DELETE FROM audit_auditlog",
            "UPDATE audit_auditlog SET action = 'x'",
            "TRUNCATE audit_auditlog",
            "DROP TABLE org_division CASCADE",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                con.execute(sql)
        owned = con.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = %s", [app])
        assert owned.fetchone()[0] == 0


def test_the_audit_table_is_taken_back_to_read_and_append_after_the_grant_on_every_table():
    statements = grant_statements("app", lambda name: f'"{name}"')
    grant = statements.index('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "app"')
    revoke = statements.index('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "audit_auditlog" FROM "app"')
    assert grant < revoke
