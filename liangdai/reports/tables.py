"""Figure tables: every figure of the registry for a node and for each of its children, one row
each. `liangdai indicators --children --json | --xlsx` and the node page's Excel download both come
from here (DESIGN.md principle 5: one definition per figure)."""

import datetime as dt
from dataclasses import dataclass

from liangdai.audit.services import record_export
from liangdai.exchange.workbooks import Writer
from liangdai.indicators.registry import REGISTRY, Indicator, Query
from liangdai.org.models import Division
from liangdai.org.scoping import division_for

from .selectors import children_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET = "指标表"
NOTES = "指标说明"
NUMBER_FORMATS = {0: "#,##0", 1: "#,##0.0", 2: "#,##0.00"}


@dataclass
class FigureTable:
    query: Query  # the node's; each child's has the same dates
    indicators: list[Indicator]
    rows: list[tuple[Division, dict]]  # the node first, then each child by code


def figure_table(node: Division, as_of: dt.date, start: dt.date | None = None, children: bool = True) -> FigureTable:
    query = Query.of(node.code, as_of, start)
    divisions = [node, *(children_of(node) if children else [])]
    rows = [(d, REGISTRY.compute(Query.of(d.code, query.as_of, query.start))) for d in divisions]
    return FigureTable(query, REGISTRY.indicators(), rows)


def table_json(table: FigureTable) -> list[dict]:
    """One object per row, shaped as `liangdai indicators --json` prints one node."""
    dates = {"as_of": table.query.as_of.isoformat(), "from": table.query.start.isoformat()}
    return [{"code": d.code, **dates, "indicators": values} for d, values in table.rows]


def header(indicator: Indicator) -> str:
    """A column's Chinese header with its unit: 行政村数（个）."""
    return f"{indicator.label}（{indicator.unit}）" if indicator.unit else indicator.label


def table_xlsx(table: FigureTable) -> bytes:
    """The table as a workbook: a row per division (name and code first), a column per figure under
    its Chinese header with the unit, the header row and the two name columns frozen, numbers as
    numbers; a second sheet gives the dates and each figure's id."""
    writer = Writer()
    ws = writer.book.add_worksheet(SHEET)
    headers = ["名称", "区划代码", *(header(i) for i in table.indicators)]
    head = writer.book.add_format({"bold": True, "bg_color": "#F2DCDB", "border": 1, "text_wrap": True})
    for c, text in enumerate(headers):
        ws.write_string(0, c, text, head)
    ws.set_row(0, 60)
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 14, writer.text)
    ws.set_column(2, len(headers) - 1, 14)
    ws.freeze_panes(1, 2)
    formats = {d: writer.book.add_format({"num_format": f}) for d, f in NUMBER_FORMATS.items()}
    for r, (division, values) in enumerate(table.rows, start=1):
        writer.write_cell(ws, r, 0, division.name)
        writer.write_cell(ws, r, 1, division.code, writer.text)
        for c, indicator in enumerate(table.indicators, start=2):
            value = values.get(indicator.id)
            writer.write_cell(ws, r, c, value, _number_format(formats, indicator, value))
    _notes(writer, table)
    return writer.close()


def _number_format(formats: dict, indicator: Indicator, value):
    """The figure's decimals; more when a whole-number figure holds a fraction (yuan and fen)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    if isinstance(value, float) and not value.is_integer() and indicator.digits == 0:
        return formats[2]
    return formats.get(indicator.digits)


def _notes(writer: Writer, table: FigureTable) -> None:
    ws = writer.book.add_worksheet(NOTES)
    query = table.query
    writer.write_header(ws, ["项目", "内容（日期或指标代码）", "单位", "分组"])
    rows = [["截止日期", query.as_of], ["起始日期", query.start]]
    rows += [[header(i), i.id, i.unit, i.section] for i in table.indicators]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            writer.write_cell(ws, r, c, value)


def figure_table_export(
    *, actor, code: str, as_of: dt.date, start: dt.date | None = None, children: bool = True
) -> bytes:
    """The figure table of a node in the actor's area (NotFound otherwise) as .xlsx; recorded as
    an export."""
    node = division_for(actor, code)
    table = figure_table(node, as_of, start, children)
    data = table_xlsx(table)
    record_export(
        actor=actor,
        code=node.code,
        note=f"{SHEET}（{node.name}{'及下级' if children else ''}）",
        held={"sheets": [SHEET], "rows": len(table.rows), "as_of": table.query.as_of, "from": table.query.start},
    )
    return data
