"""`liangdai backup` and `liangdai restore`: the database as compressed JSON Lines, restored only into
an empty database, on another engine if need be."""

import gzip
import json
import os
import sqlite3
import subprocess
import sys

from liangdai.cli import main
from liangdai.core.testing import make_profile, make_venue

VILLAGE = "640402103200"


def test_backup_holds_the_records_and_restore_refuses_a_database_in_use(db, tmp_path, capsys):
    make_profile(VILLAGE, population=1500)
    out = tmp_path / "backup.json.gz"
    out.write_bytes(b"")
    out.chmod(0o644)
    assert main(["backup", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o600  # readable by its owner only, even over an old file
    records = [json.loads(line) for line in gzip.decompress(out.read_bytes()).decode().splitlines()]
    profiles = [r for r in records if r["model"] == "villages.villageprofile"]
    assert [(p["pk"], p["fields"]["population"]) for p in profiles] == [(VILLAGE, 1500)]
    assert main(["restore", str(out)]) == 2
    assert "不是空的" in capsys.readouterr().out


def test_a_backup_restores_into_a_fresh_database(db, tmp_path):
    make_profile(VILLAGE, population=1500)
    make_venue(VILLAGE, area=320)
    out = tmp_path / "backup.json.gz"
    assert main(["backup", str(out)]) == 0
    target = tmp_path / "restored.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{target}", "LIANGDAI_VAR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "liangdai.cli", "restore", str(out)], env=env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(target) as con:
        assert con.execute("SELECT population FROM villages_villageprofile").fetchall() == [(1500,)]
        assert con.execute("SELECT area FROM villages_venue").fetchall() == [(320,)]
        assert con.execute("SELECT count(*) FROM org_division WHERE is_village").fetchone() == (2214,)


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bad = tmp_path / "not-a-backup.jsonl.gz"
    bad.write_bytes(gzip.compress(b'[{"model": "nothing"}]'))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}", "LIANGDAI_VAR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "liangdai.cli", "restore", str(bad)], env=env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 2 and "不是本系统的备份文件" in done.stdout
    assert "Traceback" not in done.stderr
