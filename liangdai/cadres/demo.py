"""Demo committees for a first run: for every administrative village of the demo county, about six
holdings including a secretary, with the report's proportions among the secretaries in office
(DOMAIN.md's acceptance table: mean age 48.5, 92.5% under 60, 55.7% high school or above, 30.2% one
shoulder 一肩挑), 21% of the secretaries replaced (调整撤换) this year, a few seats empty for
months, reserve candidates and weak-and-lax organisations, one of them rectified. Written in bulk
with an audit row per record; a village that already has holdings is left alone, so loading twice
changes nothing.

`DemoPeople` and the date helpers serve the later slices' demos too (leaders, party, training,
assessment), which build on these persons."""

import datetime as dt
import random
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from stdnum.cn import ric

from liangdai.audit.services import build, record_many, snapshot
from liangdai.core.dates import years_later
from liangdai.org.models import Division

from .models import Holding, Person, RectificationStep, ReserveCandidate, WeakOrganisation

SURNAMES = "王李张刘陈杨马海田白郭何罗高周吴徐孙胡朱林苏冯韩丁沙金穆"
GIVEN = "军强伟明华建国平志刚文斌海涛勇杰兰芳霞秀英红梅玉成福祥忠学宏"
EDUCATION = ["小学及以下", "初中", "初中", "高中", "高中", "中专", "大专", "本科"]
# The secretaries' schooling: high school or above (高中, 中专, 大专, 本科) for 55.7%, as the report.
HIGH_SCHOOL = ["高中", "高中", "中专", "大专", "本科"]
BELOW_HIGH_SCHOOL = ["小学及以下", "初中", "初中", "初中"]
# The committee below the secretary: (position, chance that the village has it).
MEMBERS = [
    ("党组织副书记", 0.5),
    ("党组织委员", 1.0),
    ("村委会副主任", 0.6),
    ("村委会委员", 1.0),
    ("村委会委员", 0.5),
    ("村务监督委员会主任", 0.8),
]
# Shares of the report (DOMAIN.md), and a few of our own for what the report does not give.
SHARES = {"under_60": 0.925, "high_school": 0.557, "one_shoulder": 0.302, "replaced": 0.21, "empty": 0.04}
WEAK_SHARE = 0.04


def day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    """A day in [first, last] (first when last is earlier)."""
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def quota(rng: random.Random, items: list, share: float) -> set:
    """Exactly round(share × len) of `items`, chosen at random: the report's proportions, not
    merely their expectation."""
    return set(rng.sample(items, round(share * len(items))))


def term_start(today: dt.date) -> dt.date:
    """The demo's last general election (换届): mid-January three years ago."""
    return dt.date(today.year - 3, 1, 15)


class DemoPeople:
    """Persons with valid identity numbers issued in the demo county, unique across the demo and
    the records already kept. `new` returns an unsaved Person; the caller writes them."""

    def __init__(self, rng: random.Random, county: str, taken: set[str]):
        self.rng, self.county, self.taken, self.items = rng, county, taken, []

    def new(self, age: int, on: dt.date, *, male: float = 0.7, education: str = "", member: float = 0.6) -> Person:
        """A person `age` completed years old on `on`."""
        rng = self.rng
        is_male = rng.random() < male
        birth = years_later(on, -age) - dt.timedelta(days=rng.randint(1, 364))
        while True:
            body = f"{self.county}{birth:%Y%m%d}{rng.randint(0, 99):02d}{rng.choice('13579' if is_male else '02468')}"
            number = body + ric.calc_check_digit(body + "0")  # it ignores the last character
            if number not in self.taken:
                break
        self.taken.add(number)
        person = Person(
            id_number=number,
            name=rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2]))),
            birth_date=birth,
            sex="男" if is_male else "女",
            nationality=rng.choice(["汉族", "汉族", "回族"]),
            education=education or rng.choice(EDUCATION),
            political_status="中共党员" if rng.random() < member else "群众",
            phone="1" + rng.choice("3578") + "".join(str(rng.randint(0, 9)) for _ in range(9)),
        )
        self.items.append(person)
        return person


