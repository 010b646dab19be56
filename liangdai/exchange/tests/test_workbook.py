"""The workbook as a whole (EXCHANGE.md): unusable files, empty workbooks, headers, unknown columns
and sheets, the accepted cell forms, and the area of the importing user."""

import datetime as dt
import io
import zipfile

import pytest

from liangdai.core.testing import make_workbook
from liangdai.exchange import cells
from liangdai.exchange.pipeline import FileError, import_workbook
from liangdai.exchange.sheets import SHEETS
from liangdai.villages.models import Venue, VillageProfile

from .helpers import (
    OUTSIDE,
    PROFILE_HEADER,
    V1,
    V2,
    VENUE_HEADER,
    assert_nothing_written,
    fact_counts,
    only_error,
    run,
)


def _import(data: bytes, actor):
    return import_workbook(data=data, filename="x.xlsx", actor=actor, commit=True)


def test_a_file_that_is_not_a_workbook_is_refused(clerk):
    with pytest.raises(FileError, match=r"^该文件（.xlsx）不是可导入的工作簿（可导入 .xlsx、.xlsm、.xls、.ods）"):
        _import("村代码,户籍人口\n640402103200,100\n".encode(), clerk)


def test_a_zip_that_is_not_a_workbook_is_refused(clerk):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("hello.txt", "你好")
    with pytest.raises(FileError, match="^该文件（.xlsx）不是可导入的工作簿"):
        _import(buffer.getvalue(), clerk)


def test_a_workbook_without_any_known_sheet_is_refused(clerk):
    with pytest.raises(FileError, match="没有可导入的表"):
        _import(make_workbook({"Sheet1": []}), clerk)


def test_a_known_sheet_with_only_its_header_is_refused(clerk):
    with pytest.raises(FileError, match="没有数据行"):
        _import(make_workbook({"村情": [PROFILE_HEADER]}), clerk)


def test_a_known_sheet_left_empty_has_no_header_row(clerk):
    with pytest.raises(FileError, match="^表“村情”未找到表头行：第1–10行中没有“村代码”等列名"):
        _import(make_workbook({"村情": []}), clerk)


def test_a_missing_required_column_is_named_before_any_row_is_read(clerk):
    before = fact_counts()
    with pytest.raises(FileError) as caught:
        _import(make_workbook({"活动场所": [["村代码", "面积", "完成日期"], [V1, "abc", "bad"]]}), clerk)
    assert caught.value.message == "表“活动场所”第1行（表头）缺少必填列：建设方式（Excel 工作簿 .xlsx）"
    assert_nothing_written(before)


def test_a_repeated_column_is_refused(clerk):
    with pytest.raises(FileError, match="列“户籍人口”重复"):
        _import(make_workbook({"村情": [["村代码", "户籍人口", "户籍人口"], [V1, 1, 2]]}), clerk)


def test_columns_are_found_by_header_in_any_order_with_the_templates_stars(clerk):
    result = run({"村情": [["户籍人口*", "是否贫困村", "村代码*"], [700, "是", V1]]}, clerk)
    assert result.ok, result.errors
    assert VillageProfile.objects.get(village_id=V1).population == 700


def test_an_unknown_column_is_a_warning_and_the_rest_imports(clerk):
    result = run({"村情": [["村代码", "户籍人口", "备注"], [V1, 700, "随便写"]]}, clerk)
    assert result.ok
    assert result.warnings == ["表“村情”的列“备注”不是模板中的列，已忽略"]
    assert VillageProfile.objects.filter(village_id=V1).exists()


def test_a_sheet_the_system_does_not_know_is_reported_and_left_alone(clerk):
    result = run({"村情": [["村代码", "户籍人口"], [V1, 700]], "说明": [["随便"], ["什么都行", 1]]}, clerk)
    assert result.ok
    assert "工作表“说明”不是本系统当前可导入的表，已跳过" in result.warnings
    assert list(result.counts) == ["村情"]


def test_blank_rows_are_skipped_and_rows_keep_their_excel_numbers(clerk):
    rows = [PROFILE_HEADER, [V1, "", 100, None, None, None, None], [None] * 7, ["", " ", None], [V2, "", -1]]
    error = only_error(run({"村情": rows}, clerk))
    assert (error.row, error.column) == (5, "户籍人口")


