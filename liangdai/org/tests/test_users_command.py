"""`liangdai users add NAME --division CODE --role ROLE [--password-stdin]` (DESIGN.md)."""

import io
import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.urls import reverse

from liangdai.audit.models import AuditLog
from liangdai.cli import main
from liangdai.core.testing import PASSWORD
from liangdai.org.models import User


def run(capsys, *argv):
    code = main(["users", "add", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("role", ["entry", "reviewer", "reader", "sysadmin", "secadmin", "auditadmin"])
def test_each_role_of_the_list_can_be_created(db, capsys, role):
    code, out, _ = run(capsys, f"u-{role}", "--division", "640402", "--role", role)
    assert code == 0
    user = User.objects.get(username=f"u-{role}")
    assert user.role == role and user.division_id == "640402" and user.is_active
    assert f"已创建用户 u-{role}" in out and "原州区" in out


def test_a_strong_password_is_generated_and_printed_once(db, capsys):
    code, out, err = run(capsys, "wang", "--division", "640402103", "--role", "entry")
    assert code == 0
    [password] = re.findall(r"密码（只显示这一次）：(\S+)", out)
    user = User.objects.get(username="wang")
    assert user.check_password(password)
    validate_password(password, User(username=user.username))  # the rules, not the history
    assert len(password) >= 16 and (out + err).count(password) == 1
    row = AuditLog.objects.get(action="创建用户", entity_id=str(user.pk))
    assert row.actor_name == "system" and password not in str(row.after)


def test_two_generated_passwords_differ(db, capsys):
    run(capsys, "a-one", "--division", "640402", "--role", "reader")
    run(capsys, "a-two", "--division", "640402", "--role", "reader")
    one, two = User.objects.get(username="a-one"), User.objects.get(username="a-two")
    assert one.password != two.password


def test_password_from_stdin_is_used_and_not_printed(db, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code, out, _ = run(capsys, "li", "--division", "640402", "--role", "reviewer", "--password-stdin")
    assert code == 0 and PASSWORD not in out and "密码" not in out
    assert User.objects.get(username="li").check_password(PASSWORD)


def test_a_weak_password_from_stdin_is_refused_in_chinese(db, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("abc\n"))
    code, _, err = run(capsys, "li", "--division", "640402", "--role", "reviewer", "--password-stdin")
    assert code == 1 and "密码太短" in err
    assert not User.objects.filter(username="li").exists()


@pytest.mark.parametrize("role", ["boss", "system", "admin"])
def test_an_unknown_role_is_refused_with_the_list_of_roles(db, capsys, role):
    code, _, err = run(capsys, "x-user", "--division", "640402", "--role", role)
    assert code == 1
    assert f"未知的角色：{role}" in err
    for known in ("entry", "reviewer", "reader", "sysadmin", "secadmin", "auditadmin"):
        assert known in err
    assert not User.objects.filter(username="x-user").exists()


@pytest.mark.parametrize("division", ["640402999", "99", "6404021032000"])
def test_the_division_must_exist(db, capsys, division):
    code, _, err = run(capsys, "x-user", "--division", division, "--role", "reader")
    assert code == 1 and f"区划代码 {division} 不存在" in err
    assert not User.objects.filter(username="x-user").exists()


def test_a_taken_name_is_refused(db, capsys, clerk):
    code, _, err = run(capsys, "clerk", "--division", "640402", "--role", "reader")
    assert code == 1 and "用户名 clerk 已存在" in err
    assert User.objects.get(username="clerk").role == "entry"


def test_the_help_lists_the_roles(capsys):
    with pytest.raises(SystemExit):
        main(["users", "add", "--help"])
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps lines
    assert "entry / reviewer / reader / sysadmin / secadmin / auditadmin" in out


def test_users_add_records_who_holds_the_account(db, capsys):
    code, _, _ = run(capsys, "ma", "--division", "640402", "--role", "reviewer", "--name", "马丽",
                     "--unit", "原州区委组织部", "--phone", "13912345678")  # fmt: skip
    assert code == 0
    user = User.objects.get(username="ma")
    assert (user.first_name, user.unit, user.phone) == ("马丽", "原州区委组织部", "13912345678")
    row = AuditLog.objects.get(action="创建用户", entity_id=str(user.pk))
    assert "13912345678" not in str(row.after)  # sealed in the audit row, as a cadre's phone


def test_users_add_refuses_a_phone_that_is_not_a_mobile_number(db, capsys):
    code, _, err = run(capsys, "ma", "--division", "640402", "--role", "reader", "--phone", "0954-123")
    assert code == 1 and "联系电话应为以1开头的11位手机号码" in err
    assert not User.objects.filter(username="ma").exists()


def password(capsys, name):
    code = main(["users", "password", name])
    out, err = capsys.readouterr()
    return code, out, err


def test_users_password_prints_a_one_time_password_once_and_audits_it(db, capsys, county_user):
    code, out, err = password(capsys, "county")
    assert code == 0
    [new] = re.findall(r"密码（只显示这一次）：(\S+)", out)
    county_user.refresh_from_db()
    assert county_user.check_password(new) and county_user.must_change_password
    assert (out + err).count(new) == 1
    row = AuditLog.objects.get(action="重置密码", entity_id=str(county_user.pk))
    assert row.actor_name == "system" and new not in str(row.before) + str(row.after)


def test_the_one_time_password_opens_only_the_password_change_page(db, capsys, client, county_user):
    _, out, _ = password(capsys, "county")
    [new] = re.findall(r"密码（只显示这一次）：(\S+)", out)
    page = client.post(reverse("login"), {"username": "county", "password": new})
    assert page.status_code == 302 and page.url == reverse("password_change")
    assert client.get(reverse("reports:node", args=["640402"])).status_code == 302  # to the login page
    data = {"old_password": new, "new_password1": "Neu-Passwort-7x", "new_password2": "Neu-Passwort-7x"}
    assert client.post(reverse("password_change"), data).url == reverse("reports:home")
    assert client.get(reverse("reports:node", args=["640402"])).status_code == 200


def test_users_password_lifts_a_lockout(db, capsys, client, county_user):
    for _ in range(5):
        client.post(reverse("login"), {"username": "county", "password": "wrong-Password-1"})
    assert client.post(reverse("login"), {"username": "county", "password": PASSWORD}).status_code == 429
    _, out, _ = password(capsys, "county")
    [new] = re.findall(r"密码（只显示这一次）：(\S+)", out)
    page = client.post(reverse("login"), {"username": "county", "password": new})
    assert page.status_code == 302 and page.url == reverse("password_change")


def test_users_password_of_an_unknown_name_says_so_in_chinese(db, capsys, county_user):
    code, out, err = password(capsys, "County")
    assert code == 1 and out == ""
    assert "错误：用户 County 不存在" in err
    assert not AuditLog.objects.filter(action="重置密码").exists()
