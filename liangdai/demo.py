"""Demo data for a first run: one county's villages filled in every slice, with the proportions of
the report (DOMAIN.md's acceptance table), so that the first county page a newcomer opens shows the
whole system working: profiles, venues and fund spending here; committees, wealth leaders and their
support, party development, ratings and appraisals, training (each slice's `demo` module). Every
record is audited as the actor given (the system). Deterministic: seeded by the county, dated
relative to the day it is loaded; loading twice changes nothing.

The county is 盐池县 (640323, 吴忠市), which the public sample (官厅镇 of 原州区, 640402103) does not
touch: the sample imports beside the demo without an overlap."""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from liangdai.audit.services import build, record_many, snapshot

# The county that the demo fills, per province; for another province, its first county with villages.
DEMO_COUNTY = {"64": "640323"}
SPENDING_PURPOSES = [
    "村级组织活动场所水电暖费用",
    "村民小组道路维修",
    "困难群众临时救助",
    "文化活动器材购置",
    "村庄环境卫生整治",
    "农村饮水设施维修",
    "党员活动日组织经费",
    "产业技术培训",
]
INCOME_YEARS = 5  # this year's included: the node page's income figures are of the as-of year
FELL_BACK = 0.05
CENTS = Decimal("0.01")  # as the database returns the amounts, so the audit rows read the same


def _county(province: str) -> str | None:
    from liangdai.org.models import Division

    code = DEMO_COUNTY.get(province)
    if code and Division.objects.filter(code=code).exists():
        return code
    village = Division.objects.filter(is_village=True, code__startswith=province).order_by("code").first()
    return village.code[:6] if village else None


# The report's venues: 99.1% of the villages at 200 m² or more, 31.7% at 500 m² or more; 852 built
# or expanded for 2,212 villages (38.5%), here over the last five years, this one included.
VENUE_UNDER_200, VENUE_500 = 0.009, 0.317
BUILT_YEARS = 5


def _area(rng: random.Random) -> int:
    draw = rng.random()
    if draw < VENUE_UNDER_200:
        return rng.randint(120, 199)
    return rng.randint(500, 900) if draw < VENUE_UNDER_200 + VENUE_500 else rng.randint(200, 499)


def _completed(rng: random.Random, today: dt.date) -> dt.date:
    first = dt.date(today.year - BUILT_YEARS + 1, 1, 1)
    return first + dt.timedelta(days=rng.randint(0, (today - first).days))


def _profile_and_venue(rng: random.Random, code: str, today: dt.date):
    from liangdai.villages.models import Venue, VillageProfile

    population = rng.choice([rng.randint(600, 999), rng.randint(1000, 1999), rng.randint(2000, 3600)])
    profile = VillageProfile(
        village_id=code,
        population=population,
        households=round(population / rng.uniform(3.4, 4.3)),
        is_poor=rng.random() < 0.35,
    )
    mode = rng.choice(["新建", "扩建", "新建", "扩建", "改建", "原有"])
    venue = Venue(
        village_id=code,
        area=Decimal(_area(rng)).quantize(CENTS),
        build_mode=mode,
        completed_on=None if mode == "原有" else _completed(rng, today),
        funding_source=rng.choice(["专项支持", "专项支持", "项目整合", "其他"]),
        facilities=[f for f in ["空调", "暖气", "桌椅", "卫生室", "文化舞台", "文化活动中心"] if rng.random() < 0.6],
    )
    return profile, venue


def _incomes(rng: random.Random, code: str, last_year: int):
    """Per-capita net income of the last few years up to `last_year`, growing (the report's 薛庄村:
    6,170 yuan in 2016), in a few villages falling back in the last year."""
    from liangdai.villages.models import VillageIncome

    income = Decimal(rng.randint(6000, 9000))
    falls = rng.random() < FELL_BACK
    for year in range(last_year - INCOME_YEARS + 1, last_year + 1):
        yield VillageIncome(village_id=code, year=year, income=income.quantize(CENTS))
        low, high = (0.93, 0.99) if falls and year == last_year - 1 else (1.05, 1.12)
        income = (income * Decimal(rng.uniform(low, high))).quantize(Decimal("1"))


