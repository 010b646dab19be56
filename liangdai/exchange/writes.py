"""Writing imported rows: create what is new, update what changed, leave the rest; audit each."""

from collections.abc import Callable, Iterable

from django.db.models import Model, QuerySet

from liangdai.audit.services import snapshot


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
        old_values = snapshot(old)
        for f in changed:
            setattr(old, f, getattr(item, f))
        new_values = snapshot(old)
        before = {f: old_values.get(f) for f in changed}
        after = {f: new_values.get(f) for f in changed}
        to_update.append(old)
        ctx.audit(action="导入更新", entity=entity, entity_id=old.pk, code=code(old), before=before, after=after)
    model.objects.bulk_create(to_create, batch_size=1000)
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
