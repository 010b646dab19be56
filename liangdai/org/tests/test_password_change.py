"""One-time and expiring passwords, and no reuse (issue 12): a password set by an administrator,
or older than 90 days, lets its user do nothing but set a new one; none of the last 5 comes back."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from liangdai.audit.models import AuditLog
from liangdai.cli import main
from liangdai.core.testing import PASSWORD, make_user
from liangdai.org import services
from liangdai.org.models import User

NEW = "Neu-Passwort-7x"


@pytest.fixture
def sysadmin(db):
    return make_user("sys", "640402", "sysadmin")


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def change(client, old, new, again=None):
    data = {"old_password": old, "new_password1": new, "new_password2": again or new}
    return client.post(reverse("password_change"), data)


def test_a_reset_password_only_opens_the_password_change_page(client, sysadmin, clerk):
    _, password = services.user_reset_password(actor=sysadmin, user_id=clerk.pk)
    page = login(client, "clerk", password)
    assert page.status_code == 302 and page.url == reverse("password_change")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("reports:home")).status_code == 302  # to the login page
    assert not AuditLog.objects.filter(action="登录").exists()
    form = client.get(reverse("password_change"))
    assert form.status_code == 200 and "须先设置新密码" in form.content.decode()


def test_setting_a_new_password_logs_in_clears_the_flag_and_is_audited(client, sysadmin, clerk):
    _, password = services.user_reset_password(actor=sysadmin, user_id=clerk.pk)
    login(client, "clerk", password)
    page = change(client, password, NEW)
    assert page.status_code == 302 and page.url == reverse("reports:home")
    assert client.session["_auth_user_id"] == str(clerk.pk)  # logged in
    clerk.refresh_from_db()
    assert not clerk.must_change_password and clerk.check_password(NEW)
    row = AuditLog.objects.get(action="修改密码")
    assert row.actor_id == clerk.pk and row.before["must_change_password"] is True
    assert NEW not in str(row.before) + str(row.after) and AuditLog.objects.filter(action="登录").exists()


def test_a_new_account_made_by_the_sysadmin_must_change_its_password(client, sysadmin):
    _, password = services.user_create(actor=sysadmin, username="zhao", division_code="640402103")
    assert login(client, "zhao", password).url == reverse("password_change")


def test_the_command_line_generated_password_is_one_time_a_given_one_is_not(client, db, capsys, monkeypatch):
    assert main(["users", "add", "wang", "--division", "640402103", "--role", "entry"]) == 0
    [password] = re.findall(r"密码（只显示这一次）：(\S+)", capsys.readouterr().out)
    assert User.objects.get(username="wang").must_change_password
    assert login(client, "wang", password).url == reverse("password_change")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["users", "add", "li", "--division", "640402103", "--role", "entry", "--password-stdin"]) == 0
    assert login(client, "li", PASSWORD).url == reverse("reports:home")


def test_a_password_older_than_90_days_must_be_changed(client, clerk):
    User.objects.filter(pk=clerk.pk).update(password_changed_at=timezone.now() - dt.timedelta(days=91))
    assert login(client, "clerk", PASSWORD).url == reverse("password_change")
    change(client, PASSWORD, NEW)
    assert client.session["_auth_user_id"] == str(clerk.pk)  # logged in


def test_a_password_of_89_days_still_logs_in(client, clerk):
    User.objects.filter(pk=clerk.pk).update(password_changed_at=timezone.now() - dt.timedelta(days=89))
    assert login(client, "clerk", PASSWORD).url == reverse("reports:home")


def test_the_change_page_speaks_chinese(client, sysadmin, clerk):
    _, password = services.user_reset_password(actor=sysadmin, user_id=clerk.pk)
    login(client, "clerk", password)
    assert "原密码不正确" in change(client, "wrong-Pass-1", NEW).content.decode()
    assert "两次输入的新密码不一致" in change(client, password, NEW, NEW + "x").content.decode()
    assert "密码太短" in change(client, password, "Ab1!").content.decode()
    assert "请填写新密码" in change(client, password, "").content.decode()
    clerk.refresh_from_db()
    assert clerk.must_change_password


def test_the_one_time_password_cannot_be_kept(client, sysadmin, clerk):
    _, password = services.user_reset_password(actor=sysadmin, user_id=clerk.pk)
    login(client, "clerk", password)
    assert "不能与最近5次使用过的密码相同" in change(client, password, password).content.decode()


def test_none_of_the_last_five_passwords_comes_back(client, clerk):
    client.force_login(clerk)
    used = [f"Passwort-{i}-Abc" for i in range(6)]
    current = PASSWORD
    for password in used:
        assert change(client, current, password).status_code == 302
        current = password
    for password in used[1:]:
        page = change(client, current, password)
        assert "不能与最近5次使用过的密码相同" in page.content.decode(), password
    assert change(client, current, used[0]).status_code == 302  # six changes ago: allowed again


def test_a_reset_after_the_login_cancels_the_pending_change(client, sysadmin, clerk):
    _, password = services.user_reset_password(actor=sysadmin, user_id=clerk.pk)
    login(client, "clerk", password)
    services.user_reset_password(actor=sysadmin, user_id=clerk.pk)
    assert client.get(reverse("password_change")).url == reverse("login")


def test_without_a_login_the_change_page_goes_to_the_login(client, db):
    assert client.get(reverse("password_change")).url == reverse("login")


def test_the_password_page_is_reached_from_every_page(client, clerk):
    client.force_login(clerk)
    page = client.get("/", follow=True).content.decode()
    assert f'href="{reverse("password_change")}"' in page
