"""Audit rows as a clerk reads them: each change as (field label, before, after) in Chinese.

The labels come from the models themselves (`verbose_name` of each field of the model that the
app owning the entity registered in `entities`, so this low app imports no higher one), and a
row whose app reads it itself (a rule, in sentences) is shown as that app reads it;
choices show their label, references (people, users, divisions) their names, fetched in bulk
for a whole page of rows; money and counts carry thousands separators, booleans read 是/否,
times read on one line. Identity and phone numbers stay masked unless the reader may reveal them.
"""

import datetime as dt
import decimal
from collections import defaultdict
from typing import NamedTuple

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from liangdai.core.idnumbers import mask_snapshot

from .entities import entity_of

# Keys that services record beside a model's fields, the same in every app.
KEY_LABELS = {
    "old": "原任职",
    "new": "新任职",
    "rows": "行数",
    "file": "文件",
    "kind": "类型",
}
HIDDEN = {"id", "password"}
NONE = "—"
# Integer fields that hold years, levels or stars: no thousands separators.
_SMALL = (models.SmallIntegerField, models.PositiveSmallIntegerField)


class Change(NamedTuple):
    label: str
    before: str
    after: str


def entity_model(entity: str) -> type[models.Model] | None:
    registered = entity_of(entity)
    if registered is None or not registered.model:
        return None
    try:
        return apps.get_model(registered.model)
    except LookupError:
        return None


def entity_label(entity: str) -> str:
    if not entity:
        return NONE
    registered = entity_of(entity)
    return registered.label if registered is not None else entity


def user_name(user) -> str:
    """An account's real name when it has one, else its user name."""
    real = getattr(user, "real_name", "") or f"{user.last_name}{user.first_name}".strip()
    return real or user.username


def object_name(obj) -> str:
    if obj._meta.label == "org.User":
        return user_name(obj)
    if hasattr(obj, "name"):
        return str(obj.name)
    return str(obj)


def _key(field):
    """The primary key `field` makes of a recorded value; None for a value that is no key of it
    (a user name recorded for a failed login), which is then shown as it is."""

    def key(value):
        try:
            return field.to_python(value)
        except (TypeError, ValueError, ValidationError):
            return None

    return key


class Names:
    """Names of referenced records, asked for in a first pass and fetched once per model."""

    def __init__(self):
        self.wanted: dict[type, set] = defaultdict(set)
        self.found: dict[tuple[type, str], str] = {}

    def want(self, model, pk) -> None:
        self.wanted[model].add(pk)

    def fetch(self) -> None:
        for model, pks in self.wanted.items():
            field = model._meta.pk
            keys = {key for key in map(_key(field), pks) if key is not None}
            for obj in model._default_manager.filter(pk__in=keys):
                self.found[(model, str(obj.pk))] = object_name(obj)
        self.wanted.clear()

    def name(self, model, pk) -> str:
        self.want(model, pk)
        return self.found.get((model, str(pk)), str(pk))


