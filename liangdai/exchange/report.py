"""The error workbook: the rows of each sheet as read, an error column, the faulty cells marked.
Each row keeps its row number, title rows above the header included, so that the row numbers of
the messages point at the same rows here as in the user's own file."""

from collections import defaultdict

from .cells import is_blank
from .headers import find_header, header_text
from .pipeline import Issue, read_workbook
from .reading import FileError
from .sheets import SHEETS
from .workbooks import Writer


def write_error_workbook(data: bytes, errors: list[Issue], filename: str = "") -> bytes:
    book = read_workbook(data, filename)
    by_row: dict[tuple[str, int], list[Issue]] = defaultdict(list)
    for issue in errors:
        by_row[(issue.sheet, issue.row)].append(issue)
    writer = Writer()
    for name, table in book.items():
        if name not in SHEETS or not table:
            continue
        try:
            header = find_header(SHEETS[name], table)
        except FileError:
            continue  # a sheet without its header had no rows read, hence no errors
        _write_sheet(writer, name, table, header, by_row)
    return writer.close()


def _write_sheet(writer: Writer, name: str, table: list[list], header: int, by_row) -> None:
    headers = [header_text(h) for h in table[header]]
    ws = writer.book.add_worksheet(name)
    for r in range(header):  # the title rows, as they were
        for c, value in enumerate(table[r]):
            writer.write_cell(ws, r, c, value)
    writer.write_header(ws, ["" if is_blank(h) else str(h).strip() for h in table[header]] + ["错误"], row=header)
    error_col = len(headers)
    ws.set_column(error_col, error_col, 60)
    for r, cells in enumerate(table[header + 1 :], start=header + 2):
        issues = by_row.get((name, r), [])
        bad_cols = {i.column for i in issues}
        for c, value in enumerate(cells):
            fmt = writer.bad if c < len(headers) and headers[c] in bad_cols else None
            writer.write_cell(ws, r - 1, c, value, fmt)
        if issues:
            text = "；".join(f"{i.column or '行'}：{i.message}" for i in issues)
            ws.write_string(r - 1, error_col, text, writer.bad)
