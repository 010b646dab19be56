"""`liangdai export --code CODE [--user NAME] -o OUT.xlsx` (DESIGN.md): the records under the
division CODE in the unified templates.

As the system (no --user): the whole node, numbers in full. With --user: the part of that user's
area under CODE, numbers masked as that user sees them; imported back by the same user
(`liangdai import --user NAME`) it changes only what was edited (`exchange.masked`). A division
that is missing or outside the user's area gets the same refusal. Exit 0: written; 1: refused;
2: the file cannot be written.
"""

import sys
from pathlib import Path

from .common import actor_named


def add_to(sub) -> None:
    p = sub.add_parser("export", help="按统一模板导出某区划的数据（或某用户辖区内的部分）")
    p.add_argument("--code", required=True, help="区划代码，如 640402103")
    p.add_argument("--user", help="以该用户身份导出：限其辖区，号码按其权限隐去")
    p.add_argument("-o", "--output", required=True, type=Path, help="输出的 .xlsx 文件")
    p.set_defaults(handler=handle)


def handle(args) -> int:
    from liangdai.core.errors import NotFound
    from liangdai.exchange.services import area_export
    from liangdai.org.scoping import can_reveal

    actor = actor_named(args.user)
    try:
        data = area_export(actor=actor, code=args.code)
    except NotFound:
        where = f"不存在或不在用户 {args.user} 的辖区内" if args.user else "不存在"
        print(f"错误：区划代码 {args.code} {where}", file=sys.stderr)
        return 1
    try:
        args.output.write_bytes(data)
    except OSError:
        print(f"错误：无法写入文件 {args.output}（目录不存在或没有写入权限）", file=sys.stderr)
        return 2
    masked = "" if can_reveal(actor) else f"；公民身份号码和联系电话已按用户 {args.user} 的权限隐去部分数字"
    print(f"已导出到 {args.output}{masked}")
    return 0
