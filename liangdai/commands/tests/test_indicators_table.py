"""`liangdai indicators --children --json` and `--xlsx OUT` (DESIGN.md's command line): the node,
then each child, in the shape of `--json`; the same as a workbook, as the node page downloads it."""

import datetime as dt
import json

from python_calamine import CalamineWorkbook

from liangdai.audit.models import AuditLog
from liangdai.cli import main
from liangdai.core.testing import make_venue
from liangdai.indicators.registry import REGISTRY
from liangdai.reports import tables

COUNTY, TOWNSHIP = "640402", "640402103"


def run_json(capsys, *args: str):
    assert main(["indicators", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_children_json_is_a_list_of_json_objects_the_node_first(db, capsys):
    make_venue("640402103200", area=600, build_mode="新建", completed_on=dt.date(2019, 4, 24))
    body = run_json(capsys, "--code", COUNTY, "--as-of", "2019-10-31", "--from", "2019-03-01", "--children")
    assert isinstance(body, list)
    assert all(list(item) == ["code", "as_of", "from", "indicators"] for item in body)
    assert all((item["as_of"], item["from"]) == ("2019-10-31", "2019-03-01") for item in body)
    codes = [item["code"] for item in body]
    assert codes[0] == COUNTY and TOWNSHIP in codes and codes[1:] == sorted(codes[1:]) and len(codes) == 1 + 14
    assert all(list(item["indicators"]) == [i.id for i in REGISTRY.indicators()] for item in body)


def test_each_childs_object_is_what_json_prints_for_that_child(db, capsys):
    make_venue("640402103200", area=600, build_mode="新建", completed_on=dt.date(2019, 4, 24))
    table = run_json(capsys, "--code", COUNTY, "--as-of", "2019-10-31", "--children")
    township = next(item for item in table if item["code"] == TOWNSHIP)
    assert township == run_json(capsys, "--code", TOWNSHIP, "--as-of", "2019-10-31")
    assert (township["indicators"]["venues_built"], township["indicators"]["venues_ge_500_share"]) == (1, 7.7)


def test_a_townships_children_are_its_administrative_villages(db, capsys):
    body = run_json(capsys, "--code", TOWNSHIP, "--as-of", "2019-10-31", "--children")
    assert [item["code"] for item in body[:2]] == [TOWNSHIP, "640402103200"] and len(body) == 1 + 13


def test_xlsx_writes_the_children_table_as_the_page_downloads_it(db, capsys, tmp_path):
    out = tmp_path / "指标表.xlsx"
    assert main(["indicators", "--code", TOWNSHIP, "--as-of", "2019-10-31", "--children", "--xlsx", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name(tables.SHEET).to_python()
    assert rows[0][:3] == ["名称", "区划代码", "行政村数（个）"]
    assert [(row[0], row[1]) for row in rows[1:3]] == [("官厅镇", TOWNSHIP), ("官厅村委会", "640402103200")]
    assert rows[1][2] == 13 and isinstance(rows[1][2], int | float) and len(rows) == 1 + 1 + 13
    assert AuditLog.objects.filter(action="导出", entity="export", code=TOWNSHIP, actor__username="system").exists()


def test_xlsx_without_children_has_the_node_alone(db, capsys, tmp_path):
    out = tmp_path / "node.xlsx"
    assert main(["indicators", "--code", COUNTY, "--as-of", "2019-10-31", "--xlsx", str(out)]) == 0
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name(tables.SHEET).to_python()
    assert [row[1] for row in rows[1:]] == [COUNTY]


def test_children_as_text_print_a_header_of_labels_and_a_row_per_division(db, capsys):
    assert main(["indicators", "--code", TOWNSHIP, "--as-of", "2019-10-31", "--children"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[:2] == ["区划代码", "行政村数（个）"]
    assert lines[1].split("\t")[:2] == [TOWNSHIP, "13"] and len(lines) == 1 + 1 + 13


def test_children_of_an_unknown_code_exit_2(db, capsys):
    assert main(["indicators", "--code", "649999", "--as-of", "2019-10-31", "--children", "--json"]) == 2
    assert "区划代码 649999 不存在" in capsys.readouterr().out


def test_the_country_is_a_node_whose_figures_cover_every_province(db, capsys):
    """`--code 86` is the whole country: with only Ningxia loaded, its figures are Ningxia's."""
    make_venue("640402103200", area=600, build_mode="新建", completed_on=dt.date(2019, 4, 24))
    country = run_json(capsys, "--code", "86", "--as-of", "2019-10-31")
    region = run_json(capsys, "--code", "64", "--as-of", "2019-10-31")
    assert country["code"] == "86" and country["indicators"] == region["indicators"]
    assert country["indicators"]["villages"] > 2000 and country["indicators"]["venues_built"] == 1
    assert main(["indicators", "--code", "86", "--as-of", "2019-10-31", "--children"]) == 2
    assert "全国（86）暂只提供本级指标" in capsys.readouterr().out
