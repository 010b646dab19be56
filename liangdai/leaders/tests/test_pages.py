"""The wealth-leader pages and the API: who sees what (the personas and the outsider), the filters,
the export of a filtered list, the forms with the sheet's very messages, and the panels."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from liangdai.audit.models import AuditLog
from liangdai.core.testing import make_user, make_workbook
from liangdai.exchange.pipeline import import_workbook
from liangdai.leaders.models import Support, WealthLeader

from .makers import LEADER_NUMBER, OTHER_TOWNSHIP, OUTSIDE, V1, V2, make_leader, make_person
from .test_leader_exit import EXIT_HEADER, exit_row

TOWNSHIP, COUNTY = "640402103", "640402"
D = dt.date(2019, 10, 31)


@pytest.fixture
def leaders(db):
    """Three leaders of 原州区 (two of the clerk's township, one of another) and one of 彭阳县."""
    return {
        "own": make_leader(make_person("甲", serial=1, political_status="中共党员"), V1, income=60, households=5,
                           people=20),
        "own2": make_leader(make_person("乙", serial=2), V2, industry="养殖业", source="回引", income=2, households=12,
                            people=12, recognised_on=dt.date(2019, 3, 1)),
        "other": make_leader(make_person("丙", serial=3), OTHER_TOWNSHIP, income=1, households=1, people=1),
        "outside": make_leader(make_person("丁", serial=4), OUTSIDE),
    }  # fmt: skip


def pages_of(leader) -> list[str]:
    return [reverse(f"leaders:{name}", args=[leader.pk]) for name in ("detail", "edit", "end", "support_new")]


def names(client, code: str, **params) -> list[str]:
    response = client.get(reverse("leaders:list", args=[code]), {"as_of": D.isoformat()} | params)
    assert response.status_code == 200
    return [leader.person.name for leader, _tier in response.context["page"].items]


# --- who sees what ----------------------------------------------------------------------------


def test_the_clerk_sees_the_leaders_of_the_township_and_nothing_beyond(client, clerk, leaders):
    client.force_login(clerk)
    assert sorted(names(client, TOWNSHIP)) == ["乙", "甲"]
    for url in pages_of(leaders["own"]):
        assert client.get(url).status_code == 200, url
    for key in ("other", "outside"):
        for url in pages_of(leaders[key]):
            assert client.get(url).status_code == 404, url
    for code in (COUNTY, OTHER_TOWNSHIP, "640425"):
        assert client.get(reverse("leaders:list", args=[code])).status_code == 404
        assert client.get(reverse("leaders:export", args=[code])).status_code == 404
        assert client.get(reverse("leaders:register", args=[code])).status_code == 404
        assert client.get(reverse("api:leaders"), {"code": code}).status_code == 404


def test_the_county_sees_every_township_of_the_county(client, county_user, leaders):
    client.force_login(county_user)
    assert sorted(names(client, COUNTY)) == ["丙", "乙", "甲"]
    for key in ("own", "other"):
        assert client.get(reverse("leaders:detail", args=[leaders[key].pk])).status_code == 200
    assert client.get(reverse("leaders:detail", args=[leaders["outside"].pk])).status_code == 404


def test_the_outsider_gets_404_everywhere_in_yuanzhou(client, outsider, leaders):
    client.force_login(outsider)
    for key in ("own", "own2", "other"):
        for url in pages_of(leaders[key]):
            assert client.get(url).status_code == 404, url
        assert client.get(reverse("cadres:person", args=[leaders[key].person_id])).status_code == 404
    for code in (COUNTY, TOWNSHIP, V1):
        for name in ("list", "export", "register"):
            assert client.get(reverse(f"leaders:{name}", args=[code])).status_code == 404
        assert client.get(reverse("api:leaders"), {"code": code}).status_code == 404
    assert names(client, "640425") == ["丁"]


def test_a_reader_sees_the_pages_but_may_not_write(client, leaders):
    reader = make_user("reader", TOWNSHIP, "reader")
    client.force_login(reader)
    assert client.get(reverse("leaders:detail", args=[leaders["own"].pk])).status_code == 200
    for url in pages_of(leaders["own"])[1:] + [reverse("leaders:register", args=[TOWNSHIP])]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url


def test_a_leader_without_any_post_is_on_the_person_page_of_the_clerk_only(client, clerk, outsider, leaders):
    Support.objects.create(leader=leaders["own"], kind="培训", date=dt.date(2019, 4, 1), unit="区农业农村厅")
    person = reverse("cadres:person", args=[leaders["own"].person_id])
    client.force_login(clerk)
    page = client.get(person)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="leadership"' in text and "区农业农村厅" in text
    assert reverse("leaders:detail", args=[leaders["own"].pk]) in text
    client.force_login(outsider)
    assert client.get(person).status_code == 404


def test_the_api_lists_the_node_masked_and_paged(client, clerk, leaders):
    client.force_login(clerk)
    answer = client.get(reverse("api:leaders"), {"code": TOWNSHIP, "as_of": D.isoformat(), "sort": "income"})
    assert answer.status_code == 200
    body = answer.json()
    assert [row["name"] for row in body["leaders"]] == ["甲", "乙"]
    assert (body["page"], body["next_page"]) == (1, None)
    number = leaders["own"].person.id_number
    assert number not in answer.content.decode()
    assert body["leaders"][0]["id_number"] == number[:3] + "*" * 11 + number[-4:]
    assert (body["leaders"][0]["tier"], body["leaders"][1]["tier"]) == ("large", "medium")


# --- the list ---------------------------------------------------------------------------------


def test_the_list_filters_and_sorts(client, county_user, leaders):
    make_leader(make_person("戊", serial=5), V1, ended_on=dt.date(2019, 6, 30), end_reason="迁出")
    make_leader(make_person("己", serial=6), V1, recognised_on=D + dt.timedelta(days=1))
    client.force_login(county_user)
    assert names(client, COUNTY, sort="income") == ["甲", "乙", "丙"]  # in registration on D, by income
    assert names(client, COUNTY, sort="households") == ["乙", "甲", "丙"]
    assert names(client, COUNTY, sort="people") == ["甲", "乙", "丙"]
    assert names(client, COUNTY, status="ended") == ["戊"]
    assert sorted(names(client, COUNTY, status="all")) == sorted(["甲", "乙", "丙", "戊", "己"])
    assert names(client, COUNTY, tier="large") == ["甲"]  # income 60 万元
    assert names(client, COUNTY, tier="medium") == ["乙"]  # 12 households
    assert names(client, COUNTY, tier="small") == ["丙"]
    assert names(client, COUNTY, industry="养殖业") == ["乙"]
    assert names(client, COUNTY, source="回引") == ["乙"]
    assert names(client, COUNTY, village=V2) == ["乙"]
    assert names(client, COUNTY, party="1") == ["甲"]
    assert sorted(names(client, COUNTY, party="0")) == ["丙", "乙"]
    assert names(client, COUNTY, year="2019") == ["乙"]
    assert sorted(names(client, COUNTY, tier="bogus", year="abc")) == ["丙", "乙", "甲"]  # unknown: ignored


def test_the_list_pages_by_fifty(client, clerk):
    for i in range(51):
        make_leader(make_person(f"人{i:02d}", serial=i + 10, birth=dt.date(1970 + i % 20, 1, 1)), V1, income=i)
    client.force_login(clerk)
    first = client.get(reverse("leaders:list", args=[TOWNSHIP]), {"as_of": D.isoformat(), "sort": "income"})
    assert len(first.context["page"].items) == 50 and first.context["next_query"]
    second = client.get(reverse("leaders:list", args=[TOWNSHIP]) + "?as_of=2019-10-31&" + first.context["next_query"])
    assert [leader.person.name for leader, _ in second.context["page"].items] == ["人00"]
    assert second.context["next_query"] is None and second.context["prev_query"]


def test_the_export_holds_exactly_the_filtered_leaders_of_the_area_masked(client, clerk, leaders):
    client.force_login(clerk)
    response = client.get(reverse("leaders:export", args=[TOWNSHIP]), {"as_of": D.isoformat(), "village": V2})
    assert response.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    rows = book.get_sheet_by_name("致富带头人").to_python()
    assert rows[0][-2:] == ["退出日期", "退出原因"] and len(rows) == 2
    number = leaders["own2"].person.id_number
    assert rows[1][0] == "乙" and rows[1][1] == number[:3] + "*" * 11 + number[-4:]
    assert AuditLog.objects.filter(action="导出", code=TOWNSHIP).count() == 1


# --- the forms --------------------------------------------------------------------------------

FORM = {
    "id_number": LEADER_NUMBER,
    "name": "马金花",
    "nationality": "回族",
    "education": "初中",
    "political_status": "群众",
    "phone": "13800000001",
    "village": V1,
    "industry": "养殖业",
    "project": "肉牛",
    "scale": "120",
    "scale_unit": "头",
    "income": "30.5",
    "households": "12",
    "people": "40",
    "poor_households": "6",
    "source": "回引",
    "recognised_on": "2018-04-01",
    "ended_on": "",
    "end_reason": "",
}
# form field -> the sheet's column
HEADERS = {
    "id_number": "公民身份号码",
    "education": "学历",
    "industry": "产业类型",
    "scale": "经营规模",
    "scale_unit": "规模单位",
    "income": "年收入",
    "households": "带动户数",
    "people": "带动人数",
    "poor_households": "带动脱贫户数",
    "source": "来源",
    "recognised_on": "认定日期",
    "ended_on": "退出日期",
    "end_reason": "退出原因",
}
BROKEN = [
    ("people", {"people": "11"}),
    ("poor_households", {"poor_households": "13"}),
    ("scale_unit", {"scale_unit": ""}),
    ("scale", {"scale": "0"}),
    ("education", {"education": ""}),
    ("industry", {"industry": "采矿"}),
    ("industry", {"industry": ""}),
    ("source", {"source": "选派"}),
    ("income", {"income": "-1"}),
    ("income", {"income": "三十"}),
    ("households", {"households": "1.5"}),
    ("recognised_on", {"recognised_on": "2019-13-01"}),
    ("ended_on", {"ended_on": "2018-03-31", "end_reason": "迁出"}),
    ("end_reason", {"ended_on": "2019-01-01"}),
    ("ended_on", {"end_reason": "迁出"}),
    ("end_reason", {"ended_on": "2019-01-01", "end_reason": "出国"}),
    ("id_number", {"id_number": LEADER_NUMBER[:-1] + ("0" if LEADER_NUMBER[-1] != "0" else "1")}),
]


def sheet_message(clerk, field: str, change: dict) -> str:
    """The message the 致富带头人 sheet gives for the same values, at the field's column."""
    cells = {HEADERS[k]: (v or None) for k, v in change.items()}
    data = make_workbook({"致富带头人": [EXIT_HEADER, exit_row(cells.pop("退出日期", None), cells.pop("退出原因", None),
                                                              **cells)]})  # fmt: skip
    result = import_workbook(data=data, filename="t.xlsx", actor=clerk, commit=False)
    [message] = [e.message for e in result.errors if e.column == HEADERS[field]]
    return message


@pytest.mark.parametrize(("field", "change"), BROKEN)
def test_each_rule_of_the_register_form_answers_with_the_sheets_message(client, clerk, field, change):
    client.force_login(clerk)
    response = client.post(reverse("leaders:register", args=[TOWNSHIP]), FORM | change)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [sheet_message(clerk, field, change)]
    assert not WealthLeader.objects.exists()


def test_the_clerk_registers_edits_and_ends_a_leader(client, clerk):
    client.force_login(clerk)
    response = client.post(reverse("leaders:register", args=[TOWNSHIP]), FORM)
    leader = WealthLeader.objects.select_related("person").get()
    assert response.status_code == 302 and response.url == reverse("leaders:detail", args=[leader.pk])
    assert (leader.person.name, leader.income, leader.scale_unit) == ("马金花", Decimal("30.50"), "头")
    edit = client.get(reverse("leaders:edit", args=[leader.pk]))
    version = re.search(r'name="version" value="([^"]*)"', edit.content.decode())[1]
    data = {k: v for k, v in FORM.items() if k in edit.context["form"].fields} | {"version": version}
    assert client.post(reverse("leaders:edit", args=[leader.pk]), data | {"people": "50"}).status_code == 302
    # A second save from the same, now stale, page is refused and says what changed.
    stale = client.post(reverse("leaders:edit", args=[leader.pk]), data | {"people": "60"})
    assert "他人已修改了本记录（带动人数：40 → 50）" in stale.content.decode()
    leader.refresh_from_db()
    assert leader.people == 50
    end = reverse("leaders:end", args=[leader.pk])
    version = re.search(r'name="version" value="([^"]*)"', client.get(end).content.decode())[1]
    refused = client.post(end, {"ended_on": "2018-01-01", "end_reason": "迁出", "version": version})
    assert refused.context["form"].errors["ended_on"] == ["退出日期（2018-01-01）不能早于认定日期（2018-04-01）"]
    assert client.post(end, {"ended_on": "2019-06-30", "end_reason": "停业", "version": version}).status_code == 302
    leader.refresh_from_db()
    assert (leader.ended_on, leader.end_reason) == (dt.date(2019, 6, 30), "停业")


def test_an_existing_person_is_registered_by_the_number_alone(client, clerk):
    person = make_person("马金花", dt.date(1975, 3, 8), 7)
    assert person.id_number == LEADER_NUMBER
    client.force_login(clerk)
    response = client.post(reverse("leaders:register", args=[V1]), FORM | {"education": "", "political_status": ""})
    assert response.status_code == 302
    assert WealthLeader.objects.get().person_id == person.pk


def test_a_village_outside_the_area_cannot_be_chosen(client, clerk):
    client.force_login(clerk)
    response = client.post(reverse("leaders:register", args=[TOWNSHIP]), FORM | {"village": OTHER_TOWNSHIP})
    assert response.status_code == 200 and response.context["form"].errors["village"]
    assert not WealthLeader.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"amount": "-5"}, "amount", "应不小于0"),
        (
            {"amount": "五千"},
            "amount",
            "应为数字：“五千”不是可识别的金额，只填数字，可带“元”或“万”（如 17804、17804元、1.5万）",
        ),
        ({"date": "2017-12-31"}, "date", "扶持日期（2017-12-31）不能早于认定日期（2018-01-01）"),
        ({"kind": ""}, "kind", "必填项不能为空"),
    ],
)
def test_a_broken_support_form_says_why_and_writes_nothing(client, clerk, leaders, change, field, message):
    client.force_login(clerk)
    data = {"kind": "贷款贴息", "amount": "5000", "date": "2019-05-01", "unit": "", "note": ""} | change
    response = client.post(reverse("leaders:support_new", args=[leaders["own"].pk]), data)
    assert response.context["form"].errors[field] == [message]
    assert not Support.objects.exists()


