"""Demo wealth leaders for a first run, with the report's proportions (DOMAIN.md): about 7.6 a village
(16,725 for 2,212 villages) driving 23 people each (386,000), and 44.7% of the secretaries in
office among them. Mostly small, some medium, a few large (the default `leader_tiers`); cultivated
locally, drawn back or recruited; planting and breeding first. Two-way cultivation shows this year:
leaders who took the secretary's seat, cadres and party members recognised as leaders. A few
registrations have ended; some leaders received priority support last year and this year.

Written through the 致富带头人 sheet's checks and bulk service (`exchange.generated`), the support
through `services.support_add`; all as the actor given (the system). A county that has leaders
already is left alone, so loading twice changes nothing."""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from liangdai.cadres.demo import DemoPeople, day_between, holders, person_row, quota
from liangdai.cadres.models import Person
from liangdai.exchange.generated import rows_write
from liangdai.org.models import Division

from .models import WealthLeader
from .services import support_add

PER_VILLAGE = (5, 10)  # leaders a village: 7.5 on average, the report's 16,725 / 2,212
SECRETARY_SHARE = 0.447
CADRE_SHARE = 0.12  # of the other cadres in office
RECOGNISED_THIS_YEAR = 0.1
ENDED = 0.03
# industry -> (weight, [(project, scale unit, (least, most scale))])
INDUSTRIES = {
    "种植业": (35, [("黄花菜", "亩", (20, 600)), ("小杂粮", "亩", (50, 1500)), ("甘草", "亩", (30, 800)),
                   ("冷凉蔬菜", "棚", (5, 120)), ("枸杞", "亩", (20, 400))]),
    "养殖业": (35, [("滩羊养殖", "只", (80, 2000)), ("肉牛养殖", "头", (10, 300)), ("养蜂", "箱", (20, 400)),
                   ("生猪养殖", "头", (30, 600))]),
    "农产品加工": (8, [("滩羊肉加工", "万元", (20, 800)), ("小杂粮加工", "万元", (10, 300))]),
    "乡村旅游": (5, [("农家乐", "万元", (5, 200))]),
    "电子商务": (7, [("网店销售", "万元", (5, 300))]),
    "劳务经纪": (5, [("劳务输出", "", None)]),
    "其他": (5, [("农机服务", "", None)]),
}  # fmt: skip
SOURCES = {"就地培养": 70, "回引": 20, "外引": 10}
TIERS = {"small": 66, "medium": 29, "large": 5}
SUPPORT = {  # kind -> (weight, (least, most yuan) or None)
    "贷款贴息": (30, (20_000, 200_000)),
    "产业补助": (30, (5_000, 50_000)),
    "土地流转": (10, (3_000, 30_000)),
    "培训": (20, None),
    "市场对接": (10, None),
}
SUPPORTED = 0.35


def _pick(rng: random.Random, weighted: dict):
    return rng.choices(list(weighted), [w if isinstance(w, int) else w[0] for w in weighted.values()])[0]


def _driving(rng: random.Random) -> dict:
    """Households, people, poor households and income (万元) of one leader, by tier."""
    tier = _pick(rng, TIERS)
    if tier == "small":
        households, income = rng.randint(1, 9), rng.uniform(2, 9.9)
    elif tier == "medium" and rng.random() < 0.5:
        households, income = rng.randint(10, 30), rng.uniform(3, 45)
    elif tier == "medium":
        households, income = rng.randint(3, 9), rng.uniform(10, 45)
    else:
        households, income = rng.randint(50, 120), rng.uniform(20, 150)
    return {
        "带动户数": households,
        "带动人数": round(households * rng.uniform(1.4, 2.4)),
        "带动脱贫户数": round(households * rng.uniform(0, 0.6)),
        "年收入": f"{Decimal(income).quantize(Decimal('0.01'))}",
    }


def _business(rng: random.Random) -> dict:
    industry = _pick(rng, INDUSTRIES)
    project, unit, scale = rng.choice(INDUSTRIES[industry][1])
    return {
        "产业类型": industry,
        "主营项目": project,
        "经营规模": rng.randint(*scale) if scale else None,
        "规模单位": unit or None,
        "来源": _pick(rng, SOURCES),
    }


def _row(rng, person: Person, village: str, recognised_on: dt.date, *, on_record: bool) -> dict:
    row = person_row(person, on_record=on_record) | {"村代码": village, "认定日期": recognised_on}
    return row | _business(rng) | _driving(rng)


