"""Workbooks as offices make them (issue 11, "Excel as offices make it", points 2 to 6): a merged
title row above the header, .xls and .ods written by real writers, an encrypted workbook and a WPS
file, full-width digits, amounts typed "17804元" or "1.5万", dates typed 20190703, values beyond
their limits, and files that could not be used in the import history."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from python_calamine import CalamineWorkbook

from liangdai.audit.models import AuditLog
from liangdai.cadres.models import Person
from liangdai.cli import main
from liangdai.core.errors import DomainError
from liangdai.exchange import cells
from liangdai.exchange.models import ImportRecord
from liangdai.exchange.pipeline import FileError, import_workbook
from liangdai.exchange.report import write_error_workbook
from liangdai.exchange.sheets import SHEETS
from liangdai.leaders.models import WealthLeader
from liangdai.leaders.tests.makers import LEADER_HEADER, LEADER_NUMBER, TRAINING_HEADER, leader_row
from liangdai.villages import rules as village_rules
from liangdai.villages import services as village_services
from liangdai.villages.models import Spending, Venue, VillageIncome, VillageProfile

from . import office
from .helpers import PROFILE_HEADER, SPENDING_HEADER, V1, V2, VENUE_HEADER, fact_counts, only_error

PROFILE = [V1, "官厅村", 1674, 507, "否", 2019, 8000]
TITLED = office.titled(PROFILE_HEADER, PROFILE)
XLS_LABEL, ODS_LABEL, XLSX_LABEL = (
    "（Excel 97-2003 工作簿 .xls）",
    "（OpenDocument 表格 .ods）",
    "（Excel 工作簿 .xlsx）",
)


def imported(data: bytes, actor, filename: str = "官厅镇.xlsx", commit: bool = True):
    return import_workbook(data=data, filename=filename, actor=actor, commit=commit)


def refusal(data: bytes, actor, filename: str = "官厅镇.xlsx") -> str:
    with pytest.raises(FileError) as caught:
        imported(data, actor, filename)
    return caught.value.message


def assert_no_parser_text(message: str) -> None:
    """Chinese, naming the kinds of file; not a word of calamine's or zipfile's English."""
    allowed = r"Excel|WPS|OpenDocument|xlsx|xlsm|xlsb|xls|ods|et"
    assert not re.search(r"[A-Za-z]{3,}", re.sub(allowed, "", message)), message


# --- 2. title rows ----------------------------------------------------------------------------


def test_a_merged_title_and_a_unit_line_above_the_header_are_passed_over(clerk):
    result = imported(office.xlsx({"村情": TITLED}, merged_titles=2), clerk)
    assert result.ok, result.errors
    assert VillageProfile.objects.get(village_id=V1).population == 1674
    assert result.counts["村情"]["read"] == 1


def test_row_numbers_in_messages_are_the_rows_of_excel(clerk):
    sheet = office.titled(PROFILE_HEADER, PROFILE, [V2, "", -5, None, "否", None, None])
    error = only_error(imported(office.xlsx({"村情": sheet}, merged_titles=2), clerk))
    assert (error.sheet, error.row, error.column, error.message) == ("村情", 5, "户籍人口", "应不小于0")


@pytest.mark.parametrize(
    ("sheet", "header", "key"),
    [
        ("村情", PROFILE_HEADER, "村代码"),
        ("培训", TRAINING_HEADER, "培训班名称"),
        ("致富带头人", LEADER_HEADER, "公民身份号码"),
    ],
)
def test_a_header_below_the_first_ten_rows_is_not_found_and_the_message_says_so(clerk, sheet, header, key):
    rows = office.titled(header, ["x"] * len(header), titles=[f"说明{i}" for i in range(10)])
    message = refusal(office.xlsx({sheet: rows}), clerk)
    assert message == f"表“{sheet}”未找到表头行：第1–10行中没有“{key}”等列名{XLSX_LABEL}"


def test_a_header_in_the_tenth_row_is_found(clerk):
    rows = office.titled(PROFILE_HEADER, PROFILE, titles=[f"说明{i}" for i in range(9)])
    assert imported(office.xlsx({"村情": rows}), clerk).ok


def test_a_header_missing_a_required_column_under_a_title_names_its_row(clerk):
    header = ["村代码", "村名称", "户数"]
    message = refusal(office.xlsx({"村情": office.titled(header, [V1, "", 10])}, merged_titles=2), clerk)
    assert message == f"表“村情”第3行（表头）缺少必填列：户籍人口{XLSX_LABEL}"


def test_the_error_workbook_keeps_the_title_rows_and_marks_the_same_row(clerk):
    sheet = office.titled(PROFILE_HEADER, PROFILE, [V2, "", -5, None, "否", None, None])
    data = office.xlsx({"村情": sheet}, merged_titles=2)
    result = imported(data, clerk)
    rows = _rows(write_error_workbook(data, result.errors), "村情")
    assert rows[0][0] == office.TITLE and rows[2][:3] == ["村代码", "村名称", "户籍人口"]
    assert rows[2][-1] == "错误"
    assert rows[4][0] == V2 and rows[4][-1] == "户籍人口：应不小于0"
    assert rows[3][-1] == ""


def _rows(data: bytes, name: str) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(name).to_python(skip_empty_area=False)


# --- 3. file kinds ----------------------------------------------------------------------------


def test_an_xls_written_by_xlwt_with_a_merged_title_imports(clerk):
    venue = office.titled(VENUE_HEADER, [V1, 320.5, "新建", dt.date(2019, 4, 24), "专项支持", "空调、桌椅"])
    data = office.xls({"村情": TITLED, "活动场所": venue}, merged_titles=2)
    result = imported(data, clerk, "原州区村情统计.xls")
    assert result.ok, result.errors
    assert VillageProfile.objects.get(village_id=V1).population == 1674
    venue = Venue.objects.get(village_id=V1)
    assert (venue.area, venue.completed_on, venue.facilities) == (
        Decimal("320.50"),
        dt.date(2019, 4, 24),
        ["空调", "桌椅"],
    )


def test_an_ods_written_by_odfpy_with_a_merged_title_and_empty_rows_to_the_end_imports(clerk):
    venue = office.titled(VENUE_HEADER, [V1, 320, "新建", dt.date(2019, 4, 24), None, None])
    data = office.ods({"村情": TITLED, "活动场所": venue}, merged_titles=2, empty_rows_after=1_048_570)
    result = imported(data, clerk, "原州区村情统计.ods")
    assert result.ok, result.errors
    assert VillageProfile.objects.get(village_id=V1).population == 1674
    assert Venue.objects.get(village_id=V1).completed_on == dt.date(2019, 4, 24)


def test_an_xlsm_is_read_as_a_workbook(clerk):
    assert imported(office.xlsx({"村情": TITLED}, merged_titles=2), clerk, "村情（启用宏）.xlsm").ok


def test_a_file_keeps_its_kind_whatever_it_is_named(clerk):
    """An .xls renamed .xlsx is read as the .xls it is, and named so."""
    data = office.xls({"村情": office.titled(["村代码", "户数"], [V1, 10])})
    assert refusal(data, clerk, "改了名的.xlsx").endswith(XLS_LABEL)


@pytest.mark.parametrize(
    ("write", "label"), [(office.xls, XLS_LABEL), (office.ods, ODS_LABEL), (office.xlsx, XLSX_LABEL)]
)
def test_every_refusal_names_the_kind_of_file(clerk, write, label):
    message = refusal(write({"村情": office.titled(["村代码", "户数"], [V1, 10])}, merged_titles=2), clerk)
    assert message == f"表“村情”第3行（表头）缺少必填列：户籍人口{label}"


def test_an_encrypted_workbook_is_refused_with_what_to_do(clerk):
    data = office.encrypted(office.xlsx({"村情": TITLED}, merged_titles=2))
    assert refusal(data, clerk, "加密.xlsx") == f"工作簿已加密，请取消密码后再导入{XLSX_LABEL}"


def test_a_wps_file_is_refused_with_what_to_do(clerk):
    assert (
        refusal(office.xls({"村情": TITLED}), clerk, "村情.et")
        == "WPS 表格文件（.et）不能直接导入：请在 WPS 中另存为 .xlsx"
    )


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (office.xls({"村情": TITLED})[:3000], "截断.xls"),
        (office.ods({"村情": TITLED})[:900], "截断.ods"),
        (office.xlsx({"村情": TITLED})[:2000], "截断.xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096), "空.xls"),
        ("<html><table><tr><td>村代码</td></tr></table></html>".encode(), "网页导出.xls"),
        (b"\x00" * 100, "zeros.ods"),
    ],
    ids=["truncated xls", "truncated ods", "truncated xlsx", "empty ole", "html as xls", "zeros"],
)
def test_a_broken_file_is_refused_in_chinese_without_parser_text(clerk, data, filename):
    message = refusal(data, clerk, filename)
    assert_no_parser_text(message)
    assert re.search(r"损坏|不是可导入的工作簿", message), message


def test_an_ods_that_repeats_a_row_a_million_times_is_refused_before_reading(clerk):
    data = office.ods_repeated("村情", PROFILE_HEADER, [V1, "", 1, None, None, None, None], 1_000_000)
    assert len(data) < 4000
    message = refusal(data, clerk, "炸弹.ods")
    assert message.startswith("工作表的范围达 1000001 行 × 7 列，超过上限")
    assert message.endswith(ODS_LABEL)


def test_the_upload_field_offers_every_kind(client, clerk):
    client.force_login(clerk)
    page = client.get(reverse("exchange:import")).content.decode()
    assert 'accept=".xlsx,.xlsm,.xls,.ods,.et,.ett"' in page


@pytest.fixture
def uploads(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.mark.parametrize(
    ("write", "filename", "label"),
    [(office.xls, "官厅镇.xls", XLS_LABEL), (office.ods, "官厅镇.ods", ODS_LABEL)],
    ids=["xls", "ods"],
)
def test_the_clerk_validates_and_commits_an_xls_or_ods_on_the_page(client, clerk, uploads, write, filename, label):
    client.force_login(clerk)
    data = write({"村情": TITLED}, merged_titles=2)
    page = client.post(reverse("exchange:import"), {"file": SimpleUploadedFile(filename, data)}).content.decode()
    assert "校验通过" in page
    assert f'data-testid="file-kind">{label.strip("（）")}<' in page
    record = ImportRecord.objects.get(user=clerk)
    page = client.post(reverse("exchange:commit", args=[record.pk])).content.decode()
    assert "导入完成" in page
    assert VillageProfile.objects.get(village_id=V1).population == 1674


def test_the_command_line_imports_an_xls(system, tmp_path, capsys):
    path = tmp_path / "原州区.xls"
    path.write_bytes(office.xls({"村情": TITLED}, merged_titles=2))
    assert main(["import", str(path), "--commit"]) == 0
    assert VillageProfile.objects.get(village_id=V1).population == 1674


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (office.encrypted(office.xlsx({"村情": TITLED})), "加密.xlsx", f"工作簿已加密，请取消密码后再导入{XLSX_LABEL}"),
        (office.xls({"村情": TITLED}), "村情.et", "WPS 表格文件（.et）不能直接导入：请在 WPS 中另存为 .xlsx"),
    ],
    ids=["encrypted", "wps"],
)
def test_the_command_line_exits_2_for_an_unusable_file_in_chinese(system, tmp_path, capsys, data, filename, message):
    path = tmp_path / filename
    path.write_bytes(data)
    assert main(["import", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"错误：{message}\n"
    assert "Traceback" not in captured.out + captured.err


# --- 4. normalisation -------------------------------------------------------------------------


def test_full_width_digits_in_codes_and_numbers_are_read_as_digits(clerk):
    row = ["６４０４０２１０３２００", "官厅村", "１６７４", "５０７", "否", "２０１９", "８０００．５"]
    result = imported(office.xlsx({"村情": office.titled(PROFILE_HEADER, row)}, merged_titles=2), clerk)
    assert result.ok, result.errors
    profile = VillageProfile.objects.get(village_id=V1)
    assert (profile.population, profile.households) == (1674, 507)
    assert VillageIncome.objects.get(village_id=V1, year=2019).income == Decimal("8000.50")


def test_a_full_width_identity_number_is_the_same_person(clerk):
    full_width = LEADER_NUMBER.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789X"})
    assert full_width != LEADER_NUMBER
    result = imported(office.xlsx({"致富带头人": [LEADER_HEADER, leader_row(公民身份号码=full_width)]}), clerk)
    assert result.ok, result.errors
    assert Person.objects.get().id_number == LEADER_NUMBER


def test_cells_fold_full_width_codes_identity_and_phone_numbers():
    assert cells.village_code("６４０４０２１０３２００") == V1
    assert cells.id_number("６４０４０２１９７８０５０３００３５") == "640402197805030035"
    assert cells.mobile("１３８００００００００") == "13800000000"


@pytest.mark.parametrize(
    ("typed", "yuan"),
    [
        ("17804元", "17804"),
        ("1.5万", "15000"),
        ("1.5万元", "15000"),
        ("¥17,804.00", "17804"),
        ("￥２万", "20000"),
        ("8000.5", "8000.5"),
    ],
)
def test_an_amount_in_yuan_may_carry_its_unit(typed, yuan):
    assert village_rules.READERS["amount"](typed) == Decimal(yuan)


@pytest.mark.parametrize("typed", ["约2万", "2万多", "1万5千", "两万", "2-3万", "1.5千", "17804 元/人"])
def test_an_amount_that_is_not_one_number_is_refused_clearly(typed):
    with pytest.raises(cells.CellError) as caught:
        village_rules.READERS["amount"](typed)
    assert (
        caught.value.message
        == f"应为数字：“{typed}”不是可识别的金额，只填数字，可带“元”或“万”（如 17804、17804元、1.5万）"
    )


def test_an_amount_in_ten_thousands_takes_wan_and_refuses_yuan():
    income = SHEETS["致富带头人"].column("income").parse
    assert income("1.5万") == income("1.5万元") == income("1.5") == Decimal("1.5")
    with pytest.raises(cells.CellError, match=r"^本列以万元为单位：“17804元”请换算为万元填写（即 1.7804 万元）$"):
        income("17804元")


def test_amounts_with_units_are_imported_into_their_columns(clerk):
    profile = office.titled(PROFILE_HEADER, [V1, "", 1674, 507, "否", 2019, "1.2万"])
    spending = office.titled(SPENDING_HEADER, [V1, dt.date(2019, 5, 1), "17804元", "慰问困难群众"])
    leader = [LEADER_HEADER, leader_row(年收入="30.5万")]
    book = {"村情": profile, "致富带头人": leader, "资金支出": spending}
    result = imported(office.xlsx(book, merged_titles=0), clerk)
    assert result.ok, result.errors
    assert VillageIncome.objects.get(village_id=V1).income == Decimal("12000.00")
    assert Spending.objects.get(village_id=V1).amount == Decimal("17804.00")
    assert WealthLeader.objects.get().income == Decimal("30.50")


@pytest.mark.parametrize("typed", [20190703, 20190703.0, "20190703", "２０１９０７０３", " 20190703 "])
def test_a_date_typed_as_eight_digits_is_read(typed):
    assert cells.date(typed) == dt.date(2019, 7, 3)


@pytest.mark.parametrize("typed", [20190230, "20191301", "00000000"])
def test_eight_digits_that_are_no_date_are_refused(typed):
    with pytest.raises(cells.CellError, match=r"^“\d{8}”不是有效日期：8位数字按“年年年年月月日日”读取$"):
        cells.date(typed)


def test_a_date_typed_as_eight_digits_imports(clerk):
    venue = office.titled(VENUE_HEADER, [V1, 320, "新建", 20190703, None, None])
    assert imported(office.xls({"活动场所": venue}, merged_titles=2), clerk).ok
    assert Venue.objects.get(village_id=V1).completed_on == dt.date(2019, 7, 3)


# --- 5. limits --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ([V1, "村" * 32_000, 500, 100, "否", None, None], "村名称", "长度不能超过100个字符（实为32000个）"),
        ([V1, "", 99_999_999_999, None, "否", None, None], "户籍人口", "应不大于200000"),
        ([V1, "", 100, 10, "否", 2019, "12.345"], "人均纯收入", "最多保留2位小数"),
        ([V1, "", 100, 10, "否", 2019, "1000000万"], "人均纯收入", "应不大于9999999999.99"),
    ],
    ids=["name", "population", "decimals", "wan"],
)
def test_a_value_beyond_its_limit_is_refused_at_validation_naming_row_and_column(county_user, row, column, message):
    before = fact_counts()
    result = imported(office.xls({"村情": office.titled(PROFILE_HEADER, row)}, merged_titles=2), county_user)
    error = only_error(result)
    assert (error.row, error.column, error.message) == (4, column, message)
    assert fact_counts() == before


def test_the_sheet_and_the_services_read_with_the_same_limits():
    sheet = SHEETS["村情"]
    for field in ("name", "population", "households", "income"):
        assert sheet.column(field).parse is village_rules.READERS[field]
    for field in ("amount", "purpose"):
        assert SHEETS["资金支出"].column(field).parse is village_rules.READERS[field]


def test_the_profile_service_refuses_a_population_beyond_the_limit(clerk):
    with pytest.raises(DomainError) as caught:
        village_services.village_profile_save(actor=clerk, code=V1, population=99_999_999_999)
    assert (caught.value.column, caught.value.message) == ("population", "户籍人口应不大于200000")
    assert not VillageProfile.objects.exists()


def test_the_profile_form_refuses_a_population_beyond_the_limit_next_to_the_field(client, clerk):
    client.force_login(clerk)
    url = reverse("villages:profile_edit", args=[V1])
    response = client.post(url, {"population": "99999999999", "households": "", "version": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {"population": ["户籍人口应不大于200000"]}
    assert not VillageProfile.objects.exists()


def test_the_spending_service_refuses_an_amount_beyond_the_column(clerk):
    village_services.village_profile_save(actor=clerk, code=V1, population=1000)
    with pytest.raises(DomainError) as caught:
        village_services.spending_save(
            actor=clerk, code=V1, date=dt.date(2019, 5, 1), amount=Decimal("1e11"), purpose="慰问"
        )
    assert (caught.value.column, caught.value.message) == ("amount", "金额应不大于9999999999.99")


def test_the_spending_form_holds_the_purpose_the_column_holds():
    from liangdai.villages.forms import SpendingForm

    assert SpendingForm().fields["purpose"].max_length == Spending._meta.get_field("purpose").max_length == 200


# --- 6. history -------------------------------------------------------------------------------


def test_an_unusable_file_is_in_the_history_with_its_reason(clerk):
    refusal(office.encrypted(office.xlsx({"村情": TITLED})), clerk, "加密.xlsx")
    record = ImportRecord.objects.get()
    assert (record.filename, record.refused, record.committed) == ("加密.xlsx", True, False)
    assert record.reason == f"工作簿已加密，请取消密码后再导入{XLSX_LABEL}"
    assert record.code == "640402103"


def test_a_workbook_that_failed_validation_is_in_the_history_with_its_first_error(clerk):
    sheet = office.titled(
        PROFILE_HEADER, PROFILE, [V2, "", -5, None, "否", None, None], [V2, "", -6, None, None, None, None]
    )
    imported(office.xlsx({"村情": sheet}, merged_titles=2), clerk)
    record = ImportRecord.objects.get()
    assert (record.refused, record.committed, record.errors) == (False, False, 2)
    assert record.reason == "共 2 处错误，第一处：村情 第5行 户籍人口：应不小于0"


def test_the_command_line_records_an_unusable_file(system, tmp_path):
    path = tmp_path / "村情.et"
    path.write_bytes(office.xls({"村情": TITLED}))
    assert main(["import", str(path)]) == 2
    assert ImportRecord.objects.get().reason == "WPS 表格文件（.et）不能直接导入：请在 WPS 中另存为 .xlsx"


def test_the_history_page_shows_refused_failed_and_committed_files(client, clerk, county_user, outsider, uploads):
    client.force_login(clerk)
    post = lambda name, data: client.post(reverse("exchange:import"), {"file": SimpleUploadedFile(name, data)})  # noqa: E731
    page = post("加密.xlsx", office.encrypted(office.xlsx({"村情": TITLED}))).content.decode()
    assert "工作簿已加密，请取消密码后再导入" in page
    post("官厅镇.ods", office.ods({"村情": office.titled(PROFILE_HEADER, [V2, "", -5, None, None, None, None])}))
    post("官厅镇.xls", office.xls({"村情": TITLED}, merged_titles=2))
    client.post(reverse("exchange:commit", args=[ImportRecord.objects.get(filename="官厅镇.xls").pk]))
    client.force_login(county_user)
    page = client.get(reverse("exchange:history")).content.decode()
    statuses = re.findall(r'data-status="(\w+)"', page)
    assert statuses == ["committed", "valid", "invalid", "refused"]
    assert f"工作簿已加密，请取消密码后再导入{XLSX_LABEL}" in page
    assert "共 1 处错误，第一处：村情 第4行 户籍人口：应不小于0" in page
    client.force_login(outsider)
    page = client.get(reverse("exchange:history")).content.decode()
    assert "data-status" not in page and "加密.xlsx" not in page


def test_a_file_the_upload_form_refuses_is_in_the_history_with_its_reason(client, clerk, outsider, uploads):
    """An empty file never reaches the reader, but the clerk still finds it in the history, and it
    is audited; the outsider sees none of it."""
    client.force_login(clerk)
    page = client.post(reverse("exchange:import"), {"file": SimpleUploadedFile("空白.xlsx", b"")}).content.decode()
    assert "上传的文件是空的" in page
    refused = ImportRecord.objects.get()
    assert (refused.filename, refused.refused, refused.reason) == ("空白.xlsx", True, "上传的文件是空的")
    assert refused.code == clerk.division_id and refused.user == clerk
    assert AuditLog.objects.filter(entity="import", entity_id=str(refused.pk), result="失败").exists()
    history = client.get(reverse("exchange:history")).content.decode()
    assert 'data-status="refused"' in history and "空白.xlsx" in history
    client.force_login(outsider)
    assert "空白.xlsx" not in client.get(reverse("exchange:history")).content.decode()
    # Choosing no file at all is not an import: nothing is recorded.
    client.force_login(clerk)
    client.post(reverse("exchange:import"), {})
    assert ImportRecord.objects.count() == 1
