"""Every command on a fresh DATABASE_URL, the first thing a newcomer does (issue 11, the first hour):
a database without tables is given its schema on the spot and the command goes on, one whose
schema is behind the code is told in Chinese to run `liangdai migrate`, and one that cannot be
reached is told what to check. Never a traceback. Each case runs the real command line in a
subprocess on a database of its own: an SQLite file, or a new PostgreSQL database when the suite
runs on PostgreSQL."""

import argparse
import os
import socket
import sqlite3
import subprocess
import sys

import dj_database_url
import psycopg
import pytest
from django.conf import settings

from liangdai.cli import build_parser

DEFAULT = settings.DATABASES["default"]
ON_POSTGRES = DEFAULT["ENGINE"].endswith("postgresql")

# Each command of the command line (bar `run`, which serves) with arguments that reach the
# database, the exit code it gives on a database that has only its schema, and what it says.
CASES = {
    "migrate": (["migrate"], 0, "数据库结构已是最新"),
    "divisions": (["divisions", "load", "--province", "64"], 0, "区划：共"),
    "demo": (["demo", "--province", "64"], 0, "尚未加载区划"),
    "users add": (["users", "add", "wang", "--division", "64", "--role", "reader"], 1, "区划代码 64 不存在"),
    "users password": (["users", "password", "admin"], 1, "用户 admin 不存在"),
    "import": (["import", "{tmp}/missing.xlsx"], 2, "无法读取文件"),
    "export": (["export", "--code", "64", "-o", "{tmp}/out.xlsx"], 1, "区划代码 64 不存在"),
    "briefing": (["briefing", "--code", "64", "--as-of", "2019-10-31", "-o", "{tmp}/b.docx"], 2, "区划代码 64 不存在"),
    "indicators": (["indicators", "--code", "64", "--as-of", "2019-10-31"], 2, "区划代码 64 不存在"),
    "bonus": (["bonus", "--county", "640323", "--year", "2019", "--budget", "1000"], 2, "区划代码 640323 不存在"),
    "approval": (["approval", "status", "--code", "640323", "--year", "2019"], 1, "区划代码 640323 不存在"),
    "backup": (["backup", "{tmp}/backup.jsonl.gz", "--unencrypted"], 0, "已备份"),
    "restore": (["restore", "{tmp}/missing.jsonl.gz"], 2, "不是本系统的备份文件"),
}
NOT_RUN = {"run"}  # serves until stopped (it migrates first itself): tried below on a port already taken


def _admin():
    return psycopg.connect(
        dbname="postgres",
        user=DEFAULT["USER"] or None,
        password=DEFAULT["PASSWORD"] or None,
        host=DEFAULT["HOST"] or None,
        port=DEFAULT["PORT"] or None,
        autocommit=True,
    )


@pytest.fixture
def fresh_url(tmp_path):
    """The URL of a database with no tables at all."""
    if not ON_POSTGRES:
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    name = f"liangdai_fresh_{os.getpid()}"
    with _admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    cfg = dj_database_url.parse(os.environ["DATABASE_URL"])
    auth = cfg["USER"] + (f":{cfg['PASSWORD']}" if cfg["PASSWORD"] else "")
    yield f"postgres://{auth}@{cfg['HOST'] or '127.0.0.1'}:{cfg['PORT'] or 5432}/{name}"
    with _admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def liangdai(args: list[str], url: str, tmp_path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "LIANGDAI_VAR": str(tmp_path), "MIGRATION_DATABASE_URL": ""}
    argv = [a.format(tmp=tmp_path) for a in args]
    return subprocess.run([sys.executable, "-m", "liangdai.cli", *argv], env=env, capture_output=True, text=True,
                          timeout=600)  # fmt: skip


def tables(url: str) -> set[str]:
    if url.startswith("sqlite"):
        with sqlite3.connect(dj_database_url.parse(url)["NAME"]) as con:
            return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as con:
        return {r[0] for r in con.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}


def test_every_command_of_the_command_line_is_tried_here():
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert set(commands.choices) - NOT_RUN == {case.split()[0] for case in CASES}


@pytest.mark.parametrize("case", list(CASES))
def test_a_command_on_a_database_without_tables_builds_the_schema_and_goes_on(case, fresh_url, tmp_path):
    args, code, said = CASES[case]
    done = liangdai(args, fresh_url, tmp_path)
    output = done.stdout + done.stderr
    assert "Traceback" not in output and "no such table" not in output and "does not exist" not in output
    assert done.returncode == code, output
    assert said in output
    assert {"org_user", "org_division", "audit_auditlog", "django_migrations"} <= tables(fresh_url)


def test_a_command_on_a_schema_behind_the_code_says_to_run_migrate(fresh_url, tmp_path):
    assert liangdai(["migrate"], fresh_url, tmp_path).returncode == 0
    env = {**os.environ, "DATABASE_URL": fresh_url, "LIANGDAI_VAR": str(tmp_path), "MIGRATION_DATABASE_URL": ""}
    unapply = [sys.executable, "-m", "django", "migrate", "sessions", "zero", "-v0", "--settings=liangdai.settings"]
    back = subprocess.run(unapply, env=env, capture_output=True, text=True, timeout=300)
    assert back.returncode == 0, back.stderr
    done = liangdai(["divisions", "load", "--province", "64"], fresh_url, tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "数据库结构不是最新" in done.stderr and "请先运行 liangdai migrate" in done.stderr
    assert "org_division" in tables(fresh_url)
    assert liangdai(["migrate"], fresh_url, tmp_path).returncode == 0
    assert liangdai(["divisions", "load", "--province", "64"], fresh_url, tmp_path).returncode == 0


def test_a_database_that_cannot_be_reached_is_named_with_what_to_check(tmp_path):
    url = f"sqlite:///{tmp_path / 'no-such-folder' / 'x.sqlite3'}"
    if ON_POSTGRES:
        cfg = dj_database_url.parse(os.environ["DATABASE_URL"])
        url = f"postgres://{cfg['USER']}@{cfg['HOST'] or '127.0.0.1'}:{cfg['PORT'] or 5432}/liangdai_no_such_db"
    done = liangdai(["divisions", "load"], url, tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "错误：无法连接数据库" in done.stderr and "DATABASE_URL" in done.stderr


def test_run_on_a_port_already_taken_says_so_before_anything_else(fresh_url, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        done = liangdai(["run", "--no-demo", "--port", port], fresh_url, tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"端口 {port} 已被占用" in done.stderr and "--port" in done.stderr
    assert "管理员登录" not in done.stdout  # no one-time password printed for a server that never ran
