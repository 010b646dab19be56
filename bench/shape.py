"""The rest of the national shape (issue 13, point 5), on top of the base facts of `generate.py`:
for every administrative village, wealth leaders (~7.5) with their priority support, party
development paths, training enrolments (~20), star ratings (2017-2019) and cadres' appraisals
(2018, 2019), per-capita incomes (2017-2019), weak-and-lax flags, and each county's bonus budget;
so that every figure group has rows to read.

Every date is placed relative to the benchmarks' as-of day (2019-10-31, period from 2019-01-01):
leaders recognised this year and before, some registrations ended; development paths at every
stage, built and checked by the party app's own rules; classes held in 2018 and 2019 by the
province (demonstration classes at its base), the city, the county and the township.

The proportions are the demo's (`liangdai/*/demo.py`), which follow the report (DOMAIN.md).
Villages go in batches of whole counties, each batch in one transaction, COPY-loaded; a batch
whose villages are rated already is skipped, so a second run (or one resumed) adds nothing."""

import datetime as dt
import itertools
import random
from decimal import Decimal

from rows import PERSON_FIELDS, People, Progress, day_between, insert, next_id, reset_sequences
from shape_training import Classes, enrol

AS_OF = dt.date(2019, 10, 31)
YEAR_START = dt.date(AS_OF.year, 1, 1)
YEARS = (2018, 2019)
RATED_YEARS = (2017, 2018, 2019)  # 2017 too: "0 stars two years running" of 2018, the year assessed on the as-of day
SECRETARY = "党组织书记"
BATCH = 5000  # villages, rounded up to whole counties
SERIALS_FROM = 500 * 16000  # the persons added here: serials 500… (`rows.People`)

PER_VILLAGE = (5, 10)  # wealth leaders: 7.5 a village on average (leaders.demo)
SECRETARY_SHARE, CADRE_SHARE, THIS_YEAR, ENDED, SUPPORTED = 0.447, 0.12, 0.1, 0.03, 0.35
LEADER_INTO_PARTY = 0.04  # of the leaders outside the party, on their way in (party.demo)
LOW_SCORE = 0.02  # villages at 0 stars two years running (assessment.demo)
WEAK = 0.03  # village party organisations flagged weak and lax in 2019, half of them rectified by the as-of day
LEADER_COLUMNS = ["id", "person", "village", "industry", "project", "scale", "scale_unit", "income", "households"]
LEADER_COLUMNS += ["people", "poor_households", "source", "recognised_on", "ended_on", "end_reason"]


def _pick(rnd: random.Random, weighted: dict):
    return rnd.choices(list(weighted), [w if isinstance(w, int) else w[0] for w in weighted.values()])[0]


class Holder:
    """A person holding positions in a village, as far as the rest of the shape needs them."""

    def __init__(self, person: int):
        self.person, self.secretary, self.start, self.spans = person, False, None, []

    def held(self, first: dt.date, last: dt.date) -> bool:
        return any(s <= last and (e is None or e >= first) for s, e in self.spans)

    def in_office(self) -> bool:
        return self.held(AS_OF, AS_OF)


def holders_of(first: str, last: str) -> dict[str, list[Holder]]:
    """village -> its holders, from the holdings of the villages in [first, last]."""
    from liangdai.cadres.models import Holding

    found: dict[str, dict[int, Holder]] = {}
    rows = Holding.objects.filter(village_id__gte=first, village_id__lte=last)
    for village, person, position, start, end in rows.values_list(
        "village_id", "person_id", "position", "start", "end"
    ):
        holder = found.setdefault(village, {}).setdefault(person, Holder(person))
        holder.spans.append((start, end))
        if position == SECRETARY and (end is None or end >= AS_OF) and start <= AS_OF:
            holder.secretary = True
        holder.start = min(start, holder.start or start)
    return {village: list(people.values()) for village, people in found.items()}


