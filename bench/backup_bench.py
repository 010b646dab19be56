"""Backup and restore at scale: wall time and peak memory (maximum resident set size) of
`liangdai backup` on the benchmark database and of `liangdai restore` of that file into a fresh
database of the same engine. Each runs as its own process, so its peak memory is its own.

    python bench/backup_bench.py [--scale province] [--database-url URL]
"""

import argparse
import os
import resource
import subprocess
import sys
import time

import common


def _run(args: list[str], env: dict) -> tuple[float, float]:
    """(seconds, peak MiB) of one `liangdai` command in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "liangdai.cli", *args], env=env, check=True, capture_output=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux; the largest child so far
    return seconds, max(peak, before) / 1024


def _restore_target(url: str) -> str:
    if url.startswith("sqlite"):
        path = common.BENCH_VAR / "restored.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            (common.BENCH_VAR / f"restored.sqlite3{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    target = url.rsplit("/", 1)[0] + "/liangdai_bench_restored"
    common._ensure_postgres(target, fresh=True)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["province", "national"], default="province")
    parser.add_argument("--database-url")
    args = parser.parse_args()
    url = common.setup(args.database_url)
    import generate

    province = "64" if args.scale == "province" else None
    generate.load_divisions(province)
    generate.generate(province or "")
    from liangdai.core import plugins

    rows = sum(m._default_manager.count() for m in plugins.BACKUP_MODELS)
    out = common.BENCH_VAR / "backup.jsonl.gz"
    # Sealed as in production: the key's scrypt and AES-GCM are part of the cost measured.
    env = {**os.environ, "DATABASE_URL": url, "LIANGDAI_BACKUP_KEY": "bench-only-backup-key-0123"}
    seconds, peak = _run(["backup", str(out)], env)
    print(f"backup : {rows:,} records, {seconds:.1f} s, {rows / seconds:,.0f} records/s, peak {peak:,.0f} MiB, "
          f"file {out.stat().st_size / 2**20:,.1f} MiB")  # fmt: skip
    env["DATABASE_URL"] = _restore_target(url)
    seconds, peak = _run(["restore", str(out)], env)
    print(f"restore: {rows:,} records, {seconds:.1f} s, {rows / seconds:,.0f} records/s, peak so far {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
