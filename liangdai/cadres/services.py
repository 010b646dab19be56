"""Every write of the cadres slice: persons, position holdings, the reserve force and weak-and-lax
organisations (DOMAIN.md part 3). Each service checks the actor's area and right to write, applies
the rules, writes, and leaves its audit row in the same transaction."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction

from liangdai.audit.services import record, snapshot
from liangdai.core import idnumbers
from liangdai.core.errors import DomainError, NotFound
from liangdai.core.versions import check_version
from liangdai.org.scoping import can_reveal, can_write, person_villages, scope, visible_persons, writable_village

from . import rules
from .models import (
    Education,
    Holding,
    HoldingSource,
    Person,
    PoliticalStatus,
    Position,
    RectificationStep,
    ReserveCandidate,
    ReserveSource,
    WeakOrganisation,
)
from .persons import NATIONALITIES


def _one_of(value: str, options: list[str], label: str, column: str) -> None:
    if value and value not in options:
        raise DomainError(f"{label}应为以下之一：{'、'.join(options)}", column=column)


def _check_profile(values: dict) -> None:
    _one_of(values["nationality"], NATIONALITIES, "民族", "nationality")
    _one_of(values["education"], Education.values, "学历", "education")
    _one_of(values["political_status"], PoliticalStatus.values, "政治面貌", "political_status")
    if values["phone"]:
        try:
            idnumbers.check_phone(values["phone"])
        except DomainError as exc:
            raise DomainError(exc.message, column="phone") from None


@transaction.atomic
def person_save(
    *,
    actor,
    id_number: str,
    name: str,
    nationality: str = "",
    education: str = "",
    political_status: str = "",
    phone: str = "",
    rename: bool = False,
    version: str | None = None,
) -> Person:
    """The person of `id_number`, created or updated. One number is one person: a different name
    is an error, unless `rename` and the person is in the actor's area (then the change is audited).
    Birth date and sex come from the number; a blank profile field keeps what is on record; a
    person of another area is taken as recorded (a cross-village appointment) and not changed.
    An edit is refused when the person is no longer at `version`, the one the form was read at."""
    if not can_write(actor):
        raise PermissionDenied
    try:
        number = idnumbers.check(id_number or "")
    except DomainError as exc:
        raise DomainError(exc.message, column="id_number") from None
    name = (name or "").strip()
    if not name:
        raise DomainError("姓名不能为空", column="name")
    given = (nationality, education, political_status, phone)
    values = {f: (v or "").strip() for f, v in zip(rules.PROFILE_FIELDS, given, strict=True)}
    _check_profile(values)
    person = Person.objects.select_for_update().filter(id_number=number).first()
    check_version(person, version)
    if person is None:
        person = Person.objects.create(
            id_number=number, name=name, birth_date=idnumbers.birth_date(number), sex=idnumbers.sex(number), **values
        )
        record(actor=actor, action="新增", entity="person", entity_id=person.pk, after=snapshot(person))
        return person
    in_area = visible_persons(actor, Person.objects.filter(pk=person.pk)).exists()
    if name != person.name and not (rename and in_area):
        raise DomainError(rules.name_mismatch(name, person.name if in_area else None), column="name")
    changes = rules.profile_changes(person, values, in_area=in_area)
    if name != person.name:
        changes["name"] = name
    if changes:
        before = {f: getattr(person, f) for f in changes}
        for field, value in changes.items():
            setattr(person, field, value)
        person.save(update_fields=list(changes))
        code = _person_village(actor, person)
        record(
            actor=actor, action="修改", entity="person", entity_id=person.pk, code=code, before=before, after=changes
        )
    return person


@transaction.atomic
def person_reveal(*, actor, person: Person) -> Person:
    """Showing a person's full identity and phone numbers is a deliberate, audited act (DESIGN.md)."""
    if not visible_persons(actor, Person.objects.filter(pk=person.pk)).exists():
        raise NotFound(person.pk)
    if not can_reveal(actor):
        raise PermissionDenied
    record(
        actor=actor,
        action="查看身份证号",
        entity="person",
        entity_id=person.pk,
        code=_person_village(actor, person),
        note=person.name,
    )
    return person


def _person_village(actor, person: Person) -> str:
    """The village an audit row about the person is filed under, so that the audit administrator
    of that area reads it: their latest position in the actor's area, else any of their records
    there, else none."""
    holding = scope(Holding.objects.filter(person=person), actor).order_by("-start").first()
    if holding is not None:
        return holding.village_id
    return min(person_villages(actor, person.pk), default="")


def _person(actor, person: Person | dict) -> Person:
    return person if isinstance(person, Person) else person_save(actor=actor, **person)


