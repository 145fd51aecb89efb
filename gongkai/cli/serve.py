"""`gongkai serve`: migrate the register's database and serve it, with the job queue's worker beside it.

By default a production WSGI server (waitress: threads, no reloading, a request-body limit,
on Windows or Linux alike); `--dev` runs Django's autoreloading development server instead.
The worker (`gongkai worker`) runs the console's batch imports unless `--no-worker`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from . import register_db

LOCAL_HOSTS = ("127.0.0.1", "localhost", "0.0.0.0", "[::1]", "::")


def register(sub) -> None:
    p = sub.add_parser("serve", help="启动登记系统网站（先自动迁移数据库，并启动后台任务进程）")
    p.add_argument("addr", nargs="?", default="127.0.0.1:8000", help="监听地址（默认 127.0.0.1:8000）")
    register_db.add_arguments(p)
    p.add_argument("--threads", type=int, default=8, help="同时处理的请求数（默认 8）")
    p.add_argument("--dev", action="store_true", help="使用 Django 开发服务器，代码变动时自动重启（开发用）")
    p.add_argument("--no-worker", action="store_true", help="不启动后台任务进程（另行运行 gongkai worker 时）")
    p.set_defaults(func=run)


def split_addr(addr: str) -> tuple[str, int]:
    """"host:port", "port" or "[::1]:port" as (host, port)."""
    from ..errors import GongkaiError

    host, _, port = addr.rpartition(":")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise GongkaiError(f"监听地址无效：{addr}（应为 主机:端口，例如 127.0.0.1:8000）")
    return (host or "127.0.0.1").strip("[]"), int(port)


def run(args) -> int:
    host, port = split_addr(args.addr)
    if host not in LOCAL_HOSTS and f"[{host}]" not in LOCAL_HOSTS:
        hosts = os.environ.get("GONGKAI_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
        os.environ["GONGKAI_ALLOWED_HOSTS"] = f"{hosts},{host}"
    if not args.dev:
        os.environ["GONGKAI_ACCESS_LOG"] = "1"
    register_db.open_register(args)
    from ..web.services import calendar

    calendar.seed()
    # Under --dev the server runs again in a child process (RUN_MAIN): one worker is enough.
    worker = None if args.no_worker or os.environ.get("RUN_MAIN") == "true" else _start_worker(args)
    signal.signal(signal.SIGTERM, _stop)  # a service manager's stop: leave through `finally`, stopping the worker
    try:
        if args.dev:
            from django.core.management import call_command

            call_command("runserver", args.addr, use_reloader=True, use_threading=True)
            return 0
        return serve(host, port, threads=args.threads)
    finally:
        if worker is not None:
            worker.terminate()  # the queue's cluster stops its workers on SIGTERM
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()


def serve(host: str, port: int, threads: int = 8) -> int:
    """The register under waitress until interrupted."""
    from django.conf import settings
    from waitress import serve as waitress_serve

    from ..web.wsgi import application

    print(f"gongkai 登记系统：http://{'[' + host + ']' if ':' in host else host}:{port}/ （Ctrl+C 停止）",
          file=sys.stderr, flush=True)
    waitress_serve(
        application, host=host, port=port, threads=max(1, threads), ident="gongkai",
        max_request_body_size=max(settings.BODY_LIMITS.values()), channel_timeout=120,
        clear_untrusted_proxy_headers=True,
    )
    return 0


def _stop(signum, frame):
    raise SystemExit(0)


def _start_worker(args) -> subprocess.Popen:
    """`gongkai worker` on the same data folder and database, as a child process that ends with this one."""
    command = [sys.executable, "-m", "gongkai.cli", "worker"]
    if args.database:
        command += ["--database", args.database]
    return subprocess.Popen(command, env=dict(os.environ), preexec_fn=_end_with_parent if os.name == "posix" else None)


def _end_with_parent() -> None:
    """In the worker before it starts: on Linux, a SIGTERM when `gongkai serve` dies (even by SIGKILL)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # elsewhere the worker outlives a killed server; stopping the server normally stops it
