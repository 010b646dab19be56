"""The import's speed against python-calamine's bare read of the same file (DESIGN.md's baselines).

Reads, validates (校验: every rule, nothing written) and commits (导入: written with an audit row
per row) a workbook of one sheet, and prints rows per second, each as a ratio of the bare read, and
the peak resident set of the process that ran it. `--sheet 资金支出` (the default): spending rows
over the province's villages; `--sheet 村干部`: holdings of persons new to the database, as a
county's first upload would be. Each run is its own process (Django set up, then the step timed):
its peak resident set (VmHWM of /proc/self/status) is the step's; the workbook reader's process
(exchange/reading.py) is reported apart, by its ru_maxrss (an upper bound: it counts what the
importing process held when it started the reader). Medians of `--repeat` (3); the rows a commit created are
deleted before the next run, so that each commit is a first one.

    python bench/import_bench.py [--sheet 村干部] [--rows 20000] [--repeat 3] [--database-url URL]
"""

import argparse
import datetime as dt
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import common

# DESIGN.md, "Measured limits on this kind of machine": python-calamine reads ~40,000 rows/s.
CALAMINE_BASELINE = 40_000
SPENDING_YEAR = 2017  # a year the generated facts do not use

CADRE_HEADERS = ["姓名", "公民身份号码", "性别", "民族", "学历", "政治面貌", "联系电话", "村代码", "职务",
                 "任职日期", "任职来源", "离任日期", "离任原因"]  # fmt: skip
# Two past terms of each single seat per village, before anything the generator records (2013 on).
SEAT_TERMS = [("党组织书记", dt.date(2003, 1, 1), dt.date(2005, 12, 31)),
              ("党组织书记", dt.date(2006, 1, 1), dt.date(2008, 12, 31)),
              ("村委会主任", dt.date(2003, 1, 1), dt.date(2005, 12, 31)),
              ("村委会主任", dt.date(2006, 1, 1), dt.date(2008, 12, 31))]  # fmt: skip
OTHER_POSITIONS = ["党组织副书记", "党组织委员", "村委会副主任", "村委会委员", "村务监督委员会主任"]
EDUCATION = ["小学及以下", "初中", "初中", "高中", "高中", "中专", "大专", "本科"]
POLITICAL = ["中共党员"] * 6 + ["中共预备党员", "群众", "群众", "共青团员"]
SOURCES = ["本村产生"] * 6 + ["跨村任职", "选派", "回引", "外引"]
END_REASONS = ["换届", "调整撤换", "辞职", "退休", "其他"]
SERIAL_FROM = 800  # the generator's persons take serials 0… and 500… (rows.People): these never meet
SECOND_POSITION = 0.03  # persons holding a second position in their village


