"""The sample workbook's 村情 and 村干部 sheets give the secretary figures of sample-expected.json."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.conf import settings
from python_calamine import CalamineWorkbook

from liangdai.cadres.models import Holding
from liangdai.core.testing import make_workbook
from liangdai.exchange.pipeline import import_workbook
from liangdai.indicators.registry import REGISTRY, Query

SAMPLE = Path(settings.BASE_DIR).parent / "shared" / "sample"
FIGURES = [
    "secretaries",
    "secretaries_replaced",
    "secretary_avg_age",
    "secretary_under_60_share",
    "secretary_high_school_share",
    "secretary_director_share",
]


def _sample_sheets(*names: str) -> bytes:
    """Only the sheets of this slice, so that other slices' sheets cannot fail this test."""
    book = CalamineWorkbook.from_path(str(SAMPLE / "sample.xlsx"))
    return make_workbook({name: book.get_sheet_by_name(name).to_python() for name in names})


@pytest.mark.skipif(not (SAMPLE / "sample.xlsx").exists(), reason="sample workbook absent")
def test_sample_secretary_figures_match_the_expected(system):
    result = import_workbook(data=_sample_sheets("村情", "村干部"), filename="sample.xlsx", actor=system, commit=True)
    assert result.errors == []
    assert Holding.objects.count() == 76
    expected = json.loads((SAMPLE / "sample-expected.json").read_text())
    node = expected["nodes"]["640402103"]
    query = Query.of("640402103", dt.date.fromisoformat(expected["as_of"]), dt.date.fromisoformat(expected["from"]))
    values = REGISTRY.compute(query)
    assert {f: values[f] for f in FIGURES} == {f: node[f] for f in FIGURES}


@pytest.mark.skipif(not (SAMPLE / "sample.xlsx").exists(), reason="sample workbook absent")
def test_sample_imported_twice_changes_nothing(system):
    data = _sample_sheets("村干部")
    import_workbook(data=data, filename="sample.xlsx", actor=system, commit=True)
    again = import_workbook(data=data, filename="sample.xlsx", actor=system, commit=True)
    assert again.errors == []
    assert again.counts["村干部"] == {"read": 76, "created": 0, "updated": 0}
