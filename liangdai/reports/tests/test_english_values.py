"""With English chosen (the language cookie), pages show enumerated values — positions, education,
political status, sex, sources, end reasons, industries, review states — by their English labels and
write dates the English way; in Chinese (the default) they stay as stored. The stored values are the
Excel contract (EXCHANGE.md): the workbook exported and the Word briefing downloaded with English
chosen stay Chinese."""

import datetime as dt
import io

import pytest
from django.conf import settings
from django.urls import reverse
from docx import Document
from python_calamine import CalamineWorkbook

from liangdai.assessment.approvals import SERVICES
from liangdai.cadres.tests.makers import V1, make_holding, make_person
from liangdai.core.testing import make_user
from liangdai.core.tests.test_i18n import needs_english
from liangdai.leaders.tests.makers import make_leader

COUNTY, TOWNSHIP = "640402", "640402103"
AS_OF = {"as_of": "2019-10-31", "from": "2019-01-01"}
# Stored value -> its English label, as the village page shows them.
SHOWN = {
    "党组织书记": "Party branch secretary",
    "村委会主任": "Village committee director",
    "初中": "Junior secondary",
    "大专": "Junior college",
    "中共党员": "CPC member",
    "群众": "No party affiliation",
    "男": "Male",
    "女": "Female",
    "本村产生": "From the village",
    "选派": "Sent by a higher level",
    "辞职": "Resigned",
}


@pytest.fixture
def village(db):
    """V1's committee on 2019-10-31: a secretary, a director, and a member who resigned in 2018."""
    secretary = make_person("张书记", education="初中", political_status="中共党员")
    make_holding(V1, secretary, "党组织书记", start=dt.date(2017, 1, 1), source="本村产生")
    director = make_person("李主任", serial=2, male=False, education="大专", political_status="群众")
    make_holding(V1, director, "村委会主任", start=dt.date(2017, 1, 1), source="选派")
    member = make_person("王委员", serial=3, education="初中", political_status="中共党员")
    make_holding(V1, member, "村委会委员", start=dt.date(2014, 1, 1), end=dt.date(2018, 3, 1), end_reason="辞职")
    make_leader(secretary, V1, industry="种植业", source="回引")
    return secretary


def get(client, user, url: str, english: bool, params=None):
    if english:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    response = client.get(url, params or {})
    assert response.status_code == 200
    return response


def village_page(client, user, english: bool) -> str:
    return get(client, user, reverse("cadres:village", args=[V1]), english, {"as_of": "2019-10-31"}).content.decode()


@needs_english
def test_in_english_the_village_page_shows_the_enumerated_values_in_english(client, clerk, village):
    page = village_page(client, clerk, english=True)
    for stored, english in SHOWN.items():
        assert f"<td>{english}</td>" in page, english
        assert f"<td>{stored}</td>" not in page, stored
    # The row keeps the stored value for whatever reads the page's markup.
    assert 'data-position="党组织书记"' in page


def test_in_chinese_the_village_page_shows_the_stored_values(client, clerk, village):
    page = village_page(client, clerk, english=False)
    for stored, english in SHOWN.items():
        assert f"<td>{stored}</td>" in page, stored
        assert english not in page, english


@needs_english
def test_in_english_the_person_page_reads_in_english(client, clerk, village):
    page = get(client, clerk, reverse("cadres:person", args=[village.pk]), english=True).content.decode()
    assert '<div class="sub">Male ·' in page
    for english in ("Junior secondary", "CPC member", "Party branch secretary", "From the village", "In office"):
        assert f"<td>{english}</td>" in page, english
    assert "Crop farming" in page and "种植业" not in page  # the wealth-leader panel


@needs_english
def test_in_english_dates_on_pages_are_written_the_english_way(client, clerk, county_user, village):
    page = village_page(client, clerk, english=True)
    assert "31 Oct 2019" in page and "2019年10月31日" not in page
    node = get(client, county_user, reverse("reports:node", args=[COUNTY]), True, AS_OF).content.decode()
    assert "Statistics period 1 Jan 2019 to 31 Oct 2019" in node and "年" not in node.split("<main")[1]


def test_in_chinese_dates_on_pages_are_written_the_chinese_way(client, clerk, county_user, village):
    assert "2019年10月31日在任的村“两委”" in village_page(client, clerk, english=False)
    node = get(client, county_user, reverse("reports:node", args=[COUNTY]), False, AS_OF).content.decode()
    assert "统计期间 2019年1月1日 至 2019年10月31日" in node


@needs_english
def test_in_english_the_leader_list_labels_its_filters_but_sends_the_stored_values(client, county_user, village):
    url = reverse("leaders:list", args=[COUNTY])
    page = get(client, county_user, url, english=True, params={"as_of": "2019-10-31"}).content.decode()
    assert '<option value="种植业">Crop farming</option>' in page
    assert '<option value="回引">Returned home</option>' in page
    assert "<td>Crop farming</td>" in page and "<td>Returned home</td>" in page
    chosen = client.get(url, {"as_of": "2019-10-31", "industry": "种植业"}).content.decode()
    assert '<option value="种植业" selected>Crop farming</option>' in chosen and "张书记" in chosen
    assert "张书记" not in client.get(url, {"as_of": "2019-10-31", "industry": "养殖业"}).content.decode()


@needs_english
def test_in_english_the_exported_workbook_keeps_the_stored_chinese_values(client, clerk, village):
    response = get(client, clerk, reverse("exchange:export"), english=True)
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    cells = {str(c) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python() for c in row}
    assert {"党组织书记", "村委会主任", "初中", "中共党员", "本村产生", "选派", "辞职", "种植业", "回引"} <= cells
    assert "学历" in cells  # a header
    assert not cells & {*SHOWN.values(), "Crop farming", "Returned home", "Position"}


@needs_english
def test_in_english_the_word_briefing_stays_chinese(client, county_user, village):
    response = get(client, county_user, reverse("reports:briefing", args=[COUNTY]), english=True, params=AS_OF)
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "按产业分，种植业1名" in text
    assert "Crop farming" not in text and "31 Oct 2019" not in text


@needs_english
def test_in_english_a_review_state_reads_approved_and_its_button_approve(client, clerk, county_user):
    SERVICES["submit"](actor=clerk, code=TOWNSHIP, year=2019)
    board_url = reverse("assessment:board", args=[COUNTY])
    board = get(client, county_user, board_url, english=True, params={"year": 2019}).content.decode()
    assert 'data-state="submitted">Submitted</span>' in board
    assert '<button type="submit" class="btn btn-small">Approve</button>' in board
    SERVICES["approve"](actor=county_user, code=TOWNSHIP, year=2019)
    board = client.get(board_url, {"year": 2019}).content.decode()
    assert 'data-state="approved">Approved</span>' in board
    node = client.get(reverse("reports:node", args=[TOWNSHIP]), {"as_of": "2019-12-31"}).content.decode()
    assert "county Approved" in node and "clerk Submitted" in node


@needs_english
def test_in_english_an_account_reads_active_and_its_button_disable(client, clerk):
    sysadmin = make_user("sys", COUNTY, "sysadmin")
    page = get(client, sysadmin, reverse("org:users"), english=True).content.decode()
    assert '<span class="tag tag-ok">Active</span>' in page
    assert '<button type="submit" class="btn btn-small btn-danger">Disable</button>' in page
    assert "<td>Data entry</td>" in page  # the clerk's role