def _check_holding(village: str, person: Person, position: str, start, source: str, end, end_reason: str) -> None:
    _one_of(position, Position.values, "职务", "position")
    _one_of(source, HoldingSource.values, "任职来源", "source")
    if not isinstance(start, dt.date):
        raise DomainError("任职日期必填", column="start")
    problem = rules.under_age(person.birth_date, start)
    if problem:
        raise DomainError(problem, column="start")
    for field, message in rules.end_problems(start, end, end_reason):
        raise DomainError(message, column=field)
    if Holding.objects.filter(person=person, village_id=village, position=position, start=start).exists():
        raise DomainError(f"{person.name}在该村任{position}、任职日期{start.isoformat()}的记录已存在", column="start")
    if rules.single_seat(position):
        _check_seat(village, position, start, end)


def _check_seat(village: str, position: str, start: dt.date, end: dt.date | None) -> None:
    """A village has one holder of 党组织书记 and one of 村委会主任 on any day (`rules.seat_conflicts`)."""
    recorded = Holding.objects.filter(village_id=village, position=position).select_related("person")
    tenures = [rules.Tenure(h.start, h.end, h.person.name) for h in recorded]
    for _offender, other in rules.seat_conflicts([*tenures, rules.Tenure(start, end, "", owner="new")]):
        raise DomainError(rules.seat_conflict_message(position, other), column="start")


def _start(actor, village, person, position, start, source="", end=None, end_reason="") -> Holding:
    code = writable_village(actor, village).code
    person = _person(actor, person)
    _check_holding(code, person, position, start, source or "", end, end_reason or "")
    return Holding.objects.create(
        person=person,
        village_id=code,
        position=position,
        start=start,
        source=source or "",
        end=end,
        end_reason=end_reason or "",
    )


@transaction.atomic
def holding_start(
    *,
    actor,
    village: str,
    person: Person | dict,
    position: str,
    start: dt.date,
    source: str = "",
    end: dt.date | None = None,
    end_reason: str = "",
) -> Holding:
    """A person takes a position in a village (a past holding may be entered with its end)."""
    holding = _start(actor, village, person, position, start, source, end, end_reason)
    record(actor=actor, action="任职", entity="holding", entity_id=holding.pk, code=village, after=snapshot(holding))
    return holding


def _end(actor, holding: Holding, end, end_reason: str, version: str | None = None) -> dict:
    writable_village(actor, holding.village_id)
    holding = Holding.objects.select_for_update().get(pk=holding.pk)
    check_version(holding, version)
    if holding.end is not None:
        raise DomainError(f"该任职已于{holding.end.isoformat()}离任", column="end")
    if not isinstance(end, dt.date):
        raise DomainError("离任日期必填", column="end")
    for field, message in rules.end_problems(holding.start, end, end_reason or ""):
        raise DomainError(message, column=field)
    before = snapshot(holding)
    holding.end, holding.end_reason = end, end_reason
    holding.save(update_fields=["end", "end_reason"])
    return before


@transaction.atomic
def holding_end(*, actor, holding: Holding, end: dt.date, end_reason: str, version: str | None = None) -> Holding:
    """The holder leaves the position on `end` (inclusive) for `end_reason`; refused when the
    holding is no longer at `version`."""
    before = _end(actor, holding, end, end_reason, version)
    holding.refresh_from_db()
    record(
        actor=actor,
        action="离任",
        entity="holding",
        entity_id=holding.pk,
        code=holding.village_id,
        before=before,
        after=snapshot(holding),
    )
    return holding


@transaction.atomic
def secretary_replace(
    *,
    actor,
    village: str,
    old_holding: Holding | None,
    end_date: dt.date,
    end_reason: str,
    new_person: Person | dict,
    start: dt.date,
    source: str = "",
) -> Holding:
    """Replacing a secretary is one action (DOMAIN.md part 3): the old holding ends with its reason
    and the new one starts after it, or neither happens."""
    writable_village(actor, village)
    if old_holding is None:
        raise DomainError("该村当前没有在任的党组织书记，请用“新增任职”录入书记")
    if old_holding.village_id != village or old_holding.position != Position.SECRETARY or old_holding.end:
        raise DomainError("所选任职不是该村在任的党组织书记")
    before = _end(actor, old_holding, end_date, end_reason)
    if isinstance(start, dt.date) and start <= end_date:
        raise DomainError(
            f"新任书记的任职日期应晚于原书记的离任日期（{end_date.isoformat()}）：同一天只能有一名党组织书记",
            column="start",
        )
    new = _start(actor, village, new_person, Position.SECRETARY, start, source)
    old_holding.refresh_from_db()
    record(
        actor=actor,
        action="更换书记",
        entity="holding",
        entity_id=new.pk,
        code=village,
        before=before,
        after={"old": snapshot(old_holding), "new": snapshot(new)},
    )
    return new