class Batch:
    """The rows of one batch of villages, as tuples, with the ids they will have."""

    def __init__(self, people, classes: Classes):
        from liangdai.leaders.models import WealthLeader

        self.people, self.classes, self.leader_id = people, classes, next_id(WealthLeader)
        self.rows: dict[str, list[tuple]] = {k: [] for k in ["persons", "leaders", "supports", "development"]}
        self.rows |= {k: [] for k in ["enrolments", "ratings", "appraisals", "budgets", "incomes", "weak"]}

    def person(self, rnd, code: str, status: str) -> int:
        row = self.people.new(rnd, code[:6], status)
        self.rows["persons"].append(row)
        return row[0]


def _business(rnd: random.Random) -> tuple:
    """(industry, project, scale, unit, income, households, people, poor households, source), in
    the tiers of the default `leader_tiers` as the demo shares them: mostly small, a few large."""
    from liangdai.leaders.demo import INDUSTRIES, SOURCES, TIERS

    industry = _pick(rnd, INDUSTRIES)
    project, unit, scale = rnd.choice(INDUSTRIES[industry][1])
    tier = _pick(rnd, TIERS)
    if tier == "small":
        households, income = rnd.randint(1, 9), rnd.uniform(2, 9.9)
    elif tier == "medium":
        households, income = (rnd.randint(10, 30), rnd.uniform(3, 45)) if rnd.random() < 0.5 else (
            rnd.randint(3, 9), rnd.uniform(10, 45))  # fmt: skip
    else:
        households, income = rnd.randint(50, 120), rnd.uniform(20, 150)
    driven, poor = round(households * rnd.uniform(1.4, 2.4)), round(households * rnd.uniform(0, 0.6))
    return (industry, project, rnd.randint(*scale) if scale else None, unit, Decimal(f"{income:.2f}"), households,
            max(driven, households), poor, _pick(rnd, SOURCES))  # fmt: skip


def _earlier(rnd: random.Random, before: dt.date) -> dt.date:
    """A recognition some years before `before` and before this year."""
    last = min(before, YEAR_START) - dt.timedelta(days=30)
    return day_between(rnd, last - dt.timedelta(days=5 * 365), last)


def _leader(b: Batch, rnd, code: str, person: int, recognised: dt.date, ended: bool = False) -> tuple:
    ended_on = day_between(rnd, recognised, YEAR_START - dt.timedelta(days=1)) if ended else None
    reason = rnd.choice(["迁出", "停业"]) if ended else ""
    row = (b.leader_id, person, code, *_business(rnd), recognised, ended_on, reason)
    b.leader_id += 1
    b.rows["leaders"].append(row)
    return row


def leaders(b: Batch, rnd, code: str, holders: list[Holder]) -> list[tuple]:
    """Secretaries in office (44.7 %), other cadres in office (12 %, a tenth recognised this
    year), then new persons up to the village's number, a tenth this year, 3 % ended; 30 % of the
    new ones party members, 4 % of the others on their way into the party (their paths follow)."""
    from liangdai.party.demo import _Paths
    from liangdai.party.rules import path_errors

    count, made = rnd.randint(*PER_VILLAGE), []
    for h in (h for h in holders if h.in_office()):
        if rnd.random() < (SECRETARY_SHARE if h.secretary else CADRE_SHARE):
            day = _earlier(rnd, h.start)
            if not h.secretary and rnd.random() < THIS_YEAR:
                day = max(h.start, day_between(rnd, YEAR_START, AS_OF))
            made.append(_leader(b, rnd, code, h.person, day))
    paths = _Paths(rnd, AS_OF)
    for _ in range(max(0, count - len(made))):
        this_year = rnd.random() < THIS_YEAR
        day = day_between(rnd, YEAR_START, AS_OF) if this_year else _earlier(rnd, YEAR_START)
        member = rnd.random() < 0.3
        way_in = not member and not this_year and day.year <= AS_OF.year - 3 and rnd.random() < LEADER_INTO_PARTY
        path = paths.make(rnd.choice(["admitted", "applicant", "activist_ready"])) if way_in else {}
        status = "中共党员" if member else ("中共预备党员" if "预备党员" in path else "群众")
        person = b.person(rnd, code, status)
        made.append(_leader(b, rnd, code, person, day, ended=not this_year and rnd.random() < ENDED))
        assert not path_errors(path, b.rows["persons"][-1][3]), path
        b.rows["development"] += [(person, code, stage, date) for stage, date in path.items()]
    return made


