"""An exported text cell that a spreadsheet could take for a formula (= + - @) is written behind one
quote, so that WPS and LibreOffice keep it text when the file is re-saved (issue 12, finding 6;
OWASP "CSV injection"); importing the export back strips that quote and changes nothing."""

import datetime as dt
import io

import pytest
from python_calamine import CalamineWorkbook

from liangdai.exchange.cells import text
from liangdai.exchange.services import area_export
from liangdai.villages.models import Spending

from .helpers import PROFILE_HEADER, SPENDING_HEADER, V1, run

DAY = dt.date(2019, 3, 1)
PURPOSES = ["=1+1", "+SUM(A1:A9)", "-购买物资", "@cmd", "文化活动", "'引号在前"]


def _sheet(data: bytes, name: str) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(name).to_python()


@pytest.fixture
def spendings(clerk):
    rows = [[V1, DAY + dt.timedelta(days=i), 100, purpose] for i, purpose in enumerate(PURPOSES)]
    result = run(
        {"村情": [PROFILE_HEADER, [V1, "", 1674, 507, "否", None, None]], "资金支出": [SPENDING_HEADER, *rows]}, clerk
    )
    assert result.ok, result.errors
    # A purpose typed with its own quote on the page (an import would read that quote as an export's).
    Spending.objects.create(village_id=V1, date=DAY - dt.timedelta(days=1), amount=100, purpose="'=已有引号")
    return rows


def test_a_text_that_looks_like_a_formula_is_exported_behind_a_quote(spendings, clerk):
    rows = _sheet(area_export(actor=clerk, names="资金支出"), "资金支出")
    purposes = {row[3] for row in rows[1:]}
    assert purposes == {"'=1+1", "'+SUM(A1:A9)", "'-购买物资", "'@cmd", "文化活动", "'引号在前", "''=已有引号"}


def test_the_export_imported_back_changes_nothing(spendings, clerk, outsider):
    before = sorted(Spending.objects.values_list("village_id", "date", "purpose", "amount"))
    assert ("=1+1" in {p for _, _, p, _ in before}) and ("'引号在前" in {p for _, _, p, _ in before})
    data = area_export(actor=clerk, names="资金支出")
    result = run({"资金支出": _sheet(data, "资金支出")}, clerk)
    assert result.ok, result.errors
    assert (result.counts["资金支出"]["created"], result.counts["资金支出"]["updated"]) == (0, 0)
    assert sorted(Spending.objects.values_list("village_id", "date", "purpose", "amount")) == before
    # The outsider's export holds none of 原州区's spending, quoted or not.
    assert _sheet(area_export(actor=outsider, names="资金支出"), "资金支出")[1:] == []


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("'=1+1", "=1+1"),
        ("'-5", "-5"),
        ("''=1", "'=1"),
        ("'''-1", "''-1"),
        ("'引号", "'引号"),
        ("'", "'"),
        (" '@a ", "@a"),
    ],
)
def test_only_the_one_quote_before_a_formula_start_is_stripped(cell, read):
    assert text(cell) == read
