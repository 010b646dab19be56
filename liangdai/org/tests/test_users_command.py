"""`liangdai users add NAME --division CODE --role ROLE [--password-stdin]` (DESIGN.md)."""

import io
import re

import pytest
from django.contrib.auth.password_validation import validate_password

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