def _field(model, key: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:  # a key the service added
        return None


def label_of(model, key: str, keys: dict[str, str] | None = None) -> str:
    """A key's label: its field's verbose name, else the entity's own (`keys`), else the common one."""
    field = _field(model, key)
    if field is not None and hasattr(field, "verbose_name") and not str(field.verbose_name).isascii():
        return str(field.verbose_name)
    return (keys or {}).get(key) or KEY_LABELS.get(key, key)


def _number(value, grouped: bool = True) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    try:
        number = decimal.Decimal(str(value))
    except decimal.InvalidOperation:
        return str(value)
    if not grouped:
        return str(value)
    return format(number, ",")


def _datetime(value) -> str:
    moment = parse_datetime(value) if isinstance(value, str) else value
    if not isinstance(moment, dt.datetime):
        return str(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%Y-%m-%d %H:%M")


def text(model, key: str, value, names: Names) -> str:
    """One recorded value as a clerk reads it."""
    if value is None or value == "" or value == []:
        return NONE
    field = _field(model, key)
    if isinstance(value, dict):
        return "；".join(
            f"{label_of(model, k)}：{text(model, k, v, names)}" for k, v in value.items() if k not in HIDDEN
        )
    if isinstance(field, models.ManyToManyField) and isinstance(value, list):
        return "、".join(names.name(field.related_model, v) for v in value)
    if isinstance(value, list):
        return "、".join(text(None, "", v, names) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if field is None:
        return _number(value) if isinstance(value, int | float) else str(value)
    if field.is_relation and field.related_model is not None:
        return names.name(field.related_model, value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField):
        return _datetime(value)
    if isinstance(field, models.DecimalField | models.FloatField):
        return _number(value)
    if isinstance(field, models.IntegerField):
        return _number(value, grouped=not isinstance(field, _SMALL) and "year" not in key)
    return str(value)


def _keys(model, before: dict, after: dict, hidden) -> list[str]:
    """The keys shown: for an update those whose value differs, for a creation or a deletion those
    that hold something; in the model's field order, then the others."""
    order = [f.name for f in model._meta.get_fields()] if model is not None else []
    present = list(dict.fromkeys([*before, *after]))
    keys = [k for k in order if k in present] + [k for k in present if k not in order]
    keys = [k for k in keys if k not in HIDDEN and k not in hidden]
    if before and after:
        return [k for k in keys if before.get(k) != after.get(k)]
    return [k for k in keys if (before or after).get(k) not in (None, "", [])]


def _row_changes(row, reveal: bool, hidden, names: Names) -> list[Change]:
    model = entity_model(row.entity)
    registered = entity_of(row.entity)
    keys = registered.keys if registered is not None else {}
    before, after = row.before, row.after
    if not isinstance(before, dict) and not isinstance(after, dict):
        if before is None and after is None:
            return []
        before, after = mask_snapshot(before, reveal), mask_snapshot(after, reveal)
        return [Change("", text(None, "", before, names), text(None, "", after, names))]
    raw_before, raw_after = before if isinstance(before, dict) else {}, after if isinstance(after, dict) else {}
    shown_before, shown_after = mask_snapshot(raw_before, reveal), mask_snapshot(raw_after, reveal)
    return [
        Change(
            label_of(model, k, keys),
            text(model, k, shown_before.get(k), names) if raw_before else "",
            text(model, k, shown_after.get(k), names) if raw_after else "",
        )
        for k in _keys(model, raw_before, raw_after, hidden)
    ]


def _recorded(row, key: str):
    """The value of `key` the row recorded, after the change, else before."""
    for snapshot in (row.after, row.before):
        if isinstance(snapshot, dict) and snapshot.get(key) not in (None, ""):
            return snapshot[key]
    return None


class Shown(NamedTuple):
    entity: str  # what kind of record
    subject: str  # which record, by name when it has one
    actor: str  # who, by real name
    area: str  # the division the row lies under, by name
    changes: list[Change]


def _describe(rows, reveal: bool, hidden, names: Names) -> list[Shown]:
    user_model = apps.get_model("org.User")
    division_model = apps.get_model("org.Division")
    shown = []
    for row in rows:
        model = entity_model(row.entity)
        actor = names.name(user_model, row.actor_id) if row.actor_id else row.actor_name
        area = names.name(division_model, row.code) if row.code else NONE
        registered = entity_of(row.entity)
        if registered is not None and registered.read is not None:  # the app reads its own rows
            subject, changes = registered.read(row)
            shown.append(Shown(registered.label, subject, actor, area, [Change(*c) for c in changes]))
            continue
        subject = mask_snapshot(row.entity_id, reveal)
        if model is not None and row.entity_id and (hasattr(model, "name") or model is user_model):
            subject = names.name(model, row.entity_id)
        elif row.entity_id and row.entity_id == row.code:
            subject = names.name(division_model, row.code)
        elif (person := _field(model, "person")) is not None and _recorded(row, "person"):
            subject = names.name(person.related_model, _recorded(row, "person"))  # a holding: its person
        shown.append(Shown(entity_label(row.entity), subject, actor, area, _row_changes(row, reveal, hidden, names)))
    return shown


def describe(rows, *, reveal: bool = False, hidden=()) -> list[Shown]:
    """Each audit row as shown: its entity, subject, actor and area by name, and its changes.
    Names are fetched in one query per model for all the rows."""
    rows = list(rows)
    names = Names()
    _describe(rows, reveal, hidden, names)  # first pass: which names are needed
    names.fetch()
    return _describe(rows, reveal, hidden, names)