@pytest.mark.parametrize(
    "cell",
    [dt.date(2019, 10, 31), "2019-10-31", "2019/10/31", "2019.10.31", "2019年10月31日", " 2019-10-31 ", "2019年10月31"],
    ids=["date cell", "dash", "slash", "dot", "chinese", "spaces", "chinese without 日"],
)
def test_every_accepted_date_form_reads_as_the_same_day(clerk, cell):
    result = run({"活动场所": [VENUE_HEADER, [V1, 300, "新建", cell, None, None]]}, clerk)
    assert result.ok, result.errors
    assert Venue.objects.get(village_id=V1).completed_on == dt.date(2019, 10, 31)


@pytest.mark.parametrize("cell", ["2019-02-30", "31/10/2019", "2019103", "明年"])
def test_a_date_in_no_accepted_form_is_an_error(clerk, cell):
    error = only_error(run({"活动场所": [VENUE_HEADER, [V1, 300, "新建", cell, None, None]]}, clerk))
    assert (error.row, error.column, error.value) == (2, "完成日期", cell)
    assert error.message.startswith("日期格式不正确")


def test_numbers_may_be_typed_as_text(clerk):
    assert run({"村情": [["村代码", "户籍人口", "户数"], [V1, "1,200", " 300 "]]}, clerk).ok
    profile = VillageProfile.objects.get(village_id=V1)
    assert (profile.population, profile.households) == (1200, 300)


def test_a_village_code_typed_as_an_excel_number_is_refused_not_repaired(clerk):
    before = fact_counts()
    error = only_error(run({"村情": [["村代码", "户籍人口"], [640402103200, 100]]}, clerk))
    assert (error.row, error.column, error.value) == (2, "村代码", 640402103200)
    assert "村代码须以文本格式填写" in error.message and "15位有效数字" in error.message
    assert_nothing_written(before)


def test_an_identity_number_typed_as_an_excel_number_has_lost_digits_and_is_refused():
    typed = float("640402197805030035")  # what Excel keeps: 6.40402197805030e17
    with pytest.raises(cells.CellError, match="18位号码的末3位已丢失，无法恢复"):
        cells.id_number(typed)
    assert cells.id_number("640402197805030035") == "640402197805030035"


def test_an_identity_number_typed_as_a_number_in_the_cadres_sheet_is_refused(clerk):
    if "村干部" not in SHEETS:
        pytest.skip("the 村干部 sheet is not registered yet")
    header = ["姓名", "公民身份号码", "学历", "政治面貌", "村代码", "职务", "任职日期"]
    row = ["邱刚春", 640402197805030035, "初中", "中共党员", V1, "党组织书记", dt.date(2011, 6, 11)]
    errors = run({"村干部": [header, row]}, clerk).errors
    assert any(e.column == "公民身份号码" and "末3位已丢失" in e.message for e in errors)


def test_a_village_outside_the_users_area_is_refused(outsider):
    before = fact_counts()
    error = only_error(run({"村情": [["村代码", "户籍人口"], [V1, 100]]}, outsider))
    assert (error.row, error.column) == (2, "村代码")
    assert error.message == "村代码 640402103200 不在您的管辖范围内，不能导入"
    assert_nothing_written(before)


def test_the_outsider_may_import_in_their_own_county(outsider):
    assert run({"村情": [["村代码", "户籍人口"], [OUTSIDE, 100]]}, outsider).ok


def test_a_user_without_an_area_imports_nothing(db):
    from liangdai.core.testing import make_user

    admin = make_user("sys1", "64", "sysadmin")
    error = only_error(run({"村情": [["村代码", "户籍人口"], [V1, 100]]}, admin))
    assert "不在您的管辖范围内" in error.message


def test_one_bad_row_among_many_sheets_writes_nothing_of_the_workbook(clerk):
    before = fact_counts()
    book = {
        "村情": [["村代码", "户籍人口"], [V1, 100], [V2, 200]],
        "活动场所": [
            VENUE_HEADER,
            [V1, 300, "新建", dt.date(2019, 1, 1), None, None],
            [V2, 0, "原有", None, None, None],
        ],
    }
    error = only_error(run(book, clerk))
    assert (error.sheet, error.row, error.column) == ("活动场所", 3, "面积")
    assert_nothing_written(before)
