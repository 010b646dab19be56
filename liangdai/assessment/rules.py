"""The rules of a star rating, with its weak-and-lax flag, and of a cadre's appraisal (DOMAIN.md
part 2; EXCHANGE.md, sheets 星级评定 and 个人考核), called alike by the services and the sheets.
Each returns its problem (a Chinese message) or None; each message is written here once."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liangdai.core.errors import DomainError
from liangdai.exchange import cells
from liangdai.exchange.state import Span
from liangdai.rules.schemas import Rubric, StarThresholds
from liangdai.rules.selectors import rule_for

from .models import Grade

SCORE_MIN, SCORE_MAX, SCORE_PLACES = 0, 100, 2
STARS_MAX = 5
WEAK_REASON_MAX = 1000  # 软弱涣散原因: the form, the sheet and the service alike
# The sheet's reader of the reason; the service checks a form's or the API's reason with it too.
WEAK_REASON = cells.text_of(WEAK_REASON_MAX)
YEAR_MIN, YEAR_MAX = 1949, 2100


def year_problem(year) -> str | None:
    if isinstance(year, bool) or not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX:
        return f"年度应为{YEAR_MIN}至{YEAR_MAX}之间的年份"
    return None


def score_problem(score) -> str | None:
    """The rubric score is 0 to 100 with at most two decimals (the items add up to 100)."""
    if isinstance(score, bool) or not isinstance(score, int | float | Decimal) or not SCORE_MIN <= score <= SCORE_MAX:
        return f"得分应为{SCORE_MIN}到{SCORE_MAX}之间的数"
    if Decimal(str(score)).as_tuple().exponent < -SCORE_PLACES:
        return "得分最多保留两位小数"
    return None


def thresholds_for(village: str, year: int, cache: dict | None = None) -> StarThresholds:
    """The star thresholds of `year` for a village: its county's where the county sets its own,
    else the region's, else the default (DOMAIN.md part 2). `cache` spares a sheet a query a row."""
    key = (village[:6], year)
    if cache is not None and key in cache:
        return cache[key]
    thresholds = rule_for("star_thresholds", year, key[0])
    if cache is not None:
        cache[key] = thresholds
    return thresholds


def rubric_for(village: str, year: int) -> Rubric:
    """The rubric of `year` for a village: its county's, else the region's, else the default."""
    return rule_for("rubric", year, village[:6])


def items_total(village: str, year: int, items: dict[str, Decimal]) -> Decimal:
    """The score of a village scored item by item on the year's rubric; DomainError (column
    "items") naming the item that is missing, unknown or beyond its maximum."""
    for name, points in items.items():
        if (problem := score_problem(points)) is not None:
            raise DomainError(f"“{name}”：{problem}", column="items")
    try:
        return rubric_for(village, year).total_of(items)
    except DomainError as exc:
        raise DomainError(exc.message, column="items") from exc


def items_score_problem(score, total: Decimal) -> str | None:
    """A total given with the items must be their sum."""
    if score is None or Decimal(str(score)) == total:
        return None
    return f"得分（{Decimal(str(score)).normalize():f}）与各项得分合计（{total.normalize():f}）不符"


def items_dropped_notice(sheet: str, row: int, village: str, year: int, old: Decimal, new: Decimal) -> str:
    """A sheet's total that replaces a rating scored item by item drops the items (they would no
    longer add up to it): said before the commit, not done silently."""
    return (
        f"{sheet}第{row}行：{village}{year}年度原按细则逐项评分（合计{old.normalize():f}分），"
        f"改为总分{new.normalize():f}分后，各项得分将被清除"
    )


def stars_problem(year: int, score: Decimal, given: int | None, expected: int) -> str | None:
    """Stars left out follow from the thresholds; given, they agree with them."""
    if given is None or given == expected:
        return None
    return f"星级（{given}）与{year}年度分数线不符：得分{Decimal(score).normalize():f}应为{expected}星"


