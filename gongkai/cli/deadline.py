"""`gongkai deadline`: the answer deadline of a request received on a given day.

The date comes first on its line; a date counted through a year whose holiday notice is not
yet imported is followed by 暂定 and why (`--strict` refuses instead).
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from ..deadlines import RULES, Event, EventKind, compute
from ..errors import GongkaiError
from ..workdays import parse_date
from .calendar import working_calendar


def register(sub) -> None:
    p = sub.add_parser(
        "deadline",
        help="计算政府信息公开申请的答复期限",
        description="按工作日历计算答复期限：自收到申请次日起算N个工作日（《政府信息公开条例》第三十三条）。"
                    "工作日历取自登记数据库（设置了 DATABASE_URL 或 GONGKAI_HOME 时），否则为内置数据；"
                    "尚未导入节假日安排通知的年份按《全国年节及纪念日放假办法》推算，结果标为“暂定”。",
    )
    p.add_argument("received", metavar="RECEIVED", help="收到申请的日期，YYYY-MM-DD")
    p.add_argument("--working-days", metavar="N", default=str(RULES.answer_days), help="工作日数（默认20）")
    p.add_argument("--explain", action="store_true", help="同时列出计算过程（含推算所用的节假日）")
    p.add_argument("--strict", action="store_true", help="遇到尚未导入节假日安排通知的年份时报错，不推算")
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
    if days > 366:
        raise GongkaiError(f"工作日数不应超过366，而不是{days}")
    calendar, _ = working_calendar(args.calendar, strict=args.strict)
    result = compute([Event(EventKind.received, received)], calendar, today=received,
                     rules=replace(RULES, answer_days=days))
    note = result.provisional_note("answer_due")
    print(f"{result.answer_due.isoformat()} 暂定：{note}" if note else result.answer_due.isoformat())
    if args.explain:
        for line in result.explanation:
            print(line)
    return 0
