"""The JSON API: figures, divisions and villages, with session login; outside the area is 404."""

import datetime as dt
import json

import pytest

from liangdai.core.testing import make_profile, make_user, make_venue
from liangdai.indicators.registry import REGISTRY
from liangdai.villages.models import Spending, VillageIncome

V1 = "640402103200"
V2 = "640402103201"


@pytest.fixture
def facts(db):
    make_profile(V1, population=1674)  # 60,000 yuan a year
    make_profile(V2, population=923)  # 50,000
    make_venue(V1, area=471, build_mode="扩建", completed_on=dt.date(2019, 4, 24), facilities=["桌椅"])
    make_venue(V2, area=150, build_mode="原有", completed_on=None)
    VillageIncome.objects.create(village_id=V1, year=2017, income=8000)
    VillageIncome.objects.create(village_id=V1, year=2018, income=8585)
    Spending.objects.create(village_id=V1, date=dt.date(2019, 1, 25), amount=5122, purpose="文化活动")
    Spending.objects.create(village_id=V1, date=dt.date(2019, 10, 30), amount="17804.50", purpose="慰问")
    Spending.objects.create(village_id=V1, date=dt.date(2018, 6, 1), amount=100, purpose="旧账")


def get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def test_the_api_needs_a_login(client, facts):
    assert client.get("/api/indicators", {"code": "640402103"}).status_code == 401
    assert client.get(f"/api/villages/{V1}").status_code == 401


def test_indicators_have_the_shape_of_the_command_line(client, clerk, facts):
    response = get(client, clerk, "/api/indicators", code="640402103", as_of="2019-10-31", **{"from": "2019-01-01"})
    assert response.status_code == 200
    body = response.json()
    assert (body["code"], body["as_of"], body["from"]) == ("640402103", "2019-10-31", "2019-01-01")
    assert list(body["indicators"]) == [i.id for i in REGISTRY.indicators()]
    figures = body["indicators"]
    # 官厅镇 has 13 administrative villages; V1's 471 m² venue was expanded within the period.
    assert (figures["villages"], figures["venues_built"], figures["venues_ge_200"]) == (13, 1, 1)
    assert figures["venues_ge_200_share"] == 7.7  # 1 / 13 = 7.69...%
    assert figures["villages_lacking_place"] == 12
    assert figures["fund_allocated"] == 60000 + 50000
    assert figures["fund_spent"] == 5122 + 17804.5


def test_the_period_start_defaults_to_the_first_of_january(client, clerk, facts):
    body = get(client, clerk, "/api/indicators", code="640402103", as_of="2019-03-31").json()
    assert body["from"] == "2019-01-01"
    assert body["indicators"]["fund_spent"] == 5122


def test_indicators_equal_the_command_line_json(client, clerk, facts, capsys):
    from liangdai.cli import main

    assert main(["indicators", "--code", "640402103", "--as-of", "2019-10-31", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    body = get(client, clerk, "/api/indicators", code="640402103", as_of="2019-10-31").json()
    assert body == printed


def test_the_outsider_gets_404_for_every_figure_of_yuanzhou(client, outsider, facts):
    for code in ("640402", "640402103", V1, "64"):
        response = get(client, outsider, "/api/indicators", code=code, as_of="2019-10-31")
        assert response.status_code == 404
        assert response.json() == {"detail": "未找到"}


def test_a_missing_code_is_404_like_an_outside_one(client, county_user):
    assert get(client, county_user, "/api/indicators", code="640402999").status_code == 404


def test_a_bad_date_is_422(client, county_user):
    assert get(client, county_user, "/api/indicators", code="640402", as_of="去年").status_code == 422


def test_a_division_lists_its_children(client, clerk):
    body = get(client, clerk, "/api/divisions/640402103").json()
    assert (body["code"], body["name"], body["level"], body["parent"]) == ("640402103", "官厅镇", 4, "640402")
    assert len(body["children"]) == 13
    assert body["children"][0] == {"code": V1, "name": "官厅村委会", "level": 5, "is_village": True}


def test_a_county_user_sees_its_townships_but_not_its_city(client, county_user):
    body = get(client, county_user, "/api/divisions/640402").json()
    assert "640402103" in {c["code"] for c in body["children"]}
    assert get(client, county_user, "/api/divisions/6404").status_code == 404


def test_the_outsider_gets_404_for_yuanzhous_divisions(client, outsider):
    for code in ("640402", "640402103", V1):
        assert get(client, outsider, f"/api/divisions/{code}").status_code == 404
    assert get(client, outsider, "/api/divisions/640425").status_code == 200


def test_an_administrator_sees_no_data(client, db):
    admin = make_user("sec1", "64", "secadmin")
    assert get(client, admin, "/api/divisions/64").status_code == 404
    assert get(client, admin, "/api/indicators", code="64").status_code == 404


def test_a_village_has_its_profile_venue_fund_and_spending(client, clerk, facts):
    body = get(client, clerk, f"/api/villages/{V1}", year=2019).json()
    assert (body["code"], body["name"], body["is_village"]) == (V1, "官厅村委会", True)
    assert body["profile"] == {"population": 1674, "households": 300, "is_poor": False}
    # Newest first, with the growth over the year before: 585 / 8,000 = 7.3%.
    assert body["incomes"] == [
        {"year": 2018, "income": 8585.0, "growth": 7.3},
        {"year": 2017, "income": 8000.0, "growth": None},
    ]
    assert body["venue"] == {
        "area": 471.0,
        "build_mode": "扩建",
        "completed_on": "2019-04-24",
        "funding_source": "",
        "facilities": ["桌椅"],
    }
    assert body["fund"] == {"year": 2019, "amount": 60000, "spent": 22926.5, "remaining": 37073.5}
    assert [s["purpose"] for s in body["spending"]] == ["文化活动", "慰问"]


def test_a_village_without_records_has_an_empty_fund(client, clerk):
    body = get(client, clerk, "/api/villages/640402103206", year=2019).json()
    assert (body["profile"], body["venue"], body["spending"]) == (None, None, [])
    assert body["fund"] == {"year": 2019, "amount": 0, "spent": 0, "remaining": 0}


def test_a_township_is_not_a_village(client, clerk):
    assert get(client, clerk, "/api/villages/640402103").status_code == 404


def test_the_outsider_gets_404_for_a_village_of_yuanzhou(client, outsider, facts):
    response = get(client, outsider, f"/api/villages/{V1}")
    assert response.status_code == 404
    assert "官厅" not in response.content.decode()


def test_the_openapi_schema_is_published(client, clerk):
    schema = get(client, clerk, "/api/openapi.json").json()
    assert {"/api/indicators", "/api/divisions/{code}", "/api/villages/{code}"} <= set(schema["paths"])


@pytest.mark.parametrize("url", ["/api/docs", "/api/openapi.json"])
def test_the_api_description_needs_a_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response["Location"]
