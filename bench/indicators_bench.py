"""The indicator registry's time for the country, a province, a county and a township on the
loaded data (median of 3), in total and per registered group.

    python bench/indicators_bench.py [--scale province] [--database-url URL]
"""

import argparse
import datetime as dt

import common

NODES = [("全国", ""), ("宁夏回族自治区", "64"), ("原州区", "640402"), ("官厅镇", "640402103")]
AS_OF, START = dt.date(2019, 10, 31), dt.date(2019, 1, 1)


def run(nodes=NODES) -> tuple[list[list], list[list]]:
    from liangdai.indicators.registry import REGISTRY, Query

    totals, groups = [], []
    for label, code in nodes:
        query = Query.of(code, AS_OF, START)
        seconds = common.median_time(lambda q=query: REGISTRY.compute(q))
        villages = REGISTRY.compute(query).get("villages")
        totals.append([label, code or "—", villages, round(seconds * 1000, 1)])
        for group in REGISTRY.groups:
            ms = common.median_time(lambda g=group, q=query: g.compute(q)) * 1000
            groups.append([label, f"{group.compute.__module__}.{group.compute.__name__}", round(ms, 1)])
    return totals, groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["province", "national"], default="province")
    parser.add_argument("--database-url")
    args = parser.parse_args()
    print("数据库：", common.setup(args.database_url))
    import generate

    generate.load_divisions("64" if args.scale == "province" else None)
    generate.generate("64" if args.scale == "province" else "")
    totals, groups = run()
    print(common.table(totals, ["区划", "代码", "行政村", "全部指标（毫秒）"]))
    print(common.table(groups, ["区划", "指标组", "毫秒"]))


if __name__ == "__main__":
    main()