def _spendings(rng: random.Random, code: str, fund: int, today: dt.date):
    """A few payments in last year and this year (up to today), well within each year's fund."""
    from liangdai.villages.models import Spending

    for year in (today.year - 1, today.year):
        first_day, last_day = dt.date(year, 1, 1), (dt.date(year, 12, 31) if year < today.year else today)
        budget = fund * rng.uniform(0.3, 0.8)
        weights = [rng.uniform(1, 3) for _ in range(3)]
        for purpose, weight in zip(rng.sample(SPENDING_PURPOSES, 3), weights, strict=True):
            day = first_day + dt.timedelta(days=rng.randint(0, (last_day - first_day).days))
            amount = max(100, int(budget * weight / sum(weights)) // 100 * 100)
            yield Spending(village_id=code, date=day, amount=Decimal(amount).quantize(CENTS), purpose=purpose)


@transaction.atomic
def demo_villages(*, actor, county: str, today: dt.date) -> dict[str, int]:
    """Profiles, venues, incomes and spending for the county's administrative villages that have
    none yet; a village already holding any of them is left as it is."""
    from liangdai.org.models import Division
    from liangdai.villages.models import Spending, Venue, VillageIncome, VillageProfile
    from liangdai.villages.services import village_fund

    codes = list(Division.objects.filter(is_village=True, code__startswith=county).values_list("code", flat=True))
    taken = set(VillageProfile.objects.filter(village_id__in=codes).values_list("village_id", flat=True))
    taken |= set(Venue.objects.filter(village_id__in=codes).values_list("village_id", flat=True))
    taken |= set(Spending.objects.filter(village_id__in=codes).values_list("village_id", flat=True))
    records: dict[type, list] = {VillageProfile: [], Venue: [], VillageIncome: [], Spending: []}
    for code in codes:
        if code in taken:
            continue
        rng = random.Random(code)  # the same village gets the same demo on every machine
        profile, venue = _profile_and_venue(rng, code, today)
        records[VillageProfile].append(profile)
        records[Venue].append(venue)
        records[VillageIncome].extend(_incomes(rng, code, today.year))
        fund = min(village_fund(code, year, profile.population) for year in (today.year - 1, today.year))
        records[Spending].extend(_spendings(rng, code, fund, today))
    entities = {
        VillageProfile: "village_profile",
        Venue: "venue",
        VillageIncome: "village_income",
        Spending: "spending",
    }
    for model, items in records.items():
        created = model.objects.bulk_create(items, batch_size=500)
        record_many(
            build(
                actor=actor,
                action="演示数据",
                entity=entities[model],
                entity_id=o.pk,
                code=o.village_id,
                after=snapshot(o),
            )
            for o in created
        )
    return {"villages": len(records[VillageProfile]), "spendings": len(records[Spending])}


def _slices():
    """Each slice's demo after the villages', in the order they build on each other (the ratings
    before the training plan, which sends the secretaries of three-star villages to the region)."""
    from liangdai.assessment.demo import demo_assessment
    from liangdai.cadres.demo import demo_cadres
    from liangdai.leaders.demo import demo_leaders
    from liangdai.party.demo import demo_party
    from liangdai.training.demo import demo_training

    return [demo_cadres, demo_leaders, demo_party, demo_assessment, demo_training]


def demo_load(*, actor, province: str = "64", today: dt.date | None = None) -> str:
    """The demo of the province's demo county, one line of what each slice added."""
    county = _county(province)
    if county is None:
        return "演示数据：该省区尚未加载区划，未生成演示数据"
    today = today or timezone.localdate()
    counts = demo_villages(actor=actor, county=county, today=today)
    lines = [f"演示数据：{county} 新增 {counts['villages']} 个村的村情、活动场所和 {counts['spendings']} 笔资金支出"]
    for demo in _slices():
        lines.append(demo(actor=actor, county=county, today=today))
    return "\n".join(lines)


def ensure_admin(*, actor, province: str = "64") -> tuple[str, str | None]:
    from liangdai.org.models import User
    from liangdai.org.services import user_create

    if User.objects.filter(username="admin").exists():
        return "admin", None
    # A reviewer of the region, without the right to reveal: that right requires two-step
    # verification, and the first login should need nothing but the printed password. A security
    # administrator grants it (`liangdai users add ... --role secadmin`).
    user, password = user_create(actor=actor, username="admin", division_code=province, role="reviewer")
    return user.username, password
