"""`gongkai deadline`: the answer deadline of a request received on a given day."""

from __future__ import annotations

import argparse
from dataclasses import replace

from ..deadlines import RULES, Event, EventKind, compute
from ..errors import GongkaiError
from ..workdays import load_calendar, parse_date


def register(sub) -> None:
    p = sub.add_parser(
        "deadline",
        help="计算政府信息公开申请的答复期限",
        description="按工作日历计算答复期限：自收到申请次日起算N个工作日（《政府信息公开条例》第三十三条）。",
    )
    p.add_argument("received", metavar="RECEIVED", help="收到申请的日期，YYYY-MM-DD")
    p.add_argument("--working-days", metavar="N", default=str(RULES.answer_days), help="工作日数（默认20）")
    p.add_argument("--explain", action="store_true", help="同时列出计算过程")
    p.add_argument("--calendar", metavar="DIR", help="管理员维护的节假日安排目录（覆盖或补充内置数据）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    received = parse_date(args.received)
    try:
        days = int(args.working_days)
    except ValueError:
        raise GongkaiError(f"工作日数应为正整数，而不是“{args.working_days}”") from None
    if days < 1:
        raise GongkaiError(f"工作日数应为正整数，而不是{days}")
    calendar = load_calendar(args.calendar)
    result = compute([Event(EventKind.received, received)], calendar, rules=replace(RULES, answer_days=days))
    print(result.answer_due.isoformat())
    if args.explain:
        for line in result.explanation:
            print(line)
    return 0
