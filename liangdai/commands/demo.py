def add_to(sub) -> None:
    p = sub.add_parser("demo", help="加载演示数据：盐池县各项业务的示例记录（重复加载不变）")
    p.add_argument("--province", default="64")
    p.set_defaults(handler=handle)


def handle(args) -> int:
    from liangdai.demo import demo_load
    from liangdai.org.services import system_actor

    print(demo_load(actor=system_actor(), province=args.province))
    return 0
