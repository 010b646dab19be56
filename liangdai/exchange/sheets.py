"""How a sheet of the unified templates is declared. A slice adds a sheet by declaring its columns,
key and rules, and registering it; the pipeline does the rest."""

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

# The sheets of EXCHANGE.md, in the order a workbook is imported.
SHEET_ORDER = ["村情", "活动场所", "村干部", "致富带头人", "发展党员", "培训", "星级评定", "个人考核", "资金支出"]


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    parse: Callable[[object], Any]
    required: bool = False
    note: str = ""
    # For the template's drop-down list.
    options: tuple[str, ...] = ()
    # Codes and identity numbers: written as text, masked on export when `masked`.
    text_format: bool = False
    masked: str = ""  # "id" or "phone"


class RawCells(Mapping):
    """A data row's cells by header, as read: a view of the row as the reader gave it, through the
    header positions that all rows of the sheet share (no dict per row: an import of 100,000 rows
    holds them all at once)."""

    __slots__ = ("cells", "positions")

    def __init__(self, cells: list, positions: dict[str, int]):
        self.cells, self.positions = cells, positions

    def __getitem__(self, header: str):
        i = self.positions[header]
        return self.cells[i] if i < len(self.cells) else ""

    def __iter__(self) -> Iterator[str]:
        return iter(self.positions)

    def __len__(self) -> int:
        return len(self.positions)


@dataclass(slots=True)
class Row:
    number: int  # the row number in Excel (header is row 1)
    values: dict[str, Any]  # field -> parsed value; None where blank
    raw: Mapping[str, Any] = field(default_factory=dict)  # header -> cell as read
    valid: bool = True

    def __getitem__(self, name: str):
        return self.values.get(name)


class Sheet:
    """Subclass per sheet: declare `name`, `columns`, `key`; override the hooks that apply."""

    name: str = ""
    columns: list[Column] = []
    key: tuple[str, ...] = ()

    def column(self, field_name: str) -> Column:
        return next(c for c in self.columns if c.field == field_name)

    def header_of(self, field_name: str) -> str:
        return self.column(field_name).header

    def key_of(self, row: Row) -> tuple:
        return tuple(row[f] for f in self.key)

    def prepare(self, rows: list[Row], ctx) -> None:
        """Before the row rules: fetch at once what they will look up row by row (the persons)."""

    def check_row(self, row: Row, ctx) -> None:
        """Rules within one row; report with ctx.error(self, row, field, message)."""

    def check_rows(self, rows: list[Row], ctx) -> None:
        """Rules across rows and against the database; rows already failing their own rules are
        excluded. Record what later sheets of the same workbook rely on in `ctx.state`."""

    def write(self, rows: list[Row], ctx) -> tuple[int, int]:
        """Write the valid rows; return (created, updated). Audit through ctx.audit_*."""
        raise NotImplementedError

    def export_rows(self, actor) -> Iterable[list]:
        """The records in the actor's area as rows of cell values, in column order."""
        return []


SHEETS: dict[str, Sheet] = {}


def register(*sheet_classes: type[Sheet]) -> None:
    """Called by a domain app's `AppConfig.ready()` with the sheets it declares."""
    for sheet_class in sheet_classes:
        sheet = sheet_class()
        assert sheet.name in SHEET_ORDER, sheet.name
        SHEETS[sheet.name] = sheet


def known_sheets() -> list[Sheet]:
    """The registered sheets, in the order of EXCHANGE.md."""
    return [SHEETS[name] for name in SHEET_ORDER if name in SHEETS]
