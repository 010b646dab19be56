"""Every input has its range and length checked where it enters (issue 12 finding 4): dates outside
1900–2100 and years outside 1949–2100 are refused or fall back, a NUL character or an oversize
value is a Chinese 400, never a 500 (on PostgreSQL a NUL could neither be stored nor compared)."""

import datetime as dt

import pytest
from django.urls import reverse

from liangdai.core import dates
from liangdai.core.testing import make_profile, make_user
from liangdai.core.web import period

V1 = "640402103200"


@pytest.fixture
def auditadmin(db):
    return make_user("aud", "640402", "auditadmin")


@pytest.fixture
def sysadmin(db):
    return make_user("sys", "640402", "sysadmin")


def get(client, user, url, params=None):
    client.force_login(user)
    return client.get(url, params or {})


# --- dates -----------------------------------------------------------------------------------


def test_parse_date_refuses_dates_outside_the_range():
    assert dates.parse_date("0001-01-01") is None
    assert dates.parse_date("9999-12-31") is None
    assert dates.parse_date(dt.date(1899, 12, 31)) is None
    assert dates.parse_date("1900-01-01") == dt.date(1900, 1, 1)
    assert dates.parse_date("2100年12月31日") == dt.date(2100, 12, 31)
    assert dates.read_date("0001-01-01") == dt.date(1, 1, 1)


def test_a_period_outside_the_range_falls_back_with_the_reason():
    today = dt.date.today()
    as_of, start, errors = period({"as_of": "0001-01-01", "from": "9999-01-01"})
    assert (as_of, start) == (today, dt.date(today.year, 1, 1))
    assert errors == [
        "截止日期“0001-01-01”超出可用范围（1900-01-01 至 2100-12-31），已使用今天",
        "起始日期“9999-01-01”超出可用范围（1900-01-01 至 2100-12-31），已使用当年1月1日",
    ]


@pytest.mark.parametrize("as_of", ["0001-01-01", "1899-12-31", "9999-12-31", "2101-01-01"])
def test_the_node_page_falls_back_for_a_date_out_of_range(client, county_user, as_of):
    response = get(client, county_user, "/n/640402/", {"as_of": as_of})
    assert response.status_code == 200
    assert "超出可用范围" in response.content.decode()


