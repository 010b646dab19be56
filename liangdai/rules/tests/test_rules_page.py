"""The rules page: the rules in force for the user's area and year, and the fund-tier form."""

import pytest
from django.urls import reverse

from liangdai.audit.models import AuditLog
from liangdai.core.testing import make_user
from liangdai.rules.models import RuleSet
from liangdai.rules.overview import rules_in_force
from liangdai.rules.schemas import FundTiers
from liangdai.rules.selectors import rule_for
from liangdai.rules.services import ruleset_set

VILLAGE = "640402103200"


@pytest.fixture
def region_reviewer(db):
    return make_user("region", "64", "reviewer")


def tier_post(year, rows, extra=0):
    """The POST data of the fund-tier form: `rows` of (minimum, yuan), then `extra` blank rows."""
    data = {"year": str(year), "tiers-TOTAL_FORMS": str(len(rows) + extra), "tiers-INITIAL_FORMS": "0"}
    for i, (minimum, yuan) in enumerate(rows):
        data[f"tiers-{i}-minimum"], data[f"tiers-{i}-yuan"] = str(minimum), str(yuan)
    for i in range(len(rows), len(rows) + extra):
        data[f"tiers-{i}-minimum"] = data[f"tiers-{i}-yuan"] = ""
    return data


def test_the_default_fund_tiers_show_until_one_is_set(client, clerk):
    client.force_login(clerk)
    page = client.get(reverse("rules:list"), {"year": 2024})
    assert page.status_code == 200
    text = page.content.decode()
    assert "默认规则" in text
    # DOMAIN.md: under 1,000 people 50,000; 1,000-1,999 60,000; 2,000-2,999 80,000; 3,000+ 100,000.
    assert page.context["fund_rows"] == [
        (0, 999, 50000),
        (1000, 1999, 60000),
        (2000, 2999, 80000),
        (3000, None, 100000),
    ]
    for label in ("不足1000人", "1000–1999人", "3000人及以上", ">100000<"):
        assert label in text


def test_a_county_reviewer_sets_the_fund_tiers_for_its_county(client, county_user, clerk):
    client.force_login(county_user)
    page = client.post(reverse("rules:fund_tiers"), tier_post(2024, [(0, 55000), (1500, 70000)], extra=2))
    assert page.status_code == 302 and page.url == reverse("rules:list") + "?year=2024"
    rule = RuleSet.objects.get(kind="fund_tiers", code="640402", year=2024)
    assert rule.data == {"tiers": [[0, 55000], [1500, 70000]]} and rule.created_by == county_user
    # In force for the county's villages from that year on, not before, not in the neighbouring county.
    assert rule_for("fund_tiers", 2025, VILLAGE).amount(1499) == 55000
    assert rule_for("fund_tiers", 2025, VILLAGE).amount(1500) == 70000
    assert rule_for("fund_tiers", 2023, VILLAGE).amount(1500) == 60000
    assert rule_for("fund_tiers", 2025, "640425103200").amount(1500) == 60000
    [row] = AuditLog.objects.filter(entity="ruleset")
    assert (row.actor_id, row.code, row.before, row.after) == (county_user.pk, "640402", None, rule.data)
    # The township clerk's page shows the county's tiers, where they come from, and the history.
    client.force_login(clerk)
    text = client.get(reverse("rules:list"), {"year": 2024}).content.decode()
    assert "原州区 自2024年起" in text and "55000" in text and "为民服务资金档次 · 原州区 · 自2024年起" in text


def test_the_region_reviewer_sets_region_wide_tiers_that_a_county_overrides(client, region_reviewer, county_user):
    client.force_login(region_reviewer)
    client.post(reverse("rules:fund_tiers"), tier_post(2020, [(0, 51000), (1000, 61000)]))
    assert RuleSet.objects.filter(kind="fund_tiers", code="64", year=2020).exists()
    assert rule_for("fund_tiers", 2024, VILLAGE).amount(1000) == 61000
    ruleset_set(actor=county_user, kind="fund_tiers", year=2024, code="640402", data={"tiers": [[0, 52000]]})
    assert rule_for("fund_tiers", 2024, VILLAGE).amount(1000) == 52000
    assert rule_for("fund_tiers", 2024, "640425103200").amount(1000) == 61000


