"""Writing audit records. Services call `record` inside their own transaction."""

import datetime as dt
import decimal
import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.db.models import Model
from django.forms.models import model_to_dict
from django.utils import timezone

from liangdai.core.idnumbers import MASKED_KEYS
from liangdai.core.protected import seal

from .models import AuditLog

_request = threading.local()


@contextmanager
def client_address(ip: str):
    """The address that audit records of this thread carry (set per request by the middleware)."""
    previous = getattr(_request, "ip", "")
    _request.ip = ip
    try:
        yield
    finally:
        _request.ip = previous


def _plain(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


_AS_THEY_ARE = {str, int, float, bool, type(None)}  # exact types that `_plain` leaves alone


def _sealed(value):
    """A snapshot as an audit row stores it: JSON-ready (`_plain`) with the values of MASKED_KEYS
    sealed at any depth (`idnumbers.mask_snapshot` unseals them), in one pass. An import builds one
    per record written, so the plain values of a snapshot skip the recursion."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if type(v) not in _AS_THEY_ARE:
                v = _sealed(v)
            out[k] = seal(v) if k in MASKED_KEYS and isinstance(v, str) else v
        return out
    if isinstance(value, list | tuple):
        return [_sealed(v) for v in value]
    return _plain(value)


def snapshot(obj: Model | None) -> dict | None:
    """The fields of a record as JSON-ready values, for `before` and `after`."""
    if obj is None:
        return None
    return _plain(model_to_dict(obj))


def build(
    *,
    actor,
    action: str,
    entity: str = "",
    entity_id="",
    code: str = "",
    before=None,
    after=None,
    result: str = "成功",
    note: str = "",
) -> AuditLog:
    return AuditLog(
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=getattr(actor, "username", None) or "匿名",
        ip=getattr(_request, "ip", ""),
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        code=code or "",
        # Numbers are kept sealed in the audit rows too; `idnumbers.mask_snapshot` reads them.
        before=_sealed(before),
        after=_sealed(after),
        result=result,
        note=note,
    )


# The AuditLog fields that `build_values` gives, in its order (exchange.writes.insert_values).
AUDIT_COLUMNS = ["at", "actor", "actor_name", "ip", "action", "entity", "entity_id", "code", "before", "after"]
AUDIT_COLUMNS += ["result", "note"]


def build_values(*, actor, action: str, entity: str, items: Iterable[tuple]) -> list[tuple]:
    """The AuditLog rows that `build` would make, one for each (entity_id, code, before, after) of
    `items`, as tuples of AUDIT_COLUMNS: for an import writing thousands of records, without a
    model instance each. The rows of one call share their time. Snapshots may hold numbers sealed
    already (sealing one again keeps it)."""
    at = timezone.now()
    actor_id = actor.pk if getattr(actor, "pk", None) else None
    name = getattr(actor, "username", None) or "匿名"
    ip = getattr(_request, "ip", "")
    head = (at, actor_id, name, ip, action, entity)
    return [(*head, str(pk), code or "", _sealed(old), _sealed(new), "成功", "") for pk, code, old, new in items]


def record(**kwargs) -> AuditLog:
    entry = build(**kwargs)
    entry.save(force_insert=True)
    return entry


def record_export(*, actor, code: str, note: str, held: dict) -> AuditLog:
    """An export (a download or a file written for the actor): 导出 of `code`, with what it held
    (its sheets, rows, dates...) and a note naming it."""
    return record(actor=actor, action="导出", entity="export", code=code, after=held, note=note)


def save_recorded(
    obj: Model, *, actor, before: dict | None, entity: str, label: str, code: str = "", entity_id=None
) -> bool:
    """Save `obj` and record it as 新增<label> or 修改<label> with its before and after, unless
    nothing changed (then nothing is written). `before` is its snapshot when it was read, None for
    a new record. Returns whether it was saved."""
    if before is not None and before == snapshot(obj):
        return False
    obj.save()
    record(
        actor=actor,
        action=f"修改{label}" if before is not None else f"新增{label}",
        entity=entity,
        entity_id=entity_id or obj.pk,
        code=code,
        before=before,
        after=snapshot(obj),
    )
    return True


def record_many(entries: Iterable[AuditLog], batch_size: int = 500) -> None:
    AuditLog.objects.bulk_create(entries, batch_size=batch_size)
