"""Where a sheet's header row is, and which column holds which field (issue 11, "title rows").

Offices put a merged title row or two above the header ("原州区村情统计表", "填报单位：…，填报日期：…").
The header is the first of the first `HEADER_ROWS` rows that holds every required column of the
sheet; the rows above it are left alone and the rows below it are data, each still named by its
row number in Excel.
"""

from .cells import is_blank
from .reading import FileError
from .sheets import Sheet

HEADER_ROWS = 10


def header_text(cell: object) -> str:
    """A header cell as the templates write it, without the star of a required column."""
    return "" if is_blank(cell) else str(cell).strip().rstrip("*").strip()


def find_header(sheet: Sheet, table: list[list]) -> int:
    """The index in `table` of the sheet's header row: the first of the first HEADER_ROWS rows that
    holds every required column, else the one that holds most of the sheet's columns (whose
    missing ones `column_positions` then names). FileError when none holds any."""
    required = {c.header for c in sheet.columns if c.required}
    known = {c.header for c in sheet.columns}
    best, best_count = None, 0
    for index, cells in enumerate(table[:HEADER_ROWS]):
        texts = {header_text(c) for c in cells}
        if required <= texts:
            return index
        count = len(known & texts)
        if count > best_count:
            best, best_count = index, count
    if best is None:
        key = sheet.header_of(sheet.key[0])
        raise FileError(f"表“{sheet.name}”未找到表头行：第1–{HEADER_ROWS}行中没有“{key}”等列名")
    return best


def column_positions(sheet: Sheet, cells: list, row_number: int, warnings: list[str]) -> dict[str, int]:
    """Header text -> column index of the header row (`row_number` as Excel counts); FileError for
    a column given twice or a required one missing, a warning for a column the sheet does not know."""
    positions: dict[str, int] = {}
    for i, cell in enumerate(cells):
        h = header_text(cell)
        if not h:
            continue
        if h in positions:
            raise FileError(f"表“{sheet.name}”的列“{h}”重复（第{row_number}行）")
        positions[h] = i
    missing = [c.header for c in sheet.columns if c.required and c.header not in positions]
    if missing:
        raise FileError(f"表“{sheet.name}”第{row_number}行（表头）缺少必填列：{'、'.join(missing)}")
    known = {c.header for c in sheet.columns}
    for h in positions:
        if h not in known:
            warnings.append(f"表“{sheet.name}”的列“{h}”不是模板中的列，已忽略")
    return positions