def test_setting_the_same_year_again_keeps_before_in_the_audit(client, county_user):
    client.force_login(county_user)
    client.post(reverse("rules:fund_tiers"), tier_post(2024, [(0, 55000)]))
    client.post(reverse("rules:fund_tiers"), tier_post(2024, [(0, 56000)]))
    rows = list(AuditLog.objects.filter(entity="ruleset").order_by("id"))
    assert [r.after for r in rows] == [{"tiers": [[0, 55000]]}, {"tiers": [[0, 56000]]}]
    assert rows[1].before == {"tiers": [[0, 55000]]}
    assert RuleSet.objects.filter(kind="fund_tiers", code="640402").count() == 1


def test_the_form_starts_from_the_tiers_in_force(client, county_user):
    client.force_login(county_user)
    page = client.get(reverse("rules:fund_tiers"), {"year": 2024})
    assert page.status_code == 200
    initial = [f.initial for f in page.context["body"].forms if f.initial]
    assert initial == [{"minimum": 0, "yuan": 50000}, {"minimum": 1000, "yuan": 60000},
                       {"minimum": 2000, "yuan": 80000}, {"minimum": 3000, "yuan": 100000}]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (tier_post(2024, [(1000, 60000)]), "须有一档从人口0起"),
        (tier_post(2024, [(0, 50000), (0, 60000)]), "各档的最低人口不能重复"),
        (tier_post(2024, [(0, 60000), (1000, 50000)]), "人口多的档次资金不能少于人口少的档次"),
        (tier_post(2024, [(-1, 50000)]), "人口不能小于0"),
        (tier_post(2024, [(0, 0)]), "金额须大于0"),
        (tier_post(2024, [(0, "五万")]), "金额须为整数（元）"),
        (tier_post(2024, [(0, 50000), ("", 60000)]), "请填写最低人口"),
        (tier_post(2024, [(0, 50000), (1000, "")]), "请填写金额"),
        (tier_post(2024, [], extra=2), "至少填写一档"),
        (tier_post(1999, [(0, 50000)]), "年度不能早于2000年"),
        (tier_post("", [(0, 50000)]), "请填写年度"),
    ],
)
def test_the_form_explains_each_error_in_chinese_and_saves_nothing(client, county_user, data, message):
    client.force_login(county_user)
    page = client.post(reverse("rules:fund_tiers"), data)
    assert page.status_code == 200
    assert message in page.content.decode()
    assert not RuleSet.objects.exists() and not AuditLog.objects.filter(entity="ruleset").exists()


def test_a_cleared_row_removes_its_tier(client, county_user):
    client.force_login(county_user)
    data = tier_post(2024, [(0, 50000), (1000, 60000)])
    data["tiers-1-minimum"] = data["tiers-1-yuan"] = ""
    client.post(reverse("rules:fund_tiers"), data)
    assert RuleSet.objects.get(code="640402").data == {"tiers": [[0, 50000]]}


@pytest.mark.parametrize(
    ("division", "role"),
    [("640402103", "entry"), ("640402103", "reviewer"), ("6404", "reviewer"), ("640402", "reader"),
     ("640402", "entry"), ("64", "sysadmin"), ("64", "secadmin"), ("64", "auditadmin")],
)  # fmt: skip
def test_only_region_and_county_reviewers_may_set_tiers(client, db, division, role):
    client.force_login(make_user("someone", division, role))
    assert client.get(reverse("rules:fund_tiers")).status_code == 404
    assert client.post(reverse("rules:fund_tiers"), tier_post(2024, [(0, 1)])).status_code == 404
    assert not RuleSet.objects.exists()