@transaction.atomic
def reserve_add(*, actor, village: str, person: Person | dict, source: str, chosen_on: dt.date) -> ReserveCandidate:
    """A candidate joins the village's reserve force (后备力量); one who left may be chosen again."""
    writable_village(actor, village)
    person = _person(actor, person)
    if source not in ReserveSource.values:
        raise DomainError("来源应为以下之一：" + "、".join(ReserveSource.values), column="source")
    if not isinstance(chosen_on, dt.date):
        raise DomainError("确定日期必填", column="chosen_on")
    candidate = ReserveCandidate.objects.select_for_update().filter(village_id=village, person=person).first()
    before = snapshot(candidate)
    if candidate is not None and candidate.left_on is None:
        raise DomainError(f"{person.name}已是该村的后备力量", column="id_number")
    if candidate is None:
        candidate = ReserveCandidate(village_id=village, person=person)
    candidate.source, candidate.chosen_on, candidate.left_on = source, chosen_on, None
    candidate.save()
    record(
        actor=actor,
        action="新增后备力量",
        entity="reserve",
        entity_id=candidate.pk,
        code=village,
        before=before,
        after=snapshot(candidate),
    )
    return candidate


@transaction.atomic
def reserve_remove(*, actor, candidate: ReserveCandidate, left_on: dt.date) -> ReserveCandidate:
    writable_village(actor, candidate.village_id)
    candidate = ReserveCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.left_on is not None:
        raise DomainError(f"该后备力量已于{candidate.left_on.isoformat()}退出", column="left_on")
    if not isinstance(left_on, dt.date):
        raise DomainError("退出日期必填", column="left_on")
    if left_on < candidate.chosen_on:
        raise DomainError(f"退出日期不能早于确定日期（{candidate.chosen_on.isoformat()}）", column="left_on")
    before = snapshot(candidate)
    candidate.left_on = left_on
    candidate.save(update_fields=["left_on"])
    record(
        actor=actor,
        action="移出后备力量",
        entity="reserve",
        entity_id=candidate.pk,
        code=candidate.village_id,
        before=before,
        after=snapshot(candidate),
    )
    return candidate


@transaction.atomic
def weak_flag(*, actor, village: str, year: int, reason: str, flagged_on: dt.date) -> WeakOrganisation:
    """The village party organisation is flagged weak and lax (软弱涣散) for `year`, with its reason."""
    writable_village(actor, village)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写认定为软弱涣散的原因", column="reason")
    if not isinstance(year, int) or not 1949 <= year <= 2100:
        raise DomainError("年度应为1949至2100之间的年份", column="year")
    if not isinstance(flagged_on, dt.date):
        raise DomainError("认定日期必填", column="flagged_on")
    if WeakOrganisation.objects.filter(village_id=village, year=year).exists():
        raise DomainError(f"该村党组织{year}年度已认定为软弱涣散", column="year")
    weak = WeakOrganisation.objects.create(village_id=village, year=year, reason=reason, flagged_on=flagged_on)
    record(actor=actor, action="认定软弱涣散", entity="weak", entity_id=weak.pk, code=village, after=snapshot(weak))
    return weak


def _open_weak(actor, weak: WeakOrganisation, version: str | None = None) -> WeakOrganisation:
    writable_village(actor, weak.village_id)
    weak = WeakOrganisation.objects.select_for_update().get(pk=weak.pk)
    check_version(weak, version)
    if weak.closed_on is not None:
        raise DomainError(f"该软弱涣散村党组织已于{weak.closed_on.isoformat()}整顿销号")
    return weak


@transaction.atomic
def rectification_add(*, actor, weak: WeakOrganisation, date: dt.date, description: str) -> RectificationStep:
    """A rectification step (整顿措施) of an open weak-and-lax flag, on or after the flag."""
    weak = _open_weak(actor, weak)
    description = (description or "").strip()
    if not description:
        raise DomainError("请填写整顿措施", column="description")
    if not isinstance(date, dt.date):
        raise DomainError("日期必填", column="date")
    if date < weak.flagged_on:
        raise DomainError(f"整顿日期不能早于认定日期（{weak.flagged_on.isoformat()}）", column="date")
    step = RectificationStep.objects.create(weak=weak, date=date, description=description)
    record(actor=actor, action="整顿措施", entity="weak", entity_id=weak.pk, code=weak.village_id, after=snapshot(step))
    return step


@transaction.atomic
def weak_close(*, actor, weak: WeakOrganisation, closed_on: dt.date, version: str | None = None) -> WeakOrganisation:
    """Rectification is complete: closed on or after the flag and its last step; at least one step.
    Refused when the flag is no longer at `version`."""
    weak = _open_weak(actor, weak, version)
    if not isinstance(closed_on, dt.date):
        raise DomainError("整顿完成日期必填", column="closed_on")
    last = weak.steps.order_by("-date").first()
    if last is None:
        raise DomainError("尚未记录整顿措施，不能整顿销号", column="closed_on")
    if closed_on < last.date:
        raise DomainError(f"整顿完成日期不能早于最后一项整顿措施的日期（{last.date.isoformat()}）", column="closed_on")
    before = snapshot(weak)
    weak.closed_on = closed_on
    weak.save(update_fields=["closed_on"])
    record(
        actor=actor,
        action="整顿销号",
        entity="weak",
        entity_id=weak.pk,
        code=weak.village_id,
        before=before,
        after=snapshot(weak),
    )
    return weak
