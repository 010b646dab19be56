"""Every write of a wealth leader (DOMAIN.md part 5): one leader from a page, or the rows of the
致富带头人 sheet. Both apply the rules of `rules.py`; each writes its audit rows in its transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction

from liangdai.audit.services import record, save_recorded, snapshot
from liangdai.cadres.bulk import persons_import
from liangdai.cadres.models import Person
from liangdai.cadres.services import person_save
from liangdai.core import idnumbers
from liangdai.core.errors import DomainError
from liangdai.core.versions import check_version
from liangdai.exchange import cells
from liangdai.exchange.writes import existing_by_key, upsert
from liangdai.org.scoping import writable_village

from . import rules
from .models import Support, WealthLeader

if TYPE_CHECKING:
    from liangdai.exchange.pipeline import Context
    from liangdai.exchange.sheets import Row

# The fields a leader's record holds besides its person, as the sheet gives them.
FIELDS = [
    "village_id",
    "industry",
    "project",
    "scale",
    "scale_unit",
    "income",
    "households",
    "people",
    "poor_households",
    "source",
    "recognised_on",
    "ended_on",
    "end_reason",
]
CENTS = Decimal("0.01")


def _raise_first(problems) -> None:
    for field, message in problems:
        raise DomainError(message, column=field)


def _checked(values: dict) -> dict:
    """The leader's values as the sheet would read them, or DomainError on the first rule broken."""
    read, problems = rules.read_values(values)
    _raise_first(problems)
    _raise_first(rules.driving_problems(read["households"], read["people"], read["poor_households"]))
    _raise_first(filter(None, [rules.scale_problem(read["scale"], read["scale_unit"])]))
    _raise_first(rules.end_problems(read["recognised_on"], read["ended_on"], read["end_reason"]))
    read["project"], read["scale_unit"] = read["project"] or "", read["scale_unit"] or ""
    read["end_reason"] = read["end_reason"] or ""
    read["income"] = read["income"].quantize(CENTS)
    read["scale"] = read["scale"].quantize(CENTS) if read["scale"] is not None else None
    return read


def _person(actor, person: Person | dict) -> Person:
    """The leader's person; one not yet on record is created with the profile the sheet requires."""
    if isinstance(person, Person):
        return person
    try:
        number = idnumbers.check(person.get("id_number") or "")
    except DomainError as exc:
        raise DomainError(exc.message, column="id_number") from None
    if not Person.objects.filter(id_number=number).exists():
        _raise_first(rules.new_person_problems(person))
    return person_save(actor=actor, **person)


@transaction.atomic
def wealth_leader_save(
    *,
    actor,
    person: Person | dict,
    village: str,
    industry: str,
    project: str = "",
    scale: Decimal | None = None,
    scale_unit: str = "",
    income: Decimal,
    households: int,
    people: int,
    poor_households: int | None = None,
    source: str,
    recognised_on: dt.date,
    ended_on: dt.date | None = None,
    end_reason: str = "",
    version: str | None = None,
) -> WealthLeader:
    """Register a person as a wealth leader of their home `village`, or change their registration
    (moving it to another village of the actor's area), refused when the registration is no longer
    at `version` (the form's lost-update check). Saved unchanged, nothing is written."""
    code = writable_village(actor, village).code
    values = _checked(
        {
            "industry": industry,
            "project": project,
            "scale": scale,
            "scale_unit": scale_unit,
            "income": income,
            "households": households,
            "people": people,
            "poor_households": poor_households,
            "source": source,
            "recognised_on": recognised_on,
            "ended_on": ended_on,
            "end_reason": end_reason,
        }
    )
    person = _person(actor, person)
    leader = WealthLeader.objects.select_for_update().filter(person=person).first()
    problem = rules.registered_elsewhere(actor, leader.village_id if leader else None, doing="修改")
    if problem:
        raise DomainError(problem, column="id_number")
    check_version(leader, version)
    before = snapshot(leader)
    leader = leader or WealthLeader(person=person)
    leader.village_id = code
    for field, value in values.items():
        setattr(leader, field, value)
    save_recorded(leader, actor=actor, before=before, entity="wealth_leader", label="致富带头人", code=code)
    return leader


