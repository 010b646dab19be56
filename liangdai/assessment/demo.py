"""Demo ratings and appraisals for a first run: every village of the demo county scored for the last
year assessed and the one before (stars follow from the scores by the year's thresholds; a village
or two at 0 stars both years), every cadre who held a position in the last year graded, the
county's bonus budget of that year (Yanchi county 2018: 3,522,000 yuan, DOMAIN.md), and the
townships' review of the year: most approved, one submitted, one still a draft.

The ratings and grades go through the 星级评定 and 个人考核 sheets' checks and bulk services
(`exchange.generated`), the budget and the review through their services; all as the actor given
(the system). A county with ratings already is left alone, so loading twice changes nothing."""

import datetime as dt
import random

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from liangdai.cadres.demo import quota
from liangdai.cadres.models import Holding
from liangdai.exchange.generated import rows_write
from liangdai.org.models import Division, Level

from .approvals import approval_approve, approval_submit
from .indicators import assessed_year
from .models import StarRating
from .services import bonus_budget_set

BUDGET = 3_522_000  # yuan: Yanchi county's bonus of 2018, the report's figure
ZERO_TWICE = 0.02  # villages at 0 stars two years running (a warning)
GRADES = {"优秀": 20, "称职": 65, "基本称职": 12, "不称职": 3}


def _score(rng: random.Random, low: bool) -> float:
    if low:
        return round(rng.uniform(38, 49.5), 1)
    return round(min(99.0, max(50.5, rng.gauss(75, 11))), 1)


def _ratings(rng: random.Random, codes: list[str], year: int) -> list[dict]:
    low = quota(rng, codes, ZERO_TWICE) or {rng.choice(codes)}
    return [{"村代码": code, "年度": y, "得分": _score(rng, code in low)} for y in (year - 1, year) for code in codes]


def _appraisals(rng: random.Random, county: str, year: int) -> list[dict]:
    """A grade for every person who held a position in the county's villages during `year`."""
    held = Holding.objects.filter(village__code__startswith=county, start__lte=dt.date(year, 12, 31))
    held = held.filter(Q(end__isnull=True) | Q(end__gte=dt.date(year, 1, 1)))
    persons = held.order_by("person__id_number").values_list("person__id_number", "person__name").distinct()
    grades = list(GRADES)
    return [
        {"公民身份号码": number, "姓名": name, "年度": year, "考核等次": rng.choices(grades, list(GRADES.values()))[0]}
        for number, name in persons
    ]


def _review(actor, rng: random.Random, county: str, year: int) -> None:
    townships = list(
        Division.objects.filter(level=Level.TOWNSHIP, code__startswith=county).values_list("code", flat=True)
    )
    draft, waiting = rng.sample(townships, 2) if len(townships) > 2 else (None, None)
    for code in townships:
        if code != draft:
            approval_submit(actor=actor, code=code, year=year)
        if code not in (draft, waiting):
            approval_approve(actor=actor, code=code, year=year)


@transaction.atomic
def demo_assessment(*, actor, county: str, today: dt.date | None = None) -> str:
    """Ratings, appraisals, the bonus budget and the review for the demo county, unless it has
    ratings already."""
    today = today or timezone.localdate()
    if StarRating.objects.filter(village__code__startswith=county).exists():
        return f"星级评定演示数据：{county} 新增 0 条"
    rng = random.Random(f"{county}-assessment")
    year = assessed_year(today)
    codes = list(Division.objects.filter(is_village=True, code__startswith=county).values_list("code", flat=True))
    ratings, appraisals = _ratings(rng, codes, year), _appraisals(rng, county, year)
    rows_write(actor=actor, sheets={"星级评定": ratings, "个人考核": appraisals}, action="演示数据")
    bonus_budget_set(actor=actor, county=county, year=year, amount=BUDGET)
    _review(actor, rng, county, year)
    return (
        f"星级评定演示数据：{county} 新增 {len(ratings)} 条星级评定（{year - 1}、{year}年度）、"
        f"{len(appraisals)} 条个人考核，奖励总额 {BUDGET} 元"
    )
