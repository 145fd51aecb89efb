"""`gongkai demo`: a database with a made-up agency and a year of realistic activity.

The year of activity ends on the day the command runs, so the demo works on any day; it is
built in one transaction (a failure leaves the database as it was), refuses a database that
holds an office's own data unless `--force`, and prints the accounts with a password made
afresh for them.
"""

from __future__ import annotations

import sys

from . import register_db

from ..errors import GongkaiError
from ..workdays import parse_date


def register(sub) -> None:
    p = sub.add_parser("demo", help="生成示例数据库（虚构机关一年的申请办理数据）")
    register_db.add_arguments(p)
    p.add_argument("--year", type=int, help="完整登记的年度（默认上一年）")
    p.add_argument("--today", help="以哪一天为“今天”生成数据（默认今天），YYYY-MM-DD")
    p.add_argument("--requests", type=int, default=240, help="每年申请数量（默认240）")
    p.add_argument("--seed", type=int, default=2025, help="随机数种子")
    p.add_argument("--force", action="store_true", help="数据库中已有其他数据时仍然写入示例数据")
    p.set_defaults(func=run)


def run(args) -> int:
    today = parse_date(args.today) if args.today else None
    if not 1 <= args.requests <= 100_000:
        raise GongkaiError(f"每年申请数量应在1至100000之间，而不是{args.requests}")
    register_db.open_register(args)
    from django.conf import settings

    from ..web import demo

    db = settings.DATABASES["default"]
    where = db["NAME"] if "sqlite" in db["ENGINE"] else f"{db.get('HOST')}/{db['NAME']}"
    try:
        made = demo.build(year=args.year, seed=args.seed, requests_per_year=args.requests, today=today,
                          force=args.force)
    except demo.DemoRefused as exc:
        print(f"gongkai: {exc}（数据库：{where}）。", file=sys.stderr)
        print("示例数据请生成在新的数据目录中，例如：gongkai demo --home gongkai-demo；"
              "确需写入此数据库时加 --force。", file=sys.stderr)
        return 2
    except GongkaiError as exc:
        raise GongkaiError(f"示例数据未生成，数据库未被修改：{exc}") from None
    if made["created"]:
        print(f"已生成示例数据：{made['agency'].name}，{made['created']}件申请（数据库：{where}）")
    else:
        print(f"示例数据已存在：{made['agency'].name}（数据库：{where}），已为示例账号生成新密码")
    print(f"示例账号（密码均为 {made['password']} ，请妥善保存，不会再次显示）：")
    roles = dict(_roles())
    for username, full, role, agency in demo.USERS:
        print(f"  {username:<11} {full}  {roles[role]}  {agency}")
    home = f" --home {args.home}" if args.home else ""
    print(f"下一步：gongkai serve{home}，然后打开 http://127.0.0.1:8000/ ；"
          "公众的网上申请页面为 http://127.0.0.1:8000/apply/shili/")
    print(f"汇编年度报告：gongkai compile --year {made['year']} --format json")
    return 0


def _roles():
    from ..web.choices import ROLES

    return ROLES
