"""The error workbook: the rows of each sheet as read, an error column, the faulty cells marked."""

from collections import defaultdict

from .cells import is_blank
from .pipeline import Issue, read_workbook
from .sheets import SHEETS
from .workbooks import Writer


def write_error_workbook(data: bytes, errors: list[Issue]) -> bytes:
    book = read_workbook(data)
    by_row: dict[tuple[str, int], list[Issue]] = defaultdict(list)
    for issue in errors:
        by_row[(issue.sheet, issue.row)].append(issue)
    writer = Writer()
    for name, table in book.items():
        if name not in SHEETS or not table:
            continue
        headers = [("" if is_blank(h) else str(h).strip()) for h in table[0]]
        ws = writer.book.add_worksheet(name)
        writer.write_header(ws, headers + ["错误"])
        error_col = len(headers)
        ws.set_column(error_col, error_col, 60)
        for r, cells in enumerate(table[1:], start=2):
            issues = by_row.get((name, r), [])
            bad_cols = {i.column for i in issues}
            for c, value in enumerate(cells):
                fmt = writer.bad if headers[c].rstrip("*") in bad_cols else None
                writer.write_cell(ws, r - 1, c, value, fmt)
            if issues:
                text = "；".join(f"{i.column or '行'}：{i.message}" for i in issues)
                ws.write_string(r - 1, error_col, text, writer.bad)
    return writer.close()
