"""Who holds an account (issue 11): a real name, a unit and a phone, kept by the system
administrator of the area on the account pages, the phone masked there (no administrator may
reveal numbers) and sealed in the audit rows; and every administrator starts at their own page."""

import pytest
from django.db import connection
from django.urls import reverse

from liangdai.audit.models import AuditLog
from liangdai.core.testing import make_user
from liangdai.org import services
from liangdai.org.models import User

PHONE, NEW_PHONE = "13912345678", "18600001111"


@pytest.fixture
def sysadmin(db):
    return make_user("sys", "640402", "sysadmin")


@pytest.fixture
def holder(db):
    return make_user("ma", "640402103", "entry", first_name="马丽", unit="官厅镇党委", phone=PHONE)


def as_user(client, user):
    client.force_login(user)
    return client


def test_the_account_list_shows_name_unit_and_a_masked_phone(client, sysadmin, holder):
    text = as_user(client, sysadmin).get(reverse("org:users")).content.decode()
    assert "马丽" in text and "官厅镇党委" in text and "139****5678" in text
    assert PHONE not in text


def test_the_account_list_finds_an_account_by_its_holders_name_or_unit(client, sysadmin, holder, clerk):
    client = as_user(client, sysadmin)
    for query in ("马丽", "镇党委"):
        text = client.get(reverse("org:users"), {"q": query}).content.decode()
        assert ">ma<" in text and ">clerk<" not in text


def test_the_edit_page_never_shows_the_full_phone(client, sysadmin, holder):
    page = as_user(client, sysadmin).get(reverse("org:user_edit", args=[holder.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "139****5678" in text and PHONE not in text
    assert 'value="马丽"' in text and 'value="官厅镇党委"' in text


def test_the_sysadmin_corrects_name_and_unit_keeping_the_phone(client, sysadmin, holder):
    data = {"real_name": "马莉", "unit": "官厅镇人民政府", "phone": ""}
    page = as_user(client, sysadmin).post(reverse("org:user_edit", args=[holder.pk]), data)
    assert page.status_code == 302 and page.url == reverse("org:users")
    holder.refresh_from_db()
    assert (holder.first_name, holder.unit, holder.phone) == ("马莉", "官厅镇人民政府", PHONE)
    row = AuditLog.objects.get(action="修改账号信息", entity_id=str(holder.pk))
    assert row.before == {"username": "ma", "real_name": "马丽", "unit": "官厅镇党委"}
    assert row.after == {"username": "ma", "real_name": "马莉", "unit": "官厅镇人民政府"}


def test_a_new_phone_replaces_the_old_and_is_sealed_in_the_audit_row(client, sysadmin, holder):
    data = {"real_name": "马丽", "unit": "官厅镇党委", "phone": NEW_PHONE}
    as_user(client, sysadmin).post(reverse("org:user_edit", args=[holder.pk]), data)
    holder.refresh_from_db()
    assert holder.phone == NEW_PHONE
    row = AuditLog.objects.get(action="修改账号信息")
    assert PHONE not in str(row.before) and NEW_PHONE not in str(row.after)
    assert set(row.after) == {"username", "phone"}


def test_the_phone_can_be_removed(client, sysadmin, holder):
    data = {"real_name": "马丽", "unit": "官厅镇党委", "phone": "", "remove_phone": "on"}
    as_user(client, sysadmin).post(reverse("org:user_edit", args=[holder.pk]), data)
    holder.refresh_from_db()
    assert holder.phone == ""


def test_a_wrong_phone_is_refused_in_chinese_and_nothing_changes(client, sysadmin, holder):
    data = {"real_name": "马莉", "unit": "官厅镇党委", "phone": "0954123"}
    page = as_user(client, sysadmin).post(reverse("org:user_edit", args=[holder.pk]), data)
    assert page.status_code == 200 and "联系电话应为以1开头的11位手机号码" in page.content.decode()
    holder.refresh_from_db()
    assert (holder.first_name, holder.phone) == ("马丽", PHONE)
    assert not AuditLog.objects.filter(action="修改账号信息").exists()


def test_saving_unchanged_writes_nothing(sysadmin, holder):
    services.user_update_holder(actor=sysadmin, user_id=holder.pk, real_name="马丽", unit="官厅镇党委")
    assert not AuditLog.objects.filter(action="修改账号信息").exists()


def test_the_sysadmin_of_another_county_and_other_administrators_get_404(client, holder):
    url = reverse("org:user_edit", args=[holder.pk])
    for user in (make_user("far", "640425", "sysadmin"), make_user("sec", "640402", "secadmin"), holder):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"real_name": "x", "unit": "", "phone": ""}).status_code == 404
    holder.refresh_from_db()
    assert holder.first_name == "马丽"


def test_a_new_account_made_on_the_page_carries_its_holder(client, sysadmin):
    data = {"username": "zhou", "division_code": "640402103", "real_name": "周平", "unit": "官厅镇", "phone": PHONE}
    page = as_user(client, sysadmin).post(reverse("org:user_new"), data)
    assert page.status_code == 200 and "密码只显示这一次" in page.content.decode()
    user = User.objects.get(username="zhou")
    assert (user.first_name, user.unit, user.phone) == ("周平", "官厅镇", PHONE)


def test_the_security_administrator_sees_who_holds_each_account(client, holder):
    text = as_user(client, make_user("sec", "640402", "secadmin")).get(reverse("org:permissions")).content.decode()
    assert "马丽" in text and "官厅镇党委" in text and PHONE not in text


def test_an_accounts_phone_is_stored_encrypted(holder):
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM org_user WHERE id = %s", [holder.pk])
        [stored] = cursor.fetchone()
    assert stored.startswith("e1:") and PHONE not in stored
    assert User.objects.get(pk=holder.pk).phone == PHONE
