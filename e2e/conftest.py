"""The browser-test harness: the real server in a subprocess on a database of its own, users made
with the real command line, and Playwright driving Debian's chromium (no browser download).

Fixtures:
- `server`: the base URL (http://127.0.0.1:PORT) of `liangdai run --no-demo` on a fresh database:
  PostgreSQL `liangdai_e2e_<pid>` when the run's DATABASE_URL is PostgreSQL (created and dropped
  here), else an SQLite file in a temporary directory.
- `cli(*args, stdin=None)`: runs `liangdai ARGS` against the server's database; returns the
  CompletedProcess.
- `users`: username -> password of the personas made at start: COUNTY (reviewer of 640402 原州区)
  and CLERK (entry of 640402103 官厅镇).
- `page`: a fresh browser page (its own context, so its own cookies) per test.
- `login(page, username)`: logs that page in and waits for the home page.
- `new_page()`: another fresh page in the same test (a second user side by side).
"""

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import dj_database_url
import pytest

ROOT = Path(__file__).resolve().parent.parent
LIANGDAI = ROOT / ".venv" / "bin" / "liangdai"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
E2E_DIR = Path(__file__).resolve().parent

COUNTY = "county_e2e"
CLERK = "clerk_e2e"
PERSONAS = {COUNTY: ("640402", "reviewer"), CLERK: ("640402103", "entry")}
PASSWORD = "E2e-Pass-2024!x"
START_TIMEOUT = 180  # seconds: migrate + Ningxia's divisions on a cold machine


def pytest_collection_modifyitems(config, items):
    """Browser tests need Debian's chromium; CI installs it. Only they are skipped without it."""
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason="/usr/bin/chromium is missing (apt-get install chromium)")
    for item in items:
        if E2E_DIR in Path(str(item.fspath)).parents:
            item.add_marker(skip)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _admin_connection(url: str):
    import psycopg

    cfg = dj_database_url.parse(url)
    return psycopg.connect(
        dbname="postgres",
        user=cfg["USER"] or None,
        password=cfg["PASSWORD"] or None,
        host=cfg["HOST"] or None,
        port=cfg["PORT"] or None,
        autocommit=True,
    )


class Database:
    """A fresh database for the server: PostgreSQL when the run uses it, else an SQLite file."""

    def __init__(self, tmp: Path):
        self.pg_url = _postgres_url()
        self.name = f"liangdai_e2e_{os.getpid()}"
        if self.pg_url:
            cfg = dj_database_url.parse(self.pg_url)
            auth = cfg["USER"] + (f":{cfg['PASSWORD']}" if cfg["PASSWORD"] else "")
            self.url = f"postgres://{auth}@{cfg['HOST'] or '127.0.0.1'}:{cfg['PORT'] or 5432}/{self.name}"
        else:
            self.url = f"sqlite:///{tmp / 'e2e.sqlite3'}"

    def create(self) -> None:
        if self.pg_url:
            with _admin_connection(self.pg_url) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
                conn.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        if self.pg_url:
            with _admin_connection(self.pg_url) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def e2e_env(tmp_path_factory):
    """The environment of the server and of the commands run against it."""
    tmp = tmp_path_factory.mktemp("e2e")
    database = Database(tmp)
    database.create()
    env = dict(os.environ, LIANGDAI_VAR=str(tmp / "var"), DATABASE_URL=database.url, PYTHONUNBUFFERED="1")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    yield env
    database.drop()


@pytest.fixture(scope="session")
def cli(e2e_env):
    def run(*args: str, stdin: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [str(LIANGDAI), *args], input=stdin, env=e2e_env, capture_output=True, text=True, timeout=300
        )
        if check and done.returncode != 0:
            raise AssertionError(f"liangdai {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
        return done

    return run


def _wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/login/", timeout=2) as response:  # noqa: S310 (our own server)
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server did not answer in {START_TIMEOUT} s:\n{log.read_text(errors='replace')}")


@pytest.fixture(scope="session")
def server(e2e_env, cli):
    """The base URL of a real `liangdai run --no-demo` with the personas' accounts."""
    port = _free_port()
    log = Path(e2e_env["LIANGDAI_VAR"]).parent / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(LIANGDAI), "run", "--no-demo", "--port", str(port)],
            env=e2e_env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, log)
        for username, (division, role) in PERSONAS.items():
            cli("users", "add", username, "--division", division, "--role", role, "--password-stdin", stdin=PASSWORD)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def users() -> dict[str, str]:
    return {username: PASSWORD for username in PERSONAS}


@pytest.fixture(scope="module")
def browser():
    """One chromium per test module. The sync Playwright API runs an event loop in this thread,
    which Django's in-process tests refuse to share: keep it alive only while a module of browser
    tests runs."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, server):
    contexts = []

    def make():
        context = browser.new_context(base_url=server, locale="zh-CN", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def login(server, users):
    def log_in(page, username: str) -> None:
        page.goto(f"{server}/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", users[username])
        page.click("form button[type=submit]")
        page.wait_for_url(lambda url: "/login/" not in url)

    return log_in