def test_readers_see_the_rules_but_no_edit_link(client, db):
    client.force_login(make_user("reader", "640402", "reader"))
    page = client.get(reverse("rules:list"))
    assert page.status_code == 200 and reverse("rules:fund_tiers") not in page.content.decode()


def test_the_outsider_gets_404_for_our_rules_and_sees_none_of_our_history(client, county_user, outsider):
    ruleset_set(actor=county_user, kind="fund_tiers", year=2024, code="640402", data={"tiers": [[0, 55000]]})
    client.force_login(outsider)
    assert client.get(reverse("rules:list"), {"code": "640402"}).status_code == 404
    assert client.get(reverse("rules:list"), {"code": VILLAGE}).status_code == 404
    page = client.get(reverse("rules:list"), {"year": 2024})
    assert page.status_code == 200
    assert "原州区 · 自2024年起" not in page.content.decode() and "55000" not in page.content.decode()


def test_the_region_reviewer_sees_the_county_overrides_in_the_history(client, county_user, region_reviewer):
    ruleset_set(actor=county_user, kind="fund_tiers", year=2024, code="640402", data={"tiers": [[0, 55000]]})
    client.force_login(region_reviewer)
    assert "为民服务资金档次 · 原州区 · 自2024年起" in client.get(reverse("rules:list")).content.decode()


def test_anonymous_is_sent_to_login(client, db):
    page = client.get(reverse("rules:list"))
    assert page.status_code == 302 and page.url.startswith(reverse("login"))


def test_the_page_agrees_with_rule_for_for_every_kind(county_user):
    """The page's rule is the one every figure uses (`rule_for`); only its source is added."""
    ruleset_set(actor=county_user, kind="fund_tiers", year=2023, code="640402", data={"tiers": [[0, 1]]})
    ruleset_set(actor=county_user, kind="star_thresholds", year=2025, code="640402", data={"thresholds": [[95, 5]]})
    for year in (2022, 2024, 2026):
        for rule in rules_in_force(actor=county_user, code=VILLAGE, year=year):
            assert rule.rule == rule_for(rule.kind, year, VILLAGE)
            assert (rule.source is None) == (rule.rule == rule_for(rule.kind, 1999, VILLAGE))


def test_fund_tier_rows_give_closed_ranges_and_an_open_top():
    assert FundTiers.from_data({"tiers": [[2000, 3], [0, 1], [1000, 2]]}).ranges() == [
        (0, 999, 1),
        (1000, 1999, 2),
        (2000, None, 3),
    ]


def test_the_other_rules_are_described_in_chinese(client, clerk):
    client.force_login(clerk)
    text = client.get(reverse("rules:list")).content.decode()
    # DOMAIN.md defaults: 90 and above 5 stars ... below 50 none; 优秀 1.2; large = 50+ households or 50万元.
    for line in ("90分及以上：5星", "50分以下：0星", "优秀 1.2", "其他职务 0.8", "带动50户及以上，或年收入50万元及以上",
                 "自治区 : 市 : 县 = 2 : 3 : 5"):  # fmt: skip
        assert line in text


def test_setting_tiers_is_all_or_nothing_with_its_audit_row(county_user, monkeypatch):
    from liangdai.rules import services

    def broken_record(**kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr(services, "record", broken_record)
    with pytest.raises(RuntimeError):
        ruleset_set(actor=county_user, kind="fund_tiers", year=2024, code="640402", data={"tiers": [[0, 55000]]})
    assert not RuleSet.objects.exists() and not AuditLog.objects.filter(entity="ruleset").exists()


@pytest.mark.parametrize("division", ["6404", "640402103"])
def test_the_service_refuses_a_reviewer_between_region_and_county(db, division):
    from liangdai.core.errors import DomainError
    from liangdai.rules.services import ruleset_set

    reviewer = make_user("between", division, "reviewer")
    with pytest.raises(DomainError, match="无权设置"):
        ruleset_set(actor=reviewer, kind="fund_tiers", year=2024, code="640402", data={"tiers": [[0, 60000]]})
    assert not RuleSet.objects.exists()
