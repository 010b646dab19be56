"""Writing generated rows: plain tuples straight into a table (COPY on PostgreSQL, executemany on
SQLite), identity numbers that are valid and unique, sequences and planner statistics after a load,
and progress lines. Shared by `generate.py` (the base facts) and `shape.py` (the rest)."""

import datetime as dt
import random
import sys
import time
from collections.abc import Iterable

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "建国志强海军文明秀英春花玉兰金山平安学东红梅小龙永福德胜国庆丽娟伟刚俊杰晓燕桂兰宏伟"
EDUCATION = ["小学及以下", "初中", "初中", "高中", "高中", "中专", "大专", "本科"]
PERSON_FIELDS = ["id", "id_number", "name", "birth_date", "sex", "nationality", "education", "political_status"]
PERSON_FIELDS += ["phone"]


def insert(model, columns: list[str], rows: Iterable[tuple]) -> int:
    """Insert plain tuples into `model`'s table: COPY on PostgreSQL, executemany on SQLite."""
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    fields = [model._meta.get_field(c) for c in columns]
    names = [f.column for f in fields]
    quoted = ", ".join(connection.ops.quote_name(n) for n in names)
    # Identity and phone numbers are stored encrypted (core.protected), as the system writes them.
    sealed = {i for i, f in enumerate(fields) if getattr(f, "protected", False)}
    if sealed:
        rows = [tuple(fields[i].get_prep_value(v) if i in sealed else v for i, v in enumerate(r)) for r in rows]
    rows = list(rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(names))
            cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", rows)
    return len(rows)


def next_id(model) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def reset_sequences(*models) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)


def analyze(*models) -> float:
    """Planner statistics for the tables just loaded: the PostgreSQL here runs with autovacuum off
    (issue 13), so without them the planner guesses and picks sequential scans. Returns seconds."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return time.perf_counter() - started


class Progress:
    """A line per batch: what is done of how many villages, the rows written, the time so far."""

    def __init__(self, label: str, total: int):
        self.label, self.total, self.done, self.started = label, total, 0, time.perf_counter()

    def step(self, villages: int, counts: dict) -> None:
        self.done += villages
        rows = "，".join(f"{k} {v:,}" for k, v in counts.items())
        seconds = time.perf_counter() - self.started
        line = f"  {self.label}：{self.done:,}/{self.total:,} 村，{rows}（{seconds:.1f} 秒）"
        print(line, file=sys.stderr, flush=True)


class People:
    """Valid identity numbers (GB 11643 check character), unique per county: the n-th person of a
    county is born `born_from` + (n × 7919 mod `span`) days and has the serial n // `span`, a
    bijection of n. Each generator counts from its own `first`, so their serials never meet: the
    base facts from 0 (serials 0…), the rest of the shape from 500 × `span` (serials 500…)."""

    def __init__(self, next_id: int, *, first: int = 0, span: int = 18000, born_from=dt.date(1950, 1, 1)):
        from stdnum.cn import ric

        self.ric = ric
        self.next_id = next_id
        self.first, self.span, self.born_from = first, span, born_from
        self.per_county: dict[str, int] = {}

    def new(self, rnd: random.Random, county: str, status: str | None = None) -> tuple:
        n = self.first + self.per_county.get(county, 0)
        self.per_county[county] = self.per_county.get(county, 0) + 1
        birth = self.born_from + dt.timedelta(days=(n * 7919) % self.span)
        body = f"{county}{birth:%Y%m%d}{n // self.span:03d}"
        number = body + self.ric.calc_check_digit(body + "0")
        sex = "男" if int(body[16]) % 2 else "女"
        name = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + (rnd.choice(GIVEN) if rnd.random() < 0.6 else "")
        phone = f"1{rnd.choice('3578')}{rnd.randrange(10**9):09d}"
        pid = self.next_id
        self.next_id += 1
        status = status or ("中共党员" if rnd.random() < 0.85 else "群众")
        return (pid, number, name, birth, sex, "汉族", rnd.choice(EDUCATION), status, phone)


def day_between(rnd: random.Random, first: dt.date, last: dt.date) -> dt.date:
    """A day in [first, last] (first when last is before it)."""
    return first + dt.timedelta(days=rnd.randint(0, max(0, (last - first).days)))