class _Plan:
    """Who becomes a leader, where, and since when."""

    def __init__(self, county: str, today: dt.date):
        self.rng, self.today, self.rows = random.Random(f"{county}-leaders"), today, []
        self.people = DemoPeople(self.rng, county, set(Person.objects.values_list("id_number", flat=True)))
        self.counts: dict[str, int] = {}
        self.year_start = dt.date(today.year, 1, 1)

    def earlier(self, before: dt.date) -> dt.date:
        """A recognition some years before `before` (and before this year)."""
        last = min(before, self.year_start) - dt.timedelta(days=30)
        return day_between(self.rng, last - dt.timedelta(days=5 * 365), last)

    def this_year(self) -> dt.date:
        return day_between(self.rng, self.year_start, self.today)

    def add(self, person: Person, village: str, recognised_on: dt.date, *, on_record: bool = True) -> dict:
        row = _row(self.rng, person, village, recognised_on, on_record=on_record)
        self.rows.append(row)
        self.counts[village] = self.counts.get(village, 0) + 1
        return row


def _cadres(plan: _Plan, county: str) -> None:
    """Secretaries (44.7% of those in office, successors of this year among them first, recognised
    before they took the seat), and some other cadres in office, a few recognised this year."""
    rng, today = plan.rng, plan.today
    secretaries = list(holders(county, today, ["党组织书记"]))
    successors = [h for h in secretaries if h.start >= plan.year_start]
    chosen = round(SECRETARY_SHARE * len(secretaries))
    first = rng.sample(successors, min(len(successors), max(1, round(0.6 * len(successors)))))
    rest = rng.sample([h for h in secretaries if h not in first], max(0, chosen - len(first)))
    for holding in first + rest:
        plan.add(holding.person, holding.village_id, plan.earlier(holding.start))
    taken = {h.person_id for h in secretaries}
    others = [h for h in holders(county, today).exclude(position="党组织书记") if h.person_id not in taken]
    others = list({h.person_id: h for h in others}.values())
    cadres = sorted(quota(rng, others, CADRE_SHARE), key=lambda h: h.pk)
    for index, holding in enumerate(cadres):
        recent = index < max(1, round(RECOGNISED_THIS_YEAR * len(cadres)))
        day = plan.this_year() if recent else plan.earlier(holding.start)
        plan.add(holding.person, holding.village_id, max(day, holding.start))


def _villagers(plan: _Plan, codes: list[str]) -> None:
    """New persons up to each village's number of leaders; a few recognised this year (party
    members among them), a few whose registration has ended."""
    rng, today = plan.rng, plan.today
    for code in codes:
        for _ in range(max(0, rng.randint(*PER_VILLAGE) - plan.counts.get(code, 0))):
            person = plan.people.new(rng.randint(25, 60), today, male=0.75, member=0.3)
            day = plan.this_year() if rng.random() < RECOGNISED_THIS_YEAR else plan.earlier(plan.year_start)
            row = plan.add(person, code, day, on_record=False)
            if rng.random() < ENDED and day < plan.year_start:
                row |= {"退出日期": day_between(rng, day, plan.year_start - dt.timedelta(days=1))}
                row["退出原因"] = rng.choice(["迁出", "停业"])


def _supports(actor, county: str, today: dt.date) -> int:
    """Priority support for about a third of the leaders on record, last year and this year."""
    rng, given = random.Random(f"{county}-support"), 0
    leaders = WealthLeader.objects.filter(village__code__startswith=county, ended_on__isnull=True)
    for leader in sorted(quota(rng, list(leaders.order_by("pk")), SUPPORTED), key=lambda w: w.pk):
        for _ in range(rng.choice([1, 1, 2])):
            kind = _pick(rng, SUPPORT)
            span = SUPPORT[kind][1]
            first = max(leader.recognised_on, dt.date(today.year - 1, 1, 1))
            amount = Decimal(rng.randint(*span) // 100 * 100) if span else None
            day = day_between(rng, first, today)
            support_add(actor=actor, leader=leader, kind=kind, amount=amount, date=day, unit="县农业农村局")
            given += 1
    return given


@transaction.atomic
def demo_leaders(*, actor, county: str, today: dt.date | None = None) -> str:
    """Wealth leaders and their support for the demo county, unless it has leaders already."""
    today = today or timezone.localdate()
    if WealthLeader.objects.filter(village__code__startswith=county).exists():
        return f"致富带头人演示数据：{county} 新增 0 名"
    codes = list(Division.objects.filter(is_village=True, code__startswith=county).values_list("code", flat=True))
    plan = _Plan(county, today)
    _cadres(plan, county)
    _villagers(plan, codes)
    rows_write(actor=actor, sheets={"致富带头人": plan.rows}, action="演示数据")
    supports = _supports(actor, county, today)
    return f"致富带头人演示数据：{county} 新增 {len(plan.rows)} 名、优先扶持 {supports} 次"
