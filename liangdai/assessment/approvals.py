"""The review of a township's star ratings and appraisals of a year (issue 8; DHIS2's approval of a
data set × period × organisation unit): the township submits (上报), the county approves (审核通过) or
returns (退回) with a reason, and reopens (撤销审核) with a reason what it approved. Submitted and
approved data is locked: the services and the sheets ask `locked_problem` before they write.
Each step is atomic, kept as an ApprovalStep for the pages and audited in the same transaction."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from liangdai.audit.services import record, snapshot
from liangdai.core.errors import DomainError
from liangdai.org.divisions import lock_villages
from liangdai.org.models import Division, Level, Role
from liangdai.org.scoping import area_at_least, division_for, require_write, scope

from . import rules
from .models import Approval, ApprovalState, ApprovalStep

COUNTY_DIGITS = 6


def _raise_if(problem: str | None, column: str | None = None) -> None:
    if problem:
        raise DomainError(problem, column=column)


def may_review(actor) -> bool:
    """A reviewer at county level or above (or the system) approves, returns and reopens."""
    return actor.role in (Role.REVIEWER, Role.SYSTEM) and area_at_least(actor, COUNTY_DIGITS)


@transaction.atomic
def _act(*, actor, action: str, code: str, year: int, reason: str) -> Approval:
    township = division_for(actor, code, level=Level.TOWNSHIP)
    reason = (reason or "").strip()
    if action == "submit":
        require_write(actor)
    else:
        _raise_if(rules.reviewer_problem(may_review(actor)))
    _raise_if(rules.year_problem(year), "year")
    _raise_if(rules.reason_problem(action, reason), "reason")
    # The lock every write to the township's villages takes: no rating lands half-way through a step.
    lock_villages(Division.objects.filter(parent=township).values_list("code", flat=True))
    approval = Approval.objects.select_for_update().filter(township=township, year=year).first()
    _raise_if(rules.transition_problem(action, approval.state if approval else "draft", township.name, year))
    before = snapshot(approval)
    approval = approval or Approval(township=township, year=year)
    approval.state = rules.TRANSITIONS[action][1]
    approval.reason, approval.changed_at, approval.changed_by = reason, timezone.now(), actor.username
    approval.save()
    ApprovalStep.objects.create(
        approval=approval,
        action=action,
        state=approval.state,
        reason=reason,
        at=approval.changed_at,
        actor_name=actor.username,
    )
    record(
        actor=actor,
        action=f"{rules.ACTION_NAMES[action]}星级评定和考核",
        entity="approval",
        entity_id=f"{code}/{year}",
        code=code,
        before=before,
        after=snapshot(approval),
    )
    return approval


def approval_submit(*, actor, code: str, year: int, reason: str = "") -> Approval:
    """The township submits its ratings and appraisals of `year` (上报)."""
    return _act(actor=actor, action="submit", code=code, year=year, reason=reason)


def approval_approve(*, actor, code: str, year: int, reason: str = "") -> Approval:
    return _act(actor=actor, action="approve", code=code, year=year, reason=reason)


def approval_return(*, actor, code: str, year: int, reason: str = "") -> Approval:
    return _act(actor=actor, action="return", code=code, year=year, reason=reason)


def approval_reopen(*, actor, code: str, year: int, reason: str = "") -> Approval:
    return _act(actor=actor, action="reopen", code=code, year=year, reason=reason)


SERVICES = {
    "submit": approval_submit,
    "approve": approval_approve,
    "return": approval_return,
    "reopen": approval_reopen,
}


# --- the lock --------------------------------------------------------------------------------


def locked_problems(pairs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """The (township, year) pairs whose data is locked, each with its Chinese message."""
    pairs = set(pairs)
    if not pairs:
        return {}
    approvals = Approval.objects.filter(
        township_id__in={t for t, _ in pairs}, year__in={y for _, y in pairs}, state__in=rules.LOCKED_STATES
    ).select_related("township")
    found = {}
    for a in approvals:
        if (a.township_id, a.year) in pairs:
            day = timezone.localtime(a.changed_at).date()
            found[(a.township_id, a.year)] = rules.locked_problem(a.township.name, a.year, a.state, day)
    return found


def locked_problem(townships: Iterable[str], year: int) -> str | None:
    """The message of the first of these townships whose data of `year` is locked, else None."""
    found = locked_problems((t, year) for t in townships)
    return found[min(found)] if found else None


# --- reads -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TownshipState:
    township: Division
    state: str
    approval: Approval | None

    @property
    def label(self) -> str:
        return rules.STATE_NAMES[self.state]


def townships_under(code: str):
    """The townships under (or at) `code` that have administrative villages: those that are rated."""
    villages = Division.objects.filter(parent=OuterRef("pk"), is_village=True)
    return Division.objects.filter(level=Level.TOWNSHIP, code__startswith=code).filter(Exists(villages))


def township_states(actor, code: str, year: int) -> list[TownshipState]:
    """Every rated township under the node `code` (in the actor's area) and its state of `year`."""
    division_for(actor, code)
    townships = scope(townships_under(code), actor, field="code").select_related("parent").order_by("code")
    approvals = {a.township_id: a for a in Approval.objects.filter(township__code__startswith=code, year=year)}
    return [
        TownshipState(t, approvals[t.code].state if t.code in approvals else ApprovalState.DRAFT, approvals.get(t.code))
        for t in townships
    ]


def states_of(actor, code: str, year: int) -> dict[str, str]:
    """`{township code: state}` under `code`, as `liangdai approval status --json` prints it."""
    return {s.township.code: s.state for s in township_states(actor, code, year)}


def steps_of(actor, code: str, year: int | None = None) -> list[ApprovalStep]:
    """The review steps of a township (or of the township of a village), the latest first."""
    township = division_for(actor, code[:9], level=Level.TOWNSHIP)
    steps = ApprovalStep.objects.filter(approval__township=township).select_related("approval")
    if year is not None:
        steps = steps.filter(approval__year=year)
    return list(steps.order_by("-at", "-pk"))
