"""The import's speed against python-calamine's bare read of the same file (DESIGN.md's baselines).

Reads, validates (校验: every rule, nothing written) and commits (导入: written with an audit row
per row) a 资金支出 workbook, and prints rows per second and each as a ratio of the bare read.
Medians of 3; the rows a commit created are deleted before the next run.

    python bench/import_bench.py [--rows 20000] [--scale province] [--database-url URL]
"""

import argparse

import common

# DESIGN.md, "Measured limits on this kind of machine": python-calamine reads ~40,000 rows/s.
CALAMINE_BASELINE = 40_000


def bare_read(path) -> int:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return sum(len(book.get_sheet_by_name(n).to_python()) - 1 for n in book.sheet_names)


def run(rows: int, prefix: str) -> list[list]:
    from generate import spending_workbook, villages_of

    from liangdai.exchange.pipeline import import_workbook
    from liangdai.org.services import system_actor
    from liangdai.villages.models import Spending

    path = spending_workbook(common.BENCH_VAR / f"spending-{rows}.xlsx", villages_of(prefix), rows)
    data = path.read_bytes()
    actor = system_actor()
    year = 2017

    def clean():
        Spending.objects.filter(date__year=year).delete()

    def imported(commit: bool):
        result = import_workbook(data=data, filename=path.name, actor=actor, commit=commit)
        assert result.ok, result.errors[:3]
        return result

    read = common.median_time(lambda: bare_read(path))
    validate = common.median_time(lambda: imported(False))
    commit = common.median_time(lambda: imported(True), before=clean)
    again = common.median_time(lambda: imported(True))  # the same file again: nothing changes
    clean()
    lines = []
    for label, seconds in [("读取（calamine）", read), ("校验", validate), ("校验+导入", commit), ("重复导入", again)]:
        lines.append([label, rows, round(seconds, 2), rows / seconds, seconds / read])
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--scale", choices=["province", "national"], default="province")
    parser.add_argument("--database-url")
    args = parser.parse_args()
    print("数据库：", common.setup(args.database_url))
    import generate

    prefix = "64" if args.scale == "province" else ""
    generate.load_divisions("64" if args.scale == "province" else None)
    generate.generate(prefix)
    lines = run(args.rows, prefix)
    print(common.table(lines, ["步骤", "行数", "秒", "行/秒", "相对裸读"]))
    print(f"（DESIGN.md 基准：calamine 读取约 {CALAMINE_BASELINE:,} 行/秒，15 列人员行）")


if __name__ == "__main__":
    main()
