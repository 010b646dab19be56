"""Writing imported rows: create what is new, update what changed, leave the rest; audit each.

New rows go in with COPY (PostgreSQL) or executemany (SQLite), not bulk_create: DESIGN.md's
measured limits put bulk_create at a fifth of executemany, and an import of 50,000 rows spent most
of its time preparing values for it. Same transaction, same constraints.
"""

from collections.abc import Callable, Iterable

from django.db import connections, models, router
from django.db.models import Model, QuerySet

from liangdai.audit.services import snapshot
from liangdai.core.planner import analyze_if_large


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


def _preparer(field, connection) -> Callable[[Model], object]:
    automatic = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    plain = isinstance(field, PLAIN_FIELDS) and not isinstance(field, models.DateTimeField | models.JSONField)
    plain = plain and not getattr(field, "protected", False)  # stored encrypted (core.protected)
    if plain and not automatic:
        attname = field.attname
        return lambda obj: getattr(obj, attname)
    return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), connection)


def insert_rows(model: type[Model], objs: list[Model], batch_size: int = 2000) -> None:
    """Insert unsaved instances; an auto primary key is set on each, as bulk_create would."""
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
    table = connection.ops.quote_name(meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        if postgres:
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for obj in objs:
                    copy.write_row([p(obj) for p in preparers])
        else:
            marks = ", ".join(["%s"] * len(fields))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (names from the model, quoted)
            for chunk in in_chunks(objs, batch_size):
                cursor.executemany(sql, [[p(obj) for p in preparers] for obj in chunk])
            if auto:
                _number_sqlite_rows(cursor, meta, objs)
    analyze_if_large(model, len(objs))
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias


def _reserve_ids(connection, meta, count: int) -> list[int]:
    """`count` values of the table's sequence, taken atomically: safe beside other writers."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _number_sqlite_rows(cursor, meta, objs: list[Model]) -> None:
    """Django's SQLite keys are AUTOINCREMENT and the transaction holds the only write lock, so the
    rows just inserted took the consecutive keys ending at the largest one."""
    quote = cursor.db.ops.quote_name
    cursor.execute(f"SELECT max({quote(meta.pk.column)}) FROM {quote(meta.db_table)}")  # noqa: S608 (model names)
    last = cursor.fetchone()[0]
    for offset, obj in enumerate(objs):
        obj.pk = last - len(objs) + 1 + offset
