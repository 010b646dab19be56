"""Writing workbooks in the shape of the unified templates: blank templates (with drop-down lists
and a comment on each header), area exports, and error workbooks."""

import datetime as dt
import io
from collections.abc import Iterable
from decimal import Decimal

import xlsxwriter

from liangdai.core.idnumbers import mask, mask_phone
from liangdai.org.scoping import can_reveal

from .cells import QUOTE, needs_quote
from .sheets import Sheet

MAX_ROWS = 1_048_575


class Writer:
    """An xlsxwriter workbook in memory, writing text as text so Excel never runs a cell."""

    def __init__(self):
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(
            self.buffer,
            {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
        )
        self.header = self.book.add_format({"bold": True, "bg_color": "#F2DCDB", "border": 1})
        self.text = self.book.add_format({"num_format": "@"})
        self.date = self.book.add_format({"num_format": "yyyy-mm-dd"})
        self.bad = self.book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006", "num_format": "@"})

    def write_header(self, ws, headers: list[str], notes: list[str] | None = None, row: int = 0) -> None:
        """The header in `row` (0: the first), the rows down to it frozen."""
        for col, header in enumerate(headers):
            ws.write_string(row, col, header, self.header)
            ws.set_column(col, col, max(10, len(header) * 2 + 4))
            if notes and notes[col]:
                ws.write_comment(row, col, notes[col], {"x_scale": 2, "y_scale": 1.5})
        ws.freeze_panes(row + 1, 0)

    def write_cell(self, ws, row: int, col: int, value, fmt=None) -> None:
        if value is None or value == "":
            if fmt is not None:
                ws.write_blank(row, col, None, fmt)
            return
        if isinstance(value, bool):
            ws.write_string(row, col, "是" if value else "否", fmt)
        elif isinstance(value, dt.date):
            ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()), fmt or self.date)
        elif isinstance(value, int | float | Decimal):
            number = float(value)
            ws.write_number(row, col, int(number) if number.is_integer() else number, fmt)
        else:
            text = str(value)
            if needs_quote(text):
                # Written as text Excel keeps it, but WPS and LibreOffice users re-save it and it may
                # become a formula: the quote keeps it text everywhere (cells.unquoted reads it back).
                ws.write_string(row, col, QUOTE + text, fmt or self.text)
            else:
                ws.write_string(row, col, text, fmt)

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def _setup_sheet(writer: Writer, sheet: Sheet):
    ws = writer.book.add_worksheet(sheet.name)
    writer.write_header(
        ws,
        [c.header + ("*" if c.required else "") for c in sheet.columns],
        [("必填。" if c.required else "选填。") + c.note for c in sheet.columns],
    )
    for col, column in enumerate(sheet.columns):
        if column.text_format:
            ws.set_column(col, col, 22, writer.text)
        if column.options:
            ws.data_validation(
                1,
                col,
                MAX_ROWS,
                col,
                {
                    "validate": "list",
                    "source": list(column.options),
                    "error_title": "取值不在列表中",
                    "error_message": "请从下拉列表中选择：" + "、".join(column.options),
                },
            )
    return ws


def template(sheets: Iterable[Sheet]) -> bytes:
    writer = Writer()
    for sheet in sheets:
        _setup_sheet(writer, sheet)
    return writer.close()


def _masker(column, reveal: bool):
    if reveal or not column.masked:
        return None
    return mask if column.masked == "id" else mask_phone


def export(sheets: Iterable[Sheet], actor) -> bytes:
    """The actor's area in the templates' shape; numbers masked for users without the right."""
    writer = Writer()
    reveal = can_reveal(actor)
    for sheet in sheets:
        ws = _setup_sheet(writer, sheet)
        maskers = [_masker(c, reveal) for c in sheet.columns]
        for r, values in enumerate(sheet.export_rows(actor), start=1):
            for c, value in enumerate(values):
                if maskers[c] and value:
                    value = maskers[c](value)
                writer.write_cell(ws, r, c, value, writer.text if sheet.columns[c].text_format else None)
    return writer.close()
