"""The two-way cultivation pages: the funnel of a node and the persons behind each number, for the
clerk, the county user and the outsider; the link from the node page."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from liangdai.leaders.tests.makers import (
    OTHER_TOWNSHIP,
    OUTSIDE,
    V1,
    make_holding,
    make_leader,
    make_person,
    make_record,
)
from liangdai.party.cultivation import STEP_KEYS

TOWNSHIP, COUNTY, OTHER_COUNTY = "640402103", "640402", "640425"
PERIOD = {"as_of": "2019-10-31", "from": "2019-01-01"}


@pytest.fixture
def leaders(db) -> dict:
    """A leader of 官厅镇 who became a probationary member and a secretary in 2019; a member by
    status in another township of the county; one in another county."""
    ours = make_person("马金花", serial=1)
    make_leader(ours, V1, recognised_on=dt.date(2018, 4, 1))
    make_record(ours, "预备党员", dt.date(2019, 3, 1))
    make_holding(V1, ours, "党组织书记", start=dt.date(2019, 7, 1))
    county = make_person("杨文", serial=2, political_status="中共党员")
    make_leader(county, OTHER_TOWNSHIP, recognised_on=dt.date(2018, 1, 1))
    outside = make_person("海燕", serial=3, political_status="中共党员")
    make_leader(outside, OUTSIDE, recognised_on=dt.date(2018, 1, 1))
    return {"ours": ours, "county": county, "outside": outside}


def _funnel(client, user, code: str, **params):
    client.force_login(user)
    return client.get(reverse("party:cultivation", args=[code]), PERIOD | params)


def _people(client, user, code: str, step: str, **params):
    client.force_login(user)
    return client.get(reverse("party:cultivation_people", args=[code, step]), PERIOD | params)


def _counts(html: str) -> dict[str, int]:
    rows = re.findall(r'<tr data-step="(\w+)">.*?<a href="[^"]+">(\d+)</a>', html, re.S)
    return {key: int(n) for key, n in rows}


def test_the_funnel_shows_each_step_as_a_link_to_its_persons(client, clerk, leaders):
    response = _funnel(client, clerk, TOWNSHIP)
    assert response.status_code == 200
    html = response.content.decode()
    assert _counts(html) == {
        "leaders": 1,
        "members": 1,
        "entered": 1,
        "probationary": 1,
        "full": 0,
        "cadres": 1,
        "secretaries": 1,
        "members_into_leaders": 0,
        "cadres_into_leaders": 0,
    }
    link = reverse("party:cultivation_people", args=[TOWNSHIP, "secretaries"]) + "?as_of=2019-10-31&amp;from=2019-01-01"
    assert link in html
    chart = json.loads(re.search(r'<script id="cultivation-data" type="application/json">(.*?)</script>', html)[1])
    funnel = ["leaders", "members", "entered", "probationary", "full", "cadres", "secretaries"]
    assert [s["key"] for s in chart] == funnel
    assert 'src="/static/party/cultivation.js"' in html and "<script>" not in html


def test_the_period_of_the_address_decides(client, clerk, leaders):
    html = _funnel(client, clerk, TOWNSHIP, **{"from": "2019-04-01"}).content.decode()
    assert _counts(html)["probationary"] == 0 and _counts(html)["secretaries"] == 1
    html = _funnel(client, clerk, TOWNSHIP, as_of="2018-03-31").content.decode()
    assert _counts(html)["leaders"] == 0
    html = _funnel(client, clerk, TOWNSHIP, as_of="not-a-day").content.decode()
    assert "不是有效日期" in html


def test_the_clerk_sees_the_persons_of_the_township_and_only_those(client, clerk, leaders):
    html = _people(client, clerk, TOWNSHIP, "secretaries").content.decode()
    ours = leaders["ours"]
    assert reverse("cadres:person", args=[ours.pk]) in html and "2019-07-01" in html
    assert ours.id_number not in html
    for key in STEP_KEYS:
        html = _people(client, clerk, TOWNSHIP, key).content.decode()
        assert "杨文" not in html and "海燕" not in html
    assert _funnel(client, clerk, COUNTY).status_code == 404
    assert _people(client, clerk, COUNTY, "leaders").status_code == 404


def test_the_county_user_sees_every_township_of_the_county(client, county_user, leaders):
    html = _people(client, county_user, COUNTY, "members").content.decode()
    assert "马金花" in html and "杨文" in html and "海燕" not in html
    assert _counts(_funnel(client, county_user, COUNTY).content.decode())["members"] == 2
    assert _people(client, county_user, OTHER_COUNTY, "leaders").status_code == 404


def test_the_outsider_gets_nothing_of_another_county(client, outsider, leaders):
    assert _funnel(client, outsider, TOWNSHIP).status_code == 404
    assert _funnel(client, outsider, COUNTY).status_code == 404
    for key in STEP_KEYS:
        assert _people(client, outsider, TOWNSHIP, key).status_code == 404
    html = _people(client, outsider, OTHER_COUNTY, "leaders").content.decode()
    assert "海燕" in html and "马金花" not in html


def test_an_unknown_step_is_not_found(client, clerk, leaders):
    assert _people(client, clerk, TOWNSHIP, "nobody").status_code == 404


def test_a_long_list_continues_on_the_next_page(client, clerk, db):
    for i in range(51):
        make_leader(make_person(f"带头人{i}", serial=i, birth=dt.date(1970 + i % 20, 1, 1 + i // 20)), V1)
    first = _people(client, clerk, TOWNSHIP, "leaders").content.decode()
    assert first.count('href="/cadres/person/') == 50 and "51 人" in first
    after = re.search(r'href="\?as_of=2019-10-31&amp;from=2019-01-01&amp;after=(\d+)"', first)[1]
    second = _people(client, clerk, TOWNSHIP, "leaders", after=after).content.decode()
    assert second.count('href="/cadres/person/') == 1


def test_the_node_page_links_to_the_funnel(client, clerk, leaders):
    client.force_login(clerk)
    html = client.get(reverse("reports:node", args=[TOWNSHIP]), PERIOD).content.decode()
    assert reverse("party:cultivation", args=[TOWNSHIP]) + "?as_of=2019-10-31" in html
