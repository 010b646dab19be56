"""`liangdai backup` and `liangdai restore`: the database as compressed JSON Lines, sealed with the
key of the environment, restored only into an empty database, on another engine if need be."""

import gzip
import io
import json
import os
import sqlite3
import subprocess
import sys

import pytest

from liangdai.cli import main
from liangdai.core import sealing
from liangdai.core.testing import make_profile, make_venue

VILLAGE = "640402103200"
KEY = "test-backup-key-0123456789"


@pytest.fixture(autouse=True)
def backup_key(monkeypatch):
    monkeypatch.setenv(sealing.KEY_VARIABLE, KEY)


def _opened(path, key: str = KEY) -> bytes:
    with open(path, "rb") as raw:
        return gzip.decompress(sealing.SealedReader(raw, key).read())


def _restore(backup, tmp_path, **env) -> subprocess.CompletedProcess:
    target = tmp_path / "restored.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{target}", "LIANGDAI_VAR": str(tmp_path), **env}
    return subprocess.run([sys.executable, "-m", "liangdai.cli", "restore", str(backup)], env=env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip


def test_backup_holds_the_records_and_restore_refuses_a_database_in_use(db, tmp_path, capsys):
    make_profile(VILLAGE, population=1500)
    out = tmp_path / "backup.json.gz"
    out.write_bytes(b"")
    out.chmod(0o644)
    assert main(["backup", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o600  # readable by its owner only, even over an old file
    records = [json.loads(line) for line in _opened(out).decode().splitlines()]
    profiles = [r for r in records if r["model"] == "villages.villageprofile"]
    assert [(p["pk"], p["fields"]["population"]) for p in profiles] == [(VILLAGE, 1500)]
    assert main(["restore", str(out)]) == 2
    assert "不是空的" in capsys.readouterr().out


def test_a_backup_restores_into_a_fresh_database(db, tmp_path):
    make_profile(VILLAGE, population=1500)
    make_venue(VILLAGE, area=320)
    out = tmp_path / "backup.json.gz"
    assert main(["backup", str(out)]) == 0
    done = _restore(out, tmp_path)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(tmp_path / "restored.sqlite3") as con:
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


def test_a_backup_is_sealed_and_holds_no_identity_number_in_clear(db, tmp_path):
    from liangdai.cadres.tests.makers import make_person

    number = make_person("王刚").id_number
    out = tmp_path / "backup.bin"
    assert main(["backup", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(sealing.MAGIC)
    assert number.encode() not in data
    assert number.encode() in _opened(out)


def test_backup_refuses_without_a_key_and_unencrypted_is_refused_in_production(
    db, tmp_path, monkeypatch, settings, capsys
):
    monkeypatch.delenv(sealing.KEY_VARIABLE)
    out = tmp_path / "backup.bin"
    assert main(["backup", str(out)]) == 2
    assert "未设置环境变量 LIANGDAI_BACKUP_KEY" in capsys.readouterr().out and not out.exists()
    settings.PRODUCTION = True
    assert main(["backup", "--unencrypted", str(out)]) == 2
    assert "生产环境不允许未加密的备份" in capsys.readouterr().out and not out.exists()
    settings.PRODUCTION = False
    assert main(["backup", "--unencrypted", str(out)]) == 0
    assert out.read_bytes()[:2] == b"\x1f\x8b"  # plain gzip, by explicit choice on trial data
    monkeypatch.setenv(sealing.KEY_VARIABLE, "short")
    assert main(["backup", str(out)]) == 2
    assert "备份密钥至少 16 个字符" in capsys.readouterr().out


def test_restore_refuses_a_wrong_key_a_missing_key_and_an_altered_or_cut_file(db, tmp_path):
    make_profile(VILLAGE, population=1500)
    out = tmp_path / "backup.bin"
    assert main(["backup", str(out)]) == 0
    wrong = _restore(out, tmp_path, LIANGDAI_BACKUP_KEY="another-key-0123456789")
    assert wrong.returncode == 2 and "备份密钥不正确" in wrong.stdout
    missing = _restore(out, tmp_path, LIANGDAI_BACKUP_KEY="")
    assert missing.returncode == 2 and "这是加密备份" in missing.stdout
    data = out.read_bytes()
    cut, altered = tmp_path / "cut.bin", tmp_path / "altered.bin"
    cut.write_bytes(data[:-20])
    altered.write_bytes(data[:-5] + bytes([data[-5] ^ 1]) + data[-4:])
    for bad in (cut, altered):
        done = _restore(bad, tmp_path)
        assert done.returncode == 2 and "拒绝恢复" in done.stdout, done.stdout
        assert "Traceback" not in done.stderr
    with sqlite3.connect(tmp_path / "restored.sqlite3") as con:  # nothing was written by any attempt
        assert con.execute("SELECT count(*) FROM villages_villageprofile").fetchone() == (0,)


@pytest.mark.parametrize("size", [0, 1, sealing.CHUNK, sealing.CHUNK + 1, 3 * sealing.CHUNK + 17])
def test_sealing_gives_back_exactly_what_was_written_at_every_chunk_boundary(size):
    plain = os.urandom(size)
    sealed = io.BytesIO()
    writer = sealing.SealedWriter(sealed, KEY)
    writer.write(plain)
    writer.close()
    sealed.seek(0)
    assert sealing.SealedReader(sealed, KEY).read() == plain


def test_a_file_cut_at_a_chunk_boundary_is_refused():
    sealed = io.BytesIO()
    writer = sealing.SealedWriter(sealed, KEY)
    writer.write(os.urandom(2 * sealing.CHUNK + 5))
    writer.close()
    data = sealed.getvalue()
    header = len(sealing.MAGIC) + 16 + 7
    first_two = header + 2 * (4 + sealing.CHUNK + 16)
    with pytest.raises(sealing.SealError, match="不完整"):
        sealing.SealedReader(io.BytesIO(data[:first_two]), KEY).read()
