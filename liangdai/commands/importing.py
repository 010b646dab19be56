"""`liangdai import FILE [--commit] [--user NAME] [--errors OUT.xlsx]`.

Exit 0: every row valid (and written with --commit); 1: some row invalid, nothing written, the
errors printed one a line as CSV `sheet,row,column,message` (a message may hold commas: quoted);
2: the file cannot be used at all.
"""

import csv
import sys
from pathlib import Path

from .common import actor_named


def add_to(sub) -> None:
    p = sub.add_parser("import", help="校验并导入统一模板工作簿")
    p.add_argument("file", type=Path)
    p.add_argument("--commit", action="store_true", help="校验通过后写入（全部或全不）")
    p.add_argument("--user", help="以该用户身份导入（限其辖区）")
    p.add_argument("--errors", type=Path, help="错误工作簿的输出路径")
    p.set_defaults(handler=handle)


def _progress(sheet: str, done: int, total: int) -> None:
    if sys.stderr.isatty() or done == total or done % 5000 == 0:
        end = "\n" if done == total else "\r"
        print(f"  {sheet}：{done}/{total} 行", end=end, file=sys.stderr, flush=True)


def handle(args) -> int:
    from liangdai.exchange.pipeline import FileError, import_workbook
    from liangdai.exchange.report import write_error_workbook

    actor = actor_named(args.user)
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"错误：无法读取文件 {args.file}：{exc.strerror}", file=sys.stderr)
        return 2
    try:
        result = import_workbook(
            data=data, filename=args.file.name, actor=actor, commit=args.commit, progress=_progress
        )
    except FileError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    for warning in result.warnings:
        print(f"提示：{warning}", file=sys.stderr)
    if result.errors:
        lines = csv.writer(sys.stdout, lineterminator="\n")
        lines.writerows((e.sheet, e.row, e.column or "", e.message) for e in result.errors)
        if args.errors:
            args.errors.write_bytes(write_error_workbook(data, result.errors))
            print(f"错误工作簿：{args.errors}", file=sys.stderr)
        print(f"共 {len(result.errors)} 处错误，未写入任何数据", file=sys.stderr)
        return 1
    for sheet, counts in result.counts.items():
        print(f"{sheet}：读取 {counts['read']} 行，新增 {counts['created']}，更新 {counts['updated']}")
    print("已导入" if args.commit else "校验通过（加 --commit 写入）")
    return 0
