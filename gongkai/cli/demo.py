"""`gongkai demo`: a database with a made-up agency and a year of realistic activity."""

from __future__ import annotations

from . import register_db


def register(sub) -> None:
    p = sub.add_parser("demo", help="生成示例数据库（虚构机关一年的申请办理数据）")
    register_db.add_arguments(p)
    p.add_argument("--year", type=int, help="完整登记的年度（默认上一年）")
    p.add_argument("--requests", type=int, default=240, help="每年申请数量（默认240）")
    p.add_argument("--seed", type=int, default=2025, help="随机数种子")
    p.set_defaults(func=run)


def run(args) -> int:
    register_db.open_register(args)
    from django.conf import settings

    from ..web import demo

    made = demo.build(year=args.year, seed=args.seed, requests_per_year=args.requests)
    db = settings.DATABASES["default"]
    where = db["NAME"] if "sqlite" in db["ENGINE"] else f"{db.get('HOST')}/{db['NAME']}"
    if made["created"]:
        print(f"已生成示例数据：{made['agency'].name}，{made['created']}件申请（数据库：{where}）")
    else:
        print(f"示例数据已存在：{made['agency'].name}（数据库：{where}）")
    print(f"示例账号（密码均为 {demo.PASSWORD}）：")
    for username, full, role, agency in demo.USERS:
        print(f"  {username:<11} {full}  {dict(_roles())[role]}  {agency}")
    print(f"下一步：gongkai serve{' --home ' + args.home if args.home else ''}，然后打开 http://127.0.0.1:8000/")
    print(f"汇编年度报告：gongkai compile --year {made['year']} --format json")
    return 0


def _roles():
    from ..web.choices import ROLES

    return ROLES
