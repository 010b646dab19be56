"""`liangdai bonus --county CODE --year YEAR --budget YUAN [--json] [--save] [--user NAME]`.

Prints each cadre's share of the county's bonus budget by the default rule of DOMAIN.md part 2;
`--json` prints `{"budget": N, "shares": {identity number: yuan}}`. With `--save` the budget is
also recorded as the county's bonus total for the year. Exit 0: allocated; 1: nothing to allocate,
an invalid budget, or no right to save it; 2: no such county (or outside the user's area).
"""

import json
import sys

from django.core.exceptions import PermissionDenied

from liangdai.core.errors import DomainError, NotFound

from .common import actor_named, fail


def add_to(sub) -> None:
    p = sub.add_parser("bonus", help="按默认规则分配县村干部奖励")
    p.add_argument("--county", required=True, help="县级区划代码，如 640323")
    p.add_argument("--year", required=True, type=int, help="考核年度")
    p.add_argument("--budget", required=True, type=int, help="奖励总额（元，整数）")
    p.add_argument("--json", action="store_true")
    p.add_argument("--save", action="store_true", help="同时记录为该县该年度的奖励总额")
    p.add_argument("--user", help="以该用户身份计算（限其辖区）")
    p.set_defaults(handler=handle)


def handle(args) -> int:
    from liangdai.assessment.bonus import bonus_allocate
    from liangdai.assessment.services import bonus_budget_set

    actor = actor_named(args.user)
    try:
        shares = bonus_allocate(actor=actor, county=args.county, year=args.year, budget=args.budget)
        if args.save:
            bonus_budget_set(actor=actor, county=args.county, year=args.year, amount=args.budget)
    except NotFound:
        print(f"错误：区划代码 {args.county} 不存在", file=sys.stderr)
        return 2
    except DomainError as exc:
        return fail(exc)
    except PermissionDenied as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({"budget": args.budget, "shares": {s.id_number: s.yuan for s in shares}}, ensure_ascii=False))
        return 0
    print("公民身份号码\t姓名\t村代码\t职务\t星级\t考核等次\t奖励（元）")
    for s in shares:
        print(f"{s.id_number}\t{s.name}\t{s.village_id}\t{s.position}\t{s.stars}\t{s.grade or '无考核'}\t{s.yuan}")
    print(f"合计\t{sum(s.yuan for s in shares)}（奖励总额 {args.budget}）")
    return 0
