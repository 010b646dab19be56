"""Versions of a record, so that no edit is lost: a form carries the version of the record it was
read at, and the service that saves it refuses when the record has changed since (someone else
saved first), saying what changed. No column is needed: the version is derived from the record's
fields, taken as its audit snapshot takes them (`model_to_dict`; core sits below audit).

A version is a signed token holding a keyed hash of the whole snapshot and the fields a form shows
as they were read; identity and phone numbers are never in it (they are masked on the page that
carries it), so a stale save can say "户籍人口：1200 → 1500" without revealing them. The hash is
keyed with SECRET_KEY: a plain hash of a snapshot could be reversed by trying every number."""

import json
from decimal import Decimal

from django import forms
from django.core import signing
from django.db import models
from django.forms.models import model_to_dict
from django.utils.crypto import salted_hmac

from liangdai.core.errors import DomainError

NEW = "new"  # the version of a record that does not exist yet
SECRET_FIELDS = frozenset({"id_number", "phone"})
_SALT = "liangdai.core.versions"
_AGAIN = "请刷新后重新填写。"


def _signer() -> signing.Signer:
    return signing.Signer(salt=_SALT)  # no timestamp: one state of a record is one version


def _digest(values: dict) -> str:
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return salted_hmac(_SALT, text).hexdigest()[:16]


def _values(obj) -> dict | None:
    """The record's fields as JSON values (dates and decimals as text), decimals written to their
    places: a record built in memory (Decimal(1000)) and read back (1000.00) are one version."""
    if obj is None:
        return None
    values = model_to_dict(obj)
    for f in obj._meta.concrete_fields:
        if isinstance(f, models.DecimalField) and values.get(f.name) is not None:
            values[f.name] = f"{Decimal(values[f.name]):.{f.decimal_places}f}"
    return json.loads(json.dumps(values, ensure_ascii=False, default=str))


def version_of(obj) -> str:
    """The version of `obj` as read now; NEW for no record."""
    values = _values(obj)
    if values is None:
        return NEW
    seen = {k: v for k, v in values.items() if k not in SECRET_FIELDS}
    return _signer().sign_object({"h": _digest(values), "v": seen}, compress=True)


def _labels(obj, labels: dict | None) -> dict:
    """The fields a conflict describes: those given, else every field of the model but its key,
    the village and the secret numbers, by their Chinese names."""
    if labels is None:
        labels = {
            f.name: str(f.verbose_name)
            for f in obj._meta.concrete_fields
            if not f.primary_key and not f.is_relation and f.editable
        }
    return {k: v for k, v in labels.items() if k not in SECRET_FIELDS}


def _shown(value) -> str:
    if value is None or value == "" or value == []:
        return "未填"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def _refused(what: str, changes: list[str]) -> DomainError:
    detail = f"（{'；'.join(changes)}）" if changes else ""
    return DomainError(f"保存失败：您打开此页面后，他人已{what}了本记录{detail}。{_AGAIN}")


def check_version(obj, version: str | None, labels: dict | None = None) -> None:
    """Refuse (DomainError) a save of `obj`, locked by the caller, when it is no longer at
    `version`: changed, created or deleted by someone else since the form was read. `labels` maps
    the fields to describe to their Chinese names (default: the model's). No version (None or
    blank: a caller that did not read the record first) checks nothing."""
    if not version:
        return
    if version == NEW:
        if obj is not None:
            now = _values(obj)
            shown = [f"{label}：{_shown(now.get(k))}" for k, label in _labels(obj, labels).items() if k in now]
            raise _refused("新增", shown)
        return
    try:
        read = _signer().unsign_object(version)
    except signing.BadSignature:
        raise DomainError(f"保存失败：页面中的版本信息无效。{_AGAIN}") from None
    if obj is None:
        raise _refused("删除", [])
    now = _values(obj)
    if _digest(now) == read["h"]:
        return
    was = read["v"]
    changes = [
        f"{label}：{_shown(was.get(k))} → {_shown(now.get(k))}"
        for k, label in _labels(obj, labels).items()
        if k in now and was.get(k) != now.get(k)
    ]
    raise _refused("修改", changes)


class VersionField(forms.CharField):
    """The hidden field of an edit form that carries the version the record was read at (filled
    in the form's `initial` with `version_of`); blank gives None, which checks nothing. A hidden
    field's own error would show nowhere: an overlong value is cut, and fails its signature with
    a message in `check_version`."""

    MAX_LENGTH = 4000

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(value)[: self.MAX_LENGTH] or None
