"""The pages of the rating cycle and their API: who sees what (the personas and the outsider), the
forms with the services' messages, the board's actions, and the county's bonus."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from liangdai.assessment.approvals import SERVICES
from liangdai.assessment.models import Appraisal, BonusAllocation, StarRating
from liangdai.core.testing import make_user
from liangdai.leaders.tests.makers import V1, V2, make_appraisal, make_holding, make_person, make_rating

TOWNSHIP, COUNTY, YEAR = "640402103", "640402", 2019


@pytest.fixture
def cycle(db):
    """Two cadres of 官厅镇 in office at the end of 2019, one graded; V1 rated for 2018 and 2019."""
    secretary, director = make_person("王书记", serial=1), make_person("李主任", serial=2)
    make_holding(V1, secretary, start=dt.date(2016, 1, 1))
    make_holding(V2, director, position="村委会主任", start=dt.date(2016, 1, 1))
    make_rating(V1, YEAR - 1, 2)
    make_rating(V1, YEAR, 4)
    make_rating(V2, YEAR, 1)
    make_appraisal(secretary, YEAR, "优秀")
    make_appraisal(director, YEAR, "称职")
    return {"secretary": secretary, "director": director}


def pages(cycle) -> list[str]:
    q = f"?year={YEAR}"
    return [
        reverse("assessment:scores", args=[TOWNSHIP]) + q,
        reverse("assessment:scores", args=[COUNTY]) + q,
        reverse("assessment:score", args=[V1]) + q,
        reverse("assessment:appraisals", args=[TOWNSHIP]) + q,
        reverse("assessment:appraisals", args=[V1]) + q,
        reverse("assessment:appraise", args=[cycle["secretary"].pk]) + q,
        reverse("assessment:board", args=[TOWNSHIP]) + q,
        reverse("assessment:board", args=[COUNTY]) + q,
        reverse("assessment:bonus", args=[COUNTY]) + q + "&budget=10000",
        reverse("assessment:bonus_export", args=[COUNTY]) + q + "&budget=10000",
        reverse("api:approval_status") + f"?code={COUNTY}&year={YEAR}",
    ]


def test_the_outsider_gets_404_on_every_page_export_and_answer(client, outsider, cycle):
    client.force_login(outsider)
    for url in pages(cycle):
        assert client.get(url).status_code == 404, url
    for action in ("submit", "approve"):
        url = reverse("assessment:approval_action", args=[TOWNSHIP, action])
        assert client.post(url, {"year": YEAR}).status_code == 404
        answer = client.post(
            reverse("api:approval_action", args=[action]), {"code": TOWNSHIP, "year": YEAR}, "application/json"
        )
        assert answer.status_code == 404
    assert not StarRating.objects.filter(year=YEAR, score=95).exists()


def test_the_county_sees_every_page_and_the_clerk_those_of_the_township(client, clerk, county_user, cycle):
    client.force_login(county_user)
    for url in pages(cycle):
        assert client.get(url).status_code == 200, url
    client.force_login(clerk)
    for url in pages(cycle):
        county_page = f"/{COUNTY}/" in url or f"code={COUNTY}" in url
        assert client.get(url).status_code == (404 if county_page else 200), url


def test_a_reader_reads_the_lists_but_gets_403_on_the_forms(client, cycle):
    client.force_login(make_user("reader", TOWNSHIP, "reader"))
    assert client.get(reverse("assessment:scores", args=[TOWNSHIP])).status_code == 200
    for url in (reverse("assessment:score", args=[V1]), reverse("assessment:appraise", args=[cycle["secretary"].pk])):
        assert client.get(url).status_code == 403
        assert client.post(url, {"score": "90", "grade": "优秀"}).status_code == 403
    response = client.post(reverse("assessment:approval_action", args=[TOWNSHIP, "submit"]), {"year": YEAR})
    assert response.status_code == 403


def test_the_score_list_shows_stars_change_and_the_villages_not_scored(client, clerk, cycle):
    client.force_login(clerk)
    response = client.get(reverse("assessment:scores", args=[TOWNSHIP]), {"year": YEAR})
    rows = {r.village.code: r for r in response.context["rows"]}
    assert (rows[V1].rating.stars, rows[V1].change) == (4, 2)
    assert rows[V2].change is None
    missing = {v.code for v in response.context["missing"]}
    assert V1 not in missing and V2 not in missing and "640402103202" in missing


def test_scoring_a_village_follows_the_thresholds_and_refuses_a_broken_rule(client, clerk, cycle):
    client.force_login(clerk)
    url = reverse("assessment:score", args=["640402103202"]) + f"?year={YEAR}"
    response = client.post(url, {"score": "101"})
    assert "得分应为0到100之间的数" in response.content.decode()
    response = client.post(url, {"score": "80", "weak": "on", "weak_reason": ""})
    assert "是否软弱涣散为“是”时，软弱涣散原因必填" in response.content.decode()
    assert client.post(url, {"score": "79.5"}).status_code == 302
    assert StarRating.objects.get(village_id="640402103202", year=YEAR).stars == 3


def test_the_appraisal_list_shows_who_is_missing_a_grade(client, clerk, cycle):
    Appraisal.objects.filter(person=cycle["director"]).delete()
    client.force_login(clerk)
    response = client.get(reverse("assessment:appraisals", args=[TOWNSHIP]), {"year": YEAR})
    assert [r.person.name for r in response.context["missing"]] == ["李主任"]
    url = reverse("assessment:appraise", args=[cycle["director"].pk]) + f"?year={YEAR}&code={TOWNSHIP}"
    assert "请从列表中选择" in client.post(url, {"grade": "良好"}).content.decode()
    assert client.post(url, {"grade": "基本称职"})["Location"].startswith(
        reverse("assessment:appraisals", args=[TOWNSHIP])
    )
    assert Appraisal.objects.get(person=cycle["director"], year=YEAR).grade == "基本称职"


def test_an_appraisal_for_someone_holding_no_position_that_year_is_refused(client, clerk, cycle):
    client.force_login(clerk)
    url = reverse("assessment:appraise", args=[cycle["secretary"].pk]) + "?year=2010"
    assert (
        "此人2010年度未在您管辖范围内的村“两委”任职，不能考核" in client.post(url, {"grade": "优秀"}).content.decode()
    )
    assert not Appraisal.objects.filter(year=2010).exists()


def test_the_board_submits_approves_and_refuses_an_edit_then_reopens(client, clerk, county_user, cycle):
    client.force_login(clerk)
    action = lambda name, **data: client.post(  # noqa: E731
        reverse("assessment:approval_action", args=[TOWNSHIP, name]), {"year": YEAR, **data}, follow=True
    )
    assert "已上报" in action("submit").content.decode()
    assert "无权审核" in action("approve").content.decode()
    client.force_login(county_user)
    assert "退回须填写理由" in action("return", back=COUNTY).content.decode()
    board = action("approve", back=COUNTY)
    assert board.context["node"].code == COUNTY
    assert {s.township.code: s.state for s in board.context["states"]}[TOWNSHIP] == "approved"
    client.force_login(clerk)
    refused = client.post(reverse("assessment:score", args=[V1]) + f"?year={YEAR}", {"score": "95"})
    assert "审核通过，不能修改；如需更正请县级撤销审核" in refused.content.decode()
    node = client.get(reverse("reports:node", args=[TOWNSHIP]), {"as_of": f"{YEAR}-12-31"}).content.decode()
    assert 'data-state="approved"' in node and "county 审核通过" in node and "clerk 上报" in node
    client.force_login(county_user)
    action("reopen", reason="得分录错")
    assert StarRating.objects.get(village_id=V1, year=YEAR).stars == 4


def test_the_api_answers_the_status_and_takes_the_actions(client, clerk, county_user, cycle):
    client.force_login(clerk)
    post = lambda action, **body: client.post(  # noqa: E731
        reverse("api:approval_action", args=[action]), {"code": TOWNSHIP, "year": YEAR, **body}, "application/json"
    )
    assert post("submit").json() == {"code": TOWNSHIP, "year": YEAR, "state": "submitted"}
    assert post("approve").status_code == 400
    client.force_login(county_user)
    assert post("return").json()["detail"] == "退回须填写理由"
    assert post("approve").json()["state"] == "approved"
    status = client.get(reverse("api:approval_status"), {"code": COUNTY, "year": YEAR}).json()
    assert status["code"] == COUNTY and status["states"][TOWNSHIP] == "approved"
    client.force_login(make_user("reader", TOWNSHIP, "reader"))
    assert post("submit").status_code == 403


def test_the_bonus_page_adds_up_and_downloads_masked(client, county_user, cycle):
    client.force_login(county_user)
    response = client.get(reverse("assessment:bonus", args=[COUNTY]), {"year": YEAR, "budget": "10001"})
    rows = response.context["rows"]
    assert sum(r.share.yuan for r in rows) == response.context["total"] == 10001
    assert {r.share.name: r.share.yuan for r in rows} == {"王书记": 8277, "李主任": 1724}
    text = response.content.decode()
    assert cycle["secretary"].id_number not in text and cycle["secretary"].id_number[-4:] in text
    download = client.get(reverse("assessment:bonus_export", args=[COUNTY]), {"year": YEAR, "budget": "10001"})
    book = CalamineWorkbook.from_filelike(io.BytesIO(download.content)).get_sheet_by_name("村干部奖励").to_python()
    cells = [str(c) for row in book for c in row]
    assert cycle["secretary"].id_number not in cells and "8277" in "".join(cells) and "10001" in "".join(cells)


@pytest.mark.parametrize(
    ("budget", "message"), [("100.5", "奖励总额应为不小于0的整数（元）"), ("十万", "奖励总额应为不小于0的整数（元）")]
)
def test_a_budget_that_is_not_whole_yuan_is_refused(client, county_user, cycle, budget, message):
    client.force_login(county_user)
    response = client.get(reverse("assessment:bonus", args=[COUNTY]), {"year": YEAR, "budget": budget})
    assert response.context["error"] == message and response.context["rows"] == []


def test_a_budget_with_nobody_eligible_is_refused(client, county_user, cycle):
    client.force_login(county_user)
    response = client.get(reverse("assessment:bonus", args=[COUNTY]), {"year": 2030, "budget": "1000"})
    assert "没有在任的村干部" in response.context["error"] or "没有可分配的权重" in response.context["error"]


def test_an_allocation_is_saved_only_from_approved_data_and_a_correction_shows_its_change(
    client, clerk, county_user, cycle
):
    client.force_login(county_user)
    url = reverse("assessment:bonus", args=[COUNTY])
    refused = client.post(url, {"year": YEAR, "budget": "10001"})
    assert "尚未审核通过，不能保存奖励分配：官厅镇" in refused.context["error"]
    assert not BonusAllocation.objects.exists()
    SERVICES["submit"](actor=clerk, code=TOWNSHIP, year=YEAR)
    SERVICES["approve"](actor=county_user, code=TOWNSHIP, year=YEAR)
    saved = client.post(url, {"year": YEAR, "budget": "10001"})
    assert saved.context["error"] is None
    allocation = BonusAllocation.objects.get()
    assert sorted(allocation.shares.values_list("yuan", flat=True)) == [1724, 8277]
    SERVICES["reopen"](actor=county_user, code=TOWNSHIP, year=YEAR, reason="更正等次")
    Appraisal.objects.filter(person=cycle["director"]).update(grade="优秀")
    changes = client.get(url, {"year": YEAR}).context["changes"]
    assert [(c.name, c.saved, c.difference) for c in changes] == [("王书记", 8277, -276), ("李主任", 1724, 276)]
    assert client.post(url, {"year": YEAR, "budget": "10001"}).context["error"].startswith("以下乡镇")


def test_the_clerk_may_not_save_an_allocation(client, clerk, cycle):
    client.force_login(clerk)
    assert client.post(reverse("assessment:bonus", args=[COUNTY]), {"year": YEAR, "budget": "1"}).status_code == 404
    client.force_login(make_user("county_entry", COUNTY, "entry"))
    assert client.post(reverse("assessment:bonus", args=[COUNTY]), {"year": YEAR, "budget": "1"}).status_code == 403


def test_the_warnings_page_lists_villages_at_zero_stars_two_years_running(client, clerk, outsider, cycle):
    make_rating(V2, YEAR - 1, 0, score=10)
    StarRating.objects.filter(village_id=V2, year=YEAR).update(stars=0, score=20)
    client.force_login(clerk)
    page = client.get(reverse("cadres:warnings"), {"code": TOWNSHIP, "as_of": f"{YEAR}-12-31"}).content.decode()
    assert 'id="zero-stars"' in page and reverse("cadres:village", args=[V2]) in page
    assert reverse("cadres:village", args=[V1]) not in page.split('id="zero-stars"')[1].split("</ul>")[0]
