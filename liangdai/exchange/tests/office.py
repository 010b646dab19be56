"""Workbooks made the way offices make them, each by a real writer: xlsxwriter (Excel's .xlsx, a
merged title row above the header), xlwt (.xls, Excel 97-2003), odfpy (.ods, LibreOffice and
WPS's OpenDocument) and msoffcrypto-tool (an .xlsx with a password to open, as Excel encrypts it).

Every writer takes the same `rows`: a list of rows of cells (str, int, float, date or None), the
first rows a title or a unit line when the office's sheet has them."""

import datetime as dt
import io

import msoffcrypto.format.ooxml
import xlsxwriter
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P

TITLE = "原州区村情统计表"
UNIT_LINE = "填报单位：官厅镇人民政府　　填报日期：2019年7月3日"


def titled(header: list[str], *rows: list, titles=(TITLE, UNIT_LINE)) -> list[list]:
    """A sheet as offices lay it out: the title rows (one text each, which the writers below merge
    across the header's width when asked), then the header and the rows."""
    return [[title] + [None] * (len(header) - 1) for title in titles] + [header, *rows]


def xlsx(sheets: dict[str, list[list]], merged_titles: int = 0) -> bytes:
    """An .xlsx by xlsxwriter; the first `merged_titles` rows of each sheet merged across (merge_range)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    title = book.add_format({"bold": True, "align": "center", "font_size": 16})
    for name, rows in sheets.items():
        ws = book.add_worksheet(name)
        width = max(len(r) for r in rows)
        for r, row in enumerate(rows):
            if r < merged_titles:
                ws.merge_range(r, 0, r, width - 1, row[0], title)
                continue
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), day)
                elif isinstance(value, int | float):
                    ws.write_number(r, c, value)
                elif value is not None:
                    ws.write_string(r, c, value)
    book.close()
    return buffer.getvalue()


def xls(sheets: dict[str, list[list]], merged_titles: int = 0) -> bytes:
    """An .xls (BIFF8) by xlwt; the first `merged_titles` rows merged across (write_merge)."""
    book = xlwt.Workbook(encoding="utf-8")
    day = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for name, rows in sheets.items():
        ws = book.add_sheet(name)
        width = max(len(r) for r in rows)
        for r, row in enumerate(rows):
            if r < merged_titles:
                ws.write_merge(r, r, 0, width - 1, row[0])
                continue
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    ws.write(r, c, value, day)
                elif value is not None:
                    ws.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ods(sheets: dict[str, list[list]], merged_titles: int = 0, empty_rows_after: int = 0) -> bytes:
    """An .ods by odfpy; the first `merged_titles` rows span the header's width, and
    `empty_rows_after` empty rows follow the data as one repeated row (as LibreOffice writes the
    formatted rows down to the sheet's end)."""
    doc = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        table = Table(name=name)
        width = max(len(r) for r in rows)
        for r, row in enumerate(rows):
            tr = TableRow()
            if r < merged_titles:
                tr.addElement(_ods_cell(row[0], numbercolumnsspanned=width))
                for _ in range(width - 1):
                    tr.addElement(CoveredTableCell())
            else:
                for value in row:
                    tr.addElement(_ods_cell(value))
            table.addElement(tr)
        if empty_rows_after:
            tail = TableRow(numberrowsrepeated=empty_rows_after)
            tail.addElement(TableCell(numbercolumnsrepeated=1024))
            table.addElement(tail)
        doc.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def ods_repeated(sheet: str, header: list[str], row: list, times: int) -> bytes:
    """An .ods whose one data row is repeated `times` times (number-rows-repeated): a few hundred
    bytes that ask a reader for `times` rows."""
    doc = OpenDocumentSpreadsheet()
    table = Table(name=sheet)
    head = TableRow()
    for value in header:
        head.addElement(_ods_cell(value))
    table.addElement(head)
    repeated = TableRow(numberrowsrepeated=times)
    for value in row:
        repeated.addElement(_ods_cell(value))
    table.addElement(repeated)
    doc.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _ods_cell(value, **attributes) -> TableCell:
    if value is None:
        return TableCell(**attributes)
    if isinstance(value, dt.date):
        cell = TableCell(valuetype="date", datevalue=value.isoformat(), **attributes)
    elif isinstance(value, int | float):
        cell = TableCell(valuetype="float", value=value, **attributes)
    else:
        cell = TableCell(valuetype="string", **attributes)
    cell.addElement(P(text=str(value)))
    return cell


def encrypted(data: bytes, password: str = "123456") -> bytes:
    """The .xlsx `data` with a password to open, encrypted as Excel does (ECMA-376 agile)."""
    out = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()
