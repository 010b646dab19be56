"""The download of a node's warnings page: a sheet per village list of its panels
(`core.plugins.WARNING_PANELS`), every row of the list, not only those the page shows; audited as
导出. Panels that list no villages (a figure against a plan) have no sheet."""

import datetime as dt

from liangdai.audit.services import record_export
from liangdai.core import plugins
from liangdai.exchange.workbooks import Writer
from liangdai.org.grouping import VillageList
from liangdai.org.models import Division

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = ["县（市、区）", "乡（镇）", "村代码", "村名称"]
SHEET_CHARS = 31  # Excel's limit on a sheet's name
NOT_IN_SHEET_NAME = str.maketrans({c: "_" for c in "[]:*?/\\"})


def village_lists(actor, node: Division, as_of: dt.date) -> list[VillageList]:
    """Every village list of the warnings page of `node` on `as_of`, in the page's order."""
    found = []
    for panel in plugins.WARNING_PANELS:
        context = panel.context(actor, node, as_of)
        values = context.values() if isinstance(context, dict) else vars(context).values()
        found += [v for v in values if isinstance(v, VillageList)]
    return found


def warnings_xlsx(lists: list[VillageList]) -> bytes:
    writer = Writer()
    used: set[str] = set()
    for village_list in lists:
        name = _sheet_name(village_list.title, used)
        ws = writer.book.add_worksheet(name)
        writer.write_header(ws, [*HEADERS, *village_list.columns])
        ws.set_column(2, 2, 16, writer.text)
        for r, row in enumerate(village_list.rows, start=1):
            for c, value in enumerate([row.county, row.township, row.code, row.name, *row.details]):
                writer.write_cell(ws, r, c, value, writer.text if c == 2 else None)
    if not lists:
        writer.write_header(writer.book.add_worksheet("预警名单"), HEADERS)
    return writer.close()


def _sheet_name(title: str, used: set[str]) -> str:
    base = title.translate(NOT_IN_SHEET_NAME)[:SHEET_CHARS]
    name, n = base, 2
    while name in used:
        name = f"{base[: SHEET_CHARS - len(str(n)) - 1]}_{n}"
        n += 1
    used.add(name)
    return name


def warnings_export(*, actor, node: Division, as_of: dt.date) -> bytes:
    """The warnings of `node` (already checked to lie in the actor's area) as .xlsx, recorded as an
    export."""
    lists = village_lists(actor, node, as_of)
    data = warnings_xlsx(lists)
    record_export(
        actor=actor,
        code=node.code,
        note=f"预警名单（{node.name}）",
        held={"sheets": [v.title for v in lists], "rows": sum(v.count for v in lists), "as_of": as_of},
    )
    return data
