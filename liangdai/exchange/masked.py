"""Numbers that an export masked, read back (issue 11; DESIGN.md: an export "imported back by the
same user ... changes only what was edited").

A user without the right to see numbers exports identity and phone numbers masked
(`idnumbers.mask`, `idnumbers.mask_phone`). On import, a cell of a masked column that holds the mask
character is not parsed as a number: it is kept as a `Masked` value, and before the sheet's rules
the app that owns the persons (cadres, through `add_unmasker`) puts back the number it stands for,
found among the persons the importer may see, or refuses the row with the reason. Whatever no
unmasker resolves is refused here: a masked value never reaches a rule or a write, so it can never
create a person nor name one outside the importer's area.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .cells import text
from .sheets import Column, Row, Sheet

MASK_CHARACTERS = ("*", "＊")  # a full-width asterisk, as Chinese input methods type it
UNRESOLVED = "带*的号码是导出时隐去部分数字的号码，不能在此导入：请填写完整号码"


@dataclass(frozen=True)
class Masked:
    """A masked number as the cell holds it, e.g. 640***********0035."""

    text: str

    def __str__(self) -> str:
        return self.text


def read(column: Column, value: object):
    """The value of a non-blank cell: `Masked` where a masked column holds the mask character,
    else what the column's parser gives (raising CellError as it does)."""
    if column.masked and isinstance(value, str) and any(c in value for c in MASK_CHARACTERS):
        return Masked(text(value).replace("＊", "*"))
    return column.parse(value)


# unmasker(sheet, rows, ctx): replaces the `Masked` values of the rows, or reports with ctx.error.
Unmasker = Callable[[Sheet, list[Row], Any], None]
UNMASKERS: list[Unmasker] = []


def add_unmasker(unmasker: Unmasker) -> None:
    """Called by a domain app's `AppConfig.ready()`."""
    if unmasker not in UNMASKERS:
        UNMASKERS.append(unmasker)


def has_masked(row: Row, field_name: str) -> bool:
    return isinstance(row.values.get(field_name), Masked)


def unmask(sheet: Sheet, rows: list[Row], ctx) -> None:
    """Before the rules of `sheet`: each masked cell of `rows` replaced by the number it stands for
    by the registered unmaskers; any they leave is refused (fails closed)."""
    columns = [c for c in sheet.columns if c.masked]
    if not any(has_masked(r, c.field) for r in rows for c in columns):
        return
    for unmasker in UNMASKERS:
        unmasker(sheet, rows, ctx)
    for row in rows:
        for column in columns:
            if has_masked(row, column.field):
                row.values[column.field] = None
                ctx.error(sheet, row, column.field, UNRESOLVED)
