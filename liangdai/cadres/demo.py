"""Demo committees for a first run: for every administrative village of the demo county, about six
holdings including a secretary (some one shoulder, 一肩挑), a replaced secretary in a few villages, an
empty seat in one, reserve candidates and a weak-and-lax organisation being rectified. Written in
bulk with an audit row per record; a village that already has holdings is left alone, so loading
twice changes nothing."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone
from stdnum.cn import ric

from liangdai.audit.services import build, record_many, snapshot
from liangdai.org.models import Division

from .models import Holding, Person, RectificationStep, ReserveCandidate, WeakOrganisation

DEMO_COUNTY = {"64": "640402"}
SURNAMES = "王李张刘陈杨马海田白郭何罗高周吴徐孙胡朱林苏冯韩丁沙金穆"
GIVEN = "军强伟明华建国平志刚文斌海涛勇杰兰芳霞秀英红梅玉成福祥忠学宏"
EDUCATION = ["小学及以下", "初中", "初中", "高中", "高中", "中专", "大专", "本科"]
# The committee below the secretary: (position, chance that the village has it).
MEMBERS = [
    ("党组织副书记", 0.5),
    ("党组织委员", 1.0),
    ("村委会副主任", 0.6),
    ("村委会委员", 1.0),
    ("村委会委员", 0.5),
    ("村务监督委员会主任", 0.8),
]
TERM_START = dt.date(2017, 1, 15)  # the last general election (换届) of the demo


class _People:
    """Persons with valid identity numbers, unique across the demo and the records already kept."""

    def __init__(self, rng: random.Random, taken: set[str]):
        self.rng, self.taken, self.items = rng, taken, []

    def new(self, young: int, old: int, on: dt.date, *, secretary: bool = False) -> Person:
        """A person at least `young` and at most `old` + 1 years old on `on` (their start)."""
        rng = self.rng
        male = rng.random() < (0.85 if secretary else 0.7)
        birth = dt.date(on.year - 1 - rng.randint(young, old), rng.randint(1, 12), rng.randint(1, 28))
        while True:
            body = f"640402{birth:%Y%m%d}{rng.randint(0, 99):02d}{rng.choice('13579' if male else '02468')}"
            number = body + ric.calc_check_digit(body + "0")  # it ignores the last character
            if number not in self.taken:
                break
        self.taken.add(number)
        person = Person(
            id_number=number,
            name=rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2]))),
            birth_date=birth,
            sex="男" if male else "女",
            nationality=rng.choice(["汉族", "汉族", "回族"]),
            education=rng.choice(EDUCATION[3:] if secretary else EDUCATION),
            political_status="中共党员" if secretary or rng.random() < 0.6 else "群众",
            phone="1" + rng.choice("3578") + "".join(str(rng.randint(0, 9)) for _ in range(9)),
        )
        self.items.append(person)
        return person


def _village(code: str, index: int, people: _People, today: dt.date) -> tuple[list, list, list]:
    """(holdings, reserves, weak) of one village; persons are added to `people`."""
    rng = people.rng
    holdings, reserves, weak = [], [], []
    secretary = people.new(28, 55, TERM_START, secretary=True)
    if index % 9 == 4:  # the seat has been empty for months
        left = today - dt.timedelta(days=rng.randint(120, 200))
        holdings.append((secretary, "党组织书记", TERM_START, left, "退休"))
    elif index % 6 == 1:  # replaced this year (调整撤换)
        left = today - dt.timedelta(days=rng.randint(20, 90))
        holdings.append((secretary, "党组织书记", TERM_START, left, "调整撤换"))
        successor = people.new(28, 48, left, secretary=True)
        holdings.append((successor, "党组织书记", left + dt.timedelta(days=1), None, ""))
    else:
        holdings.append((secretary, "党组织书记", TERM_START, None, ""))
    director = secretary if index % 3 == 0 else people.new(28, 55, TERM_START)  # one shoulder in a third
    holdings.append((director, "村委会主任", TERM_START, None, ""))
    for position, chance in MEMBERS:
        if rng.random() < chance:
            holdings.append((people.new(22, 58, TERM_START), position, TERM_START, None, ""))
    if index % 2 == 0:
        source = rng.choice(["大学生村官", "返乡人员", "本村人员"])
        chosen = TERM_START + dt.timedelta(days=rng.randint(60, 700))
        reserves.append((people.new(20, 36, chosen), source, chosen))
    if index % 25 == 7:
        weak.append(today.year)
    return holdings, reserves, weak


def _audit(actor, entity: str, objects, code) -> list:
    return [
        build(actor=actor, action="演示数据", entity=entity, entity_id=o.pk, code=code(o), after=snapshot(o))
        for o in objects
    ]


@transaction.atomic
def demo_cadres(*, actor, county: str | None = None, province: str = "64") -> str:
    """Committees for the demo county's administrative villages that have no holdings yet."""
    county = county or DEMO_COUNTY.get(province)
    if not county or not county.startswith(province):
        return "村“两委”演示数据：无"
    codes = list(Division.objects.filter(is_village=True, code__startswith=county).values_list("code", flat=True))
    filled = set(Holding.objects.filter(village_id__in=codes).values_list("village_id", flat=True))
    today = timezone.localdate()
    people = _People(random.Random(county), set(Person.objects.values_list("id_number", flat=True)))
    plan = {}
    for index, code in enumerate(codes):
        if code not in filled:
            plan[code] = _village(code, index, people, today)
    Person.objects.bulk_create(people.items, batch_size=500)
    holdings = [
        Holding(village_id=code, person=p, position=pos, start=start, end=end, end_reason=reason, source="本村产生")
        for code, (rows, _, _) in plan.items()
        for p, pos, start, end, reason in rows
    ]
    reserves = [
        ReserveCandidate(village_id=code, person=p, source=source, chosen_on=chosen)
        for code, (_, rows, _) in plan.items()
        for p, source, chosen in rows
    ]
    weak = [
        WeakOrganisation(
            village_id=code, year=year, reason="班子凝聚力不强，组织生活不规范", flagged_on=dt.date(year, 1, 1)
        )
        for code, (_, _, years) in plan.items()
        for year in years
    ]
    for model, items in ((Holding, holdings), (ReserveCandidate, reserves), (WeakOrganisation, weak)):
        model.objects.bulk_create(items, batch_size=500)
    steps = RectificationStep.objects.bulk_create(
        RectificationStep(weak=w, date=w.flagged_on + dt.timedelta(days=1), description="调整充实村党组织班子")
        for w in weak
    )
    record_many(
        _audit(actor, "person", people.items, lambda o: "")
        + _audit(actor, "holding", holdings, lambda o: o.village_id)
        + _audit(actor, "reserve", reserves, lambda o: o.village_id)
        + _audit(actor, "weak", weak, lambda o: o.village_id)
        + _audit(actor, "weak", steps, lambda o: o.weak.village_id)
    )
    return f"村“两委”演示数据：{county} 新增 {len(plan)} 个村的 {len(holdings)} 条任职、{len(reserves)} 名后备力量"
