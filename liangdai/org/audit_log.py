"""Reading the audit log: the audit administrator's list, and the history of rule changes.

The audit log is scoped like the facts, by the `code` each row carries. Rows without a code
(failed logins of unknown names, system-wide actions) belong to no area below the region, so only
a region-level audit administrator sees them.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from liangdai.audit.models import AuditLog
from liangdai.core.idnumbers import mask_snapshot
from liangdai.core.paging import Page, keyset_page

from . import scoping
from .scoping import area_prefix, scope

HISTORY_SIZE = 100


@dataclass(frozen=True)
class AuditFilter:
    start: dt.date | None = None
    end: dt.date | None = None
    actor: str = ""
    action: str = ""
    entity: str = ""
    code: str = ""


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_scope(actor) -> QuerySet:
    """The audit rows an audit administrator may read (`scoping.audit_scope`)."""
    return scoping.audit_scope(AuditLog.objects.all(), actor)


def _filtered(qs: QuerySet, f: AuditFilter) -> QuerySet:
    if f.start:
        qs = qs.filter(at__gte=_day_start(f.start))
    if f.end:
        qs = qs.filter(at__lt=_day_start(f.end + dt.timedelta(days=1)))
    if f.actor:
        qs = qs.filter(actor_name=f.actor)
    if f.action:
        qs = qs.filter(action=f.action)
    if f.entity:
        qs = qs.filter(entity=f.entity)
    if f.code:
        qs = qs.filter(code__startswith=f.code)
    return qs


def audit_page(*, actor, filters: AuditFilter, before: int | None = None) -> Page[AuditLog]:
    """One page of audit rows, newest first, continuing below the id `before` (keyset: a page
    never counts the table, which grows without end). Administrators never hold the right to
    reveal: every identity and phone number in a row is shown masked."""
    page = keyset_page(_filtered(audit_scope(actor), filters), after=before, descending=True)
    for row in page.items:
        _mask(row)
    return page


def _mask(row: AuditLog) -> None:
    """Masks the row in memory only (the audit table is append-only: a row is never saved again),
    after listing its changes on the values as recorded."""
    row.shown_changes = field_changes(row.before, row.after)
    row.before, row.after = mask_snapshot(row.before, reveal=False), mask_snapshot(row.after, reveal=False)
    row.entity_id, row.note = mask_snapshot(row.entity_id, reveal=False), mask_snapshot(row.note, reveal=False)


def field_changes(before, after) -> list[tuple[str, object, object]]:
    """(field, before, after) for each field whose value differs, a whole value when not a dict;
    the values masked. Compared before masking: a changed number may look the same masked."""
    if not isinstance(before, dict) and not isinstance(after, dict):
        if before is None and after is None:
            return []
        return [("", mask_snapshot(before, reveal=False), mask_snapshot(after, reveal=False))]
    before, after = before if isinstance(before, dict) else {}, after if isinstance(after, dict) else {}
    keys = [k for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]
    shown_before, shown_after = mask_snapshot(before, reveal=False), mask_snapshot(after, reveal=False)
    return [(k, shown_before.get(k), shown_after.get(k)) for k in keys]


def ruleset_history(*, actor, code: str) -> list[AuditLog]:
    """The rule changes that concern `code` for a data user: those set for it or for an ancestor
    (they apply to it), and those set inside the user's area."""
    if area_prefix(actor) is None:
        return []
    rows = AuditLog.objects.filter(entity="ruleset")
    ancestors = [code[:n] for n in (2, 4, 6, 9, 12) if len(code) >= n]
    qs = rows.filter(code__in=ancestors) | scope(rows, actor, field="code")
    return list(qs.order_by("-id")[:HISTORY_SIZE])
