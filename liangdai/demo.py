"""Demo data for a first run: one county's villages with believable profiles, venues and fund
spending, written in bulk with an audit row for each record. Loading twice changes nothing.

Each slice adds its own demo through a hook below (the cadres slice: `liangdai.cadres.demo`)."""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from liangdai.audit.services import build, record_many, snapshot

# The county that the demo fills, per province (原州区 of 固原市, home of the sample township
# 官厅镇); for another province, its first county with villages.
DEMO_COUNTY = {"64": "640402"}
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
INCOME_YEARS = 5
CENTS = Decimal("0.01")  # as the database returns the amounts, so the audit rows read the same


def _county(province: str) -> str | None:
    from liangdai.org.models import Division

    code = DEMO_COUNTY.get(province)
    if code and Division.objects.filter(code=code).exists():
        return code
    village = Division.objects.filter(is_village=True, code__startswith=province).order_by("code").first()
    return village.code[:6] if village else None


def _profile_and_venue(rng: random.Random, code: str):
    from liangdai.villages.models import Venue, VillageProfile

    population = rng.choice([rng.randint(600, 999), rng.randint(1000, 1999), rng.randint(2000, 3600)])
    profile = VillageProfile(
        village_id=code,
        population=population,
        households=round(population / rng.uniform(3.4, 4.3)),
        is_poor=rng.random() < 0.35,
    )
    area = rng.choice([rng.randint(120, 199), *[rng.randint(200, 499)] * 5, *[rng.randint(500, 900)] * 3])
    mode = rng.choice(["新建", "新建", "扩建", "改建", "原有"])
    venue = Venue(
        village_id=code,
        area=Decimal(area).quantize(CENTS),
        build_mode=mode,
        completed_on=None
        if mode == "原有"
        else dt.date(rng.randint(2015, 2019), rng.randint(1, 12), rng.randint(1, 28)),
        funding_source=rng.choice(["专项支持", "专项支持", "项目整合", "其他"]),
        facilities=[f for f in ["空调", "暖气", "桌椅", "卫生室", "文化舞台", "文化活动中心"] if rng.random() < 0.6],
    )
    return profile, venue


def _incomes(rng: random.Random, code: str, last_year: int):
    from liangdai.villages.models import VillageIncome

    income = Decimal(rng.randint(6000, 9000))
    for year in range(last_year - INCOME_YEARS + 1, last_year + 1):
        yield VillageIncome(village_id=code, year=year, income=income.quantize(CENTS))
        income = (income * Decimal(rng.uniform(1.05, 1.12))).quantize(Decimal("1"))


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
def demo_villages(*, actor, county: str) -> dict[str, int]:
    """Profiles, venues, incomes and spending for the county's administrative villages that have
    none yet; a village already holding any of them is left as it is."""
    from liangdai.org.models import Division
    from liangdai.villages.models import Spending, Venue, VillageIncome, VillageProfile
    from liangdai.villages.services import village_fund

    codes = list(Division.objects.filter(is_village=True, code__startswith=county).values_list("code", flat=True))
    taken = set(VillageProfile.objects.filter(village_id__in=codes).values_list("village_id", flat=True))
    taken |= set(Venue.objects.filter(village_id__in=codes).values_list("village_id", flat=True))
    taken |= set(Spending.objects.filter(village_id__in=codes).values_list("village_id", flat=True))
    today = timezone.localdate()
    records: dict[type, list] = {VillageProfile: [], Venue: [], VillageIncome: [], Spending: []}
    for code in codes:
        if code in taken:
            continue
        rng = random.Random(code)  # the same village gets the same demo on every machine
        profile, venue = _profile_and_venue(rng, code)
        records[VillageProfile].append(profile)
        records[Venue].append(venue)
        records[VillageIncome].extend(_incomes(rng, code, today.year - 1))
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


def demo_load(*, actor, province: str = "64") -> str:
    county = _county(province)
    if county is None:
        return "演示数据：该省区尚未加载区划，未生成演示数据"
    counts = demo_villages(actor=actor, county=county)
    lines = [f"演示数据：{county} 新增 {counts['villages']} 个村的村情、活动场所和 {counts['spendings']} 笔资金支出"]
    # --- Hook for the cadres slice: persons, holdings and the rest of its demo. ---
    try:
        from liangdai.cadres.demo import demo_cadres
    except ImportError:
        demo_cadres = None
    if demo_cadres is not None:
        lines.append(demo_cadres(actor=actor, county=county))
    return "；".join(lines)


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
