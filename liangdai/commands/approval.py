"""`liangdai approval submit|approve|return|reopen --code TOWNSHIP --year YEAR --user NAME [--reason TEXT]`
and `liangdai approval status --code CODE --year YEAR [--json]` (DESIGN.md).

An action acts as `--user` on one township's ratings and appraisals of a year: exit 0 done, 1
refused with the reason in Chinese (no right, a state it does not start from, a reason missing,
the township outside the user's area or unknown). `status --json` prints
`{"code", "year", "states": {township code: "draft"|"submitted"|"approved"|"returned"}}`.
"""

import json
import sys

from django.core.exceptions import PermissionDenied

from liangdai.core.errors import DomainError, NotFound

from .common import actor_named, fail

ACTIONS = ("submit", "approve", "return", "reopen")


def add_to(sub) -> None:
    p = sub.add_parser("approval", help="星级评定和考核的上报、审核、退回、撤销审核")
    asub = p.add_subparsers(dest="action", required=True)
    for action, label in zip(ACTIONS, ("上报", "审核通过", "退回", "撤销审核"), strict=True):
        a = asub.add_parser(action, help=label)
        a.add_argument("--code", required=True, help="乡镇区划代码（9位）")
        a.add_argument("--year", required=True, type=int, help="年度")
        a.add_argument("--user", required=True, help="以该用户身份操作")
        a.add_argument("--reason", default="", help="理由（退回、撤销审核时必填）")
        a.set_defaults(handler=handle_action)
    s = asub.add_parser("status", help="各乡镇的状态")
    s.add_argument("--code", required=True, help="区划代码")
    s.add_argument("--year", required=True, type=int, help="年度")
    s.add_argument("--user", help="以该用户身份查看（限其辖区）")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=handle_status)


def handle_action(args) -> int:
    from liangdai.assessment.approvals import SERVICES

    actor = actor_named(args.user)
    try:
        approval = SERVICES[args.action](actor=actor, code=args.code, year=args.year, reason=args.reason)
    except NotFound:
        print(f"错误：乡镇区划代码 {args.code} 不存在或不在您的管辖范围内", file=sys.stderr)
        return 1
    except DomainError as exc:
        return fail(exc)
    except PermissionDenied as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(f"{approval.township.name}（{args.code}）{args.year}年度：{approval.get_state_display()}")
    return 0


def handle_status(args) -> int:
    from liangdai.assessment.approvals import township_states

    try:
        states = township_states(actor_named(args.user), args.code, args.year)
    except NotFound:
        print(f"错误：区划代码 {args.code} 不存在或不在您的管辖范围内", file=sys.stderr)
        return 1
    if args.json:
        payload = {"code": args.code, "year": args.year, "states": {s.township.code: s.state for s in states}}
        print(json.dumps(payload, ensure_ascii=False))
        return 0
    print("乡镇代码\t乡镇\t状态\t理由")
    for s in states:
        print(f"{s.township.code}\t{s.township.name}\t{s.label}\t{s.approval.reason if s.approval else ''}")
    return 0
