"""What the benchmark scripts share: a database of their own, Django set up on it, timing helpers.

The benchmarks never touch the project's own database: they use BENCH_DATABASE_URL (or
--database-url), else an SQLite file under bench/var/.
"""

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_VAR = ROOT / "bench" / "var"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def setup(database_url: str | None = None, *, fresh: bool = False) -> str:
    """Point Django at the benchmark database (created if missing, emptied with `fresh`), migrate,
    and return its URL."""
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    url = database_url or os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{BENCH_VAR / 'bench.sqlite3'}"
    if url.startswith("sqlite") and fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    if url.startswith(("postgres://", "postgresql://")):
        _ensure_postgres(url, fresh)
    os.environ["DATABASE_URL"] = url
    os.environ["LIANGDAI_VAR"] = str(BENCH_VAR)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liangdai.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url


def _ensure_postgres(url: str, fresh: bool) -> None:
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    with psycopg.connect(
        dbname="postgres", user=cfg["USER"] or None, password=cfg["PASSWORD"] or None,
        host=cfg["HOST"] or None, port=cfg["PORT"] or None, autocommit=True,
    ) as conn:  # fmt: skip
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{cfg["NAME"]}" WITH (FORCE)')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')


def median_time(fn: Callable[[], object], runs: int = 3, before: Callable[[], object] | None = None) -> float:
    """The median wall time of `runs` calls of `fn`, in seconds; `before` runs untimed before each."""
    times = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _fmt(cell) -> str:
    if isinstance(cell, float):
        return f"{cell:,.0f}" if cell >= 100 else f"{cell:.2f}"
    if isinstance(cell, int):
        return f"{cell:,}"
    return str(cell)


def table(rows: list[list], headers: list[str]) -> str:
    """A Markdown table, for the terminal and bench/README.md."""
    cells = [[str(h) for h in headers]] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("| " + " | ".join(c + " " * (widths[i] - _width(c)) for i, c in enumerate(row)) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def _width(text: str) -> int:
    """Display width: a CJK character takes two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
