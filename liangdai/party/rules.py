"""The rules of party-member development (DOMAIN.md part 6, EXCHANGE.md 发展党员), called alike by
the service, the forms to come and the 发展党员 sheet; each message is written here once.

The time rules of a path: the stages follow their order with dates that do not go back; the
applicant is at least 18; at least one year as activist before becoming a development object;
probation lasts one year, extended by at most one more, before conversion."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from liangdai.core.dates import age_on, years_later
from liangdai.exchange import cells
from liangdai.org.scoping import in_area

from .models import STAGE_ORDER, Stage

# A value's own rule is the cell reader that the sheet reads it with (see `leaders.rules`).
READERS: dict[str, Callable] = {"stage": cells.choice(STAGE_ORDER), "date": cells.date}
REQUIRED = ("stage", "date")


@dataclass(frozen=True)
class PathError:
    stage: str  # the stage whose date breaks the rule
    other: str | None  # the stage it is measured against
    message: str


def path_errors(dates: dict[str, dt.date], birth: dt.date) -> list[PathError]:
    """What is wrong with a person's path: the date of each stage reached."""
    errors = []
    present = [s for s in STAGE_ORDER if s in dates]
    for earlier, later in zip(present, present[1:], strict=False):
        if dates[later] < dates[earlier]:
            errors.append(
                PathError(
                    later,
                    earlier,
                    f"{later}的日期（{dates[later]}）早于{earlier}的日期（{dates[earlier]}），日期不能倒退",
                )
            )
    applied = dates.get(Stage.APPLICANT)
    if applied is not None and age_on(birth, applied) < 18:
        errors.append(
            PathError(Stage.APPLICANT, None, f"申请入党时须年满18周岁（{applied}时为{age_on(birth, applied)}岁）")
        )
    activist, candidate = dates.get(Stage.ACTIVIST), dates.get(Stage.CANDIDATE)
    if activist and candidate and candidate >= activist and candidate < years_later(activist, 1):
        errors.append(
            PathError(
                Stage.CANDIDATE,
                Stage.ACTIVIST,
                f"确定为发展对象（{candidate}）须在成为入党积极分子（{activist}）满一年之后",
            )
        )
    probation, full = dates.get(Stage.PROBATIONARY), dates.get(Stage.FULL)
    if probation and full and full >= probation:
        if full < years_later(probation, 1):
            errors.append(
                PathError(
                    Stage.FULL,
                    Stage.PROBATIONARY,
                    f"预备期为一年：转为正式党员（{full}）不能早于{years_later(probation, 1)}",
                )
            )
        elif full > years_later(probation, 2):
            errors.append(
                PathError(
                    Stage.FULL,
                    Stage.PROBATIONARY,
                    f"预备期最长延长一年：转为正式党员（{full}）不能晚于{years_later(probation, 2)}",
                )
            )
    return errors


def changed_path_errors(recorded: dict[str, dt.date], given: dict[str, dt.date], birth: dt.date) -> list[PathError]:
    """What is wrong with a path on record once the `given` stages replace or join its stages: the
    errors that concern a given stage (a change does not answer for the rest of the path)."""
    return [e for e in path_errors(recorded | given, birth) if e.stage in given or e.other in given]


def conversion_due(probation: dt.date) -> dt.date:
    """The day a probationary member is due for conversion (one year of probation)."""
    return years_later(probation, 1)


def conversion_deadline(probation: dt.date) -> dt.date:
    """The last day of a probation extended by the one more year allowed."""
    return years_later(probation, 2)


def recorded_elsewhere(actor, stage: str, village: str | None) -> str | None:
    """A stage recorded by an organisation outside the actor's area is not theirs to change
    (`village`: the organisation that recorded the person's `stage`, None if not recorded)."""
    if village is None or in_area(actor, village):
        return None
    return f"此人的“{stage}”已由您管辖范围以外的党组织登记，不能在此修改"


def name_problem(on_record: bool, name: str | None) -> str | None:
    """A person not yet on record is given with their name."""
    return None if on_record or name else "系统中尚无此人，姓名必填"
