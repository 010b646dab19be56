import datetime as dt
import json
from pathlib import Path

from .common import date_arg

# The whole country: every division is under it, so its figures are those of the empty prefix.
COUNTRY = "86"


def add_to(sub) -> None:
    p = sub.add_parser("indicators", help="计算某区划的指标")
    p.add_argument("--code", required=True, help=f"区划代码，如 640402103；{COUNTRY} 为全国")
    p.add_argument("--as-of", required=True, type=date_arg, help="截至日期")
    p.add_argument("--from", dest="start", type=date_arg, help="期间起始日期（默认当年1月1日）")
    p.add_argument("--children", action="store_true", help="同时列出每个下级区划（乡镇列出其行政村）")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true")
    out.add_argument("--xlsx", metavar="OUT", type=Path, help="写入 Excel 指标表（.xlsx）")
    p.set_defaults(handler=handle)


def handle(args) -> int:
    from liangdai.indicators.registry import Query
    from liangdai.org.models import Division
    from liangdai.org.services import system_actor
    from liangdai.reports import tables

    if args.code == COUNTRY:
        if args.children or args.xlsx:
            print(f"错误：全国（{COUNTRY}）暂只提供本级指标，不能与 --children 或 --xlsx 同用")
            return 2
        return _print(args, Query.of("", args.as_of, args.start))
    node = Division.objects.filter(code=args.code).first()
    if node is None:
        print(f"错误：区划代码 {args.code} 不存在")
        return 2
    if args.xlsx:
        data = tables.figure_table_export(
            actor=system_actor(), code=node.code, as_of=args.as_of, start=args.start, children=args.children
        )
        args.xlsx.write_bytes(data)
        print(f"已写入 {args.xlsx}")
        return 0
    if args.children:
        rows = tables.table_json(tables.figure_table(node, args.as_of, args.start))
        print(json.dumps(rows, ensure_ascii=False, indent=1, default=_plain) if args.json else _text_rows(rows))
        return 0
    return _print(args, Query.of(args.code, args.as_of, args.start))


def _print(args, query) -> int:
    """The node's figures, as JSON or as text; `args.code` names it (86 for the country)."""
    from liangdai.indicators.registry import REGISTRY

    values = REGISTRY.compute(query)
    if args.json:
        print(
            json.dumps(
                {
                    "code": args.code,
                    "as_of": query.as_of.isoformat(),
                    "from": query.start.isoformat(),
                    "indicators": values,
                },
                ensure_ascii=False,
                indent=1,
                default=_plain,
            )
        )
        return 0
    for ind in REGISTRY.indicators():
        value = values[ind.id]
        print(f"{ind.label}\t{'—' if value is None else value}{ind.unit if value is not None else ''}")
    return 0


def _text_rows(rows: list[dict]) -> str:
    """The children table as tab-separated text: a header of labels, then a row per division."""
    from liangdai.indicators.registry import REGISTRY
    from liangdai.reports.tables import header

    indicators = REGISTRY.indicators()
    lines = ["\t".join(["区划代码", *(header(i) for i in indicators)])]
    for row in rows:
        values = row["indicators"]
        lines.append(
            "\t".join([row["code"], *("—" if values[i.id] is None else str(values[i.id]) for i in indicators)])
        )
    return "\n".join(lines)


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