def supports(b: Batch, rnd, made: list[tuple]) -> None:
    """Priority support for a third of the leaders still registered, in 2018 and 2019."""
    from liangdai.leaders.demo import SUPPORT

    for leader in made:
        if leader[-2] is not None or rnd.random() >= SUPPORTED:
            continue
        for _ in range(rnd.choice([1, 1, 2])):
            kind = _pick(rnd, SUPPORT)
            span = SUPPORT[kind][1]
            amount = Decimal(rnd.randint(*span) // 100 * 100) if span else None
            day = day_between(rnd, max(leader[-3], dt.date(2018, 1, 1)), AS_OF)
            b.rows["supports"].append((leader[0], kind, amount, day, "县农业农村局", ""))


def paths(b: Batch, rnd, code: str, quiet: bool, overdue: bool) -> None:
    """New persons on the development path, at every stage (party.demo's kinds and chances): one
    or two applicants; activists, development objects, admissions and conversions this year;
    probations due soon and due; none named for two years in the quiet villages."""
    from liangdai.party.demo import KINDS, _Paths
    from liangdai.party.rules import path_errors

    made = _Paths(rnd, AS_OF)
    kinds = ["applicant"] * rnd.randint(1, 2) + ([k for k, p in KINDS.items() if rnd.random() < p] if not quiet else [])
    if not quiet and not set(kinds) - {"applicant", "activist_ready"}:
        kinds.append("candidate")
    kinds += ["activist_ready"] * quiet + ["overdue"] * overdue
    for kind in kinds:
        path = made.make(kind)
        last = list(path)[-1]
        status = {"预备党员": "中共预备党员", "正式党员": "中共党员"}.get(last) or rnd.choice(["群众", "共青团员"])
        person = b.person(rnd, code, status)
        assert not path_errors(path, b.rows["persons"][-1][3]), path
        b.rows["development"] += [(person, code, stage, date) for stage, date in path.items()]


def assess(b: Batch, rnd, code: str, holders: list[Holder], thresholds: dict) -> None:
    """The village rated for 2017 to 2019 (stars from the year's thresholds), and everyone who
    held a position in 2018 or 2019 graded for it."""
    from liangdai.assessment.demo import GRADES
    from liangdai.assessment.rules import thresholds_for

    low = rnd.random() < LOW_SCORE
    for year in RATED_YEARS:
        score = round(rnd.uniform(38, 49.5) if low else min(99.0, max(50.5, rnd.gauss(75, 11))), 1)
        stars = thresholds_for(code, year, thresholds).stars(score)
        b.rows["ratings"].append((code, year, Decimal(f"{score:.1f}"), stars, None))
        for h in holders if year in YEARS else []:
            if h.held(dt.date(year, 1, 1), dt.date(year, 12, 31)):
                b.rows["appraisals"].append((h.person, year, rnd.choices(list(GRADES), list(GRADES.values()))[0]))


def outcomes(b: Batch, rnd, code: str) -> None:
    """Per-capita net income for 2017 to 2019 (a twentieth of the villages falling back in 2019),
    and the village party organisation flagged weak and lax in 2019 in 3 % of the villages."""
    income = rnd.uniform(5000, 16000)
    for year in RATED_YEARS:
        income *= rnd.uniform(0.9, 0.99) if year == 2019 and rnd.random() < 0.05 else rnd.uniform(1.03, 1.12)
        b.rows["incomes"].append((code, year, Decimal(f"{income:.2f}")))
    if rnd.random() < WEAK:
        flagged = day_between(rnd, YEAR_START, dt.date(2019, 6, 30))
        closed = day_between(rnd, flagged, AS_OF) if rnd.random() < 0.5 else None
        b.rows["weak"].append((code, 2019, "班子不团结、战斗力不强", flagged, closed))


def _village(b: Batch, rnd, code: str, holders: list[Holder], thresholds: dict) -> None:
    made = leaders(b, rnd, code, holders)
    supports(b, rnd, made)
    quiet = rnd.random() < 0.08  # party.demo's QUIET_SHARE: no development object for two years
    paths(b, rnd, code, quiet, overdue=not quiet and rnd.random() < 0.005)
    enrol(b, rnd, code, holders, made)
    assess(b, rnd, code, holders, thresholds)
    outcomes(b, rnd, code)


def _budgets(b: Batch, rnd, villages: list[str]) -> None:
    for county, codes in itertools.groupby(villages, key=lambda c: c[:6]):
        per_village = rnd.randrange(25, 40) * 1000
        n = len(list(codes))
        b.rows["budgets"] += [(county, year, n * per_village) for year in YEARS]


def _batches(villages: list[str]):
    batch = []
    for _county, codes in itertools.groupby(villages, key=lambda c: c[:6]):
        batch += list(codes)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _write(b: Batch) -> dict:
    from liangdai.assessment.models import Appraisal, BonusBudget, StarRating
    from liangdai.cadres.models import Person, WeakOrganisation
    from liangdai.leaders.models import Support, WealthLeader
    from liangdai.party.models import DevelopmentRecord
    from liangdai.training.models import Enrolment
    from liangdai.villages.models import VillageIncome

    r = b.rows
    return {
        "classes": b.classes.write(),
        "persons": insert(Person, PERSON_FIELDS, r["persons"]),
        "leaders": insert(WealthLeader, LEADER_COLUMNS, r["leaders"]),
        "supports": insert(Support, ["leader", "kind", "amount", "date", "unit", "note"], r["supports"]),
        "development": insert(DevelopmentRecord, ["person", "village", "stage", "date"], r["development"]),
        "enrolments": insert(Enrolment, ["training_class", "person", "completed"], r["enrolments"]),
        "ratings": insert(StarRating, ["village", "year", "score", "stars", "items"], r["ratings"]),
        "appraisals": insert(Appraisal, ["person", "year", "grade"], r["appraisals"]),
        "budgets": insert(BonusBudget, ["county", "year", "amount"], r["budgets"]),
        "incomes": insert(VillageIncome, ["village", "year", "income"], r["incomes"]),
        "weak": insert(WeakOrganisation, ["village", "year", "reason", "flagged_on", "closed_on"], r["weak"]),
    }


def generate_shape(villages: list[str], prefix: str, seed: int = 1) -> dict:
    """The rest of the shape for `villages` (all those under `prefix`), batch by batch; a batch
    already rated is skipped."""
    from django.db import transaction

    from liangdai.assessment.models import StarRating
    from liangdai.cadres.models import Person

    counts: dict[str, int] = {}
    progress, thresholds = Progress("其余数据", len(villages)), {}
    shared = Classes.shared(prefix, seed)
    for batch in _batches(villages):
        if StarRating.objects.filter(village_id__gte=batch[0], village_id__lte=batch[-1]).exists():
            progress.step(len(batch), {"已有，跳过": len(batch)})
            continue
        rnd = random.Random(f"{seed}-shape-{batch[0]}")
        people = People(next_id(Person), first=SERIALS_FROM, span=16000, born_from=dt.date(1952, 1, 1))
        b = Batch(people, shared.for_batch(batch, rnd))
        holders = holders_of(batch[0], batch[-1])
        for code in batch:
            _village(b, rnd, code, holders.get(code, []), thresholds)
        _budgets(b, rnd, batch)
        with transaction.atomic():
            written = _write(b)
        for key, n in written.items():
            counts[key] = counts.get(key, 0) + n
        progress.step(len(batch), written)
    if counts:
        from liangdai.leaders.models import WealthLeader
        from liangdai.training.models import TrainingClass

        reset_sequences(Person, WealthLeader, TrainingClass)
    return counts
