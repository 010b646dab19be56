"""No upload can take the server down (issue 12, finding 1): real hostile files, built here, are
refused with a Chinese message before anything reads them, and a file that slips past the
inspection kills only the reading worker. The next import still works."""

import datetime as dt
import io
import random
import string
import zipfile

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from liangdai.cli import main
from liangdai.core.testing import make_workbook
from liangdai.exchange import reading
from liangdai.exchange.pipeline import FileError, import_workbook, read_workbook
from liangdai.villages.models import VillageProfile

from .helpers import PROFILE_HEADER, V1, run

GOOD = {"村情": [PROFILE_HEADER, [V1, "官厅村", 1674, 507, "否", 2019, 8000]]}


def _import(data: bytes, actor):
    return import_workbook(data=data, filename="hostile.xlsx", actor=actor, commit=True)


def far_cell(ref: tuple[int, int]) -> bytes:
    """A profile sheet whose one extra cell lies at (row, column), from 0: XFD1048576 is 1.7 KB."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = book.add_worksheet("村情")
    ws.write_row(0, 0, PROFILE_HEADER)
    ws.write(*ref, 1)
    book.close()
    return buffer.getvalue()


def rewritten(data: bytes, changes: dict[str, bytes]) -> bytes:
    """The workbook with some members replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename not in changes:
                target.writestr(info.filename, source.read(info))
        for name, content in changes.items():
            target.writestr(name, content)
    return out.getvalue()


def with_text(text: bytes, prolog: bytes = b"") -> bytes:
    """A valid profile workbook whose village name is `text`, written into its shared strings as
    raw XML, and `prolog` put before the table's root element."""
    data = make_workbook({"村情": [PROFILE_HEADER, [V1, "PLACEHOLDER", 1674, 507, "否", 2019, 8000]]})
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        xml = book.read("xl/sharedStrings.xml").replace(b"PLACEHOLDER", text)
    return rewritten(data, {"xl/sharedStrings.xml": xml.replace(b"<sst ", prolog + b"<sst ", 1)})


def test_a_cell_at_xfd1048576_is_refused(clerk):
    data = far_cell((1048575, 16383))
    assert len(data) < 6000
    with pytest.raises(FileError, match="1048576 行 × 16384 列，超过上限"):
        _import(data, clerk)


def test_a_cell_at_z1048576_is_refused(clerk):
    with pytest.raises(FileError, match="1048576 行 × 26 列，超过上限"):
        _import(far_cell((1048575, 25)), clerk)


def test_a_far_cell_behind_a_modest_dimension_is_refused(clerk):
    """The declared `<dimension>` says A1:B2; the cells say otherwise, and calamine believes the cells."""
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><dimension ref="A1:B2"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
        b'<row r="900000"><c r="A900000"><v>1</v></c></row></sheetData></worksheet>'
    )
    with pytest.raises(FileError, match="900000 行 × 2 列，超过上限"):
        _import(rewritten(far_cell((1, 0)), {"xl/worksheets/sheet1.xml": sheet}), clerk)


def test_cells_without_a_reference_count_where_calamine_puts_them(clerk):
    """A cell without `r` follows the one before it: 300 of them in a row are 300 columns."""
    cells = b"<c><v>1</v></c>" * 300
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData><row>' + cells + b"</row></sheetData></worksheet>"
    )
    with pytest.raises(FileError, match="1 行 × 300 列，超过上限"):
        _import(rewritten(far_cell((1, 0)), {"xl/worksheets/sheet1.xml": sheet}), clerk)


def test_a_zip_bomb_is_refused(clerk):
    out = io.BytesIO()
    fast = {"compression": zipfile.ZIP_DEFLATED, "compresslevel": 1}
    with zipfile.ZipFile(io.BytesIO(make_workbook(GOOD))) as source, zipfile.ZipFile(out, "w", **fast) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        zeros = bytes(1024 * 1024)
        with target.open("xl/media/image1.png", "w", force_zip64=True) as member:
            for _ in range(500):  # 500 MB of zeros, ~0.5 MB compressed
                member.write(zeros)
    data = out.getvalue()
    assert len(data) < 3 * 1024 * 1024  # level 1: ~2.3 MB, still ~220 times smaller
    with pytest.raises(FileError, match="压缩比异常.*压缩炸弹"):
        _import(data, clerk)


