"""With English chosen (the language cookie), the node page names its figures, units and sections in
English; in Chinese (the default) they stay Chinese. The documents and contracts built from the
same registry (the figure table .xlsx, `liangdai indicators --json`) stay Chinese either way."""

import io
import json

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from python_calamine import CalamineWorkbook

from liangdai.cli import main
from liangdai.core.tests.test_i18n import needs_english
from liangdai.indicators.registry import REGISTRY, label_of, unit_of
from liangdai.reports import tables

COUNTY = "640402"
PERIOD = {"as_of": "2019-10-31", "from": "2019-01-01"}
# Chinese label -> English name, for a few figures of different apps.
NAMES = {
    "行政村数": "Administrative villages",
    "在任村党组织书记": "Village Party secretaries in office",
    "致富带头人（回引）": "Wealth leaders (returned home)",
    "5星村党组织": "5-star village Party organisations",
    "书记培训覆盖率": "Secretary training coverage",
}


def node_page(client, user, english: bool) -> str:
    if english:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    response = client.get(reverse("reports:node", args=[COUNTY]), PERIOD)
    assert response.status_code == 200
    return response.content.decode()


@needs_english
def test_in_english_the_node_page_names_the_figures_in_english(client, county_user):
    page = node_page(client, county_user, english=True)
    for chinese, english in NAMES.items():
        assert f"<dt>{english}</dt>" in page
        assert f"<dt>{chinese}</dt>" not in page
    assert '<h3 class="section-title">Venues</h3>' in page  # the section of 行政村数 (场所)
    assert '<span class="tag">County</span>' in page  # the node's level, an enumerated value (县级)


def test_in_chinese_the_node_page_names_the_figures_in_chinese(client, county_user):
    page = node_page(client, county_user, english=False)
    for chinese, english in NAMES.items():
        assert f"<dt>{chinese}</dt>" in page
        assert english not in page
    assert '<h3 class="section-title">场所</h3>' in page
    assert '<span class="tag">县级</span>' in page


@needs_english
def test_every_figure_name_and_unit_has_an_english_translation():
    with translation.override("en"):
        untranslated = [i.label for i in REGISTRY.indicators() if label_of(i) == i.label]
        units = {i.unit for i in REGISTRY.indicators() if i.unit not in ("", "%") and unit_of(i) == i.unit}
    assert untranslated == [] and units == set()


@needs_english
def test_the_registry_itself_stays_chinese_in_english():
    with translation.override("en"):
        assert REGISTRY.get("villages").label == "行政村数" and REGISTRY.get("villages").unit == "个"


@needs_english
def test_the_figure_table_keeps_its_chinese_headers_in_english(client, county_user):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(county_user)
    response = client.get(reverse("reports:figure_table", args=[COUNTY]), PERIOD)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_name(tables.SHEET)
    header = sheet.to_python()[0]
    assert header[2:] == [f"{i.label}（{i.unit}）" if i.unit else i.label for i in REGISTRY.indicators()]
    assert "行政村数（个）" in header and not any("Administrative" in str(h) for h in header)


@needs_english
@pytest.mark.django_db
def test_indicators_json_is_the_same_in_english(capsys):
    args = ["indicators", "--code", COUNTY, "--as-of", "2019-10-31", "--json"]
    assert main(args) == 0
    chinese = json.loads(capsys.readouterr().out)
    with translation.override("en"):
        assert main(args) == 0
    assert json.loads(capsys.readouterr().out) == chinese
