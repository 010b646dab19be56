"""Reading the audit log: the audit administrator's list, and the history of rule changes.

The audit log is scoped like the facts, by the `code` each row carries. Rows without a code
(failed logins of unknown names, system-wide actions) belong to no area below the region, so only
a region-level audit administrator sees them.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from liangdai.audit.display import describe, entity_label
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
    reveal: every identity and phone number in a row is shown masked. Each row carries `shown`
    (`display.describe`): its entity, subject, actor and area by name, and its changes."""
    page = keyset_page(_filtered(audit_scope(actor), filters), after=before, descending=True)
    for row, shown in zip(page.items, describe(page.items, reveal=False), strict=True):
        row.shown = shown  # in memory only: the audit table is append-only
        row.note = mask_snapshot(row.note, reveal=False)
    return page


def filter_choices(actor) -> dict[str, list[tuple[str, str]]]:
    """The actions and entities present in the actor's audit rows, as (value, label) for the
    filters' selects."""
    rows = audit_scope(actor).order_by()
    actions = sorted(rows.values_list("action", flat=True).distinct())
    entities = rows.exclude(entity="").values_list("entity", flat=True).distinct()
    return {
        "actions": [(a, a) for a in actions],
        "entities": sorted(((e, entity_label(e)) for e in entities), key=lambda pair: pair[1]),
    }


def ruleset_history(*, actor, code: str) -> list[AuditLog]:
    """The rule changes that concern `code` for a data user: those set for it or for an ancestor
    (they apply to it), and those set inside the user's area."""
    if area_prefix(actor) is None:
        return []
    rows = AuditLog.objects.filter(entity="ruleset")
    ancestors = [code[:n] for n in (2, 4, 6, 9, 12) if len(code) >= n]
    qs = rows.filter(code__in=ancestors) | scope(rows, actor, field="code")
    return list(qs.order_by("-id")[:HISTORY_SIZE])