def person_row(person: Person, *, on_record: bool) -> dict:
    """The person columns of a sheet row: the whole profile for a new person, the number and the
    name for one on record (a blank cell keeps what is recorded)."""
    row = {"姓名": person.name, "公民身份号码": person.id_number}
    if not on_record:
        row |= {
            "性别": person.sex,
            "民族": person.nationality,
            "学历": person.education,
            "政治面貌": person.political_status,
            "联系电话": person.phone,
        }
    return row


class _Secretaries:
    """The ages and schooling of the secretaries in office today, dealt out so that they have the
    report's proportions exactly (`SHARES`)."""

    def __init__(self, rng: random.Random, count: int):
        older = round((1 - SHARES["under_60"]) * count)
        ages = [rng.randint(60, 64) for _ in range(older)]
        ages += [min(59, max(30, round(rng.gauss(47.3, 6.5)))) for _ in range(count - older)]
        schooled = round(SHARES["high_school"] * count)
        schooling = [rng.choice(HIGH_SCHOOL) for _ in range(schooled)]
        schooling += [rng.choice(BELOW_HIGH_SCHOOL) for _ in range(count - schooled)]
        rng.shuffle(ages)
        rng.shuffle(schooling)
        self.next = iter(zip(ages, schooling, strict=True)).__next__


def _secretary_holdings(kind: str, people: DemoPeople, secretaries, today: dt.date) -> list:
    """The secretary's seat: held since the election, emptied months ago (退休), or replaced this
    year (调整撤换) by a successor the next day."""
    rng, start = people.rng, term_start(today)
    if kind == "empty":
        left = today - dt.timedelta(days=rng.randint(120, 200))
        return [(people.new(rng.randint(58, 63), today, male=0.85, member=1), "党组织书记", start, left, "退休")]
    if kind != "replaced":
        age, schooling = secretaries.next()
        return [(people.new(age, today, male=0.85, education=schooling, member=1), "党组织书记", start, None, "")]
    year_start = dt.date(today.year, 1, 1)
    left = day_between(rng, year_start, today - dt.timedelta(days=1))
    first = people.new(rng.randint(45, 62), today, male=0.85, member=1)
    age, schooling = secretaries.next()
    successor = people.new(age, today, male=0.85, education=schooling, member=1)
    successor_start = left + dt.timedelta(days=1)
    return [(first, "党组织书记", start, left, "调整撤换"), (successor, "党组织书记", successor_start, None, "")]


def _village(kind: str, shoulder: bool, people: DemoPeople, secretaries, today: dt.date):
    """(holdings, reserves) of one village; persons are added to `people`."""
    rng, start = people.rng, term_start(today)
    holdings = _secretary_holdings(kind, people, secretaries, today)
    sitting = holdings[-1][0] if holdings[-1][3] is None else None
    director = sitting if shoulder and sitting is not None else people.new(rng.randint(30, 58), today)
    holdings.append((director, "村委会主任", max(start, holdings[-1][2]) if director is sitting else start, None, ""))
    for position, chance in MEMBERS:
        if rng.random() < chance:
            holdings.append((people.new(rng.randint(26, 60), today), position, start, None, ""))
    reserves = []
    if rng.random() < 0.5:
        source = rng.choice(["大学生村官", "返乡人员", "本村人员"])
        chosen = start + dt.timedelta(days=rng.randint(60, 700))
        reserves.append((people.new(rng.randint(24, 38), today), source, chosen))
    return holdings, reserves


def _audit(actor, entity: str, objects, code) -> list:
    return [
        build(actor=actor, action="演示数据", entity=entity, entity_id=o.pk, code=code(o), after=snapshot(o))
        for o in objects
    ]


