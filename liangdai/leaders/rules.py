"""The rules of a wealth leader (DOMAIN.md part 5, EXCHANGE.md 致富带头人), called alike by the
service, the forms to come and the 致富带头人 sheet; each message is written here once.

A value's own rule (one of a list, a number's bounds, a date) is the cell reader of
`exchange.cells` named in `READERS`: the sheet reads its cells with it and the service checks its
arguments with it, so the constraint and its message exist once."""

from collections.abc import Callable
from decimal import Decimal

from liangdai.exchange import cells
from liangdai.org.scoping import in_area

from .models import Industry, LeaderSource, ScaleUnit, WealthLeader

# Those one leader drives: the largest cooperatives and agribusinesses reach tens of thousands of
# households; a million people is beyond any of them and far inside the column's integer range.
MAX_DRIVEN = 1_000_000

READERS: dict[str, Callable] = {
    "industry": cells.choice(Industry.values),
    "project": cells.text_for(WealthLeader, "project"),
    "scale": cells.amount_for(WealthLeader, "scale", exclusive_min=True),
    "scale_unit": cells.choice(ScaleUnit.values),
    "income": cells.amount_for(WealthLeader, "income"),
    "households": cells.whole_number(0, MAX_DRIVEN),
    "people": cells.whole_number(0, MAX_DRIVEN),
    "poor_households": cells.whole_number(0, MAX_DRIVEN),
    "source": cells.choice(LeaderSource.values),
    "recognised_on": cells.date,
}
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
