"""The import pipeline: read with calamine, normalise each cell, check each row, check across rows
and against the database, then write all or nothing, auditing each row written (EXCHANGE.md)."""

import datetime as dt
import hashlib
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from liangdai.audit.models import AuditLog
from liangdai.audit.services import AUDIT_COLUMNS, build, build_values, record
from liangdai.core.planner import analyze_if_large
from liangdai.org.divisions import lock_villages
from liangdai.org.models import Division
from liangdai.org.scoping import area_prefix, in_area

from . import masked
from .cells import REQUIRED, CellError, is_blank, text
from .headers import column_positions, find_header
from .inspection import inspect_workbook
from .kinds import LABELS, kind_of
from .models import ImportRecord
from .reading import FileError, read_sheets
from .sheets import SHEETS, Column, RawCells, Row, Sheet, known_sheets
from .state import WorkbookState
from .writes import insert_rows, insert_values, write_cache

Progress = Callable[[str, int, int], None]


@dataclass
class Issue:
    sheet: str
    row: int
    column: str | None
    value: object
    message: str

    @property
    def shown(self) -> str:
        """The value as a user typed it: 5 rather than 5.0, dates as 2019-10-31."""
        return "" if is_blank(self.value) else text(self.value)


@dataclass
class ImportResult:
    sha256: str
    errors: list[Issue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, dict] = field(default_factory=dict)
    record: ImportRecord | None = None
    kind: str = ""  # what the file was read as (kinds.LABELS)

    @property
    def ok(self) -> bool:
        return not self.errors


class Context:
    """What the checks of one workbook share: the actor, the issues, the villages known so far and
    what earlier sheets of the same workbook give the later ones (`state`)."""

    def __init__(self, actor):
        self.actor = actor
        self.prefix = area_prefix(actor)  # the importer's area, recorded with the import
        self.errors: list[Issue] = []
        self.warnings: list[str] = []
        self.state = WorkbookState()
        self.audit_entries: list = []
        self.audited = 0  # audit rows written by this import
        self._villages: dict[str, Division | None] = {}

    def error(self, sheet: Sheet, row: Row, field_name: str | None, message: str) -> None:
        header = sheet.header_of(field_name) if field_name else None
        value = row.raw.get(header) if header else None
        self.errors.append(Issue(sheet.name, row.number, header, value, message))
        row.valid = False

    def in_area(self, code: str) -> bool:
        return in_area(self.actor, code)

    def village(self, code: str) -> Division | None:
        """A known village-level division, or one that 村情 of this workbook creates."""
        if code not in self._villages:
            self._villages[code] = Division.objects.filter(code=code, level=5).first()
        return self._villages[code] or self.state.new_villages.get(code)

    def preload_villages(self, codes: set[str]) -> None:
        missing = [c for c in codes if c not in self._villages]
        for i in range(0, len(missing), 500):
            found = {d.code: d for d in Division.objects.filter(code__in=missing[i : i + 500], level=5)}
            for code in missing[i : i + 500]:
                self._villages[code] = found.get(code)

    def audit_action(self, action: str) -> str:
        """The action an audit row of this import records (a demo's writes record their own)."""
        return action

    def audit(self, **kwargs) -> None:
        """An audit row, written with the others when the sheets are written (`finish_audit`)."""
        kwargs["action"] = self.audit_action(kwargs["action"])
        self.audit_entries.append(build(actor=self.actor, **kwargs))

    def audit_many(self, *, action: str, entity: str, items: list[tuple]) -> None:
        """Audit rows for a batch of records, one for each (entity_id, code, before, after), written
        now as tuples (no model instance each), after those `audit` holds so far: the log keeps the
        order of the writes. For the sheets that write thousands of records."""
        self._flush_audit()
        rows = build_values(actor=self.actor, action=self.audit_action(action), entity=entity, items=items)
        insert_values(AuditLog, AUDIT_COLUMNS, rows)
        self.audited += len(rows)

    def finish_audit(self) -> None:
        """Write the audit rows still held, and refresh the log's statistics after a large import."""
        self._flush_audit()
        analyze_if_large(AuditLog, self.audited)

    def _flush_audit(self) -> None:
        if self.audit_entries:
            insert_rows(AuditLog, self.audit_entries, analyze=False)  # finish_audit does
            self.audited += len(self.audit_entries)
            self.audit_entries = []


def read_workbook(data: bytes, filename: str = "") -> dict[str, list[list]]:
    """Each sheet's rows as python-calamine gives them, for any kind of workbook it reads (kinds.py).
    The file is inspected first and read in a worker process under a memory and a time limit
    (inspection.py, reading.py): no upload can take the server down. Every FileError names the
    kind of file."""
    kind = kind_of(data, filename)
    with _named(kind):
        return _read(data, kind)


def _read(data: bytes, kind: str) -> dict[str, list[list]]:
    inspect_workbook(data, kind)
    return read_sheets(data)