def _plan(codes: list[str], rng: random.Random, today: dt.date, taken: set[str], county: str):
    """Every village's holdings and reserves, the seats dealt out by the report's shares."""
    people = DemoPeople(rng, county, taken)
    empty = quota(rng, codes, SHARES["empty"])
    replaced = quota(rng, [c for c in codes if c not in empty], SHARES["replaced"] / (1 - SHARES["empty"]))
    shoulder = quota(rng, [c for c in codes if c not in empty], SHARES["one_shoulder"])
    secretaries = _Secretaries(rng, len(codes) - len(empty))
    plan = {}
    for code in codes:
        kind = "empty" if code in empty else "replaced" if code in replaced else "sitting"
        plan[code] = _village(kind, code in shoulder, people, secretaries, today)
    return people, plan


def _weak(rng: random.Random, codes: list[str], today: dt.date) -> tuple[list, list]:
    """This year's weak-and-lax organisations, the first of them rectified (closed) already."""
    flagged_on = dt.date(today.year, 1, 1)
    reason = "班子凝聚力不强，组织生活不规范"
    weak = [
        WeakOrganisation(village_id=code, year=today.year, reason=reason, flagged_on=flagged_on)
        for code in sorted(quota(rng, codes, WEAK_SHARE))
    ]
    if weak:
        weak[0].closed_on = day_between(rng, flagged_on, today)
    WeakOrganisation.objects.bulk_create(weak)
    steps = RectificationStep.objects.bulk_create(
        RectificationStep(weak=w, date=w.closed_on or flagged_on, description="调整充实村党组织班子") for w in weak
    )
    return weak, steps


@transaction.atomic
def demo_cadres(*, actor, county: str, today: dt.date | None = None) -> str:
    """Committees for the demo county's administrative villages that have no holdings yet."""
    today = today or timezone.localdate()
    villages = Division.objects.filter(is_village=True, code__startswith=county).values_list("code", flat=True)
    filled = set(Holding.objects.filter(village_id__in=list(villages)).values_list("village_id", flat=True))
    codes = [c for c in villages if c not in filled]
    taken = set(Person.objects.values_list("id_number", flat=True))
    people, plan = _plan(codes, random.Random(f"{county}-cadres"), today, taken, county)
    Person.objects.bulk_create(people.items, batch_size=500)
    holdings = [
        Holding(village_id=code, person=p, position=pos, start=start, end=end, end_reason=reason, source="本村产生")
        for code, (rows, _) in plan.items()
        for p, pos, start, end, reason in rows
    ]
    reserves = [
        ReserveCandidate(village_id=code, person=p, source=source, chosen_on=chosen)
        for code, (_, rows) in plan.items()
        for p, source, chosen in rows
    ]
    Holding.objects.bulk_create(holdings, batch_size=500)
    ReserveCandidate.objects.bulk_create(reserves, batch_size=500)
    weak, steps = _weak(random.Random(f"{county}-weak"), codes, today)
    record_many(
        _audit(actor, "person", people.items, lambda o: "")
        + _audit(actor, "holding", holdings, lambda o: o.village_id)
        + _audit(actor, "reserve", reserves, lambda o: o.village_id)
        + _audit(actor, "weak", weak, lambda o: o.village_id)
        + _audit(actor, "weak", steps, lambda o: o.weak.village_id)
    )
    return f"村“两委”演示数据：{county} 新增 {len(plan)} 个村的 {len(holdings)} 条任职、{len(reserves)} 名后备力量"


def holders(county: str, day: dt.date, positions: Iterable[str] | None = None):
    """The holdings in office on `day` in the county's administrative villages (the later demos
    pick their persons from them)."""
    qs = Holding.objects.filter(village__is_village=True, village__code__startswith=county, start__lte=day)
    qs = qs.filter(Q(end__isnull=True) | Q(end__gte=day)).select_related("person").order_by("village_id", "pk")
    return qs.filter(position__in=list(positions)) if positions is not None else qs
