"""`gongkai serve`: migrate the register's database and serve it.

By default a production WSGI server (waitress: threads, no reloading, a request-body limit,
on Windows or Linux alike); `--dev` runs Django's autoreloading development server instead.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

LOCAL_HOSTS = ("127.0.0.1", "localhost", "0.0.0.0", "[::1]", "::")


def register(sub) -> None:
    p = sub.add_parser("serve", help="启动登记系统网站（先自动迁移数据库）")
    p.add_argument("addr", nargs="?", default="127.0.0.1:8000", help="监听地址（默认 127.0.0.1:8000）")
    p.add_argument("--home", help="数据目录（默认 GONGKAI_HOME 或当前目录）")
    p.add_argument("--database", help="数据库地址（默认读取 DATABASE_URL）")
    p.add_argument("--threads", type=int, default=8, help="同时处理的请求数（默认 8）")
    p.add_argument("--dev", action="store_true", help="使用 Django 开发服务器，代码变动时自动重启（开发用）")
    p.set_defaults(func=run)


def split_addr(addr: str) -> tuple[str, int]:
    """"host:port", "port" or "[::1]:port" as (host, port)."""
    from ..errors import GongkaiError

    host, _, port = addr.rpartition(":")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise GongkaiError(f"监听地址无效：{addr}（应为 主机:端口，例如 127.0.0.1:8000）")
    return (host or "127.0.0.1").strip("[]"), int(port)


def run(args) -> int:
    if args.home:
        Path(args.home).mkdir(parents=True, exist_ok=True)
        os.environ["GONGKAI_HOME"] = str(Path(args.home).resolve())
    host, port = split_addr(args.addr)
    if host not in LOCAL_HOSTS and f"[{host}]" not in LOCAL_HOSTS:
        hosts = os.environ.get("GONGKAI_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
        os.environ["GONGKAI_ALLOWED_HOSTS"] = f"{hosts},{host}"
    if not args.dev:
        os.environ["GONGKAI_ACCESS_LOG"] = "1"
    from ..web import migrate, setup

    setup(args.database)
    migrate()
    from ..web.services import calendar

    calendar.seed()
    if args.dev:
        from django.core.management import call_command

        call_command("runserver", args.addr, use_reloader=True, use_threading=True)
        return 0
    return serve(host, port, threads=args.threads)


def serve(host: str, port: int, threads: int = 8) -> int:
    """The register under waitress until interrupted."""
    from django.conf import settings
    from waitress import serve as waitress_serve

    from ..web.wsgi import application

    print(f"gongkai 登记系统：http://{'[' + host + ']' if ':' in host else host}:{port}/ （Ctrl+C 停止）",
          file=sys.stderr, flush=True)
    waitress_serve(
        application, host=host, port=port, threads=max(1, threads), ident="gongkai",
        max_request_body_size=settings.MAX_REQUEST_BYTES, channel_timeout=120, clear_untrusted_proxy_headers=True,
    )
    return 0
