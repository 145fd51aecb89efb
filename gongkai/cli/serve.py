"""`gongkai serve`: migrate the register's database and serve it (Django's server, for one office),
with the job queue's worker beside it (`gongkai worker`) unless told not to."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from . import register_db


def register(sub) -> None:
    p = sub.add_parser("serve", help="启动登记系统网站（先自动迁移数据库，并启动后台任务进程）")
    p.add_argument("addr", nargs="?", default="127.0.0.1:8000", help="监听地址（默认 127.0.0.1:8000）")
    register_db.add_arguments(p)
    p.add_argument("--reload", action="store_true", help="代码变动时自动重启（开发用）")
    p.add_argument("--no-worker", action="store_true", help="不启动后台任务进程（另行运行 gongkai worker 时）")
    p.set_defaults(func=run)


def run(args) -> int:
    host = args.addr.rsplit(":", 1)[0] if ":" in args.addr else args.addr
    if host not in ("127.0.0.1", "localhost", "0.0.0.0", "[::1]", "::"):
        hosts = os.environ.get("GONGKAI_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
        os.environ["GONGKAI_ALLOWED_HOSTS"] = f"{hosts},{host}"
    register_db.open_register(args)
    from django.core.management import call_command

    from ..web.services import calendar

    calendar.seed()
    # Under --reload the server runs again in a child process (RUN_MAIN): one worker is enough.
    worker = None if args.no_worker or os.environ.get("RUN_MAIN") == "true" else _start_worker(args)
    signal.signal(signal.SIGTERM, _stop)  # a service manager's stop: leave through `finally`, stopping the worker
    try:
        call_command("runserver", args.addr, use_reloader=args.reload, use_threading=True)
    finally:
        if worker is not None:
            worker.terminate()  # the queue's cluster stops its workers on SIGTERM
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
    return 0


def _stop(signum, frame):
    raise SystemExit(0)


def _start_worker(args) -> subprocess.Popen:
    """`gongkai worker` on the same data folder and database, as a child process that ends with this one."""
    command = [sys.executable, "-m", "gongkai.cli", "worker"]
    if args.database:
        command += ["--database", args.database]
    return subprocess.Popen(command, env=dict(os.environ), preexec_fn=_end_with_parent)


def _end_with_parent() -> None:
    """In the worker before it starts: on Linux, a SIGTERM when `gongkai serve` dies (even by SIGKILL)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # elsewhere the worker outlives a killed server; stopping the server normally stops it
