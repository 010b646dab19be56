"""`liangdai import FILE [--commit] [--user NAME] [--errors OUT.xlsx]` (DESIGN.md): exit 0 when every
row is valid, 1 when a row is invalid (the errors one a line as sheet,row,column,message), 2 when
the file cannot be used at all."""

import csv
import datetime as dt
import io

import pytest
from python_calamine import CalamineWorkbook

from liangdai.cli import main
from liangdai.core.testing import make_profile, make_workbook
from liangdai.exchange.models import ImportRecord
from liangdai.villages.models import Venue, VillageProfile

V1, V2 = "640402103200", "640402103201"
OUTSIDE = "640425103208"
PROFILES = ["村代码", "户籍人口", "户数"]
GOOD = {
    "村情": [PROFILES, [V1, 1674, 507], [V2, 923, 241]],
    "活动场所": [["村代码", "面积", "建设方式", "完成日期"], [V1, 471, "扩建", dt.date(2019, 4, 24)]],
}
BAD = {"村情": [PROFILES, [V1, 1674, 507], [V2, -1, 2000], [V1, 10, None]]}


@pytest.fixture
def workbook(tmp_path):
    def write(book: dict, name: str = "book.xlsx"):
        path = tmp_path / name
        path.write_bytes(make_workbook(book))
        return str(path)

    return write


def test_a_valid_workbook_exits_0_and_writes_nothing_without_commit(system, workbook, capsys):
    assert main(["import", workbook(GOOD)]) == 0
    out = capsys.readouterr().out
    assert "村情：读取 2 行，新增 0，更新 0" in out and "校验通过（加 --commit 写入）" in out
    assert not VillageProfile.objects.exists()


def test_commit_writes_and_prints_the_counts(system, workbook, capsys):
    assert main(["import", workbook(GOOD), "--commit"]) == 0
    out = capsys.readouterr().out
    assert "村情：读取 2 行，新增 2，更新 0" in out and "活动场所：读取 1 行，新增 1，更新 0" in out
    assert "已导入" in out
    assert VillageProfile.objects.count() == 2 and Venue.objects.count() == 1
    assert ImportRecord.objects.get(committed=True).user.username == "system"


def test_a_second_commit_of_the_same_file_changes_nothing(system, workbook, capsys):
    path = workbook(GOOD)
    main(["import", path, "--commit"])
    capsys.readouterr()
    assert main(["import", path, "--commit"]) == 0
    assert "村情：读取 2 行，新增 0，更新 0" in capsys.readouterr().out


def test_an_invalid_row_exits_1_with_one_line_per_error_and_nothing_written(system, workbook, capsys):
    assert main(["import", workbook(BAD), "--commit"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "村情,3,户籍人口,应不小于0",
        "村情,4,村代码,与第2行重复（同一村代码）",
    ]
    assert "共 2 处错误，未写入任何数据" in captured.err
    assert not VillageProfile.objects.exists()


def test_an_error_message_with_commas_stays_one_csv_field(system, workbook, capsys):
    make_profile(V1, population=900)  # a fund of 50,000 yuan a year
    book = {"资金支出": [["村代码", "日期", "金额", "用途"], [V1, dt.date(2019, 3, 1), 50000.01, "维修"]]}
    assert main(["import", workbook(book)]) == 1
    [fields] = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert fields[:3] == ["资金支出", "2", "金额"] and len(fields) == 4
    assert "支出合计 50,000.01 元，超过该年度为民服务资金 50,000 元" in fields[3]


def test_the_errors_workbook_is_written_on_request(system, workbook, tmp_path, capsys):
    out = tmp_path / "errors.xlsx"
    assert main(["import", workbook(BAD), "--errors", str(out)]) == 1
    rows = CalamineWorkbook.from_filelike(io.BytesIO(out.read_bytes())).get_sheet_by_name("村情").to_python()
    assert rows[0][-1] == "错误" and rows[2][-1] == "户籍人口：应不小于0"
    assert f"错误工作簿：{out}" in capsys.readouterr().err


def test_a_file_that_is_not_a_workbook_exits_2(system, tmp_path, capsys):
    path = tmp_path / "list.csv"
    path.write_text("村代码,户籍人口\n640402103200,100\n", encoding="utf-8")
    assert main(["import", str(path)]) == 2
    assert capsys.readouterr().err.startswith(
        "错误：该文件（.csv）不是可导入的工作簿（可导入 .xlsx、.xlsm、.xls、.ods）"
    )


def test_a_missing_required_column_exits_2_naming_it(system, workbook, capsys):
    assert main(["import", workbook({"村情": [["村代码", "户数"], [V1, 10]]})]) == 2
    assert "表“村情”第1行（表头）缺少必填列：户籍人口（Excel 工作簿 .xlsx）" in capsys.readouterr().err


def test_a_missing_file_exits_2(system, tmp_path, capsys):
    assert main(["import", str(tmp_path / "nothing.xlsx")]) == 2
    assert "无法读取文件" in capsys.readouterr().err


def test_warnings_go_to_stderr(system, workbook, capsys):
    assert main(["import", workbook({"村情": [PROFILES + ["备注"], [V1, 10, 1, "x"]], "封面": [["标题"]]})]) == 0
    err = capsys.readouterr().err
    assert "提示：表“村情”的列“备注”不是模板中的列，已忽略" in err
    assert "提示：工作表“封面”不是本系统当前可导入的表，已跳过" in err


def test_user_acts_within_that_users_area(clerk, workbook, capsys):
    book = {"村情": [PROFILES, [V1, 100, 10], [OUTSIDE, 100, 10]]}
    assert main(["import", workbook(book), "--commit", "--user", "clerk"]) == 1
    assert capsys.readouterr().out.splitlines() == [f"村情,3,村代码,村代码 {OUTSIDE} 不在您的管辖范围内，不能导入"]
    assert not VillageProfile.objects.exists()
    assert main(["import", workbook({"村情": [PROFILES, [V1, 100, 10]]}), "--commit", "--user", "clerk"]) == 0
    assert ImportRecord.objects.get(committed=True).user == clerk


def test_without_user_the_system_imports_anywhere(system, workbook):
    assert main(["import", workbook({"村情": [PROFILES, [V1, 100, 10], [OUTSIDE, 100, 10]]}), "--commit"]) == 0
    assert VillageProfile.objects.count() == 2


def test_an_unknown_user_is_refused(db, workbook):
    with pytest.raises(SystemExit, match="用户 nobody 不存在或已停用"):
        main(["import", workbook(GOOD), "--user", "nobody"])
