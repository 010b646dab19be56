"""`liangdai migrate`: bring the database schema up to date (`core.schema`): as the owner role of
MIGRATION_DATABASE_URL where one is set, then granting the application role its rights."""


def add_to(sub) -> None:
    p = sub.add_parser("migrate", help="更新数据库结构（设置 MIGRATION_DATABASE_URL 时以其角色执行并为应用角色授权）")
    p.set_defaults(handler=handle, manages_schema=True)


def handle(args) -> int:
    from liangdai.core.schema import migrate

    migrate(verbosity=1)
    print("数据库结构已是最新")
    return 0
