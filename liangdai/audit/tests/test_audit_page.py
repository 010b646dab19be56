"""The audit administrator's log: their area only, filtered, paged by id without counting."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from liangdai.audit.models import AuditLog
from liangdai.audit.services import build, record
from liangdai.core.paging import PAGE_SIZE
from liangdai.core.testing import make_user
from liangdai.org.audit_log import AuditFilter, audit_page


@pytest.fixture
def auditadmin(db):
    return make_user("aud", "640402", "auditadmin")


@pytest.fixture
def region_auditadmin(db):
    return make_user("aud-region", "64", "auditadmin")


@pytest.fixture
def far_auditadmin(db):
    return make_user("aud-far", "640425", "auditadmin")


@pytest.fixture
def rows(system, clerk):
    """Two rows in 原州区, one in 彭阳县, one without a code (a failed login of an unknown name)."""
    return {
        "own": record(actor=clerk, action="修改", entity="venue", entity_id="640402103200", code="640402103200"),
        "county": record(actor=system, action="设置规则", entity="ruleset", entity_id="fund", code="640402"),
        "far": record(actor=system, action="修改", entity="venue", entity_id="640425103200", code="640425103200"),
        "nocode": record(actor=None, action="登录失败", entity="user", entity_id="ghost", result="失败"),
    }


def ids(user, **filters):
    found = audit_page(actor=user, filters=AuditFilter(**filters)).items
    return {row.id for row in found}


def test_the_auditadmin_reads_the_rows_of_its_area(auditadmin, rows):
    assert ids(auditadmin) == {rows["own"].id, rows["county"].id}


def test_the_auditadmin_of_another_county_reads_none_of_ours(far_auditadmin, rows):
    assert ids(far_auditadmin) == {rows["far"].id}


def test_the_region_auditadmin_also_reads_rows_without_a_code(region_auditadmin, rows):
    assert {rows["own"].id, rows["far"].id, rows["nocode"].id} <= ids(region_auditadmin)


@pytest.mark.parametrize("role", ["sysadmin", "secadmin", "reviewer", "entry", "reader"])
def test_no_one_else_reads_the_audit_log(db, rows, role):
    assert ids(make_user(f"x-{role}", "64", role)) == set()


def test_an_inactive_auditadmin_reads_nothing(db, rows):
    assert ids(make_user("old-aud", "64", "auditadmin", is_active=False)) == set()


def test_filters_by_actor_action_entity_and_code(auditadmin, rows):
    assert ids(auditadmin, actor="clerk") == {rows["own"].id}
    assert ids(auditadmin, action="设置规则") == {rows["county"].id}
    assert ids(auditadmin, entity="venue") == {rows["own"].id}
    assert ids(auditadmin, code="640402103") == {rows["own"].id}
    assert ids(auditadmin, code="640425") == set()  # outside the area: nothing, as if missing


def test_filters_by_local_date_range(auditadmin, system):
    tz = timezone.get_current_timezone()
    # 2024-03-01 23:30 in 北京时间 is still 1 March there (15:30 UTC).
    late = build(actor=system, action="修改", code="640402")
    late.at = dt.datetime(2024, 3, 1, 23, 30, tzinfo=tz)
    late.save(force_insert=True)
    early = build(actor=system, action="修改", code="640402")
    early.at = dt.datetime(2024, 3, 2, 0, 10, tzinfo=tz)
    early.save(force_insert=True)
    day = dt.date(2024, 3, 1)
    assert ids(auditadmin, start=day, end=day) == {late.id}
    assert ids(auditadmin, start=dt.date(2024, 3, 2), end=dt.date(2024, 3, 2)) == {early.id}
    assert ids(auditadmin, start=day, end=dt.date(2024, 3, 2)) == {late.id, early.id}


def test_pages_go_by_id_newest_first(auditadmin, system):
    made = [record(actor=system, action="修改", code="640402", entity_id=str(i)) for i in range(PAGE_SIZE + 5)]
    first = audit_page(actor=auditadmin, filters=AuditFilter())
    assert [r.id for r in first.items] == [r.id for r in reversed(made)][:PAGE_SIZE]
    assert first.next_cursor == first.items[-1].id
    second = audit_page(actor=auditadmin, filters=AuditFilter(), before=first.next_cursor)
    assert [r.id for r in second.items] == [r.id for r in reversed(made[:5])]
    assert second.next_cursor is None


def test_the_page_shows_rows_and_never_counts_the_table(client, auditadmin, rows):
    client.force_login(auditadmin)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("audit:list"))
    assert page.status_code == 200
    text = page.content.decode()
    assert f'data-id="{rows["own"].id}"' in text and f'data-id="{rows["county"].id}"' in text
    assert f'data-id="{rows["far"].id}"' not in text and f'data-id="{rows["nocode"].id}"' not in text
    assert not [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]


def test_the_page_filters_and_links_to_the_next_page(client, auditadmin, system):
    made = [record(actor=system, action="修改", code="640402", entity_id=str(i)) for i in range(PAGE_SIZE + 1)]
    client.force_login(auditadmin)
    text = client.get(reverse("audit:list"), {"action": "修改"}).content.decode()
    assert f"action=%E4%BF%AE%E6%94%B9&amp;before={made[1].id}" in text
    text = client.get(reverse("audit:list"), {"action": "修改", "before": made[1].id}).content.decode()
    assert f'data-id="{made[0].id}"' in text and f'data-id="{made[1].id}"' not in text


def test_the_page_explains_unusable_filters_in_chinese(client, auditadmin, rows):
    client.force_login(auditadmin)
    text = client.get(reverse("audit:list"), {"start": "昨天", "code": "64x"}).content.decode()
    assert "起始日期“昨天”不是有效日期" in text and "区划代码“64x”须为数字" in text
    assert f'data-id="{rows["own"].id}"' in text


def test_the_page_shows_before_and_after(client, auditadmin, system):
    record(
        actor=system,
        action="修改角色",
        entity="user",
        code="640402",
        before={"role": "entry"},
        after={"role": "reviewer"},
    )
    client.force_login(auditadmin)
    text = client.get(reverse("audit:list")).content.decode()
    assert (
        '<span class="field">角色</span> <span class="before">数据录入</span> → <span class="after">审核</span>' in text
    )


@pytest.mark.parametrize("role", ["sysadmin", "secadmin", "reviewer", "entry", "reader"])
def test_the_page_is_404_for_everyone_else(client, db, role):
    client.force_login(make_user(f"x-{role}", "64", role))
    assert client.get(reverse("audit:list")).status_code == 404


def test_the_outsider_gets_404(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("audit:list")).status_code == 404


def test_anonymous_is_sent_to_login(client, db):
    page = client.get(reverse("audit:list"))
    assert page.status_code == 302 and page.url.startswith(reverse("login"))


def test_the_log_grows_by_one_row_per_login(client, auditadmin):
    before = AuditLog.objects.count()
    client.force_login(auditadmin)
    assert AuditLog.objects.count() == before + 1