def weak_reason_problem(weak: bool | None, reason: str) -> str | None:
    if weak and not reason:
        return "是否软弱涣散为“是”时，软弱涣散原因必填"
    try:
        WEAK_REASON(reason or "")
    except cells.CellError as exc:
        return f"软弱涣散原因{exc.message}"
    return None


def weak_withdrawal_problem(year: int, weak: bool | None, flagged: bool) -> str | None:
    """A weak-and-lax flag on record ends by rectification (the cadres app's pages), never by a
    rating that says 否; a rating that says nothing (None) leaves it."""
    if weak is False and flagged:
        return f"该村党组织{year}年度已认定为软弱涣散，不能通过导入撤销；请在整顿页面处理"
    return None


def flag_day(year: int) -> dt.date:
    """A weak-and-lax flag given with the year's rating is dated at the end of that year."""
    return dt.date(year, 12, 31)


def grade_problem(grade: str) -> str | None:
    return None if grade in Grade.values else "考核等次应为以下之一：" + "、".join(Grade.values)


def held_in(year: int, spans: Iterable[Span]) -> bool:
    """Whether one of the positions `spans` was held on some day of `year`."""
    return any(span.covers_year(year) for span in spans)


def appraisal_problem(year: int, spans: Iterable[Span]) -> str | None:
    """A cadre is appraised for a year in which they held a position in a village of the actor's
    area (EXCHANGE.md, 个人考核): `spans` are those positions, on record or in the 村干部 sheet of
    the same workbook."""
    if held_in(year, spans):
        return None
    return f"此人{year}年度未在您管辖范围内的村“两委”任职，不能考核"


# --- the review of a township's year (上报, 审核通过, 退回, 撤销审核) -----------------------------

REASON_MAX = 500
# action -> (the states it starts from, the state it leads to). Reopening (撤销审核) sends the data
# back to the township to be corrected and submitted again, as a return does.
TRANSITIONS = {
    "submit": ({"draft", "returned"}, "submitted"),
    "approve": ({"submitted"}, "approved"),
    "return": ({"submitted"}, "returned"),
    "reopen": ({"approved"}, "returned"),
}
ACTION_NAMES = {"submit": "上报", "approve": "审核通过", "return": "退回", "reopen": "撤销审核"}
STATE_NAMES = {
    "draft": _("未上报"),
    "submitted": _("已上报"),
    "approved": pgettext_lazy("approval state", "审核通过"),
    "returned": _("已退回"),
}
# Data in these states is not changed: submitted waits for the county, approved is final.
LOCKED_STATES = ("submitted", "approved")


def transition_problem(action: str, state: str, name: str, year: int) -> str | None:
    """Each action starts only from its states (`TRANSITIONS`)."""
    if state in TRANSITIONS[action][0]:
        return None
    return f"{name}{year}年度的星级评定和考核当前为“{STATE_NAMES[state]}”，不能{ACTION_NAMES[action]}"


def reason_problem(action: str, reason: str) -> str | None:
    """A return and a reopening say why; no reason is longer than the column."""
    if action in ("return", "reopen") and not reason:
        return f"{ACTION_NAMES[action]}须填写理由"
    if len(reason) > REASON_MAX:
        return f"理由最多{REASON_MAX}个字"
    return None


def reviewer_problem(may_review: bool) -> str | None:
    """Approving, returning and reopening are the county's: a reviewer at county level or above."""
    if may_review:
        return None
    return "无权审核：须为该乡镇所在县（区）或以上的审核用户"


def locked_problem(name: str, year: int, state: str, day: dt.date) -> str | None:
    """Submitted or approved data is not edited or imported over (DHIS2's approval lock)."""
    if state == "approved":
        return f"{name}{year}年度的星级评定和考核已于{day:%Y-%m-%d}审核通过，不能修改；如需更正请县级撤销审核"
    if state == "submitted":
        return f"{name}{year}年度的星级评定和考核已于{day:%Y-%m-%d}上报，等待县级审核，不能修改；如需更正请县级退回"
    return None
