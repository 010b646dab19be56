"""Writing imported rows: create what is new, update what changed, leave the rest; audit each.

New rows go in with COPY (PostgreSQL) or executemany (SQLite), not bulk_create: DESIGN.md's
measured limits put bulk_create at a fifth of executemany, and an import of 50,000 rows spent most
of its time preparing values for it. Same transaction, same constraints.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.db import connections, models, router
from django.db.models import Model, QuerySet

from liangdai.audit.services import snapshot
from liangdai.core.planner import analyze_if_large

# SQLite's page cache while an import writes, in KiB (its default is 2,000 KiB).
SQLITE_WRITE_CACHE_KIB = 32_768


@contextmanager
def write_cache(using: str = "default") -> Iterator[None]:
    """On SQLite, a page cache of SQLITE_WRITE_CACHE_KIB for the connection while a large import
    writes, then the one it had. The audit log's and the records' indexes take keys all over them
    (area codes, sealed numbers): with the default 2 MB most inserts read a page back, and 200,000
    audit rows took a quarter to a third longer. Bounded, as it counts in the import's peak memory;
    PostgreSQL's shared buffers need nothing here."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    # The driver's own connection: the setting is restored even after a failed write, when
    # Django refuses queries until the transaction ends.
    sqlite = connection.connection
    previous = int(sqlite.execute("PRAGMA cache_size").fetchone()[0])
    sqlite.execute(f"PRAGMA cache_size = -{int(SQLITE_WRITE_CACHE_KIB)}")
    try:
        yield
    finally:
        sqlite.execute(f"PRAGMA cache_size = {previous}")


def in_chunks(items: list, size: int = 500) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def existing_by_key(qs: QuerySet, lookup: str, values: Iterable, key: Callable[[Model], tuple]) -> dict:
    """The records of `qs` whose `lookup` is among `values`, by their natural key."""
    found: dict = {}
    for chunk in in_chunks(sorted(set(values))):
        for obj in qs.filter(**{f"{lookup}__in": chunk}):
            found[key(obj)] = obj
    return found


def upsert(
    ctx,
    *,
    model: type[Model],
    entity: str,
    items: list[Model],
    existing: dict,
    key: Callable[[Model], tuple],
    fields: list[str],
    code: Callable[[Model], str],
) -> tuple[int, int]:
    """Insert the items whose key is new; copy `fields` onto the existing records that differ.
    Returns (created, updated); an item equal to its record changes nothing and is not audited."""
    to_create, to_update = [], []
    for item in items:
        old = existing.get(key(item))
        if old is None:
            to_create.append(item)
            continue
        changed = [f for f in fields if getattr(old, f) != getattr(item, f)]
        if not changed:
            continue
        before = {f: getattr(old, f) for f in changed}
        for f in changed:
            setattr(old, f, getattr(item, f))
        after = {f: getattr(old, f) for f in changed}
        to_update.append(old)
        ctx.audit(action="导入更新", entity=entity, entity_id=old.pk, code=code(old), before=before, after=after)
    insert_rows(model, to_create)
    for obj in to_create:
        ctx.audit(
            action="导入新增",
            entity=entity,
            entity_id=obj.pk or "|".join(map(str, key(obj))),
            code=code(obj),
            after=snapshot(obj),
        )
    if to_update:
        model.objects.bulk_update(to_update, fields, batch_size=500)
    return len(to_create), len(to_update)


AUTO_FIELDS = {"AutoField", "BigAutoField", "SmallAutoField"}
# Values the database drivers take as they are (Django registers adapters for Decimal and date on
# SQLite); other fields go through Django's own conversion.
PLAIN_FIELDS = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.FloatField,
                models.DecimalField, models.DateField, models.ForeignKey)  # fmt: skip


def _is_plain(field) -> bool:
    plain = isinstance(field, PLAIN_FIELDS) and not isinstance(field, models.DateTimeField | models.JSONField)
    return plain and not getattr(field, "protected", False)  # stored encrypted (core.protected)


def _preparer(field, connection) -> Callable[[Model], object]:
    automatic = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    if _is_plain(field) and not automatic:
        attname = field.attname
        return lambda obj: getattr(obj, attname)
    return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), connection)


