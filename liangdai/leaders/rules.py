"""The rules of a wealth leader (DOMAIN.md part 5, EXCHANGE.md 致富带头人), called alike by the
service, the forms to come and the 致富带头人 sheet; each message is written here once.

A value's own rule (one of a list, a number's bounds, a date) is the cell reader of
`exchange.cells` named in `READERS`: the sheet reads its cells with it and the service checks its
arguments with it, so the constraint and its message exist once."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from liangdai.exchange import cells
from liangdai.org.scoping import in_area

from .models import EndReason, Industry, LeaderSource, ScaleUnit, Support, SupportKind, WealthLeader

# Those one leader drives: the largest cooperatives and agribusinesses reach tens of thousands of
# households; a million people is beyond any of them and far inside the column's integer range.
MAX_DRIVEN = 1_000_000

READERS: dict[str, Callable] = {
    "industry": cells.choice(Industry.values),
    "project": cells.text_for(WealthLeader, "project"),
    "scale": cells.amount_for(WealthLeader, "scale", exclusive_min=True),
    "scale_unit": cells.choice(ScaleUnit.values),
    "income": cells.amount_for(WealthLeader, "income", unit="万元"),
    "households": cells.whole_number(0, MAX_DRIVEN),
    "people": cells.whole_number(0, MAX_DRIVEN),
    "poor_households": cells.whole_number(0, MAX_DRIVEN),
    "source": cells.choice(LeaderSource.values),
    "recognised_on": cells.date,
    "ended_on": cells.date,
    "end_reason": cells.choice(EndReason.values),
}
# The exit columns, last in the sheet: a workbook without them keeps the exit on record.
EXIT_FIELDS = ("ended_on", "end_reason")
REQUIRED = ("industry", "income", "households", "people", "source", "recognised_on")
# A person not yet on record comes with these (EXCHANGE.md: 学历 and 政治面貌).
NEW_PERSON_PROFILE = ("education", "political_status")

Problem = cells.Problem


def driving_problems(households: int, people: int, poor_households: int | None) -> list[Problem]:
    """Those driven: at least as many people as households, no more poor households than households."""
    problems = []
    if people < households:
        problems.append(("people", f"带动人数（{people}）不能少于带动户数（{households}）"))
    if poor_households is not None and poor_households > households:
        problems.append(("poor_households", f"带动脱贫户数（{poor_households}）不能多于带动户数（{households}）"))
    return problems


def scale_problem(scale: Decimal | None, unit: str | None) -> Problem | None:
    """A scale is given with its unit."""
    if scale is not None and not unit:
        return ("scale_unit", "填写经营规模时，规模单位必填")
    return None


def end_problems(recognised_on: dt.date | None, ended_on: dt.date | None, end_reason: str | None) -> list[Problem]:
    """A registration ends on a date with its reason (each needs the other), not before it began."""
    problems = []
    if ended_on is not None and not end_reason:
        problems.append(("end_reason", "填写退出日期时，退出原因必填"))
    if ended_on is None and end_reason:
        problems.append(("ended_on", "填写退出原因时，退出日期必填"))
    if ended_on is not None and recognised_on is not None and ended_on < recognised_on:
        problems.append(
            ("ended_on", f"退出日期（{ended_on.isoformat()}）不能早于认定日期（{recognised_on.isoformat()}）")
        )
    return problems


def new_person_problems(values: dict) -> list[Problem]:
    """A person not yet on record is registered with their education and political status."""
    return [(field, "系统中尚无此人，该项必填") for field in NEW_PERSON_PROFILE if not values.get(field)]


def registered_elsewhere(actor, village: str | None, doing: str = "导入") -> str | None:
    """A leader registered in a village outside the actor's area is not theirs to move or change
    (`village`: where the person is registered now, None if nowhere)."""
    if village is None or in_area(actor, village):
        return None
    return f"此人已在您管辖范围以外的村登记为致富带头人，不能在此{doing}"


def read_values(values: dict) -> tuple[dict, list[Problem]]:
    """A wealth leader's values read as the 致富带头人 sheet reads its cells (`cells.read_values`)."""
    return cells.read_values(values, READERS, REQUIRED)


# Priority support (优先扶持): its values read like cells, so a form and any future sheet share them.
SUPPORT_READERS: dict[str, Callable] = {
    "kind": cells.choice(SupportKind.values),
    "amount": cells.amount_for(Support, "amount", unit="元"),
    "date": cells.date,
    "unit": cells.text_for(Support, "unit"),
    "note": cells.text_for(Support, "note"),
}
SUPPORT_REQUIRED = ("kind", "date")


def read_support(values: dict) -> tuple[dict, list[Problem]]:
    """A support's values read as cells: the amount a number not below 0 (yuan), the date a date."""
    return cells.read_values(values, SUPPORT_READERS, SUPPORT_REQUIRED)


def support_problems(leader: WealthLeader, day: dt.date) -> list[Problem]:
    """A leader is supported while registered: not before the recognition date, not after the exit."""
    problems = []
    if day < leader.recognised_on:
        problems.append(
            ("date", f"扶持日期（{day.isoformat()}）不能早于认定日期（{leader.recognised_on.isoformat()}）")
        )
    if leader.ended_on is not None and day > leader.ended_on:
        problems.append(("date", f"扶持日期（{day.isoformat()}）不能晚于退出日期（{leader.ended_on.isoformat()}）"))
    return problems
