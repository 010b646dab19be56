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
ADULT_AGE = 18  # an applicant's least age
DUE_SOON_DAYS = 30  # "due for conversion soon": within this many days after the as-of date
CANDIDATE_GAP_YEARS = 2  # a village with no development object for this long is a warning (DOMAIN.md)


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
    if applied is not None and age_on(birth, applied) < ADULT_AGE:
        errors.append(
            PathError(Stage.APPLICANT, None, f"申请入党时须年满18周岁（{applied}时为{age_on(birth, applied)}岁）")
        )
    activist, candidate = dates.get(Stage.ACTIVIST), dates.get(Stage.CANDIDATE)
    if activist and candidate and candidate >= activist and candidate < candidate_from(activist):
        errors.append(
            PathError(
                Stage.CANDIDATE,
                Stage.ACTIVIST,
                f"确定为发展对象（{candidate}）须在成为入党积极分子（{activist}）满一年之后",
            )
        )
    probation, full = dates.get(Stage.PROBATIONARY), dates.get(Stage.FULL)
    if probation and full and full >= probation:
        if full < conversion_due(probation):
            errors.append(
                PathError(
                    Stage.FULL,
                    Stage.PROBATIONARY,
                    f"预备期为一年：转为正式党员（{full}）不能早于{conversion_due(probation)}",
                )
            )
        elif full > conversion_deadline(probation):
            errors.append(
                PathError(
                    Stage.FULL,
                    Stage.PROBATIONARY,
                    f"预备期最长延长一年：转为正式党员（{full}）不能晚于{conversion_deadline(probation)}",
                )
            )
    return errors


def changed_path_errors(recorded: dict[str, dt.date], given: dict[str, dt.date], birth: dt.date) -> list[PathError]:
    """What is wrong with a path on record once the `given` stages replace or join its stages: the
    errors that concern a given stage (a change does not answer for the rest of the path)."""
    return [e for e in path_errors(recorded | given, birth) if e.stage in given or e.other in given]


def applicant_from(birth: dt.date) -> dt.date:
    """The first day a person may apply: the day they are 18 (`age_on`; born on 29 February, 1 March)."""
    day = years_later(birth, ADULT_AGE)
    return day if age_on(birth, day) >= ADULT_AGE else day + dt.timedelta(days=1)


def candidate_from(activist: dt.date) -> dt.date:
    """The first day an activist may become a development object (one year as activist)."""
    return years_later(activist, 1)


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


@dataclass(frozen=True)
class NextStage:
    """The stage that follows a path and the days the rules allow for it: from `earliest` on, and
    (conversion only) no later than `latest`."""

    stage: str
    earliest: dt.date
    latest: dt.date | None = None


def next_stage(dates: dict[str, dt.date], birth: dt.date) -> NextStage | None:
    """What comes next on a path (stage -> date): the stage after its last one, None once a full
    member. An empty path begins with the application, on the 18th birthday at the earliest."""
    present = [s for s in STAGE_ORDER if s in dates]
    if not present:
        return NextStage(Stage.APPLICANT, applicant_from(birth))
    last = present[-1]
    if last == Stage.FULL:
        return None
    following, day = STAGE_ORDER[STAGE_ORDER.index(last) + 1], dates[last]
    if following == Stage.CANDIDATE:
        return NextStage(following, candidate_from(day))
    if following == Stage.FULL:
        return NextStage(following, conversion_due(day), conversion_deadline(day))
    return NextStage(following, day)  # dates never go back


def ready_for_candidate(activist: dt.date, as_of: dt.date) -> bool:
    """An activist since `activist` may become a development object on `as_of`."""
    return candidate_from(activist) <= as_of


def conversion_due_soon(probation: dt.date, as_of: dt.date) -> bool:
    """A probation begun on `probation` falls due within DUE_SOON_DAYS after `as_of` (not yet on it)."""
    return as_of < conversion_due(probation) <= as_of + dt.timedelta(days=DUE_SOON_DAYS)


def candidate_window(as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The days (both included) in which a village should have named a development object by
    `as_of`: none within them is the warning "no development object in a village for 2 years"."""
    return years_later(as_of, -CANDIDATE_GAP_YEARS), as_of
