"""The whole sample workbook, imported as the system, gives every figure of sample-expected.json."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.conf import settings

from liangdai.exchange.pipeline import import_workbook
from liangdai.indicators.registry import REGISTRY, Query
from liangdai.leaders.models import WealthLeader
from liangdai.party.models import DevelopmentRecord
from liangdai.training.models import Enrolment, TrainingClass

SAMPLE = Path(settings.BASE_DIR).parent / "shared" / "sample"
pytestmark = pytest.mark.skipif(not (SAMPLE / "sample.xlsx").exists(), reason="sample workbook absent")


def _import(actor):
    data = (SAMPLE / "sample.xlsx").read_bytes()
    return import_workbook(data=data, filename="sample.xlsx", actor=actor, commit=True)


def test_the_whole_sample_imports_without_an_error(system):
    result = _import(system)
    assert [(e.sheet, e.row, e.column, e.message) for e in result.errors] == []
    assert WealthLeader.objects.count() == 108
    assert DevelopmentRecord.objects.count() == 10
    assert TrainingClass.objects.count() == 17  # 6 region, 4 city, 6 county, 1 township
    assert Enrolment.objects.count() == 26


def test_the_sample_gives_every_expected_figure(system):
    assert _import(system).errors == []
    expected = json.loads((SAMPLE / "sample-expected.json").read_text())
    query = Query.of("640402103", dt.date.fromisoformat(expected["as_of"]), dt.date.fromisoformat(expected["from"]))
    values = REGISTRY.compute(query)
    node = expected["nodes"]["640402103"]
    assert {key: values[key] for key in node} == node


def test_the_sample_imported_twice_changes_nothing(system):
    _import(system)
    again = _import(system)
    assert again.errors == []
    assert all(c["created"] == 0 and c["updated"] == 0 for c in again.counts.values()), again.counts