@pytest.mark.parametrize(
    "url", [f"/cadres/village/{V1}/", "/cadres/node/640402/reserves/", "/cadres/node/640402/weak/", "/cadres/warnings/"]
)
def test_the_cadre_pages_fall_back_for_a_date_out_of_range(client, county_user, url):
    response = get(client, county_user, url, {"as_of": "0001-01-01"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("params", "detail"),
    [
        ({"as_of": "0001-01-01"}, "参数 as_of 超出可用范围（1900-01-01 至 2100-12-31）"),
        ({"as_of": "9999-12-31"}, "参数 as_of 超出可用范围（1900-01-01 至 2100-12-31）"),
        ({"from": "0001-01-01"}, "参数 from 超出可用范围（1900-01-01 至 2100-12-31）"),
        ({"as_of": "2019-01-01", "from": "2019-06-01"}, "参数 from 不能晚于 as_of"),
    ],
)
def test_the_indicators_api_answers_400_for_a_date_out_of_range(client, county_user, params, detail):
    response = get(client, county_user, "/api/indicators", {"code": "640402", **params})
    assert response.status_code == 400
    assert response.json() == {"detail": detail}


@pytest.mark.parametrize("year", ["-5", "0", "1948", "2101", "99999", "99999999999999999999"])
def test_the_village_api_answers_400_for_a_year_out_of_range(client, county_user, year):
    make_profile(V1)
    response = get(client, county_user, f"/api/villages/{V1}", {"year": year})
    assert response.status_code == 400
    assert response.json() == {"detail": "参数 year 应为 1949–2100 之间的年份"}


def test_the_village_api_takes_a_year_in_range(client, county_user):
    make_profile(V1)
    for year in ("1949", "2100"):
        assert get(client, county_user, f"/api/villages/{V1}", {"year": year}).status_code == 200


def test_a_date_out_of_range_is_the_same_answer_inside_and_outside_the_area(client, outsider):
    # The range is checked before the area: the answer says nothing of whether the node is there.
    for code in ("640402", "640402999999"):
        response = get(client, outsider, "/api/indicators", {"code": code, "as_of": "0001-01-01"})
        assert response.status_code == 400
    assert get(client, outsider, "/api/indicators", {"code": "640402", "as_of": "2019-01-01"}).status_code == 404


# --- NUL characters and oversize values --------------------------------------------------------


@pytest.mark.parametrize("url", ["/search/?q=%00", "/search/?q=a%00b", "/n/640402/?as_of=%00"])
def test_a_nul_in_a_query_is_a_400(client, county_user, url):
    client.force_login(county_user)
    response = client.get(url)
    assert response.status_code == 400
    assert "请求无法处理" in response.content.decode()


def test_a_nul_in_the_audit_filter_is_a_400(client, auditadmin):
    client.force_login(auditadmin)
    assert client.get("/audit/?actor=%00").status_code == 400


def test_a_nul_in_the_user_search_is_a_400(client, sysadmin):
    client.force_login(sysadmin)
    assert client.get("/org/users/?q=%00").status_code == 400


def test_a_nul_in_the_api_is_a_json_400(client, county_user):
    client.force_login(county_user)
    response = client.get("/api/indicators?code=%00")
    assert response.status_code == 400
    assert response.json() == {"detail": "查询参数含有不允许的空字符（\\x00）"}
    response = client.get("/api/divisions/%00")
    assert response.status_code == 400
    assert "空字符" in response.json()["detail"]


def test_a_nul_in_a_path_or_a_cookie_is_a_400(client, county_user):
    client.force_login(county_user)
    assert client.get("/n/%00/").status_code == 400
    # Django's cookie parser unquotes "\000" into a NUL, which the session lookup would then meet.
    assert client.get("/search/", {"q": "官厅"}, HTTP_COOKIE='sessionid="\\000abcdefgh"').status_code == 400


def test_a_nul_in_a_posted_form_is_a_400(client, clerk):
    client.force_login(clerk)
    response = client.post(
        f"/villages/{V1}/profile/", "population=1%00&households=1", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def test_a_nul_in_a_form_is_a_400_without_login(client):
    response = client.post("/login/", "username=a%00&password=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400


def test_an_oversize_query_value_is_a_400(client, county_user):
    client.force_login(county_user)
    response = client.get("/audit/", {"actor": "x" * 1001})
    assert response.status_code == 400
    assert get(client, county_user, "/search/", {"q": "x" * 1000}).status_code == 200


def test_a_search_reads_at_most_100_characters(client, county_user):
    response = get(client, county_user, "/search/", {"q": "官厅" + "x" * 500})
    assert response.status_code == 200
    assert response.context["q"] == ("官厅" + "x" * 500)[:100]


def test_the_next_request_is_served(client, county_user):
    client.force_login(county_user)
    assert client.get("/search/?q=%00").status_code == 400
    assert client.get("/search/", {"q": "官厅"}).status_code == 200


@pytest.mark.parametrize(
    "url_name, args, param",
    [
        ("villages:detail", ["640402103200"], "year"),
        ("rules:list", [], "year"),
        ("exchange:history", [], "before"),
    ],
)
def test_a_number_param_in_other_digits_falls_back_instead_of_failing(client, clerk, url_name, args, param):
    """'²'.isdigit() is True but int('²') fails: only ASCII digits are numbers (core.web.int_param)."""
    client.force_login(clerk)
    assert client.get(reverse(url_name, args=args), {param: "²"}).status_code == 200


def test_int_param_takes_ascii_digits_within_bounds():
    from liangdai.core.web import int_param

    assert [int_param(v, 1949, 2100) for v in ["2019", "²", "１２", "", None, "1800", "99999999999999999999"]] == [
        2019, None, None, None, None, None, None,
    ]  # fmt: skip