def cadres_workbook(path: Path, villages: list[str], rows: int, seed: int = 13) -> Path:
    """A 村干部 sheet of `rows` rows over `villages`, written in constant memory: per village, two
    past terms of its secretary and of its director (2003–2008, ended at a 换届), then members of
    the other positions (from 2010, a fifth of them ended), 3 % of whom hold a second position in
    the same village. Every person is new to the database (identity serials 800 on: the generator
    uses 0… and 500…), with a valid identity number, the sex it gives, a mobile number, and an age
    of 18 or more when taking office."""
    import xlsxwriter
    from rows import GIVEN, SURNAMES
    from stdnum.cn import ric

    rnd = random.Random(seed)
    serials: dict[tuple[str, dt.date], int] = {}

    def person(county: str, born_by: dt.date) -> list:
        birth = dt.date(1955, 1, 1) + dt.timedelta(days=rnd.randrange((born_by - dt.date(1955, 1, 1)).days))
        serial = serials.get((county, birth), SERIAL_FROM)
        serials[(county, birth)] = serial + 1
        body = f"{county}{birth:%Y%m%d}{serial:03d}"
        number = body + ric.calc_check_digit(body + "0")
        name = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + (rnd.choice(GIVEN) if rnd.random() < 0.6 else "")
        sex = "男" if int(number[16]) % 2 else "女"
        nationality = "回族" if rnd.random() < 0.35 else "汉族"
        phone = f"1{rnd.choice('3578')}{rnd.randrange(10**9):09d}"
        return [name, number, sex, nationality, rnd.choice(EDUCATION), rnd.choice(POLITICAL), phone], birth

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    ws = book.add_worksheet("村干部")
    ws.write_row(0, 0, CADRE_HEADERS)
    last: dict[str, tuple] = {}  # village -> its last member: (person cells, birth, position)
    for n in range(rows):
        code = villages[n % len(villages)]
        visit = n // len(villages)
        end = reason = None
        if visit < len(SEAT_TERMS):
            position, start, end = SEAT_TERMS[visit]
            cells, birth = person(code[:6], dt.date(1984, 1, 1))
            reason = "换届"
        else:
            previous = last.get(code)
            if previous and rnd.random() < SECOND_POSITION:
                cells, birth, held = previous
                position = rnd.choice([p for p in OTHER_POSITIONS if p != held])
                del last[code]
            else:
                cells, birth = person(code[:6], dt.date(1998, 12, 31))
                position = rnd.choice(OTHER_POSITIONS)
                last[code] = (cells, birth, position)
            earliest = max(dt.date(2010, 1, 1), dt.date(birth.year + 19, 1, 1))
            start = earliest + dt.timedelta(days=rnd.randrange((dt.date(2019, 6, 30) - earliest).days))
            if rnd.random() < 0.2:
                end = start + dt.timedelta(days=rnd.randrange(1, (dt.date(2019, 10, 31) - start).days))
                reason = rnd.choice(END_REASONS)
        r = n + 1
        for c, value in enumerate([*cells, code, position]):
            ws.write_string(r, c, value)
        ws.write_datetime(r, 9, dt.datetime.combine(start, dt.time()), dates)
        ws.write_string(r, 10, rnd.choice(SOURCES))
        if end:
            ws.write_datetime(r, 11, dt.datetime.combine(end, dt.time()), dates)
            ws.write_string(r, 12, reason)
    book.close()
    return path


def bare_read(path) -> int:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return sum(len(book.get_sheet_by_name(n).to_python()) - 1 for n in book.sheet_names)


def workbook(sheet: str, rows: int, villages: list[str]) -> Path:
    from generate import spending_workbook

    if sheet == "资金支出":
        return spending_workbook(common.BENCH_VAR / f"spending-{rows}.xlsx", villages, rows, SPENDING_YEAR)
    return cadres_workbook(common.BENCH_VAR / f"cadres-{rows}.xlsx", villages, rows)


class Cleaner:
    """Removes what a commit of the sheet created, so that the next commit is a first one: the
    spending of the benchmark's year, or the persons of the workbook's identity numbers and their
    holdings (also those an interrupted run left), and on PostgreSQL their dead rows. Audit rows
    stay: the log is append-only (a trigger refuses DELETE), and each run adds its own."""

    def __init__(self, sheet: str, path: Path):
        self.sheet = sheet
        self.numbers: list[str] = []
        if sheet == "村干部":
            from python_calamine import CalamineWorkbook

            table = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
            column = table[0].index("公民身份号码")
            self.numbers = sorted({r[column] for r in table[1:]})

    def __call__(self) -> None:
        from django.db import connection, transaction

        from liangdai.cadres.models import Holding, Person
        from liangdai.villages.models import Spending

        if self.sheet == "资金支出":
            Spending.objects.filter(date__year=SPENDING_YEAR).delete()
            return
        with transaction.atomic():
            for i in range(0, len(self.numbers), 1000):
                persons = Person.objects.filter(id_number__in=self.numbers[i : i + 1000])
                Holding.objects.filter(person__in=persons).delete()
                persons.delete()
        if connection.vendor == "postgresql":
            # The PostgreSQL here runs with autovacuum off: without this, every run would find the
            # dead versions of the same identity numbers that the runs before it wrote and deleted.
            with connection.cursor() as cursor:
                for model in (Person, Holding):
                    cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def child_step(step: str, path: Path) -> dict:
    """One timed run in this process (already set up): seconds and peak resident sets."""
    started = time.perf_counter()
    if step == "read":
        bare_read(path)
    else:
        from liangdai.exchange.pipeline import import_workbook
        from liangdai.org.services import system_actor

        actor = system_actor()
        data = path.read_bytes()
        started = time.perf_counter()
        result = import_workbook(data=data, filename=path.name, actor=actor, commit=step != "validate")
        assert result.ok, [(e.row, e.column, e.message) for e in result.errors[:3]]
    seconds = time.perf_counter() - started
    # VmHWM is this process's own peak: ru_maxrss would also count the parent's resident set that
    # fork copied before exec. The reader (a child) is known only by its ru_maxrss: an upper bound.
    status = Path("/proc/self/status").read_text()
    self_kb = int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1])
    reader_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    return {"seconds": seconds, "rss_mb": self_kb / 1024, "reader_mb": reader_kb / 1024}


