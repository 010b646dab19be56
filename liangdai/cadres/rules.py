"""The rules of a person and a position holding, shared by the services, the forms and the 村干部
sheet (DOMAIN.md part 3, EXCHANGE.md): the holder is an adult on the start, an end comes with its
reason and not before the start, and a village has one secretary and one director on any day
(dates inclusive). Each message is written here once."""

import datetime as dt
from collections.abc import Hashable
from dataclasses import dataclass

from liangdai.core.dates import age_on

from .models import SINGLE_SEAT_POSITIONS, EndReason

ADULT_AGE = 18

# The order positions are listed in on the pages: the party organisation first.
POSITION_RANK = {
    "党组织书记": 0,
    "党组织副书记": 1,
    "党组织委员": 2,
    "村委会主任": 3,
    "村委会副主任": 4,
    "村委会委员": 5,
    "村务监督委员会主任": 6,
}


PROFILE_FIELDS = ("nationality", "education", "political_status", "phone")


def profile_changes(recorded, given: dict, *, in_area: bool) -> dict:
    """The profile fields that a form or a sheet row changes on a person on record. One number is
    one person everywhere, and a person of another area is taken as recorded (a cross-village
    appointment): changed only there. A blank value keeps what is on record."""
    if not in_area:
        return {}
    return {f: v for f, v in given.items() if v and v != getattr(recorded, f)}


def name_mismatch(name: str, recorded: str | None = None) -> str:
    """A name that is not the one on record for its identity number. `recorded` is the name on
    record where the actor may see the person; otherwise the message reads as a check of name
    against number, and does not tell that the number is registered outside the actor's area."""
    if recorded is None:
        return f"姓名“{name}”与公民身份号码不符，请核对姓名和号码"
    return f"姓名“{name}”与该公民身份号码登记的姓名“{recorded}”不一致：一个号码只对应一个人"


def period_text(start: dt.date, end: dt.date | None) -> str:
    return f"{start.isoformat()}至{end.isoformat() if end else '今'}"


def under_age(birth: dt.date, start: dt.date) -> str | None:
    """The reason a holder born on `birth` may not start on `start`, or None."""
    if age_on(birth, start) < ADULT_AGE:
        return f"任职日期（{start.isoformat()}）时未满{ADULT_AGE}周岁（出生日期 {birth.isoformat()}）"
    return None


def end_problems(start: dt.date | None, end: dt.date | None, reason: str | None) -> list[tuple[str, str]]:
    """(field, message) for each broken end rule: an end date needs a reason, a reason needs an end
    date, a reason is one of the list, and the end is not before the start."""
    problems = []
    if end is not None and not reason:
        problems.append(("end_reason", "填写离任日期时，离任原因必填"))
    if end is None and reason:
        problems.append(("end", "填写离任原因时，离任日期必填"))
    if reason and reason not in EndReason.values:
        problems.append(("end_reason", "离任原因应为以下之一：" + "、".join(EndReason.values)))
    if end is not None and start is not None and end < start:
        problems.append(("end", f"离任日期（{end.isoformat()}）不能早于任职日期（{start.isoformat()}）"))
    return problems


def single_seat(position: str) -> bool:
    return position in SINGLE_SEAT_POSITIONS


def seat_taken(position: str, name: str, start: dt.date, end: dt.date | None) -> str:
    return f"与{name}的{position}任职（{period_text(start, end)}）时间重叠：一个村同一天只能有一名{position}"


@dataclass(frozen=True)
class Tenure:
    """One holding of a single seat: `owner` names the row or request it comes from (None for a
    holding on record); `holder` is how a message names its holder."""

    start: dt.date
    end: dt.date | None
    holder: str
    owner: Hashable | None = None


def seat_conflicts(tenures: list[Tenure]) -> list[tuple[Tenure, Tenure]]:
    """(offending tenure, the one it overlaps) for each new tenure (one with an owner) that shares a
    day with another tenure of the same seat. A sweep in order of start: each one that starts on or
    before the latest end so far overlaps that holding. O(n log n) however many there are."""
    ordered = sorted(tenures, key=lambda t: (t.start, t.owner is not None))
    conflicts = []
    latest: Tenure | None = None
    for tenure in ordered:
        if latest is not None and (latest.end is None or tenure.start <= latest.end):
            offender, other = (tenure, latest) if tenure.owner is not None else (latest, tenure)
            if offender.owner is not None:
                conflicts.append((offender, other))
        if latest is None or (latest.end is not None and (tenure.end is None or tenure.end > latest.end)):
            latest = tenure
    return conflicts


def seat_conflict_message(position: str, other: Tenure) -> str:
    return seat_taken(position, other.holder, other.start, other.end)