def test_a_support_for_a_leader_outside_the_area_is_404_and_writes_nothing(client, clerk, leaders):
    client.force_login(clerk)
    data = {"kind": "贷款贴息", "amount": "5000", "date": "2019-05-01"}
    assert client.post(reverse("leaders:support_new", args=[leaders["other"].pk]), data).status_code == 404
    assert not Support.objects.exists()


# --- the panels and the tier rule -------------------------------------------------------------


def test_the_node_page_links_to_the_list_and_shows_the_headline(client, clerk, leaders):
    Support.objects.create(leader=leaders["own"], kind="贷款贴息", amount=Decimal(3000), date=dt.date(2019, 5, 1))
    client.force_login(clerk)
    page = client.get(reverse("reports:node", args=[TOWNSHIP]), {"as_of": D.isoformat()}).content.decode()
    assert reverse("leaders:list", args=[TOWNSHIP]) in page
    assert re.search(r'data-panel-indicator="wealth_leaders">\s*<dt>[^<]*</dt>\s*<dd>2<', page)
    assert re.search(r'data-panel-indicator="support_amount">\s*<dt>[^<]*</dt>\s*<dd>3,000', page)


def test_a_tier_rule_changed_on_the_rules_page_re_tiers_the_leaders_and_is_audited(client, county_user, leaders):
    client.force_login(county_user)
    detail = reverse("leaders:detail", args=[leaders["own2"].pk])
    before = client.get(detail, {"as_of": D.isoformat()})
    assert before.context["tiering"].tier == "medium" and "默认标准" in before.content.decode()
    rule = {"year": "2019", "large_households": "10", "large_income": "50", "medium_households": "5",
            "medium_income": "10"}  # fmt: skip
    assert client.post(reverse("rules:leader_tiers"), rule).status_code == 302
    after = client.get(detail, {"as_of": D.isoformat()})
    assert after.context["tiering"].tier == "large" and "640402自2019年起的标准" in after.content.decode()
    from liangdai.indicators.registry import REGISTRY, Query

    figures = REGISTRY.compute(Query.of(COUNTY, D))
    assert (figures["leaders_large"], figures["leaders_medium"]) == (2, 0)  # 甲 by income, 乙 by households
    assert AuditLog.objects.filter(entity="ruleset", entity_id="leader_tiers/640402/2019").exists()
    # Earlier years keep the default.
    assert REGISTRY.compute(Query.of(COUNTY, dt.date(2018, 12, 31)))["leaders_large"] == 1


def test_the_leader_page_says_when_the_leader_is_not_on_the_register_that_day(client, clerk, leaders):
    own2 = leaders["own2"]  # recognised 2019-03-01
    WealthLeader.objects.filter(pk=own2.pk).update(ended_on=dt.date(2020, 6, 30), end_reason="停业")
    client.force_login(clerk)
    page = reverse("leaders:detail", args=[own2.pk])
    shown = {day: client.get(page, {"as_of": day}).context["on_as_of"] for day in
             ("2019-02-28", "2019-03-01", "2020-06-30", "2020-07-01")}  # fmt: skip
    assert shown == {"2019-02-28": False, "2019-03-01": True, "2020-06-30": True, "2020-07-01": False}