def in_child(step: str, path: Path, url: str) -> dict:
    """`child_step` in a fresh process of this script: its last line of output is the result."""
    command = [sys.executable, __file__, "--child", step, "--path", str(path), "--database-url", url]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 (this script)
    if done.returncode:
        raise SystemExit(f"{step} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(step: str, path: Path, url: str, repeat: int, before=None) -> dict:
    runs = []
    for _ in range(repeat):
        if before:
            before()
        runs.append(in_child(step, path, url))
        print(f"  {step}: {runs[-1]['seconds']:.2f} s, {runs[-1]['rss_mb']:.0f} MB", file=sys.stderr, flush=True)
    return {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "rss_mb": max(r["rss_mb"] for r in runs),
        "reader_mb": max(r["reader_mb"] for r in runs),
    }


def run(sheet: str, rows: int, prefix: str, url: str, repeat: int) -> list[list]:
    from generate import villages_of

    path = workbook(sheet, rows, villages_of(prefix))
    clean = Cleaner(sheet, path)
    clean()
    read = measure("read", path, url, repeat)
    validate = measure("validate", path, url, repeat)
    commit = measure("commit", path, url, repeat, before=clean)
    again = measure("commit", path, url, repeat)  # the same file again: nothing changes
    clean()
    lines = []
    steps = [("读取（calamine）", read), ("校验", validate), ("校验+导入", commit), ("重复导入", again)]
    for label, m in steps:
        s = m["seconds"]
        reader = "" if label.startswith("读取") else round(m["reader_mb"])
        lines.append([label, rows, round(s, 2), rows / s, s / read["seconds"], round(m["rss_mb"]), reader])
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheet", choices=["资金支出", "村干部"], default="资金支出")
    parser.add_argument("--rows", type=int, help="rows of the workbook (资金支出 20,000, 村干部 100,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step (the median is shown)")
    parser.add_argument("--scale", choices=["province", "national"], default="province")
    parser.add_argument("--database-url")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.child != "read":
            common.setup(args.database_url)
        print(json.dumps(child_step(args.child, Path(args.path))))
        return
    url = common.setup(args.database_url)
    print("数据库：", url)
    import generate

    prefix = "64" if args.scale == "province" else ""
    generate.load_divisions("64" if args.scale == "province" else None)
    generate.generate(prefix)
    rows = args.rows or (20_000 if args.sheet == "资金支出" else 100_000)
    lines = run(args.sheet, rows, prefix, url, args.repeat)
    print(f"{args.sheet}，{rows:,} 行，中位数（{args.repeat} 次）")
    print("峰值 MB：该步骤进程的最大常驻内存（VmHWM）；读取进程 MB：其 ru_maxrss（上限）")
    print(common.table(lines, ["步骤", "行数", "秒", "行/秒", "相对裸读", "峰值 MB", "读取进程 MB"]))
    print(f"（DESIGN.md 基准：calamine 读取约 {CALAMINE_BASELINE:,} 行/秒，15 列人员行）")


if __name__ == "__main__":
    main()
