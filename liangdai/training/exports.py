"""Workbooks of the training pages: the untrained of a node (全覆盖) and a rotation plan with what
is done. Identity numbers are always masked; each export is audited as 导出."""

from liangdai.audit.services import record_export
from liangdai.core.idnumbers import mask
from liangdai.exchange.workbooks import Writer

from .coverage import Coverage, LevelProgress

UNTRAINED_HEADER = ["村", "村代码", "姓名", "公民身份号码", "职务"]
PLAN_HEADER = ["培训层级", "村", "村代码", "姓名", "公民身份号码", "是否已培训", "其他层级已培训"]


def _sheet(writer: Writer, name: str, header: list[str], rows: list[list]) -> None:
    ws = writer.book.add_worksheet(name)
    writer.write_header(ws, header)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            writer.write_cell(ws, r, c, value)


def _untrained_rows(people) -> list[list]:
    return [[u.village.name, u.village.code, u.person.name, mask(u.person.id_number), u.positions] for u in people]


def coverage_export(*, actor, coverage: Coverage) -> bytes:
    writer = Writer()
    _sheet(writer, "未培训书记", UNTRAINED_HEADER, _untrained_rows(coverage.secretaries))
    _sheet(writer, "未培训村干部", UNTRAINED_HEADER, _untrained_rows(coverage.cadres))
    data = writer.close()
    record_export(
        actor=actor,
        code=coverage.node.code,
        note=f"培训全覆盖（{coverage.start:%Y-%m-%d}至{coverage.as_of:%Y-%m-%d}）",
        held={"sheets": ["未培训书记", "未培训村干部"], "rows": len(coverage.secretaries) + len(coverage.cadres)},
    )
    return data


def plan_export(*, actor, code: str, year: int, levels: list[LevelProgress]) -> bytes:
    rows = []
    for lp in levels:
        missing = {e.pk: other for e, other in lp.missing}
        for e in lp.planned:
            trained = e.pk not in missing
            rows.append([lp.level, e.village.name, e.village.code, e.person.name, mask(e.person.id_number), trained,
                         missing.get(e.pk, False)])  # fmt: skip
    writer = Writer()
    _sheet(writer, "轮训计划", PLAN_HEADER, rows)
    data = writer.close()
    record_export(actor=actor, code=code, note=f"{year}年轮训计划", held={"sheets": ["轮训计划"], "rows": len(rows)})
    return data
