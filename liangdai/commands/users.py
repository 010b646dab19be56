import sys

from liangdai.core.errors import DomainError

from .common import actor_named, fail


def add_to(sub) -> None:
    p = sub.add_parser("users", help="用户")
    usub = p.add_subparsers(dest="action", required=True)
    add = usub.add_parser("add", help="新增用户")
    add.add_argument("name")
    add.add_argument("--division", required=True, help="所属区划代码")
    add.add_argument(
        "--role", required=True, help="none / entry / reviewer / reader / sysadmin / secadmin / auditadmin"
    )
    add.add_argument("--real-name", default="", help="姓名")
    add.add_argument(
        "--password-stdin", action="store_true", help="从标准输入读取密码（本人的密码）；不给则生成一次性密码"
    )
    add.add_argument("--can-reveal", action="store_true", help="可查看完整身份证号和电话")
    add.set_defaults(handler=handle_add)


def handle_add(args) -> int:
    from liangdai.org.services import user_create

    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
    try:
        user, password = user_create(
            actor=actor_named(None),
            username=args.name,
            division_code=args.division,
            role=args.role,
            real_name=args.real_name,
            password=password,
            can_reveal=args.can_reveal,
        )
    except DomainError as exc:
        return fail(exc)
    print(f"已创建用户 {user.username}（{user.get_role_display()}，{user.division.name}）")
    if not args.password_stdin:
        print(f"密码（只显示这一次）：{password}")
        print("这是一次性密码：本人首次登录须立即设置新密码。", file=sys.stderr)
    return 0
