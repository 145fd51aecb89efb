"""Options shared by the commands that open the register's database (serve, demo, worker, import)."""

from __future__ import annotations

import os
from pathlib import Path


def add_arguments(p) -> None:
    p.add_argument("--home", help="数据目录（默认 GONGKAI_HOME 或当前目录）")
    p.add_argument("--database", help="数据库地址（默认读取 DATABASE_URL；未设置时为数据目录中的SQLite文件）")


def open_register(args) -> None:
    """Point gongkai at the data folder and database the options name, start Django and migrate."""
    if getattr(args, "home", None):
        Path(args.home).mkdir(parents=True, exist_ok=True)
        os.environ["GONGKAI_HOME"] = str(Path(args.home).resolve())
    from ..web import migrate, setup

    setup(args.database)
    migrate()


def agency_named(name: str):
    """The register's agency of that name, or an error naming it."""
    from ..errors import GongkaiError
    from ..web.models import Agency

    agency = Agency.objects.filter(name=name).first()
    if agency is None:
        raise GongkaiError(f"数据库中没有名为“{name}”的机关")
    return agency
