"""Reads of one village: its page (profile, incomes, venue, fund, spending) and its history.
Each starts from the actor's area: outside it is NotFound, the same as missing."""

from dataclasses import dataclass, field
from decimal import Decimal

from liangdai.audit.models import AuditLog
from liangdai.core.errors import NotFound
from liangdai.core.idnumbers import mask_snapshot
from liangdai.core.versions import version_of
from liangdai.indicators.registry import share
from liangdai.org import scoping
from liangdai.org.models import Division
from liangdai.org.scoping import can_write, in_area

from .models import Spending, Venue, VillageIncome, VillageProfile
from .services import village_fund

HISTORY_LIMIT = 300


def village_for_write(actor, code: str) -> Division:
    """As `village_for`, for a page that changes the village: a read-only user gets 403."""
    village = scoping.village_for(actor, code)
    scoping.require_write(actor)
    return village


@dataclass
class VillagePage:
    village: Division
    year: int
    ancestors: list = field(default_factory=list)
    profile: VillageProfile | None = None
    incomes: list[dict] = field(default_factory=list)
    venue: Venue | None = None
    fund: int = 0
    spendings: list[Spending] = field(default_factory=list)
    spent: Decimal = Decimal(0)
    years: list[int] = field(default_factory=list)
    can_edit: bool = False

    @property
    def remainder(self) -> Decimal:
        return self.fund - self.spent

    @property
    def spent_percent(self) -> float:
        return min(100.0, float(self.spent) * 100 / self.fund) if self.fund else 0.0


def village_page(actor, code: str, year: int) -> VillagePage:
    village = scoping.village_for(actor, code)
    page = VillagePage(village=village, year=year, can_edit=can_write(actor))
    page.ancestors = [(d, in_area(actor, d.code)) for d in _ancestors(village)]
    page.profile = VillageProfile.objects.filter(village_id=code).first()
    page.incomes = income_rows(code)
    page.venue = Venue.objects.filter(village_id=code).first()
    page.fund = village_fund(code, year, page.profile.population if page.profile else None)
    page.spendings = list(Spending.objects.filter(village_id=code, date__year=year).order_by("date", "pk"))
    for spending in page.spendings:  # what a delete button was shown, so a changed row is not deleted
        spending.version = version_of(spending)
    page.spent = sum((s.amount for s in page.spendings), Decimal(0))
    years = set(Spending.objects.filter(village_id=code).dates("date", "year").values_list("date__year", flat=True))
    page.years = sorted(years | {year}, reverse=True)
    return page


def income_rows(code: str) -> list[dict]:
    """Per-capita net income by year, newest first, with the growth over the year before (DOMAIN.md
    part 7), rounded half up to one decimal."""
    incomes = {i.year: i.income for i in VillageIncome.objects.filter(village_id=code)}
    rows = []
    for year in sorted(incomes, reverse=True):
        previous = incomes.get(year - 1)
        growth = share(incomes[year] - previous, previous) if previous else None
        rows.append({"year": year, "income": incomes[year], "growth": growth})
    return rows


def _ancestors(village: Division) -> list[Division]:
    codes = [village.code[:n] for n in (2, 4, 6, 9)]
    return list(Division.objects.filter(code__in=codes).order_by("code"))


def profile_initial(code: str) -> dict:
    p = VillageProfile.objects.filter(village_id=code).first()
    return {"population": p.population, "households": p.households, "is_poor": p.is_poor} if p else {}


def venue_initial(code: str) -> dict:
    v = Venue.objects.filter(village_id=code).first()
    if v is None:
        return {}
    keys = ("area", "build_mode", "completed_on", "funding_source", "facilities")
    return {k: getattr(v, k) for k in keys}


def spending_for(actor, code: str, spending_id: int) -> Spending:
    scoping.village_for(actor, code)
    spending = Spending.objects.filter(pk=spending_id, village_id=code).first()
    if spending is None:
        raise NotFound(spending_id)
    return spending


LABELS = {
    "population": "户籍人口",
    "households": "户数",
    "is_poor": "是否贫困村",
    "year": "年度",
    "income": "人均纯收入",
    "area": "面积",
    "build_mode": "建设方式",
    "completed_on": "完成日期",
    "funding_source": "资金来源",
    "facilities": "设施",
    "date": "日期",
    "amount": "金额",
    "purpose": "用途",
    "name": "村名称",
    # Records of the other slices that carry the village's code.
    "person": "人员编号",
    "position": "职务",
    "start": "任职日期",
    "end": "离任日期",
    "source": "来源",
    "end_reason": "离任原因",
    "chosen_on": "确定日期",
    "left_on": "退出日期",
    "description": "内容",
    "reason": "原因",
}
# A person imported with a holding carries the village's code; its name is not a village's.
PERSON_LABELS = {
    **LABELS,
    "name": "姓名",
    "id_number": "公民身份号码",
    "phone": "联系电话",
    "nationality": "民族",
    "education": "学历",
    "political_status": "政治面貌",
    "birth_date": "出生日期",
    "sex": "性别",
}
HIDDEN = {"id", "village"}
ENTITIES = {
    "village_profile": "村情",
    "village_income": "人均纯收入",
    "venue": "活动场所",
    "spending": "资金支出",
    "division": "区划",
    "holding": "任职",
    "reserve": "后备力量",
    "weak": "软弱涣散整顿",
    "person": "人员",
}


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "—"
    return str(value)


def _changes(before, after, labels: dict = LABELS, reveal: bool = True) -> list[tuple[str, str, str]]:
    """(field label, before, after) for every field the record shows; for an update, only the
    fields that changed (before masking: a changed number may look the same masked). Fields without
    a Chinese label keep their own name."""
    before, after = before or {}, after or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    keys = [k for k in labels if k in before or k in after]
    keys += [k for k in {**before, **after} if k not in labels and k not in HIDDEN]
    if before and after:
        keys = [k for k in keys if before.get(k) != after.get(k)]
    else:  # a creation or a deletion: the fields that hold something
        keys = [k for k in keys if (before or after).get(k) not in (None, "", [])]
    before, after = mask_snapshot(before, reveal), mask_snapshot(after, reveal)
    return [
        (labels.get(k, k), _shown(before.get(k)) if before else "", _shown(after.get(k)) if after else "") for k in keys
    ]


@dataclass
class HistoryEntry:
    entry: AuditLog
    entity: str
    changes: list[tuple[str, str, str]]


def village_history(actor, code: str) -> list[HistoryEntry]:
    """The audit rows of the village, newest first: who, when, what, before and after. Identity and
    phone numbers in them are masked as everywhere else, unless the actor may reveal them."""
    scoping.village_for(actor, code)
    reveal = scoping.can_reveal(actor)
    rows = AuditLog.objects.filter(code=code).order_by("-at", "-id")[:HISTORY_LIMIT]
    return [_history_entry(r, reveal) for r in rows]


def _history_entry(row: AuditLog, reveal: bool) -> HistoryEntry:
    row.note = mask_snapshot(row.note, reveal)  # only the copy shown: audit rows are never saved again
    labels = PERSON_LABELS if row.entity == "person" else LABELS
    changes = _changes(row.before, row.after, labels, reveal)
    return HistoryEntry(row, ENTITIES.get(row.entity, row.entity), changes)