def test_one_huge_shared_string_is_refused(clerk):
    """Random letters: 5 MB of one letter would already be refused as a zip bomb."""
    letters = "".join(random.Random(12).choices(string.ascii_letters, k=100_000)).encode()
    data = with_text(letters)
    with pytest.raises(FileError, match="单元格文字超过 32767 个字符"):
        _import(data, clerk)


def test_a_huge_text_made_of_many_runs_is_refused(clerk):
    run_ = b"<r><t>" + "村".encode() * 1000 + b"</t></r>"
    data = with_text(b"</t>" + run_ * 40 + b"<t>")
    with pytest.raises(FileError, match="单元格文字超过 32767 个字符"):
        _import(data, clerk)


def test_a_text_of_exactly_excel_s_limit_in_chinese_is_read(clerk):
    """32,767 characters of three bytes each: 98 KB of XML, still one legal cell."""
    book = read_workbook(with_text("村".encode() * 32767))
    assert book["村情"][1][1] == "村" * 32767


def test_an_encrypted_workbook_is_refused_with_what_to_do(clerk):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(4096)
    with pytest.raises(FileError, match="^工作簿已加密，请取消密码后再导入（Excel 工作簿 .xlsx）$"):
        _import(ole, clerk)


def test_a_broken_xls_is_refused_in_chinese_with_what_to_do(clerk):
    """An OLE file that is no workbook reaches calamine as an .xls; its English reason stays out."""
    with pytest.raises(FileError) as caught:
        _import(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096), clerk)
    assert caught.value.message == (
        "工作簿已损坏或格式不对，无法读取：请用 Excel 或 WPS 打开后另存为 .xlsx 再导入（Excel 97-2003 工作簿 .xls）"
    )


def test_an_xxe_payload_in_the_shared_strings_is_refused(clerk):
    prolog = b'<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    with pytest.raises(FileError, match="DOCTYPE/ENTITY 声明"):
        _import(with_text(b"&xxe;", prolog), clerk)


def test_a_file_that_passes_the_inspection_can_kill_only_the_worker():
    """Read without the inspection, the XFD1048576 file exhausts the worker's memory limit (calamine
    would ask for 512 GiB): the worker dies, this process gets a FileError and goes on."""
    with pytest.raises(FileError, match="工作簿过大或已损坏，无法读取（读取进程异常退出"):
        reading.read_sheets(far_cell((1048575, 16383)))
    assert reading.read_sheets(make_workbook(GOOD))["村情"][1][0] == V1


def test_a_worker_over_its_time_is_killed(monkeypatch):
    monkeypatch.setattr(reading, "TIME_LIMIT", 0.01)
    with pytest.raises(FileError, match="工作簿过大或已损坏，无法读取（读取超过 0.01 秒）"):
        reading.read_sheets(make_workbook(GOOD))


def test_the_worker_reads_what_calamine_reads_in_process():
    book = {
        "村情": [PROFILE_HEADER, [V1, "官厅村", 1674, 507, "否", 2019, 8000.5], [V1, None, True, 3]],
        "活动场所": [["村代码", "完成日期"], [V1, dt.date(2019, 4, 24)]],
    }
    data = make_workbook(book)
    calamine = CalamineWorkbook.from_filelike(io.BytesIO(data))
    expected = {n: calamine.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in calamine.sheet_names}
    assert read_workbook(data) == expected


def test_the_command_line_exits_2_without_a_traceback(system, tmp_path, capsys):
    path = tmp_path / "far.xlsx"
    path.write_bytes(far_cell((1048575, 16383)))
    assert main(["import", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("错误：工作表的范围达 1048576 行 × 16384 列")
    assert "Traceback" not in captured.err + captured.out


def test_the_next_import_works_after_a_hostile_file(clerk):
    for hostile in (far_cell((1048575, 16383)), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)):
        with pytest.raises(FileError):
            _import(hostile, clerk)
    with pytest.raises(FileError):
        reading.read_sheets(far_cell((1048575, 16383)))
    result = run(GOOD, clerk)
    assert result.ok, result.errors
    assert VillageProfile.objects.get(village_id=V1).population == 1674
