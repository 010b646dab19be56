"""The shared sample workbook (../shared/sample): imported whole as the system, the figures that
the registry computes for 官厅镇 equal sample-expected.json. Skipped where the folder is absent (a
user's machine has no ../shared)."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.conf import settings

from liangdai.exchange.pipeline import import_workbook
from liangdai.indicators.registry import REGISTRY, Query

SAMPLE = Path(settings.BASE_DIR).parent / "shared" / "sample"


@pytest.fixture
def sample():
    if not (SAMPLE / "sample.xlsx").exists():
        pytest.skip("../shared/sample is absent")
    return (SAMPLE / "sample.xlsx").read_bytes(), json.loads((SAMPLE / "sample-expected.json").read_text("utf-8"))


def _same(actual, expected) -> bool:
    if isinstance(expected, float) or isinstance(actual, float):
        return actual is not None and round(float(actual), 1) == round(float(expected), 1)
    return actual == expected


def test_sample_workbook_imports_and_gives_the_expected_figures(system, sample):
    data, expected = sample
    result = import_workbook(data=data, filename="sample.xlsx", actor=system, commit=True)
    assert result.ok, [(e.sheet, e.row, e.column, e.message) for e in result.errors[:20]]
    assert result.counts["村情"]["created"] == 13
    as_of, start = dt.date.fromisoformat(expected["as_of"]), dt.date.fromisoformat(expected["from"])
    known = {i.id for i in REGISTRY.indicators()}
    for code, figures in expected["nodes"].items():
        values = REGISTRY.compute(Query.of(code, as_of, start))
        checked = {k: v for k, v in figures.items() if k in known}
        assert {"villages", "venues_built", "venues_ge_200", "venues_ge_200_share"} <= set(checked)
        wrong = {k: (values[k], v) for k, v in checked.items() if not _same(values[k], v)}
        assert wrong == {}, wrong


def test_sample_workbook_imported_twice_changes_nothing(system, sample):
    data, _ = sample
    import_workbook(data=data, filename="sample.xlsx", actor=system, commit=True)
    again = import_workbook(data=data, filename="sample.xlsx", actor=system, commit=True)
    assert again.ok
    assert {n: (c["created"], c["updated"]) for n, c in again.counts.items() if c["created"] or c["updated"]} == {}
