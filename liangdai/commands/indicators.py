import datetime as dt
import json

from .common import date_arg


def add_to(sub) -> None:
    p = sub.add_parser("indicators", help="计算某区划的指标")
    p.add_argument("--code", required=True, help="区划代码，如 640402103")
    p.add_argument("--as-of", required=True, type=date_arg, help="截至日期")
    p.add_argument("--from", dest="start", type=date_arg, help="期间起始日期（默认当年1月1日）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=handle)


def handle(args) -> int:
    from liangdai.indicators.registry import REGISTRY, Query
    from liangdai.org.models import Division

    if not Division.objects.filter(code=args.code).exists():
        print(f"错误：区划代码 {args.code} 不存在")
        return 2
    query = Query.of(args.code, args.as_of, args.start)
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


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
