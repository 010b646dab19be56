"""Login safety (DESIGN.md security model): password rules, lockout after 5 failures, 30-minute
idle timeout, and audit rows for logins and failed logins."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from liangdai.audit.models import AuditLog
from liangdai.core.testing import PASSWORD, make_user
from liangdai.org.models import User

CLASSES_MESSAGE = "密码须包含小写字母、大写字母、数字、符号中的至少三类。"


def messages_for(password: str, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return exc.messages
    return []


@pytest.mark.parametrize(
    "password",
    ["Short-1a", "abcdefghijk", "ABCDEFGHIJK", "abcdefgh12", "12345678901", "abcdef!@#$%"],
)
def test_passwords_too_short_or_with_fewer_than_three_classes_are_refused(db, password):
    found = messages_for(password)
    assert found
    if len(password) < 10:
        assert "密码太短，至少须有10个字符。" in found
    else:
        assert CLASSES_MESSAGE in found


@pytest.mark.parametrize("password", ["Abcdefgh12", "abcdefgh1!", "ABCDEFGH1!", "Abcdefgh!!", PASSWORD])
def test_passwords_of_ten_with_three_classes_are_accepted(db, password):
    assert messages_for(password) == []


@pytest.mark.parametrize("password", ["abc", "password123", "12345678901234", "Zhangsan2024!"])
def test_the_password_rules_speak_chinese(db, password):
    found = messages_for(password, User(username="zhangsan2024"))
    assert found and all(any("\u4e00" <= ch <= "\u9fff" for ch in m) for m in found), found


def test_a_password_like_the_username_is_refused(db):
    user = make_user("zhangsan2024", "640402", "entry")
    assert messages_for("Zhangsan2024", user)


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_a_good_login_lands_in_and_is_audited(client, clerk):
    page = login(client, "clerk", PASSWORD)
    assert page.status_code == 302
    [row] = AuditLog.objects.filter(action="登录")
    assert row.actor_id == clerk.pk and row.code == "640402103" and row.ip == "127.0.0.1"


def test_a_failed_login_explains_in_chinese_and_is_audited(client, clerk):
    page = login(client, "clerk", "wrong-Password-1")
    assert page.status_code == 200
    assert "用户名或密码不正确" in page.content.decode()
    [row] = AuditLog.objects.filter(action="登录失败")
    assert (row.entity_id, row.result, row.actor_id) == ("clerk", "失败", None)
    assert row.code == "640402103"  # filed under the account's area, for that area's audit administrator
    assert "wrong-Password-1" not in str(row.before) + str(row.after) + row.note


def test_five_failures_lock_the_account_with_the_chinese_page(client, clerk):
    for _ in range(4):
        assert login(client, "clerk", "wrong-Password-1").status_code == 200
    locked = login(client, "clerk", "wrong-Password-1")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "账号已锁定" in text and "连续5次登录失败" in text
    # Now even the right password is refused, and no session is opened.
    again = login(client, "clerk", PASSWORD)
    assert again.status_code == 429 and "账号已锁定" in again.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditLog.objects.filter(action="登录失败", entity_id="clerk").count() >= 5
    assert not AuditLog.objects.filter(action="登录", actor=clerk).exists()


def test_the_lock_is_per_account_not_per_address(client, clerk, county_user):
    for _ in range(5):
        login(client, "clerk", "wrong-Password-1")
    assert login(client, "county", PASSWORD).status_code == 302


def test_four_failures_then_success_resets_the_count(client, clerk):
    for _ in range(4):
        login(client, "clerk", "wrong-Password-1")
    assert login(client, "clerk", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert login(client, "clerk", "wrong-Password-1").status_code == 200


def test_a_deactivated_account_cannot_log_in(client, db):
    make_user("gone", "640402", "entry", is_active=False)
    page = login(client, "gone", PASSWORD)
    assert page.status_code == 200 and "_auth_user_id" not in client.session


def session_row(client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_a_session_lasts_thirty_idle_minutes(client, clerk):
    login(client, "clerk", PASSWORD)
    assert settings.SESSION_COOKIE_AGE == 1800 and settings.SESSION_SAVE_EVERY_REQUEST
    assert client.session.get_expiry_age() == 1800
    left = session_row(client).expire_date - timezone.now()
    assert dt.timedelta(minutes=29) < left <= dt.timedelta(minutes=30)


def test_each_request_refreshes_the_idle_timeout(client, clerk):
    login(client, "clerk", PASSWORD)
    row = session_row(client)
    # As if the user had been idle for 29 minutes: one minute left.
    Session.objects.filter(pk=row.pk).update(expire_date=timezone.now() + dt.timedelta(minutes=1))
    assert client.get(reverse("reports:node", args=["640402103"])).status_code == 200
    left = session_row(client).expire_date - timezone.now()
    assert left > dt.timedelta(minutes=29)


def test_thirty_idle_minutes_end_the_session(client, clerk):
    login(client, "clerk", PASSWORD)
    row = session_row(client)
    Session.objects.filter(pk=row.pk).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    page = client.get(reverse("reports:node", args=["640402103"]))
    assert page.status_code == 302 and page.url.startswith(reverse("login"))


def test_logout_is_audited(client, clerk):
    login(client, "clerk", PASSWORD)
    client.post(reverse("logout"))
    assert AuditLog.objects.filter(action="退出", actor=clerk).count() == 1
