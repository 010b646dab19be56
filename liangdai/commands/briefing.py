"""`liangdai briefing --code CODE --as-of DATE [--from DATE] -o OUT.docx`: the node's Word briefing,
written as the system (audited as 导出). Exit 0: written; 1: the file cannot be written; 2: no such
node, a village (a briefing is of a township or above), or the period is wrong."""

import sys
from pathlib import Path

from .common import date_arg


def add_to(sub) -> None:
    p = sub.add_parser("briefing", help="生成某区划的工作简报（Word）")
    p.add_argument("--code", required=True, help="乡镇及以上区划代码，如 640402")
    p.add_argument("--as-of", required=True, type=date_arg, help="截至日期")
    p.add_argument("--from", dest="start", type=date_arg, help="期间起始日期（默认当年1月1日）")
    p.add_argument("-o", "--output", required=True, help="输出文件，如 简报.docx")
    p.set_defaults(handler=handle)


def _error(message: str, code: int) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return code


def handle(args) -> int:
    from liangdai.core.errors import NotFound
    from liangdai.indicators.registry import Query
    from liangdai.org import scoping
    from liangdai.org.services import system_actor
    from liangdai.reports.briefing import briefing_export
    from liangdai.reports.selectors import is_village_level

    actor = system_actor()
    try:
        node = scoping.division_for(actor, args.code)
    except NotFound:
        return _error(f"区划代码 {args.code} 不存在（区划未加载时请先运行 liangdai divisions load）", 2)
    if is_village_level(node):
        return _error(f"{node.name}是村级区划，简报按乡镇及以上区划生成", 2)
    query = Query.of(node.code, args.as_of, args.start)
    if query.start > query.as_of:
        return _error("起始日期不能晚于截止日期", 2)
    data = briefing_export(actor=actor, node=node, as_of=query.as_of, start=query.start)
    try:
        Path(args.output).write_bytes(data)
    except OSError as exc:
        return _error(f"无法写入 {args.output}：{exc.strerror or exc}", 1)
    print(f"已生成 {node.name} 简报（截至 {query.as_of:%Y-%m-%d}）：{args.output}")
    return 0