@contextmanager
def _named(kind: str):
    """A FileError raised within names the kind of the file (unless it names one already)."""
    try:
        yield
    except FileError as exc:
        raise FileError(exc.reason, exc.kind or LABELS[kind]) from None


def _parse_rows(sheet: Sheet, table: list[list], ctx: Context, progress: Progress | None) -> list[Row]:
    """The data rows below the sheet's header row (headers.py), each numbered as in Excel."""
    header = find_header(sheet, table)
    positions = column_positions(sheet, table[header], header + 1, ctx.warnings)
    indexes = list(positions.values())
    # A column the file lacks is blank in every row (a required one is refused by column_positions).
    readers = [(c.field, positions.get(c.header, -1), _reader(c), c.required) for c in sheet.columns]
    rows: list[Row] = []
    total = len(table) - header - 1
    for index, cells in enumerate(table[header + 1 :], start=header + 2):
        width = len(cells)
        if all(is_blank(cells[i]) for i in indexes if i < width):
            continue
        values: dict = {}
        row = Row(number=index, values=values, raw=RawCells(cells, positions))
        for field_name, i, read, required in readers:
            value = cells[i] if 0 <= i < width else None
            if value is None or (isinstance(value, str) and not value.strip()):  # is_blank, inline
                values[field_name] = None
                if required:
                    ctx.error(sheet, row, field_name, REQUIRED)
                continue
            try:
                values[field_name] = read(value)
            except CellError as exc:
                values[field_name] = None
                ctx.error(sheet, row, field_name, exc.message)
        rows.append(row)
        if progress and (index - header - 1) % 1000 == 0:
            progress(sheet.name, index - header - 1, total)
    if progress:
        progress(sheet.name, total, total)
    return rows


# Distinct values of a column whose reading is remembered: enough for the choices, codes, dates and
# names that repeat down a sheet, bounded for the columns whose values never repeat.
MEMO_LIMIT = 5000
_MEMO_KEYS = (str, dt.date, dt.datetime)
_MEMO_RESULTS = (str, int, dt.date, Decimal, bool)


def _reader(column: Column) -> Callable[[object], object]:
    """`masked.read` for one column's non-blank cells. A column's parser is a function of the cell
    alone, so a text or date cell seen before in the column is read once: the result is reused, or
    its CellError raised again (as a new one, with the same message)."""
    if column.masked:
        return lambda value: masked.read(column, value)
    parse = column.parse
    memo: dict = {}

    def read(value):
        kind = type(value)
        if kind not in _MEMO_KEYS:
            return parse(value)
        key = (kind, value)
        known = memo.get(key)
        if known is not None:
            if type(known) is CellError:
                raise CellError(known.message)
            return known
        try:
            result = parse(value)
        except CellError as exc:
            if len(memo) < MEMO_LIMIT:
                memo[key] = CellError(exc.message)
            raise
        if len(memo) < MEMO_LIMIT and type(result) in _MEMO_RESULTS:
            memo[key] = result
        return result

    return read


def _check_villages(sheet: Sheet, rows: list[Row], ctx: Context) -> None:
    """Every row's village exists (or 村情 creates it) and lies in the importing user's area."""
    fields = [c.field for c in sheet.columns if c.field == "village"]
    if not fields:
        return
    ctx.preload_villages({r["village"] for r in rows if r["village"]})
    for row in rows:
        code = row["village"]
        if code is None:
            continue
        if not ctx.in_area(code):
            ctx.error(sheet, row, "village", f"村代码 {code} 不在您的管辖范围内，不能导入")
        elif not getattr(sheet, "allows_new_village", False) and ctx.village(code) is None:
            ctx.error(sheet, row, "village", f"村代码 {code} 不是已知的村级区划代码")


def _check_keys(sheet: Sheet, rows: list[Row], ctx: Context) -> None:
    seen: dict[tuple, int] = {}
    for row in rows:
        if not row.valid:
            continue
        key = sheet.key_of(row)
        if key in seen:
            ctx.error(
                sheet,
                row,
                sheet.key[0],
                f"与第{seen[key]}行重复（同一{'+'.join(sheet.header_of(f) for f in sheet.key)}）",
            )
        else:
            seen[key] = row.number


