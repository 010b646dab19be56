"""Demo training for a first run (DOMAIN.md part 4): the region's demonstration bases, the demo
county's rotation plan of this year in the 2:3:5 ratio (the region's places to the secretaries of
poor and three-star villages first), and classes held this year at region (demonstration classes),
city and county level that have trained ten secretaries in every ten of the plan in exactly that
ratio, the others still to come; and township classes for other cadres, a few not completed.

The bases and the plan go through their services, the classes and trainees through the 培训 sheet's
checks and bulk service (`exchange.generated`); all as the actor given (the system). A county whose
cadres have trainings already is left alone, so loading twice changes nothing."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from liangdai.cadres.demo import day_between, holders
from liangdai.cadres.models import Holding, Person
from liangdai.exchange.generated import rows_write
from liangdai.org.models import Division, Level

from .coverage import proposal
from .models import Enrolment, TrainingBase
from .plan import LEVELS
from .selectors import saved_plan
from .services import rotation_plan_save, training_base_save

# The region's demonstration bases (名称, county): the five of the report, as the sample names them.
BASES = [
    ("盐池县基层党建示范培训基地", "640323"),
    ("彭阳县示范培训基地", "640425"),
    ("闽宁镇示范培训基地", "640121"),
    ("固原市党员干部教育培训示范基地", "640402"),
    ("西吉县示范培训基地", "640422"),
]
DEMO_CLASSES = 2  # of the region's, taking this county's secretaries
TOWNSHIP_CLASSES = 2
NOT_COMPLETED = 3


def _bases(actor) -> list[str]:
    """The demonstration bases registered (those already on record kept as they are)."""
    known = set(TrainingBase.objects.values_list("name", flat=True))
    counties = set(Division.objects.filter(code__in=[c for _, c in BASES]).values_list("code", flat=True))
    for name, county in BASES:
        if name not in known and county in counties:
            training_base_save(actor=actor, name=name, county=county, is_demo=True)
    return [name for name, county in BASES if name in known or county in counties]


def _dates(rng: random.Random, today: dt.date) -> tuple[dt.date, dt.date]:
    """A class of three to five days held this year and over by today."""
    start = day_between(rng, dt.date(today.year, 1, 1), today - dt.timedelta(days=5))
    return start, min(today, start + dt.timedelta(days=rng.randint(2, 4)))


def _class(rng, name: str, level: str, today: dt.date, base: str = "", demo: bool = False) -> dict:
    start, end = _dates(rng, today)
    return {"培训班名称": name, "举办层级": level, "培训基地": base, "是否示范班": "是" if demo else "否",
            "开始日期": start, "结束日期": end}  # fmt: skip


def _trainee(training_class: dict, person: Person, completed: bool = True) -> dict:
    return training_class | {
        "学员公民身份号码": person.id_number,
        "学员姓名": person.name,
        "是否结业": "是" if completed else "否",
    }


def _secretary_classes(actor, rng, county: str, today: dt.date, bases: list[str]) -> list[dict]:
    """This year's plan, saved, and the trainees of the region's, the city's and the county's classes:
    of each level's planned secretaries, as many as keep the trained in the plan's ratio exactly."""
    plan = saved_plan(county, today.year)
    if plan is None:
        offer = proposal(actor, county, today.year, today)
        plan = rotation_plan_save(actor=actor, code=county, year=today.year, counts=offer.counts, today=today)
    entries = {level: [e for e in plan.entries.select_related("person") if e.level == level] for level in LEVELS}
    share = min(len(entries[level]) // part for level, part in zip(LEVELS, (2, 3, 5), strict=True))
    year, county_name = today.year, Division.objects.get(code=county).name
    city = Division.objects.filter(code=county[:4]).values_list("name", flat=True).first() or "市"
    classes = {
        "自治区": [_class(rng, f"{year}年村党组织书记示范培训班（第{n}期）", "自治区", today, base, demo=True)
                   for n, base in enumerate(bases[:DEMO_CLASSES], start=1)],
        "市": [_class(rng, f"{year}年{city}村党组织书记轮训班", "市", today)],
        "县": [_class(rng, f"{year}年{county_name}村党组织书记轮训班（第{n}期）", "县", today) for n in (1, 2)],
    }  # fmt: skip
    rows = []
    for level, part in zip(LEVELS, (2, 3, 5), strict=True):
        for index, entry in enumerate(entries[level][: part * share]):
            options = classes[level] or [_class(rng, f"{year}年村党组织书记培训班", level, today)]
            rows.append(_trainee(options[index % len(options)], entry.person))
    return rows


def _township_classes(rng, county: str, today: dt.date) -> list[dict]:
    """Township classes for the other cadres of a few townships, some of them not completed."""
    townships = list(Division.objects.filter(level=Level.TOWNSHIP, code__startswith=county).order_by("code"))
    rows = []
    for township in rng.sample(townships, min(TOWNSHIP_CLASSES, len(townships))):
        training_class = _class(rng, f"{today.year}年{township.name}村干部培训班", "乡镇", today)
        cadres = holders(township.code, today).exclude(position="党组织书记")
        persons = list({h.person_id: h.person for h in cadres}.values())
        for index, person in enumerate(persons):
            rows.append(_trainee(training_class, person, completed=index >= NOT_COMPLETED))
    return rows


@transaction.atomic
def demo_training(*, actor, county: str, today: dt.date | None = None) -> str:
    """Bases, this year's plan and classes for the demo county, unless its cadres have trainings."""
    today = today or timezone.localdate()
    cadres = Holding.objects.filter(village__code__startswith=county).values("person_id")
    if Enrolment.objects.filter(person_id__in=cadres).exists():
        return f"培训演示数据：{county} 新增 0 名学员"
    rng = random.Random(f"{county}-training")
    bases = _bases(actor)
    rows = _secretary_classes(actor, rng, county, today, bases) + _township_classes(rng, county, today)
    rows_write(actor=actor, sheets={"培训": rows}, action="演示数据")
    return f"培训演示数据：{county} 本年度轮训计划和 {len(rows)} 人次学员"
