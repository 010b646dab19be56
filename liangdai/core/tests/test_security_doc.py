"""docs/security.md names, for each control, the test that proves it: every test it names exists."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CITED = re.compile(r"`(liangdai/[\w/]+\.py)(?:::(test_\w+))?`")


def test_every_test_the_security_page_cites_exists():
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    cited = CITED.findall(text)
    # `::name` after a path applies to the path last named: "`a.py::x`, `::y`" cites a.py::y.
    short = re.findall(r"`::(test_\w+)`", text)
    assert len(cited) > 20
    missing = [f"{path}::{name}" for path, name in cited if not (ROOT / path).exists() or (
        name and f"def {name}(" not in (ROOT / path).read_text(encoding="utf-8"))]  # fmt: skip
    sources = "".join((ROOT / path).read_text(encoding="utf-8") for path, _ in cited if (ROOT / path).exists())
    missing += [name for name in short if f"def {name}(" not in sources]
    assert missing == []
