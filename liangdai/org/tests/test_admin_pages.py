"""The system and security administrators' pages: each admin only their own, only their area."""

from html import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liangdai.audit.models import AuditLog
from liangdai.core.testing import make_user
from liangdai.org.models import User

SYSADMIN_PAGES = ["org:users", "org:user_new"]
SECADMIN_PAGES = ["org:permissions"]


@pytest.fixture
def sysadmin(db):
    return make_user("sys", "640402", "sysadmin")


@pytest.fixture
def secadmin(db):
    return make_user("sec", "640402", "secadmin")


@pytest.fixture
def auditadmin(db):
    return make_user("aud", "640402", "auditadmin")


@pytest.fixture
def far_sysadmin(db):
    """Bob's county has its own system administrator: he must see nothing of 原州区."""
    return make_user("far-sys", "640425", "sysadmin")


def as_user(client, user):
    client.force_login(user)
    return client


def test_sysadmin_lists_the_accounts_of_its_area_only(client, sysadmin, clerk, outsider):
    page = as_user(client, sysadmin).get(reverse("org:users"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "clerk" in text and "官厅镇" in text
    assert "outsider" not in text


def test_the_sysadmin_of_another_county_sees_none_of_ours(client, far_sysadmin, clerk, outsider):
    text = as_user(client, far_sysadmin).get(reverse("org:users")).content.decode()
    assert "outsider" in text and "clerk" not in text


def test_user_list_pages_by_id_without_counting(client, sysadmin):
    users = [make_user(f"u{i:03d}", "640402103", "reader") for i in range(55)]
    client = as_user(client, sysadmin)
    with CaptureQueriesContext(connection) as queries:
        first = client.get(reverse("org:users")).content.decode()
    assert not [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert "u000" in first and "u049" in first and "u050" not in first
    assert f'after={users[49].id}">下一页' in first
    second = client.get(reverse("org:users"), {"after": users[49].id}).content.decode()
    assert "u050" in second and "u054" in second and "u049" not in second
    assert "下一页" not in second


def test_user_list_search_by_name_or_division(client, sysadmin, clerk, county_user):
    client = as_user(client, sysadmin)
    text = client.get(reverse("org:users"), {"q": "官厅"}).content.decode()
    assert "clerk" in text and ">county<" not in text


@pytest.mark.parametrize("name", SYSADMIN_PAGES + SECADMIN_PAGES)
def test_anonymous_is_sent_to_login(client, name):
    page = client.get(reverse(name))
    assert page.status_code == 302 and page.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ["secadmin", "auditadmin", "entry", "reviewer", "reader"])
@pytest.mark.parametrize("name", SYSADMIN_PAGES)
def test_sysadmin_pages_are_404_for_everyone_else(client, db, role, name):
    user = make_user(f"x-{role}", "64", role)
    assert as_user(client, user).get(reverse(name)).status_code == 404


@pytest.mark.parametrize("role", ["sysadmin", "auditadmin", "entry", "reviewer", "reader"])
def test_secadmin_pages_are_404_for_everyone_else(client, db, role):
    user = make_user(f"x-{role}", "64", role)
    assert as_user(client, user).get(reverse("org:permissions")).status_code == 404


def test_an_admin_without_a_division_gets_404(client, db):
    admin = make_user("lost", None, "sysadmin")
    assert as_user(client, admin).get(reverse("org:users")).status_code == 404


def test_creating_a_user_shows_the_password_once(client, sysadmin):
    page = as_user(client, sysadmin).post(
        reverse("org:user_new"), {"username": "zhao", "real_name": "赵敏", "division_code": "640402103"}
    )
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    password = page.context["password"]
    assert escape(password) in page.content.decode() and "只显示这一次" in page.content.decode()
    user = User.objects.get(username="zhao")
    assert user.check_password(password) and user.division_id == "640402103" and user.first_name == "赵敏"
    assert user.role == "none" and user.must_change_password  # no role until the secadmin grants one
    assert AuditLog.objects.filter(action="创建用户", entity_id=str(user.pk), actor=sysadmin).exists()
    assert escape(password) not in as_user(client, sysadmin).get(reverse("org:users")).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"username": "", "real_name": "赵敏", "division_code": "640402"}, "请填写用户名"),
        ({"username": "a b", "real_name": "赵敏", "division_code": "640402"}, "用户名为3至150个"),
        ({"username": "zhao", "real_name": "赵敏", "division_code": "6404021"}, "区划代码为2、4、6、9或12位数字"),
        ({"username": "zhao", "real_name": "", "division_code": "640402"}, "请填写姓名"),
        ({"username": "zhao", "real_name": "赵敏", "division_code": "640425"}, "无权在该区划创建此角色的用户"),
        ({"username": "zhao", "real_name": "赵敏", "division_code": "640402999"}, "区划代码 640402999 不存在"),
        ({"username": "sys", "real_name": "赵敏", "division_code": "640402"}, "用户名 sys 已存在"),
    ],
)
def test_creating_a_user_explains_errors_in_chinese(client, sysadmin, data, message):
    page = as_user(client, sysadmin).post(reverse("org:user_new"), data)
    assert page.status_code == 200
    assert message in page.content.decode()
    assert not User.objects.filter(username="zhao").exists()


