"""Pages under load (issue 13, point 6): the production server the README documents (`liangdai run
--production`: gunicorn, `WEB_CONCURRENCY` sync workers) serves the benchmark database on a free
loopback port; a county user and a township clerk log in through the login page, then `--clients`
concurrent clients ask for the county dashboard (/n/<county>/), and then for a village page
(/villages/<village>/), each for `--seconds`: requests per second, p50 and p95 of the latency, and
one client's median alone for comparison.

Each client is its own session (its own login), as twenty people would be. Neither user needs the
second factor (a reviewer and a data-entry clerk without the right to reveal numbers: see
`org/second_factor.required`), so the bench logs in exactly as they do. The server runs without
PRODUCTION=1: that setting redirects plain HTTP to HTTPS (a TLS proxy stands in front in
production) and only changes headers and cookie flags; the server, its workers and its options are
those of `serve_production`.

    python bench/pages_bench.py [--clients 20] [--seconds 30] [--workers 3] [--database-url URL]
                                [--county 640402] [--village CODE] [--as-of 2019-10-31]
"""

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import common

HOST = "127.0.0.1"
PASSWORD = "Bench-Pages-2019-x7Q"  # the benchmark users' own password (meets the password rules)
USERS = {"bench_county": "reviewer", "bench_clerk": "entry"}


def ensure_users(county: str, township: str) -> None:
    """A county reviewer and a township clerk, created through the org service (audited), once."""
    from liangdai.org.models import User
    from liangdai.org.services import system_actor, user_create

    for (username, role), code in zip(USERS.items(), [county, township], strict=True):
        if not User.objects.filter(username=username).exists():
            user_create(actor=system_actor(), username=username, division_code=code, role=role,
                        real_name="基准测试", unit="基准测试", password=PASSWORD)  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(url: str, port: int, workers: int) -> subprocess.Popen:
    """`serve_production` in a child process (its own process group, so that it and its workers
    stop together), logging to bench/var/pages-server.log; returns once the login page answers."""
    env = {**os.environ, "DATABASE_URL": url, "WEB_CONCURRENCY": str(workers), "LIANGDAI_VAR": str(common.BENCH_VAR)}
    env.pop("PRODUCTION", None)
    code = f"from liangdai.commands.run import serve_production; serve_production({HOST!r}, {port})"
    log = open(common.BENCH_VAR / "pages-server.log", "wb")  # noqa: SIM115 (the server's lifetime)
    server = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=common.ROOT, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"服务未能启动，见 {log.name}")
        try:
            if get(port, "/login/")[0] == 200:
                return server
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    raise SystemExit("服务 120 秒内未应答")


def stop_server(server: subprocess.Popen) -> None:
    import signal

    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def get(port: int, path: str, cookies: dict | None = None, body: dict | None = None) -> tuple[int, bytes, dict]:
    """One request (a POST when `body` is given): status, body, and the cookies it set."""
    conn = http.client.HTTPConnection(HOST, port, timeout=300)
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request("POST" if body is not None else "GET", path, urlencode(body) if body else None, headers)
        response = conn.getresponse()
        data = response.read()
        set_cookies = {}
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            set_cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, data, set_cookies
    finally:
        conn.close()


def login(port: int, username: str) -> dict:
    """The login page's form, as a browser fills it in: the session's cookies."""
    status, page, cookies = get(port, "/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or token is None:
        raise SystemExit(f"登录页异常：{status}")
    form = {"csrfmiddlewaretoken": token.group(1).decode(), "username": username, "password": PASSWORD}
    status, _, more = get(port, "/login/", cookies, form)
    if status != 302 or "sessionid" not in more:
        raise SystemExit(f"{username} 登录失败：{status}")
    return cookies | more


def load(port: int, path: str, sessions: list[dict], seconds: float, expect: bytes) -> dict:
    """Each session a client asking for `path` again and again for `seconds`: the latencies of
    the answers that were a 200 with the page's text; the others counted as errors."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client(cookies: dict) -> None:
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            try:
                status, body, _ = get(port, path, cookies)
                ok = status == 200 and expect in body
            except OSError:
                ok = False
            with lock:
                if ok:
                    latencies.append(time.perf_counter() - started)
                else:
                    errors[0] += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(len(sessions)) as pool:
        list(pool.map(client, sessions))
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {"requests": len(latencies), "errors": errors[0], "per_second": len(latencies) / elapsed,
            "p50": cuts[49] * 1000, "p95": cuts[94] * 1000}  # fmt: skip


def alone(port: int, path: str, cookies: dict, runs: int = 5) -> float:
    """One client by itself: the median of `runs` requests, in milliseconds."""
    return common.median_time(lambda: get(port, path, cookies), runs) * 1000


def run(url: str, args) -> list[list]:
    from liangdai.org.models import Division

    village = Division.objects.filter(is_village=True, code__startswith=args.village or "640402103").first()
    county = Division.objects.get(code=args.county)
    ensure_users(county.code, village.code[:9])
    period = urlencode({"as_of": args.as_of, "from": f"{args.as_of[:4]}-01-01"})
    pages = [("县级首页", f"/n/{county.code}/?{period}", "bench_county", county.name.encode()),
             ("村页面", f"/villages/{village.code}/", "bench_clerk", village.name.encode())]  # fmt: skip
    port = free_port()
    server = start_server(url, port, args.workers)
    lines = []
    try:
        for label, path, username, expect in pages:
            started = time.perf_counter()
            with ThreadPoolExecutor(4) as pool:
                sessions = list(pool.map(lambda _, u=username: login(port, u), range(args.clients)))
            print(f"  {label}：{args.clients} 个会话已登录（{time.perf_counter() - started:.1f} 秒）", file=sys.stderr)
            for cookies in sessions:  # warm: every worker has served the page once
                get(port, path, cookies)
            single = alone(port, path, sessions[0])
            r = load(port, path, sessions, args.seconds, expect)
            lines.append([label, path.split("?")[0], args.clients, r["requests"], r["per_second"],
                          round(r["p50"]), round(r["p95"]), r["errors"], round(single)])  # fmt: skip
    finally:
        stop_server(server)
    return lines


HEADERS = ["页面", "地址", "并发", "请求数", "请求/秒", "p50 毫秒", "p95 毫秒", "错误", "单客户端中位 毫秒"]


def options(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3")))
    parser.add_argument("--database-url")
    parser.add_argument("--county", default="640402")
    parser.add_argument("--village", help="a village of 官厅镇 640402103 by default (the clerk's township)")
    parser.add_argument("--as-of", default="2019-10-31")
    return parser.parse_args(argv)


def main() -> None:
    args = options()
    url = common.setup(args.database_url)
    print("数据库：", url)
    import generate

    generate.load_divisions("64")
    generate.generate("64")
    print(f"gunicorn {args.workers} 个工作进程，{args.clients} 个并发客户端，各 {args.seconds:g} 秒")
    print(common.table(run(url, args), HEADERS))


if __name__ == "__main__":
    main()
