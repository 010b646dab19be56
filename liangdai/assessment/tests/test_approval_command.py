"""`liangdai approval` (DESIGN.md): each action as --user, exit 0 done and 1 refused with the reason
in Chinese; `status --json` in the shape the contract gives."""

import json

import pytest
from django.utils import translation

from liangdai.assessment.models import Approval
from liangdai.cli import main
from liangdai.core.tests.test_i18n import needs_english

TOWNSHIP, COUNTY = "640402103", "640402"


def run(*args: str) -> int:
    return main(["approval", *args])


def test_the_cycle_on_the_command_line(clerk, county_user, capsys):
    year = ["--code", TOWNSHIP, "--year", "2019"]
    assert run("submit", *year, "--user", "clerk") == 0
    assert "已上报" in capsys.readouterr().out
    assert run("return", *year, "--user", "county") == 1
    assert "退回须填写理由" in capsys.readouterr().err
    assert run("approve", *year, "--user", "clerk") == 1
    assert "无权审核" in capsys.readouterr().err
    assert run("approve", *year, "--user", "county") == 0
    assert run("reopen", *year, "--user", "county", "--reason", "更正") == 0
    assert Approval.objects.get().state == "returned"


def test_an_outsider_and_an_unknown_township_are_refused(clerk, outsider, capsys):
    assert run("submit", "--code", TOWNSHIP, "--year", "2019", "--user", "outsider") == 1
    assert "不存在或不在您的管辖范围内" in capsys.readouterr().err
    assert run("submit", "--code", "640402999", "--year", "2019", "--user", "clerk") == 1
    assert not Approval.objects.exists()


def test_status_json_has_the_contract_shape(clerk, county_user, capsys):
    assert run("submit", "--code", TOWNSHIP, "--year", "2019", "--user", "clerk") == 0
    capsys.readouterr()
    assert run("status", "--code", COUNTY, "--year", "2019", "--json") == 0
    printed = json.loads(capsys.readouterr().out)
    assert set(printed) == {"code", "year", "states"} and (printed["code"], printed["year"]) == (COUNTY, 2019)
    assert printed["states"][TOWNSHIP] == "submitted"
    assert set(printed["states"].values()) == {"submitted", "draft"}


def test_status_as_an_outsider_is_refused(outsider, capsys):
    assert run("status", "--code", COUNTY, "--year", "2019", "--user", "outsider", "--json") == 1
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("action", ["submit", "approve", "return", "reopen"])
def test_an_unknown_user_is_refused_without_a_traceback(db, action):
    with pytest.raises(SystemExit, match="用户 nobody 不存在或已停用"):
        run(action, "--code", TOWNSHIP, "--year", "2019", "--user", "nobody")


@needs_english
def test_the_command_line_speaks_chinese_even_after_an_english_page(client, clerk, capsys):
    client.cookies["django_language"] = "en"
    assert "<h1>Log in</h1>" in client.get("/login/").content.decode()
    assert translation.get_language() == "zh-hans"  # the page's English did not outlive its request
    with translation.override("en"):
        assert run("submit", "--code", TOWNSHIP, "--year", "2019", "--user", "clerk") == 0
    assert "已上报" in capsys.readouterr().out
