"""`gongkai serve`: migrate the register's database and serve it (Django's server, for one office)."""

from __future__ import annotations

import os
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("serve", help="启动登记系统网站（先自动迁移数据库）")
    p.add_argument("addr", nargs="?", default="127.0.0.1:8000", help="监听地址（默认 127.0.0.1:8000）")
    p.add_argument("--home", help="数据目录（默认 GONGKAI_HOME 或当前目录）")
    p.add_argument("--database", help="数据库地址（默认读取 DATABASE_URL）")
    p.add_argument("--reload", action="store_true", help="代码变动时自动重启（开发用）")
    p.set_defaults(func=run)


def run(args) -> int:
    if args.home:
        Path(args.home).mkdir(parents=True, exist_ok=True)
        os.environ["GONGKAI_HOME"] = str(Path(args.home).resolve())
    host = args.addr.rsplit(":", 1)[0] if ":" in args.addr else args.addr
    if host not in ("127.0.0.1", "localhost", "0.0.0.0", "[::1]", "::"):
        hosts = os.environ.get("GONGKAI_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
        os.environ["GONGKAI_ALLOWED_HOSTS"] = f"{hosts},{host}"
    from ..web import migrate, setup

    setup(args.database)
    migrate()
    from django.core.management import call_command

    from ..web.services import calendar

    calendar.seed()
    call_command("runserver", args.addr, use_reloader=args.reload, use_threading=True)
    return 0
