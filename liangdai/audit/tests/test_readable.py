"""The audit log, a village's change history and the rules history read as Chinese to a clerk:
field labels, names instead of ids, no dict text, thousands separators, filters as selects."""

import re

import pytest
from django.urls import reverse

from liangdai.audit.models import AuditLog
from liangdai.audit.services import record
from liangdai.cadres.tests.makers import make_person
from liangdai.core.testing import make_user
from liangdai.rules.services import ruleset_set
from liangdai.villages.services import village_profile_save

VILLAGE = "640402103215"  # 薛庄村委会


@pytest.fixture
def auditadmin(db):
    return make_user("aud", "640402", "auditadmin")


@pytest.fixture
def named_clerk(db):
    return make_user("clerk", "640402103", "entry", last_name="王", first_name="小红")


def _cells(html: str) -> str:
    """The table body of the page: the rows as shown, without the page's frame."""
    return html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]


def _holding_row(person, actor):
    return record(
        actor=actor,
        action="任职",
        entity="holding",
        entity_id=7,
        code=VILLAGE,
        after={"id": 7, "person": person.pk, "village": VILLAGE, "position": "党组织书记", "start": "2021-03-01"},
    )


def test_the_audit_log_shows_field_labels_and_names_not_field_names_ids_or_dicts(client, auditadmin, named_clerk):
    village_profile_save(actor=named_clerk, code=VILLAGE, population=1200, households=300)
    village_profile_save(actor=named_clerk, code=VILLAGE, population=1250, households=300, is_poor=True)
    person = make_person("李四")
    _holding_row(person, named_clerk)
    client.force_login(auditadmin)
    body = _cells(client.get(reverse("audit:list")).content.decode())
    assert (
        '<span class="field">户籍人口</span> <span class="before">1,200</span> → <span class="after">1,250</span>'
        in body
    )
    assert (
        '<span class="field">是否贫困村</span> <span class="before">否</span> → <span class="after">是</span>' in body
    )
    assert '<span class="field">人员</span> <span class="after">李四</span>' in body
    assert '<span class="field">村</span> <span class="after">薛庄村委会</span>' in body
    assert "王小红" in body and "村情 薛庄村委会" in body and "任职 李四" in body
    for raw in ("population", "is_poor", "人员编号", f">{person.pk}<", "{", "'", "user "):
        assert raw not in body


def test_an_amount_is_shown_with_thousands_separators(client, auditadmin, named_clerk):
    record(actor=named_clerk, action="设置奖励总额", entity="bonus_budget", code="640402", after={"amount": 1234567})
    record(
        actor=named_clerk,
        action="新增资金支出",
        entity="spending",
        entity_id=3,
        code=VILLAGE,
        after={"id": 3, "village": VILLAGE, "date": "2024-05-01", "amount": "1234567.50", "purpose": "修路"},
    )
    client.force_login(auditadmin)
    body = _cells(client.get(reverse("audit:list")).content.decode())
    assert '<span class="field">奖励总额（元）</span> <span class="after">1,234,567</span>' in body
    assert '<span class="field">金额（元）</span> <span class="after">1,234,567.50</span>' in body
    assert '<span class="field">日期</span> <span class="after">2024-05-01</span>' in body


def test_identity_numbers_stay_masked_in_the_readable_log(client, auditadmin, named_clerk):
    person = make_person("李四")
    record(
        actor=named_clerk,
        action="新增",
        entity="person",
        entity_id=person.pk,
        code=VILLAGE,
        after={"name": "李四", "id_number": person.id_number},
    )
    client.force_login(auditadmin)
    body = _cells(client.get(reverse("audit:list")).content.decode())
    assert "公民身份号码" in body and person.id_number not in body and "********" in body


