"""The form of each kind of rule: saved by a county reviewer, audited, read back by `rule_for`;
refused to a clerk and to an outsider; every message in Chinese. And a stored rule that fails its
schema is an error wherever it is used, never replaced by the default."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from liangdai.audit.models import AuditLog
from liangdai.core.errors import DomainError
from liangdai.core.testing import make_user
from liangdai.rules.models import RuleKind, RuleSet
from liangdai.rules.schemas import TrainingRatio
from liangdai.rules.selectors import rule_for
from liangdai.rules.services import ruleset_set
from liangdai.villages.services import village_fund

VILLAGE = "640402103200"
BONUS = {"excellent": "1.5", "competent": "1", "basic": "0.5", "incompetent": "0"}
POSITIONS = {"secretary": "1.2", "director": "1.1", "other": "0.6"}
LEADERS = {"large_households": "80", "large_income": "60.5", "medium_households": "20", "medium_income": "15"}


def rows_post(prefix, year, rows, fields):
    """The POST data of a form of rows: `rows` of values for `fields`."""
    data = {"year": str(year), f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        data |= {f"{prefix}-{i}-{field}": str(value) for field, value in zip(fields, row, strict=True)}
    return data


def tiers_post(year, rows):
    return rows_post("tiers", year, rows, ("minimum", "yuan"))


def stars_post(year, rows):
    return rows_post("thresholds", year, rows, ("score", "stars"))


def rubric_post(year, rows):
    return rows_post("items", year, rows, ("name", "points"))


# kind -> (valid POST, the JSON it stores)
SAVED = {
    "rubric": (
        rubric_post(2024, [("班子建设", 40), ("发展集体经济", 35.5), ("服务群众", 24.5), ("", "")]),
        {"items": [["班子建设", 40], ["发展集体经济", 35.5], ["服务群众", 24.5]]},
    ),
    "fund_tiers": (tiers_post(2024, [(0, 55000), (1500, 70000)]), {"tiers": [[0, 55000], [1500, 70000]]}),
    "star_thresholds": (stars_post(2024, [(85.5, 4), (95, 5)]), {"thresholds": [[95, 5], [85.5, 4]]}),
    "bonus_factors": (
        {"year": "2024"} | BONUS | POSITIONS,
        {
            "grade": {"优秀": 1.5, "称职": 1, "基本称职": 0.5, "不称职": 0},
            "position": {"党组织书记": 1.2, "村委会主任": 1.1, "other": 0.6},
        },
    ),
    "leader_tiers": (
        {"year": "2024"} | LEADERS,
        {"large": {"households": 80, "income": 60.5}, "medium": {"households": 20, "income": 15}},
    ),
    "training_ratio": (
        {"year": "2024", "region": "1", "city": "2", "county": "7"},
        {"region": 1, "city": 2, "county": 7},
    ),
}


@pytest.mark.parametrize("kind", RuleKind.values)
def test_a_county_reviewer_sets_each_kind_and_rule_for_reads_it_back(client, county_user, kind):
    data, stored = SAVED[kind]
    client.force_login(county_user)
    page = client.post(reverse(f"rules:{kind}"), data)
    assert page.status_code == 302 and page.url == reverse("rules:list") + "?year=2024"
    assert rule_for(kind, 2025, VILLAGE).to_data() == stored
    assert rule_for(kind, 2023, VILLAGE) == rule_for(kind, 2024, "640425103200")  # before it, or elsewhere: default
    [row] = AuditLog.objects.filter(entity="ruleset")
    assert (row.actor_id, row.entity_id, row.before, row.after) == (county_user.pk, f"{kind}/640402/2024", None, stored)


def test_what_the_pages_set_is_what_the_figures_apply(client, county_user):
    client.force_login(county_user)
    for kind in ("fund_tiers", "star_thresholds", "bonus_factors", "leader_tiers"):
        client.post(reverse(f"rules:{kind}"), SAVED[kind][0])
    assert village_fund(VILLAGE, 2024, 1500) == 70000
    assert rule_for("star_thresholds", 2024, VILLAGE).stars(Decimal("85.50")) == 4
    assert rule_for("bonus_factors", 2024, VILLAGE).position_factor("村委会委员") == Decimal("0.6")
    assert rule_for("leader_tiers", 2024, VILLAGE).tier_of(79, Decimal("60.49")) == "medium"


@pytest.mark.parametrize("kind", RuleKind.values)
def test_each_form_starts_from_the_rule_in_force(client, county_user, kind):
    ruleset_set(actor=county_user, kind=kind, year=2020, code="640402", data=SAVED[kind][1])
    client.force_login(county_user)
    page = client.get(reverse(f"rules:{kind}"), {"year": 2024})
    assert page.status_code == 200 and page.context["year_form"].initial == {"year": 2024}
    body = page.context["body"]
    assert body.initial == type(body).initial_of(rule_for(kind, 2024, VILLAGE))


@pytest.mark.parametrize("kind", RuleKind.values)
@pytest.mark.parametrize("persona", ["clerk", "outsider"])
def test_each_edit_page_is_404_for_a_clerk_and_an_outsider(client, request, kind, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse(f"rules:{kind}")).status_code == 404
    assert client.post(reverse(f"rules:{kind}"), SAVED[kind][0]).status_code == 404
    assert not RuleSet.objects.exists() and not AuditLog.objects.filter(entity="ruleset").exists()


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("rubric", rubric_post(2024, [("班子建设", 60), ("服务群众", 30)]), "各项满分合计须为100分，现为90分"),
        ("rubric", rubric_post(2024, [("班子建设", 60), ("", 40)]), "请填写项目名称"),
        ("star_thresholds", stars_post(2024, [(90, 4), (80, 5)]), "星级分数线：星级高的分数线须高于星级低的"),
        ("star_thresholds", stars_post(2024, [(90, 6)]), "星级分数线第1条：星级须为1到5的整数"),
        ("star_thresholds", stars_post(2024, [("九十", 5)]), "分数须为数字"),
        ("star_thresholds", stars_post(2024, [(90, "")]), "请填写星级"),
        ("star_thresholds", stars_post(2024, [("", "")]), "星级分数线：至少填写一条"),
        ("star_thresholds", {"year": "2024"}, "表单数据不完整，请刷新页面后重新填写"),
        ("bonus_factors", {"year": "2024"} | BONUS | POSITIONS | {"excellent": "12"}, "“优秀”不能大于10"),
        ("bonus_factors", {"year": "2024"} | BONUS | POSITIONS | {"other": "-1"}, "“其他职务”不能小于0"),
        ("bonus_factors", {"year": "2024"} | BONUS | POSITIONS | {"director": "一"}, "村委会主任的系数须为数字"),
        ("bonus_factors", {"year": "2024"} | BONUS, "请填写党组织书记的系数"),
        ("leader_tiers", {"year": "2024"} | LEADERS | {"large_households": "5"}, "大型的带动户数不能少于中型"),
        (
            "leader_tiers",
            {"year": "2024"} | LEADERS | {"medium_income": "1.234"},
            "中型的年收入（万元）最多保留2位小数",
        ),
        ("leader_tiers", {"year": "2024"} | LEADERS | {"medium_households": "2.5"}, "中型的带动户数须为整数"),
        ("training_ratio", {"year": "2024", "region": "0", "city": "3", "county": "5"}, "自治区的份数须大于0"),
        ("training_ratio", {"year": "2024", "region": "2", "city": "3"}, "请填写县的份数"),
        ("training_ratio", {"year": "", "region": "2", "city": "3", "county": "5"}, "请填写年度"),
    ],
)
def test_each_form_explains_in_chinese_even_to_an_english_browser(client, county_user, kind, data, message):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(county_user)
    page = client.post(reverse(f"rules:{kind}"), data)
    assert page.status_code == 200 and message in page.content.decode()
    assert not RuleSet.objects.exists() and not AuditLog.objects.filter(entity="ruleset").exists()


def test_the_rules_page_links_each_form_for_reviewers_only(client, county_user):
    client.force_login(county_user)
    text = client.get(reverse("rules:list")).content.decode()
    assert all(reverse(f"rules:{kind}") in text for kind in RuleKind.values)
    client.force_login(make_user("reader", "640402", "reader"))
    text = client.get(reverse("rules:list")).content.decode()
    assert not any(reverse(f"rules:{kind}") in text for kind in RuleKind.values)


def test_the_service_takes_the_typed_rule_and_checks_a_dict(county_user):
    ruleset_set(actor=county_user, kind="training_ratio", year=2024, code="640402", data=TrainingRatio(1, 1, 1))
    assert RuleSet.objects.get().data == {"region": 1, "city": 1, "county": 1}
    with pytest.raises(DomainError, match="^培训分担比例：县的份数须大于0$"):
        ruleset_set(
            actor=county_user,
            kind="training_ratio",
            year=2025,
            code="640402",
            data={"region": 1, "city": 1, "county": 0},
        )
    assert RuleSet.objects.count() == 1 and AuditLog.objects.filter(entity="ruleset").count() == 1


def test_an_invalid_stored_rule_is_an_error_not_the_default(client, county_user):
    RuleSet.objects.create(kind="star_thresholds", year=2024, code="640402", data={"thresholds": [[90, 5], [80, 5]]})
    RuleSet.objects.create(kind="fund_tiers", year=2024, code="640402", data={"tiers": [[1000, 60000]]})
    expected = "已保存的星级分数线（640402，自2024年起）有误，请重新设置：星级分数线：各条的星级不能重复"
    with pytest.raises(DomainError) as error:
        rule_for("star_thresholds", 2024, VILLAGE)
    assert error.value.message == expected
    with pytest.raises(DomainError, match="须有一档从人口0起"):
        village_fund(VILLAGE, 2024, 1500)
    assert rule_for("star_thresholds", 2023, VILLAGE).stars(90) == 5  # the years before it are untouched
    # The rules page and the form show the error where the rule would be, and the form starts blank.
    client.force_login(county_user)
    text = client.get(reverse("rules:list"), {"year": 2024}).content.decode()
    assert expected in text and "90分及以上：5星" not in text
    page = client.get(reverse("rules:star_thresholds"), {"year": 2024})
    assert expected in page.content.decode() and page.context["body"].initial is None