def test_deactivate_and_reactivate_from_the_list(client, sysadmin, clerk):
    client = as_user(client, sysadmin)
    page = client.post(reverse("org:user_active", args=[clerk.pk]), {"active": "0"}, follow=True)
    clerk.refresh_from_db()
    assert not clerk.is_active and "已停用用户 clerk" in page.content.decode()
    client.post(reverse("org:user_active", args=[clerk.pk]), {"active": "1"})
    clerk.refresh_from_db()
    assert clerk.is_active


def test_a_deactivated_user_is_logged_out_and_cannot_log_in(client, sysadmin, clerk):
    from django.test import Client

    theirs = Client()
    theirs.force_login(clerk)
    assert theirs.get(reverse("reports:home")).status_code in (200, 302)
    as_user(client, sysadmin).post(reverse("org:user_active", args=[clerk.pk]), {"active": "0"})
    page = theirs.get(reverse("reports:node", args=["640402103"]))
    assert page.status_code == 302 and page.url.startswith(reverse("login"))


def test_reset_password_shows_the_new_one_once_and_ends_old_sessions(client, sysadmin, clerk):
    from django.test import Client

    theirs = Client()
    theirs.force_login(clerk)
    page = as_user(client, sysadmin).post(reverse("org:user_password", args=[clerk.pk]))
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    clerk.refresh_from_db()
    assert clerk.check_password(page.context["password"])
    later = theirs.get(reverse("reports:node", args=["640402103"]))
    assert later.status_code == 302 and later.url.startswith(reverse("login"))


def test_actions_on_users_outside_the_area_are_404(client, sysadmin, secadmin, outsider):
    client = as_user(client, sysadmin)
    assert client.post(reverse("org:user_active", args=[outsider.pk]), {"active": "0"}).status_code == 404
    assert client.post(reverse("org:user_password", args=[outsider.pk])).status_code == 404
    client = as_user(client, secadmin)
    assert client.post(reverse("org:user_role", args=[outsider.pk]), {"role": "reader"}).status_code == 404
    assert client.post(reverse("org:user_reveal", args=[outsider.pk]), {"can_reveal": "1"}).status_code == 404
    outsider.refresh_from_db()
    assert outsider.is_active and outsider.role == "entry" and not outsider.can_reveal


def test_actions_need_post(client, sysadmin, clerk):
    client = as_user(client, sysadmin)
    assert client.get(reverse("org:user_active", args=[clerk.pk])).status_code == 405
    assert client.get(reverse("org:user_password", args=[clerk.pk])).status_code == 405


def test_secadmin_sees_its_area_and_changes_a_role(client, secadmin, clerk, outsider):
    client = as_user(client, secadmin)
    text = client.get(reverse("org:permissions")).content.decode()
    assert "clerk" in text and "outsider" not in text
    page = client.post(reverse("org:user_role", args=[clerk.pk]), {"role": "reader"}, follow=True)
    clerk.refresh_from_db()
    assert clerk.role == "reader" and "已将 clerk 的角色改为查阅" in page.content.decode()


def test_secadmin_cannot_raise_a_user_to_administrator(client, secadmin, clerk):
    page = as_user(client, secadmin).post(reverse("org:user_role", args=[clerk.pk]), {"role": "sysadmin"}, follow=True)
    clerk.refresh_from_db()
    assert clerk.role == "entry" and "角色只能是数据录入、审核或查阅" in page.content.decode()


def test_secadmin_grants_and_withdraws_reveal(client, secadmin, clerk):
    client = as_user(client, secadmin)
    client.post(reverse("org:user_reveal", args=[clerk.pk]), {"can_reveal": "1"})
    clerk.refresh_from_db()
    assert clerk.can_reveal
    client.post(reverse("org:user_reveal", args=[clerk.pk]), {"can_reveal": "0"})
    clerk.refresh_from_db()
    assert not clerk.can_reveal
    page = client.post(reverse("org:user_reveal", args=[clerk.pk]), {"can_reveal": "maybe"}, follow=True)
    assert "请选择授予或收回" in page.content.decode()


def test_sysadmin_cannot_use_the_secadmin_actions(client, sysadmin, clerk):
    client = as_user(client, sysadmin)
    assert client.post(reverse("org:user_role", args=[clerk.pk]), {"role": "reviewer"}).status_code == 404
    assert client.post(reverse("org:user_reveal", args=[clerk.pk]), {"can_reveal": "1"}).status_code == 404
    clerk.refresh_from_db()
    assert clerk.role == "entry" and not clerk.can_reveal


@pytest.mark.parametrize("role", ["sysadmin", "secadmin", "auditadmin"])
def test_administrators_get_nothing_of_the_data_pages(client, db, role):
    admin = make_user(f"x-{role}", "640402", role)
    client = as_user(client, admin)
    assert client.get(reverse("reports:node", args=["640402"])).status_code == 404
    assert client.get(reverse("rules:list")).status_code == 404
    search = client.get(reverse("reports:search"), {"q": "官厅"})
    assert "640402103" not in search.content.decode()