def test_the_filters_are_selects_of_the_values_present_in_the_area(client, auditadmin, named_clerk):
    village_profile_save(actor=named_clerk, code=VILLAGE, population=1200)
    record(actor=named_clerk, action="修改别处", entity="venue", code="640425103200")  # 彭阳县: not ours
    client.force_login(auditadmin)
    html = client.get(reverse("audit:list"), {"entity": "village_profile"}).content.decode()
    action = re.search(r'<select name="action">(.*?)</select>', html, re.S)[1]
    entity = re.search(r'<select name="entity">(.*?)</select>', html, re.S)[1]
    assert '<option value="新增村情">新增村情</option>' in action and "修改别处" not in action
    assert '<option value="village_profile" selected>村情</option>' in entity and "venue" not in entity


def test_times_are_kept_on_one_line(client, auditadmin, named_clerk):
    village_profile_save(actor=named_clerk, code=VILLAGE, population=1200)
    client.force_login(auditadmin)
    body = _cells(client.get(reverse("audit:list")).content.decode())
    assert re.search(r'<td style="white-space:nowrap">\d{4}-\d\d-\d\d \d\d:\d\d:\d\d</td>', body)


def test_the_village_history_names_the_person_of_a_holding(client, named_clerk):
    person = make_person("李四")
    _holding_row(person, named_clerk)
    client.force_login(named_clerk)
    response = client.get(reverse("villages:history", args=[VILLAGE]))
    [entry] = response.context["entries"]
    assert entry.changes == [("人员", "", "李四"), ("职务", "", "党组织书记"), ("任职日期", "", "2021-03-01")]
    body = _cells(response.content.decode())
    assert "王小红" in body and "人员编号" not in body and "{" not in body


def test_the_outsider_sees_nothing_of_the_area(client, named_clerk, outsider):
    person = make_person("李四")
    _holding_row(person, named_clerk)
    far_auditadmin = make_user("aud-far", "640425", "auditadmin")
    client.force_login(far_auditadmin)
    html = client.get(reverse("audit:list")).content.decode()
    assert "李四" not in html and "任职" not in html and "薛庄村委会" not in html
    client.force_login(outsider)
    assert client.get(reverse("villages:history", args=[VILLAGE])).status_code == 404


def test_the_rules_history_describes_the_rules_in_sentences(client, db, named_clerk):
    county_user = make_user("county", "640402", "reviewer", last_name="赵", first_name="县")
    ruleset_set(
        actor=county_user, kind="fund_tiers", year=2024, code="640402", data={"tiers": [[0, 55000], [1500, 70000]]}
    )
    ruleset_set(
        actor=county_user,
        kind="star_thresholds",
        year=2024,
        code="640402",
        data={"thresholds": [[90, 5], [80, 4], [70, 3], [60, 2], [50, 1]]},
    )
    assert AuditLog.objects.filter(entity="ruleset").count() == 2
    client.force_login(named_clerk)
    html = client.get(reverse("rules:list"), {"year": 2024}).content.decode()
    history = html.split('id="history-title"', 1)[1]
    assert "为民服务资金档次 · 原州区 · 自2024年起" in history and "赵县" in history
    assert "不足1,500人：每年55,000元" in history and "1,500人及以上：每年70,000元" in history
    assert "90分及以上：5星" in history and "默认规则：" in history
    assert "{" not in history and "tiers" not in history and "fund_tiers/" not in history


def test_the_audit_log_shows_a_rule_change_in_sentences_not_its_keys(client, auditadmin, named_clerk):
    county_user = make_user("county", "640402", "reviewer", last_name="赵", first_name="县")
    ruleset_set(
        actor=county_user,
        kind="star_thresholds",
        year=2024,
        code="640402",
        data={"thresholds": [[90, 5], [80, 4], [70, 3], [60, 2], [50, 1]]},
    )
    client.force_login(auditadmin)
    body = _cells(client.get(reverse("audit:list")).content.decode())
    assert "星级分数线 · 自2024年起" in body
    assert "90分及以上：5星；80分及以上：4星" in body
    assert "thresholds" not in body and "star_thresholds/" not in body and "[[" not in body
