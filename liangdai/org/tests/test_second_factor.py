"""The second factor (issue 12): the three administrators and users who may reveal numbers give a
code from an authenticator app after their password, and set one up at their first login; anyone
else may. Logged in through the real login page here, never with force_login."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from liangdai.audit.models import AuditLog
from liangdai.core.testing import PASSWORD, make_user
from liangdai.org import second_factor
from liangdai.org.models import User

HOME = "/n/640402/"


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def _password_login(user: User) -> Client:
    browser = Client()
    response = browser.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def _actions(user: User) -> list[tuple[str, str]]:
    return list(AuditLog.objects.filter(entity="user", entity_id=str(user.pk)).values_list("action", "result"))


@pytest.mark.parametrize(
    ("role", "can_reveal", "required"),
    [
        ("sysadmin", False, True),
        ("secadmin", False, True),
        ("auditadmin", False, True),
        ("reviewer", True, True),
        ("reviewer", False, False),
        ("entry", False, False),
        ("reader", False, False),
    ],
)
def test_who_must_use_a_second_factor(db, role, can_reveal, required):
    user = make_user(f"u_{role}_{can_reveal}", "640402", role, can_reveal=can_reveal)
    assert second_factor.required(user) is required


def test_an_administrator_with_only_a_password_reaches_nothing_but_the_code_page(db):
    admin = make_user("sec", "640402", "secadmin")
    browser = _password_login(admin)
    for path in ("/", reverse("org:users"), HOME, reverse("password_change")):
        response = browser.get(path)
        assert response.status_code == 302 and response.url == reverse("second_factor"), path
    api = browser.get("/api/divisions/640402")
    assert api.status_code == 401 and "两步验证" in api.json()["detail"]
    htmx = browser.get(reverse("org:users"), headers={"HX-Request": "true"})
    assert htmx.status_code == 204 and htmx["HX-Redirect"] == reverse("second_factor")
    page = browser.get(reverse("second_factor"))
    assert page.status_code == 200 and "必须使用两步验证" in page.content.decode()
    assert "<svg" in page.content.decode() and page.context["secret"]


def test_setting_up_with_the_right_code_opens_the_system_and_is_audited(db):
    admin = make_user("sec", "640402", "secadmin")
    browser = _password_login(admin)
    browser.get(reverse("second_factor"))
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    response = browser.post(reverse("second_factor"), {"token": _code(device)})
    assert response.status_code == 302
    assert browser.get(reverse("org:permissions")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert ("启用两步验证", "成功") in _actions(admin)


def test_a_wrong_code_is_refused_audited_and_leaves_the_login_held(db):
    reviewer = make_user("rev", "640402", "reviewer", can_reveal=True)
    TOTPDevice.objects.create(user=reviewer, name="app", confirmed=True)
    browser = _password_login(reviewer)
    page = browser.post(reverse("second_factor"), {"token": "000000x"})
    assert page.status_code == 200 and second_factor.BAD_CODE in page.content.decode()
    assert browser.get(HOME).url == reverse("second_factor")
    assert ("两步验证", "失败") in _actions(reviewer)


def test_a_confirmed_device_is_asked_for_at_every_login_and_the_right_code_lets_in(db):
    reviewer = make_user("rev", "640402", "reviewer", can_reveal=True)
    device = TOTPDevice.objects.create(user=reviewer, name="app", confirmed=True)
    browser = _password_login(reviewer)
    assert browser.get(HOME).url == reverse("second_factor")
    browser.post(reverse("second_factor"), {"token": _code(device)})
    assert browser.get(HOME).status_code == 200
    assert ("两步验证", "成功") in _actions(reviewer)


def test_a_clerk_is_not_held_but_may_turn_the_second_factor_on_and_off(db):
    clerk = make_user("clerk", "640402103", "entry")
    browser = _password_login(clerk)
    assert browser.get("/n/640402103/").status_code == 200
    settings_page = browser.get(reverse("second_factor_settings"))
    assert settings_page.status_code == 200 and "<svg" in settings_page.content.decode()
    device = TOTPDevice.objects.get(user=clerk, confirmed=False)
    browser.post(reverse("second_factor_settings"), {"token": _code(device)})
    assert second_factor.confirmed_device(clerk) is not None
    assert browser.get("/n/640402103/").status_code == 200  # this session gave the code
    later = _password_login(clerk)
    assert later.get("/n/640402103/").url == reverse("second_factor")  # the next login is held
    browser.post(reverse("second_factor_settings"), {"action": "remove"})
    assert second_factor.confirmed_device(clerk) is None
    assert ("关闭两步验证", "成功") in _actions(clerk)


def test_a_required_user_cannot_turn_it_off_and_only_the_security_administrator_resets_it(db):
    reviewer = make_user("rev", "640402", "reviewer", can_reveal=True)
    TOTPDevice.objects.create(user=reviewer, name="app", confirmed=True)
    with pytest.raises(Exception, match="必须使用两步验证"):
        second_factor.second_factor_remove(actor=reviewer, user=reviewer)
    sysadmin = make_user("sys", "640402", "sysadmin")
    with pytest.raises(Exception, match="安全管理员"):
        second_factor.second_factor_remove(actor=sysadmin, user=reviewer)
    outside = make_user("sec_out", "640425", "secadmin")
    with pytest.raises(Exception, match="安全管理员"):
        second_factor.second_factor_remove(actor=outside, user=reviewer)
    assert second_factor.confirmed_device(reviewer) is not None
    secadmin = make_user("sec", "640402", "secadmin")
    second_factor.second_factor_remove(actor=secadmin, user=reviewer)
    assert not TOTPDevice.objects.filter(user=reviewer).exists()
    assert ("重置两步验证", "成功") in _actions(reviewer)


def test_every_page_links_to_the_second_factor_settings(client, clerk):
    client.force_login(clerk)
    assert reverse("second_factor_settings") in client.get("/n/640402103/").content.decode()


def test_the_security_administrator_resets_a_lost_authenticator_from_the_permissions_page(client, db):
    reviewer = make_user("rev", "640402103", "reviewer", can_reveal=True)
    TOTPDevice.objects.create(user=reviewer, name="app", confirmed=True)
    outsider = make_user("rev_out", "640425", "reviewer", can_reveal=True)
    secadmin = make_user("sec", "640402", "secadmin")
    client.force_login(secadmin)
    page = client.get(reverse("org:permissions")).content.decode()
    assert reverse("org:user_second_factor", args=[reviewer.pk]) in page
    assert client.post(reverse("org:user_second_factor", args=[outsider.pk])).status_code == 404
    client.post(reverse("org:user_second_factor", args=[reviewer.pk]))
    assert second_factor.confirmed_device(reviewer) is None
    held = _password_login(reviewer)
    assert held.get(HOME).url == reverse("second_factor")  # sets up a new one at the next login
    assert "<svg" in held.get(reverse("second_factor")).content.decode()