def insert_rows(model: type[Model], objs: list[Model], batch_size: int = 2000, *, analyze: bool = True) -> None:
    """Insert unsaved instances; an auto primary key is set on each, as bulk_create would. A large
    load refreshes the table's planner statistics, unless the caller does (`analyze`)."""
    if not objs:
        return
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    auto = meta.pk.get_internal_type() in AUTO_FIELDS
    if auto and any(obj.pk is not None for obj in objs):
        model.objects.bulk_create(objs, batch_size=batch_size)
        return
    postgres = connection.vendor == "postgresql"
    if auto and postgres:
        for obj, pk in zip(objs, _reserve_ids(connection, meta, len(objs)), strict=True):
            obj.pk = pk
    fields = [f for f in meta.concrete_fields if postgres or not (auto and f is meta.pk)]
    preparers = [_preparer(f, connection) for f in fields]
    with connection.cursor() as cursor:
        _write(cursor, meta, fields, ([p(obj) for p in preparers] for obj in objs), batch_size)
        if auto and not postgres:
            for obj, pk in zip(objs, _sqlite_ids(cursor, meta, len(objs)), strict=True):
                obj.pk = pk
    if analyze:
        analyze_if_large(model, len(objs))
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias


def insert_values(model: type[Model], columns: list[str], rows: list[tuple], batch_size: int = 2000) -> list[int]:
    """Insert rows given as tuples of values, in the order of `columns` (field names, without an
    automatic primary key): no model instances, for the imports that write many records. A value
    is what the instance's attribute would hold; those of protected, JSON and date-time fields go
    through the field's own conversion, as a save would (sealing a number sealed already keeps
    it). No `auto_now` fields. Returns the automatic keys the rows took, in order ([] when the key
    is not automatic). Planner statistics are the caller's: see `core.planner.analyze_if_large`."""
    if not rows:
        return []
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    fields = [meta.get_field(c) for c in columns]
    auto = meta.pk.get_internal_type() in AUTO_FIELDS and meta.pk not in fields
    postgres = connection.vendor == "postgresql"
    converters = [(i, _converter(f, connection)) for i, f in enumerate(fields) if not _is_plain(f)]

    def prepared(row: tuple) -> list:
        values = list(row)
        for i, convert in converters:
            values[i] = convert(values[i])
        return values

    ids: list[int] = []
    with connection.cursor() as cursor:
        if auto and postgres:
            ids = _reserve_ids(connection, meta, len(rows))
            keyed = ([pk, *prepared(r)] for pk, r in zip(ids, rows, strict=True))
            _write(cursor, meta, [meta.pk, *fields], keyed, batch_size)
        else:
            _write(cursor, meta, fields, (prepared(r) for r in rows), batch_size)
            if auto:
                ids = _sqlite_ids(cursor, meta, len(rows))
    return ids


def _converter(field, connection) -> Callable[[object], object]:
    """The field's conversion of a value for the database; a value that is the same object as the
    one before (an audit batch's time) is converted once."""
    last: list = [object(), None]

    def convert(value):
        if value is not last[0]:
            last[0], last[1] = value, field.get_db_prep_save(value, connection)
        return last[1]

    return convert


def _write(cursor, meta, fields: list, rows: Iterable[list], batch_size: int) -> None:
    """COPY on PostgreSQL; executemany on SQLite, `batch_size` rows at a time."""
    connection = cursor.db
    table = connection.ops.quote_name(meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (names from the model, quoted)
    batch: list = []
    for row in rows:
        batch.append(row)
        if len(batch) == batch_size:
            cursor.executemany(sql, batch)
            batch = []
    if batch:
        cursor.executemany(sql, batch)


def _reserve_ids(connection, meta, count: int) -> list[int]:
    """`count` values of the table's sequence, taken atomically: safe beside other writers."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _sqlite_ids(cursor, meta, count: int) -> list[int]:
    """The keys of the `count` rows just inserted. Django's SQLite keys are AUTOINCREMENT and the
    transaction holds the only write lock, so those rows took the consecutive keys ending at the
    largest one."""
    quote = cursor.db.ops.quote_name
    cursor.execute(f"SELECT max({quote(meta.pk.column)}) FROM {quote(meta.db_table)}")  # noqa: S608 (model names)
    last = cursor.fetchone()[0]
    return list(range(last - count + 1, last + 1))
