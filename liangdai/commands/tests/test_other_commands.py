"""`liangdai indicators`, `users add` and `divisions load` (DESIGN.md's command line)."""

import datetime as dt
import io
import json

from liangdai.audit.models import AuditLog
from liangdai.cli import main
from liangdai.core.testing import make_profile, make_venue
from liangdai.indicators.registry import REGISTRY
from liangdai.org.models import Division, User


def test_indicators_json_has_the_documented_shape(db, capsys):
    make_venue("640402103200", area=471, build_mode="扩建", completed_on=dt.date(2019, 4, 24))
    make_venue("640402103201", area=150, build_mode="原有", completed_on=None)
    make_profile("640402103200", population=3000)
    code = main(["indicators", "--code", "640402103", "--as-of", "2019-10-31", "--from", "2019-01-01", "--json"])
    assert code == 0
    body = json.loads(capsys.readouterr().out)
    assert list(body) == ["code", "as_of", "from", "indicators"]
    assert (body["code"], body["as_of"], body["from"]) == ("640402103", "2019-10-31", "2019-01-01")
    assert list(body["indicators"]) == [i.id for i in REGISTRY.indicators()]
    figures = body["indicators"]
    assert (figures["villages"], figures["venues_built"], figures["venues_ge_200"]) == (13, 1, 1)
    assert figures["venues_ge_200_share"] == 7.7  # 1 / 13
    assert figures["fund_allocated"] == 100000


def test_indicators_from_defaults_to_the_first_of_january(db, capsys):
    main(["indicators", "--code", "640402", "--as-of", "2019/10/31", "--json"])
    body = json.loads(capsys.readouterr().out)
    assert (body["as_of"], body["from"]) == ("2019-10-31", "2019-01-01")


def test_indicators_as_text_print_the_chinese_labels(db, capsys):
    assert main(["indicators", "--code", "640402103", "--as-of", "2019-10-31"]) == 0
    out = capsys.readouterr().out
    assert "行政村数\t13个" in out


def test_indicators_of_an_unknown_code_exit_2(db, capsys):
    assert main(["indicators", "--code", "649999", "--as-of", "2019-10-31"]) == 2
    assert "区划代码 649999 不存在" in capsys.readouterr().out


def test_users_add_prints_a_generated_password_once(db, capsys):
    assert main(["users", "add", "wang", "--division", "640402103", "--role", "entry"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "已创建用户 wang（数据录入，官厅镇）"
    assert len(lines) == 2 and lines[1].startswith("密码（只显示这一次）：")
    password = lines[1].split("：", 1)[1]
    user = User.objects.get(username="wang")
    assert user.check_password(password) and len(password) >= 10
    assert (user.division_id, user.role) == ("640402103", "entry")
    assert AuditLog.objects.filter(action="创建用户", entity_id=str(user.pk)).exists()


def test_users_add_reads_the_password_from_stdin_and_does_not_print_it(db, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Gu4nting-town!\n"))
    assert main(["users", "add", "li", "--division", "640402", "--role", "reviewer", "--password-stdin"]) == 0
    out = capsys.readouterr().out
    assert "Gu4nting-town!" not in out and "密码" not in out
    assert User.objects.get(username="li").check_password("Gu4nting-town!")


def test_users_add_refuses_a_weak_password(db, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("12345\n"))
    assert main(["users", "add", "zhao", "--division", "640402", "--role", "reader", "--password-stdin"]) == 1
    assert "错误：" in capsys.readouterr().err
    assert not User.objects.filter(username="zhao").exists()


def test_users_add_refuses_an_unknown_role_or_division(db, capsys):
    assert main(["users", "add", "a1", "--division", "640402", "--role", "boss"]) == 1
    assert "未知的角色：boss" in capsys.readouterr().err
    assert main(["users", "add", "a2", "--division", "649999", "--role", "entry"]) == 1
    assert "区划代码 649999 不存在" in capsys.readouterr().err


def test_divisions_load_twice_changes_nothing(db, capsys):
    """The test database already holds Ningxia (conftest); loading it again adds nothing."""
    divisions, audits = Division.objects.count(), AuditLog.objects.count()
    assert main(["divisions", "load", "--province", "64"]) == 0
    assert main(["divisions", "load", "--province", "64"]) == 0
    assert capsys.readouterr().out.splitlines() == [f"区划：共 {divisions} 个，新增 0 个"] * 2
    assert (Division.objects.count(), AuditLog.objects.count()) == (divisions, audits)
