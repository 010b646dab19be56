"""Rows that the system writes itself through the sheets (the demo of a first run): checked by every
rule of every sheet, as an upload is, and written by the same bulk services, all or nothing. Each
record is audited under the action given; nothing enters the import history, which lists uploads."""

from django.db import transaction

from liangdai.core.errors import DomainError

from .pipeline import Context, validate
from .sheets import SHEETS, Sheet

SHOWN_ERRORS = 5


class _Context(Context):
    """An import context whose audit rows carry `action` (e.g. 演示数据) rather than 导入新增."""

    def __init__(self, actor, action: str):
        super().__init__(actor)
        self.action = action

    def audit_action(self, action: str) -> str:
        return self.action


@transaction.atomic
def rows_write(*, actor, sheets: dict[str, list[dict]], action: str) -> dict[str, tuple[int, int]]:
    """Write `sheets` (sheet name -> rows, each a dict of header -> cell value) as `actor`; returns
    (created, updated) by sheet. A row that breaks a rule raises DomainError naming the first
    errors, and nothing is written."""
    book = {name: _table(SHEETS[name], rows) for name, rows in sheets.items() if rows}
    if not book:
        return {}
    ctx = _Context(actor, action)
    parsed = validate(book, ctx, None)
    if ctx.errors:
        shown = [f"{e.sheet}第{e.row}行{e.column or ''}“{e.shown}”：{e.message}" for e in ctx.errors[:SHOWN_ERRORS]]
        raise DomainError("；".join(shown))
    counts = {name: SHEETS[name].write(rows, ctx) for name, rows in parsed.items() if rows}
    ctx.finish_audit()
    return counts


def _table(sheet: Sheet, rows: list[dict]) -> list[list]:
    headers = [c.header for c in sheet.columns]
    return [headers, *([row.get(h) for h in headers] for row in rows)]