def validate(book: dict[str, list[list]], ctx: Context, progress: Progress | None) -> dict[str, list[Row]]:
    """Every row of every sheet the workbook holds, with its issues in `ctx`. In a commit this runs
    inside the writing transaction, after the villages the rows name are locked: what is validated
    is what is written, whatever other users do meanwhile."""
    for name in book:
        if name not in SHEETS:
            ctx.warnings.append(f"工作表“{name}”不是本系统当前可导入的表，已跳过")
    present = [s for s in known_sheets() if s.name in book]
    if not present:
        raise FileError("工作簿中没有可导入的表（表名应为：" + "、".join(s.name for s in known_sheets()) + "）")
    parsed = {sheet.name: _parse_rows(sheet, book[sheet.name], ctx, progress) for sheet in present}
    if not any(parsed.values()):
        raise FileError("工作簿中没有数据行")
    if transaction.get_connection().in_atomic_block:
        lock_villages({r["village"] for rows in parsed.values() for r in rows if r["village"]})
    for sheet in present:
        rows = parsed[sheet.name]
        _check_villages(sheet, rows, ctx)
        masked.unmask(sheet, rows, ctx)  # an export's masked numbers, before any rule reads them
        sheet.prepare([r for r in rows if r.valid], ctx)
        for row in rows:
            if row.valid:
                sheet.check_row(row, ctx)
        _check_keys(sheet, rows, ctx)
        valid = [r for r in rows if r.valid]
        if valid:  # a sheet's hooks may assume rows (an export holds header-only sheets)
            sheet.check_rows(valid, ctx)
    return parsed


def import_workbook(
    *, data: bytes, filename: str, actor, commit: bool, progress: Progress | None = None
) -> ImportResult:
    """Validate a workbook and, when `commit` and every row is valid, write it all in the same
    transaction as the validation. A file that cannot be used raises FileError, and is recorded
    in the import history with its reason like any other."""
    result = ImportResult(sha256=hashlib.sha256(data).hexdigest())
    ctx = Context(actor)
    try:
        kind = kind_of(data, filename)
        result.kind = LABELS[kind]
        with _named(kind):
            return _import(result, _read(data, kind), filename, ctx, commit, progress)
    except FileError as exc:
        _record(result, ctx, filename, committed=False, refusal=exc.message)
        raise


def _import(result: ImportResult, book, filename: str, ctx: Context, commit: bool, progress) -> ImportResult:
    if not commit:
        _validate_into(result, book, ctx, progress)
        _record(result, ctx, filename, committed=False)
        return result
    with transaction.atomic(), write_cache():
        parsed = _validate_into(result, book, ctx, progress)
        if result.errors:
            _record(result, ctx, filename, committed=False)
            return result
        for name, rows in parsed.items():
            if rows:
                if progress:
                    progress(f"写入{name}", 0, len(rows))
                created, updated = SHEETS[name].write(rows, ctx)
                result.counts[name].update(created=created, updated=updated)
                if progress:
                    progress(f"写入{name}", len(rows), len(rows))
        ctx.finish_audit()
        _record(result, ctx, filename, committed=True)
    return result


def _validate_into(result: ImportResult, book, ctx: Context, progress: Progress | None) -> dict[str, list[Row]]:
    parsed = validate(book, ctx, progress)
    result.errors, result.warnings = ctx.errors, ctx.warnings
    for name, rows in parsed.items():
        result.counts[name] = {"read": len(rows), "created": 0, "updated": 0}
    return parsed


def _record(result: ImportResult, ctx: Context, filename: str, committed: bool, refusal: str = "") -> None:
    """The import's line in the history: what was read, created and updated, or why not."""
    counts = result.counts.values()
    result.record = history_record(
        actor=ctx.actor,
        code=ctx.prefix or "",
        filename=filename,
        sha256=result.sha256,
        committed=committed,
        rows_read=sum(c["read"] for c in counts),
        created=sum(c["created"] for c in counts),
        updated=sum(c["updated"] for c in counts),
        errors=len(result.errors),
        detail=result.counts,
        refusal=refusal,
        reason=refusal or _errors_summary(result.errors),
    )


def history_record(
    *, actor, code: str, filename: str, sha256: str, refusal: str, reason: str, **counts
) -> ImportRecord:
    """A line of the import history and its audit row: a file committed, validated, failed or
    refused (`refusal`: why it could not be used at all; `reason`: that, or its first error)."""
    entry = ImportRecord.objects.create(
        user=actor if actor.pk else None,
        filename=filename[:255],
        sha256=sha256,
        code=code,
        refused=bool(refusal),
        reason=reason[: ImportRecord._meta.get_field("reason").max_length],
        **counts,
    )
    committed = counts.get("committed", False)
    record(
        actor=actor,
        action="导入" if committed else "导入校验",
        entity="import",
        entity_id=entry.pk,
        code=code,
        after=counts.get("detail"),
        result="失败" if reason else "成功",
        note=f"{filename}" + (f" sha256={sha256}" if sha256 else "") + (f" {reason}" if reason else ""),
    )
    return entry


def _errors_summary(errors: list[Issue]) -> str:
    """The first error of a workbook that failed validation, and how many there are."""
    if not errors:
        return ""
    first = errors[0]
    where = f"{first.sheet} 第{first.row}行" + (f" {first.column}" if first.column else "")
    return f"共 {len(errors)} 处错误，第一处：{where}：{first.message}"
