"""The rules of a training class and of an enrolment (DOMAIN.md part 4; EXCHANGE.md, sheet 培训),
called alike by the services and the 培训 sheet. Each returns its problem (a Chinese message, with
the field it concerns where there are several) or None; each message is written here once."""

import datetime as dt

from liangdai.org.scoping import area_at_least

from .models import Level, TrainingClass

# What a class is besides its key (name and first day): the fields an update may change.
CLASS_FIELDS = ("level", "base", "is_demo", "end")
# The organiser of a class at each level: an actor whose area is a division of this many digits or
# wider may change a class on record (a county user changes county and township classes).
ORGANISER_DIGITS = {Level.REGION: 2, Level.CITY: 4, Level.COUNTY: 6, Level.TOWNSHIP: 9}
NOT_ON_RECORD = "学员须为系统中（您管辖范围内）已有的人员，请先在村干部或致富带头人表中录入"


def name_problem(name: str) -> str | None:
    return None if name else "培训班名称必填"


def level_problem(level: str) -> str | None:
    return None if level in Level.values else "举办层级应为以下之一：" + "、".join(Level.values)


def dates_problem(start: dt.date | None, end: dt.date | None) -> tuple[str, str] | None:
    """(field, message): both days are given and the class does not end before it starts."""
    if not isinstance(start, dt.date):
        return ("start", "开始日期必填")
    if not isinstance(end, dt.date):
        return ("end", "结束日期必填")
    if end < start:
        return ("end", f"结束日期（{end.isoformat()}）不能早于开始日期（{start.isoformat()}）")
    return None


def demo_problem(level: str, is_demo: bool) -> str | None:
    """A demonstration class (示范班) is one the region runs (DOMAIN.md part 4)."""
    if is_demo and level != Level.REGION:
        return "示范班须为自治区举办的培训班"
    return None


def class_problems(level: str, is_demo: bool, start, end) -> list[tuple[str, str]]:
    """(field, message) for each rule of a class's own values that is broken."""
    problems = []
    dates = dates_problem(start, end)
    if dates:
        problems.append(dates)
    demo = demo_problem(level, is_demo)
    if demo:
        problems.append(("is_demo", demo))
    return problems


def may_change(actor, level: str) -> bool:
    """Whether the actor works at the organiser's level of a class of `level`, or above."""
    return area_at_least(actor, ORGANISER_DIGITS[level])


def change_problem(actor, recorded: TrainingClass | None, values: dict) -> str | None:
    """A class on record is changed (its `CLASS_FIELDS` differ from `values`) only by an actor at
    its organiser's level or above; anyone may name it unchanged, or create a new one."""
    if recorded is None or all(getattr(recorded, f) == values[f] for f in CLASS_FIELDS):
        return None
    if may_change(actor, recorded.level):
        return None
    return f"培训班“{recorded}”已登记，只有{recorded.level}级及以上用户可以修改其信息"


def trainee_problem(person) -> str | None:
    """A trainee is a person on record whom the actor may see (`scoping.visible_persons`): `person`
    is that person, or None. Missing and out of sight give the same message."""
    return NOT_ON_RECORD if person is None else None


def enrolled_problem(person, already: bool) -> str | None:
    return f"{person.name}已是该培训班的学员" if already else None
