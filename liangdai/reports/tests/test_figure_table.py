"""The figure table of a node and its children (.xlsx), downloaded from the node page: a row per
division, a column per figure under its Chinese header with the unit, numbers as numbers, the
header frozen; scoped to the user's area and audited as an export."""

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from liangdai.audit.models import AuditLog
from liangdai.core.testing import make_profile, make_venue
from liangdai.indicators.registry import REGISTRY, Query
from liangdai.reports import tables
from liangdai.villages.models import Spending

COUNTY, TOWNSHIP, V1 = "640402", "640402103", "640402103200"
PERIOD = {"as_of": "2019-10-31", "from": "2019-01-01"}


@pytest.fixture
def dataset(db):
    make_profile(V1, population=1200)
    make_venue(V1, area=600)
    make_venue("640402100200", area=150)  # 三营镇
    Spending.objects.create(village_id=V1, date=dt.date(2019, 4, 1), amount=Decimal("1234.5"), purpose="修路")


def download(client, user, code, **params):
    client.force_login(user)
    return client.get(reverse("reports:figure_table", args=[code]), params or PERIOD)


def rows_of(content: bytes, sheet: str = tables.SHEET) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_name(sheet).to_python()


def test_the_county_table_has_the_county_then_each_township_and_a_column_per_figure(client, county_user, dataset):
    response = download(client, county_user, COUNTY)
    assert response.status_code == 200
    assert response["Content-Type"] == tables.XLSX
    assert "attachment" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    rows = rows_of(response.content)
    header = rows[0]
    indicators = REGISTRY.indicators()
    assert header[:2] == ["名称", "区划代码"]
    assert header[2:] == [f"{i.label}（{i.unit}）" if i.unit else i.label for i in indicators]
    assert {"行政村数（个）", "场所200㎡以上村占比（%）", "为民服务资金（本年度）（元）"} <= set(header)
    codes = [row[1] for row in rows[1:]]
    assert codes[0] == COUNTY and codes[1:] == sorted(codes[1:]) and "640402103" in codes
    assert rows[1][0] == "原州区"


def test_each_row_holds_that_divisions_figures_as_numbers(client, county_user, dataset):
    rows = rows_of(download(client, county_user, COUNTY).content)
    indicators = REGISTRY.indicators()
    for row in rows[1:]:
        figures = REGISTRY.compute(Query.of(row[1], dt.date(2019, 10, 31), dt.date(2019, 1, 1)))
        for indicator, cell in zip(indicators, row[2:], strict=True):
            value = figures[indicator.id]
            if value is None:
                assert cell == "", (row[1], indicator.id)
            elif isinstance(value, str):
                assert cell == value
            else:
                assert isinstance(cell, int | float) and cell == value, (row[1], indicator.id, cell)
    township = next(row for row in rows if row[1] == TOWNSHIP)
    column = {h: i for i, h in enumerate(rows[0])}
    assert township[column["行政村数（个）"]] == 13
    assert township[column["场所500㎡以上村占比（%）"]] == 7.7  # 1 / 13
    assert township[column["资金支出（期间）（元）"]] == 1234.5


def test_the_header_row_and_the_name_columns_are_frozen(client, county_user, dataset):
    content = download(client, county_user, COUNTY).content
    sheet = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    pane = re.search(r"<pane [^>]*/>", sheet)[0]
    assert 'xSplit="2"' in pane and 'ySplit="1"' in pane and 'state="frozen"' in pane


def test_a_townships_table_lists_its_administrative_villages(client, clerk, dataset):
    rows = rows_of(download(client, clerk, TOWNSHIP).content)
    assert [row[1] for row in rows[1:3]] == [TOWNSHIP, V1]
    assert len(rows) == 1 + 1 + 13


def test_a_second_sheet_gives_the_dates_and_each_figures_id(client, clerk, dataset):
    notes = rows_of(download(client, clerk, TOWNSHIP).content, tables.NOTES)
    assert notes[1][:2] == ["截止日期", dt.date(2019, 10, 31)] and notes[2][:2] == ["起始日期", dt.date(2019, 1, 1)]
    assert [row[1] for row in notes[3:]] == [i.id for i in REGISTRY.indicators()]


def test_the_download_is_audited_as_an_export(client, clerk, dataset):
    download(client, clerk, TOWNSHIP)
    entry = AuditLog.objects.filter(action="导出", entity="export", code=TOWNSHIP).get()
    assert entry.actor == clerk and entry.after["rows"] == 14 and entry.after["as_of"] == "2019-10-31"


@pytest.mark.parametrize("code", ["64", COUNTY, TOWNSHIP])
def test_the_outsider_gets_404_and_nothing_is_recorded(client, outsider, dataset, code):
    assert download(client, outsider, code).status_code == 404
    assert not AuditLog.objects.filter(action="导出", entity="export").exists()


def test_the_clerk_gets_404_on_the_county_table(client, clerk, dataset):
    assert download(client, clerk, COUNTY).status_code == 404


def test_the_node_page_links_to_the_table_of_its_date_and_period(client, county_user, dataset):
    client.force_login(county_user)
    page = client.get(reverse("reports:node", args=[COUNTY]), PERIOD).content.decode()
    link = f"{reverse('reports:figure_table', args=[COUNTY])}?as_of=2019-10-31&amp;from=2019-01-01"
    assert f'id="figure-table-link" href="{link}"' in page and "下载指标表（Excel）" in page
