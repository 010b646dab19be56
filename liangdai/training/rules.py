"""The rules of a training class and of an enrolment (DOMAIN.md part 4; EXCHANGE.md, sheet 培训),
called alike by the services and the 培训 sheet. Each returns its problem (a Chinese message, with
the field it concerns where there are several) or None; each message is written here once."""

import datetime as dt

from liangdai.org.scoping import area_at_least, in_area

from .models import Level, TrainingClass

# What a class is besides its key (name and first day): the fields an update may change.
CLASS_FIELDS = ("level", "base", "is_demo", "end")
# The organiser of a class at each level: an actor whose area is a division of this many digits or
# wider may change a class on record (a county user changes county and township classes).
ORGANISER_DIGITS = {Level.REGION: 2, Level.CITY: 4, Level.COUNTY: 6, Level.TOWNSHIP: 9}
# The level of a class held by a division, by the digits of the division's code.
LEVEL_OF_ORGANISER = {digits: level for level, digits in ORGANISER_DIGITS.items()}
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


def organiser_problem(actor, code: str) -> str | None:
    """A page creates a class held by a division (its level follows: a county holds 县 classes)
    that lies in the actor's area, at the actor's level or below (a county user holds county and
    township classes, a city user city classes too)."""
    level = LEVEL_OF_ORGANISER.get(len(code))
    if level is None:
        return "举办单位须为自治区、市、县（区）或乡镇"
    if not in_area(actor, code) or not may_change(actor, level):
        return f"您不能以该单位名义举办{level}级培训班"
    return None


def taken_problem(recorded: TrainingClass | None) -> str | None:
    return f"培训班“{recorded}”已登记（名称和开始日期相同）" if recorded is not None else None


def reach_problem(person, village: str, organiser) -> str | None:
    """A trainee of a class with an organiser is one of the organiser's: their village for
    training (DOMAIN.md) lies under the organising division."""
    if organiser is None or village.startswith(organiser.code):
        return None
    return f"{person.name}不在举办单位{organiser.name}的范围内"


def line_problem(number: int, message: str) -> str:
    """A problem of one line of pasted identity numbers, naming the line."""
    return f"第{number}行：{message}"


def repeated_problem(first: int) -> str:
    return f"与第{first}行是同一公民身份号码"


NO_NUMBERS = "请粘贴学员的公民身份号码，每行一个（可在号码后空一格写姓名）"


# --- bases --------------------------------------------------------------------------------------

BASE_KEEPER_DIGITS = 6  # bases are kept by county users and wider (DOMAIN.md: who uses it)


def base_problems(actor, name: str, county: str, taken: bool) -> list[tuple[str, str]]:
    """(field, message): a base has a name of its own and a county in the actor's area, and is
    kept by a user of county level or wider."""
    problems = []
    if not name:
        problems.append(("name", "基地名称必填"))
    elif taken:
        problems.append(("name", f"培训基地“{name}”已登记"))
    if len(county) != BASE_KEEPER_DIGITS or not in_area(actor, county):
        problems.append(("county", "所在县（区）须为您管辖范围内的县（区）"))
    elif not area_at_least(actor, BASE_KEEPER_DIGITS):
        problems.append(("county", "培训基地由县级及以上用户登记"))
    return problems


# --- the rotation plan --------------------------------------------------------------------------

PLAN_MAKER_DIGITS = 6  # plans are set by the organisation departments: region, city, county


def plan_maker_problem(actor, code: str) -> str | None:
    if len(code) > PLAN_MAKER_DIGITS or not area_at_least(actor, len(code)):
        return "轮训计划由自治区、市、县（区）组织部门制定"
    return None


def plan_counts_problem(counts: dict[str, int], total: int) -> str | None:
    """The three levels' counts are whole numbers, none negative, that add up to the secretaries."""
    if any(isinstance(n, bool) or not isinstance(n, int) or n < 0 for n in counts.values()):
        return "各级轮训人数须为不小于0的整数"
    given = sum(counts.values())
    if given != total:
        return f"自治区、市、县轮训人数之和（{given}）应等于书记人数（{total}）"
    return None
