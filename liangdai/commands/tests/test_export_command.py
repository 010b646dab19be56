"""`liangdai export --code CODE [--user NAME] -o OUT.xlsx` (DESIGN.md): the node for the system,
numbers in full; the part of a user's area under CODE, masked as that user sees it, for --user; a
division missing or outside the user's area refused alike. Imported back by the same user, the
file changes nothing."""

import datetime as dt
import io

import pytest
from python_calamine import CalamineWorkbook

from liangdai.audit.models import AuditLog
from liangdai.cadres.models import Person
from liangdai.cli import main
from liangdai.core.idnumbers import mask
from liangdai.core.testing import make_profile
from liangdai.leaders.tests.makers import OTHER_TOWNSHIP, OUTSIDE, V1, idno, make_holding

D = dt.date
PROFILE = {"nationality": "汉族", "education": "高中", "political_status": "中共党员"}


def person(name: str, serial: int) -> Person:
    birth = D(1970, 1, serial)
    return Person.objects.create(id_number=idno(birth, serial), name=name, birth_date=birth, sex="男", **PROFILE)


@pytest.fixture
def cadres(db):
    """A secretary in 官厅镇, one in another township of 原州区, one in 彭阳县."""
    found = {"官厅": person("张三", 1), "开城": person("李四", 2), "彭阳": person("王五", 3)}
    make_holding(V1, found["官厅"])
    make_holding(OTHER_TOWNSHIP, found["开城"])
    make_holding(OUTSIDE, found["彭阳"])
    for village in (V1, OTHER_TOWNSHIP, OUTSIDE):
        make_profile(village)
    return found


def holders(path) -> list[list]:
    """The 村干部 rows of the file: (name, number, village)."""
    rows = CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes())).get_sheet_by_name("村干部").to_python()
    return [[r[0], r[1], r[7]] for r in rows[1:]]


def test_the_system_exports_the_node_with_numbers_in_full(cadres, tmp_path, capsys):
    out = tmp_path / "原州区.xlsx"
    assert main(["export", "--code", "640402", "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"已导出到 {out}"
    zhang, li = cadres["官厅"], cadres["开城"]
    assert holders(out) == [["李四", li.id_number, OTHER_TOWNSHIP], ["张三", zhang.id_number, V1]]
    assert AuditLog.objects.get(action="导出").code == "640402"


def test_a_user_exports_the_part_of_their_area_under_the_code_masked(clerk, cadres, tmp_path, capsys):
    out = tmp_path / "官厅镇.xlsx"
    assert main(["export", "--code", "640402", "--user", "clerk", "-o", str(out)]) == 0
    assert "已按用户 clerk 的权限隐去" in capsys.readouterr().out
    assert holders(out) == [["张三", mask(cadres["官厅"].id_number), V1]]
    audit = AuditLog.objects.get(action="导出")
    assert (audit.actor, audit.code) == (clerk, "640402103")


def test_a_county_user_exports_one_township_of_the_county(county_user, cadres, tmp_path):
    out = tmp_path / "开城镇.xlsx"
    assert main(["export", "--code", OTHER_TOWNSHIP[:9], "--user", "county", "-o", str(out)]) == 0
    assert holders(out) == [["李四", mask(cadres["开城"].id_number), OTHER_TOWNSHIP]]


@pytest.mark.parametrize("code", ["640425", "640402100", "649999"])
def test_a_code_outside_the_users_area_or_missing_is_refused_alike(clerk, cadres, tmp_path, capsys, code):
    out = tmp_path / "x.xlsx"
    assert main(["export", "--code", code, "--user", "clerk", "-o", str(out)]) == 1
    assert capsys.readouterr().err.strip() == f"错误：区划代码 {code} 不存在或不在用户 clerk 的辖区内"
    assert not out.exists()
    assert not AuditLog.objects.filter(action="导出").exists()


def test_an_unknown_code_is_refused_for_the_system(db, tmp_path, capsys):
    assert main(["export", "--code", "649999", "-o", str(tmp_path / "x.xlsx")]) == 1
    assert capsys.readouterr().err.strip() == "错误：区划代码 649999 不存在"


def test_an_unwritable_output_is_refused_in_chinese(cadres, tmp_path, capsys):
    out = tmp_path / "no-such-folder" / "x.xlsx"
    assert main(["export", "--code", "640402103", "-o", str(out)]) == 2
    assert "无法写入文件" in capsys.readouterr().err


def test_the_users_export_imported_back_by_the_same_user_changes_nothing(clerk, cadres, tmp_path, capsys):
    out = tmp_path / "官厅镇.xlsx"
    main(["export", "--code", "640402103", "--user", "clerk", "-o", str(out)])
    capsys.readouterr()
    assert main(["import", str(out), "--user", "clerk", "--commit"]) == 0
    printed = capsys.readouterr().out
    assert "村干部：读取 1 行，新增 0，更新 0" in printed and "村情：读取 1 行，新增 0，更新 0" in printed
    assert not AuditLog.objects.filter(action__in=("导入新增", "导入更新")).exists()
