"""A county's bonus of a year in the browser (issue 8): the allocation of `bonus.bonus_allocate`
(the same numbers as `liangdai bonus`) with each cadre's factors, saved as the year's allocation
only from approved data, compared with what was saved, and written as a workbook with the identity
numbers masked."""

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from liangdai.audit.services import record, record_export
from liangdai.cadres.figures import in_office
from liangdai.cadres.models import Holding, Person
from liangdai.core.errors import DomainError
from liangdai.core.idnumbers import mask
from liangdai.exchange.workbooks import Writer
from liangdai.org.models import Division
from liangdai.org.scoping import division_for
from liangdai.rules.selectors import rule_for

from .approvals import may_review
from .bonus import Share, bonus_allocate
from .models import Approval, ApprovalState, BonusAllocation, BonusShare, StarRating
from .services import bonus_budget_set


@dataclass(frozen=True)
class Row:
    share: Share
    grade_factor: Fraction
    position_factor: Fraction

    @property
    def masked_id(self) -> str:
        return mask(self.share.id_number)


def allocation_rows(*, actor, county: str, year: int, budget: int) -> list[Row]:
    """Each eligible cadre's share with the factors that give its weight (DOMAIN.md part 2)."""
    shares = bonus_allocate(actor=actor, county=county, year=year, budget=budget)
    factors = rule_for("bonus_factors", year, county)
    return [Row(s, factors.grade_factor(s.grade), factors.position_factor(s.position)) for s in shares]


def unapproved_townships(county: str, year: int) -> list[Division]:
    """The townships whose data the allocation of `year` uses (a cadre in office on 31 December, or
    a rating of the year) and that the county has not approved."""
    day = dt.date(year, 12, 31)
    codes = {
        v[:9]
        for v in in_office(Holding.objects.filter(village__code__startswith=county), day).values_list(
            "village_id", flat=True
        )
    }
    codes |= {
        v[:9]
        for v in StarRating.objects.filter(village__code__startswith=county, year=year).values_list(
            "village_id", flat=True
        )
    }
    approved = set(
        Approval.objects.filter(township_id__in=codes, year=year, state=ApprovalState.APPROVED).values_list(
            "township_id", flat=True
        )
    )
    return list(Division.objects.filter(code__in=codes - approved).order_by("code"))


@transaction.atomic
def bonus_allocation_save(*, actor, county: str, year: int, budget: int) -> BonusAllocation:
    """The county's allocation of `year`, saved (or saved again) from approved data only; the
    budget becomes the county's bonus total of the year."""
    division_for(actor, county)
    if not may_review(actor):
        raise PermissionDenied("无权保存奖励分配：须为县级及以上组织部门的审核用户")
    rows = allocation_rows(actor=actor, county=county, year=year, budget=budget)
    waiting = unapproved_townships(county, year)
    if waiting:
        names = "、".join(d.name for d in waiting)
        raise DomainError(f"以下乡镇{year}年度的星级评定和考核尚未审核通过，不能保存奖励分配：{names}")
    bonus_budget_set(actor=actor, county=county, year=year, amount=budget)
    existing = BonusAllocation.objects.select_for_update().filter(county_id=county, year=year).first()
    before = {"budget": existing.budget, "shares": _saved(existing)} if existing else None
    allocation, _ = BonusAllocation.objects.update_or_create(
        county_id=county,
        year=year,
        defaults={"budget": budget, "saved_at": timezone.now(), "saved_by": actor.username},
    )
    allocation.shares.all().delete()
    persons = dict(
        Person.objects.filter(id_number__in=[r.share.id_number for r in rows]).values_list("id_number", "pk")
    )
    BonusShare.objects.bulk_create(
        BonusShare(
            allocation=allocation,
            person_id=persons[r.share.id_number],
            village_id=r.share.village_id,
            position=r.share.position,
            stars=r.share.stars,
            grade=r.share.grade or "",
            weight=str(r.share.weight),
            yuan=r.share.yuan,
        )
        for r in rows
    )
    after = {"budget": budget, "shares": {mask(r.share.id_number): r.share.yuan for r in rows}}
    record(
        actor=actor, action="保存奖励分配", entity="bonus_allocation", entity_id=f"{county}/{year}", code=county,
        before=before, after=after,
    )  # fmt: skip
    return allocation


def _saved(allocation: BonusAllocation) -> dict[str, int]:
    return {mask(s.person.id_number): s.yuan for s in allocation.shares.select_related("person")}


@dataclass(frozen=True)
class Change:
    name: str
    masked_id: str
    saved: int
    now: int

    @property
    def difference(self) -> int:
        return self.now - self.saved


def saved_allocation(county: str, year: int) -> BonusAllocation | None:
    """The saved allocation of a county the caller has found in the actor's area."""
    return BonusAllocation.objects.filter(county_id=county, year=year).first()


def changes_since_saved(allocation: BonusAllocation, rows: list[Row]) -> list[Change]:
    """Who gets a different amount now than in the saved allocation, and by how much."""
    saved = {s.person.id_number: (s.person.name, s.yuan) for s in allocation.shares.select_related("person")}
    now = {r.share.id_number: (r.share.name, r.share.yuan) for r in rows}
    changes = []
    for number in sorted(saved.keys() | now.keys()):
        name = (now.get(number) or saved[number])[0]
        before, after = saved.get(number, (name, 0))[1], now.get(number, (name, 0))[1]
        if before != after:
            changes.append(Change(name, mask(number), before, after))
    return changes


HEADER = ["姓名", "公民身份号码", "村代码", "职务", "星级", "考核等次", "等次系数", "职务系数", "权重", "奖励（元）"]


def allocation_workbook(*, actor, county: str, year: int, budget: int) -> bytes:
    """The allocation as an .xlsx, identity numbers masked; audited as 导出."""
    rows = allocation_rows(actor=actor, county=county, year=year, budget=budget)
    writer = Writer()
    ws = writer.book.add_worksheet("村干部奖励")
    writer.write_header(ws, HEADER)
    for i, r in enumerate(rows, 1):
        s = r.share
        values = [s.name, r.masked_id, s.village_id, s.position, s.stars, s.grade or "无考核",
                  float(r.grade_factor), float(r.position_factor), float(s.weight), s.yuan]  # fmt: skip
        for col, value in enumerate(values):
            writer.write_cell(ws, i, col, value)
    writer.write_cell(ws, len(rows) + 1, 0, "合计")
    writer.write_cell(ws, len(rows) + 1, 9, sum(r.share.yuan for r in rows))
    writer.book.close()
    note = f"村干部奖励 {year}年度 奖励总额{budget}元"
    record_export(actor=actor, code=county, note=note, held={"sheets": ["村干部奖励"], "rows": len(rows)})
    return writer.buffer.getvalue()
