"""`liangdai run [--production]`: migrate, load the divisions (and the demo), print the
administrator's login, then serve: waitress for a trial, gunicorn in production (issue 12)."""

import errno
import os
import socket
import sys


def add_to(sub) -> None:
    p = sub.add_parser("run", help="首次运行：迁移、加载区划和演示数据、打印管理员登录信息，并启动服务")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--province", default="64")
    p.add_argument("--no-demo", action="store_true")
    p.add_argument(
        "--production",
        action="store_true",
        help="用 gunicorn 多进程服务（环境变量 PRODUCTION=1 时默认如此）",
    )
    p.set_defaults(handler=handle, manages_schema=True)


def handle(args) -> int:
    from django.conf import settings

    from liangdai.core import schema
    from liangdai.demo import demo_load, ensure_admin
    from liangdai.org.divisions import divisions_load
    from liangdai.org.services import system_actor
    from liangdai.settings import env_bool

    refusal = _unavailable(args.host, args.port)
    if refusal:  # before anything is printed: the admin's one-time password must not scroll away
        print(f"错误：{refusal}", file=sys.stderr)
        return 2
    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    schema.migrate()
    actor = system_actor()
    counts = divisions_load(actor=actor, province=args.province)
    print(f"区划：共 {counts['read']} 个，新增 {counts['created']} 个")
    if not args.no_demo:
        print(demo_load(actor=actor, province=args.province))
    username, password = ensure_admin(actor=actor, province=args.province)
    if password:
        print(f"管理员登录：用户名 {username}  密码 {password}（只显示这一次）")
    else:
        print(f"管理员 {username} 已存在（密码见首次运行的输出；忘记了可运行 liangdai users password {username}）")
    print(f"服务地址：http://{args.host}:{args.port}/")
    if args.production or env_bool("PRODUCTION"):
        serve_production(args.host, args.port)
    else:
        serve(args.host, args.port)
    return 0


def _unavailable(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port (another server holds the port), or None. The
    probe reuses the address as waitress does, so a port left in TIME_WAIT by a stopped server is free."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"端口 {port} 已被占用（也许已有一个 liangdai run 在运行）：请先停止它，或用 --port 换一个端口"
            return f"无法在 {host}:{port} 上启动服务：请检查 --host（如 127.0.0.1 或 0.0.0.0）和 --port"
    return None


def serve(host: str, port: int) -> None:
    from waitress import serve as waitress_serve

    from liangdai.wsgi import application

    waitress_serve(application, host=host, port=port, threads=8, ident="liangdai")


def serve_production(host: str, port: int) -> None:
    """gunicorn in place of this process: a few sync workers, each replaced when it dies or hangs
    beyond the timeout, so that no request can take the whole server down. The timeout leaves
    room for a large import, whose reading alone may take the reader's 60 s (exchange/reading.py);
    a worker is also recycled after some requests, so memory cannot creep up."""
    workers = os.environ.get("WEB_CONCURRENCY", "3")
    sys.stdout.flush()
    command = [
        sys.executable, "-m", "gunicorn", "liangdai.wsgi:application",
        "--bind", f"{host}:{port}",
        "--workers", workers,
        "--timeout", "300",
        "--max-requests", "1000",
        "--max-requests-jitter", "100",
        "--access-logfile", "-",
    ]  # fmt: skip
    os.execv(sys.executable, command)  # noqa: S606 (our own interpreter and arguments)