@transaction.atomic
def wealth_leaders_import(*, ctx: Context, rows: list[Row]) -> tuple[int, int]:
    """Write the validated rows of the 致富带头人 sheet: their persons, then each leader created or
    updated by its person (COPY for the new ones); returns (created, updated). The pipeline checked
    the rows with `rules` in this same transaction."""
    ids = persons_import(ctx=ctx, rows=rows)
    items = [
        WealthLeader(
            person_id=ids[r["id_number"]],
            village_id=r["village"],
            industry=r["industry"],
            project=r["project"] or "",
            scale=r["scale"],
            scale_unit=r["scale_unit"] or "",
            income=r["income"],
            households=r["households"],
            people=r["people"],
            poor_households=r["poor_households"],
            source=r["source"],
            recognised_on=r["recognised_on"],
            ended_on=r["ended_on"],
            end_reason=r["end_reason"] or "",
        )
        for r in rows
    ]
    return upsert(
        ctx,
        model=WealthLeader,
        entity="wealth_leader",
        items=items,
        existing=existing_by_key(WealthLeader.objects.all(), "person_id", ids.values(), lambda o: (o.person_id,)),
        key=lambda o: (o.person_id,),
        fields=FIELDS,
        code=lambda o: o.village_id,
    )


@transaction.atomic
def wealth_leader_end(
    *, actor, leader: WealthLeader, ended_on: dt.date, end_reason: str, version: str | None = None
) -> WealthLeader:
    """The registration ends on `ended_on` (still a leader that day) for `end_reason`: figures as of
    later dates drop the leader, earlier ones keep them. Refused when the registration changed
    since `version` was read, or has ended already."""
    writable_village(actor, leader.village_id)
    leader = WealthLeader.objects.select_for_update().get(pk=leader.pk)
    check_version(leader, version)
    if leader.ended_on is not None:
        raise DomainError(f"该致富带头人已于{leader.ended_on.isoformat()}退出", column="ended_on")
    read, problems = cells.read_values(
        {"ended_on": ended_on, "end_reason": end_reason}, {f: rules.READERS[f] for f in rules.EXIT_FIELDS}, ()
    )
    _raise_first(problems)
    if read["ended_on"] is None:
        raise DomainError("退出日期必填", column="ended_on")
    _raise_first(rules.end_problems(leader.recognised_on, read["ended_on"], read["end_reason"]))
    before = snapshot(leader)
    leader.ended_on, leader.end_reason = read["ended_on"], read["end_reason"]
    leader.save(update_fields=["ended_on", "end_reason"])
    record(
        actor=actor,
        action="致富带头人退出",
        entity="wealth_leader",
        entity_id=leader.pk,
        code=leader.village_id,
        before=before,
        after=snapshot(leader),
    )
    return leader


@transaction.atomic
def support_add(
    *,
    actor,
    leader: WealthLeader,
    kind: str,
    amount: Decimal | str | None = None,
    date: dt.date,
    unit: str = "",
    note: str = "",
) -> Support:
    """Record a support (优先扶持) that `leader` received on `date`; audited. Outside the actor's
    area is NotFound and nothing is written, as for any rule broken."""
    writable_village(actor, leader.village_id)
    leader = WealthLeader.objects.get(pk=leader.pk)
    values = {"kind": kind, "amount": amount, "date": date, "unit": unit, "note": note}
    read, problems = rules.read_support(values)
    _raise_first(problems)
    _raise_first(rules.support_problems(leader, read["date"]))
    support = Support(
        leader=leader,
        kind=read["kind"],
        amount=read["amount"].quantize(CENTS) if read["amount"] is not None else None,
        date=read["date"],
        unit=read["unit"] or "",
        note=read["note"] or "",
    )
    save_recorded(support, actor=actor, before=None, entity="support", label="优先扶持", code=leader.village_id)
    return support
