"""The time rules of the development procedure (DOMAIN.md part 6, EXCHANGE.md 发展党员): the stages
follow their order with dates that do not go back; the applicant is at least 18; at least one year
as activist before becoming a development object; probation lasts one year, extended by at most
one more, before conversion."""

import datetime as dt
from dataclasses import dataclass

from liangdai.core.dates import age_on, years_later

from .models import STAGE_ORDER, Stage


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


def conversion_due(probation: dt.date) -> dt.date:
    """The day a probationary member is due for conversion (one year of probation)."""
    return years_later(probation, 1)


def conversion_deadline(probation: dt.date) -> dt.date:
    """The last day of a probation extended by the one more year allowed."""
    return years_later(probation, 2)
