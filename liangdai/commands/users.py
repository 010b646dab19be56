import sys

from liangdai.core.errors import DomainError

from .common import actor_named, fail


def add_to(sub) -> None:
    p = sub.add_parser("users", help="用户")
    usub = p.add_subparsers(dest="action", required=True)
    add = usub.add_parser("add", help="新增用户")
    add.add_argument("name", help="用户名")
    add.add_argument("--division", required=True, help="所属区划代码")
    add.add_argument(
        "--role", required=True, help="none / entry / reviewer / reader / sysadmin / secadmin / auditadmin"
    )
    add.add_argument("--name", "--real-name", dest="real_name", default="", help="持有人的姓名")
    add.add_argument("--unit", default="", help="工作单位")
    add.add_argument("--phone", default="", help="联系电话（11位手机号码）")
    add.add_argument(
        "--password-stdin", action="store_true", help="从标准输入读取密码（本人的密码）；不给则生成一次性密码"
    )
    add.add_argument("--can-reveal", action="store_true", help="可查看完整身份证号和电话")
    add.set_defaults(handler=handle_add)
    password = usub.add_parser("password", help="重置密码：生成一次性密码（下次登录须修改），并解除登录锁定")
    password.add_argument("name", help="用户名")
    password.set_defaults(handler=handle_password)


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
            unit=args.unit,
            phone=args.phone,
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


def handle_password(args) -> int:
    from liangdai.org.services import user_one_time_password

    try:
        user, password = user_one_time_password(actor=actor_named(None), username=args.name)
    except DomainError as exc:
        return fail(exc)
    print(f"已重置用户 {user.username} 的密码（只显示这一次）：{password}")
    print("这是一次性密码：本人登录后须立即设置新密码。", file=sys.stderr)
    return 0
