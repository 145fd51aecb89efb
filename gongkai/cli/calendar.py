"""`gongkai calendar`: show a year of the working-day calendar, or import a year's holiday notice.

The calendar is the register's when one is named (`DATABASE_URL`, or the SQLite file in
`GONGKAI_HOME` or here), else the bundled one: `gongkai deadline`, `gongkai compile` and the
web app then count on the same days.
"""

from __future__ import annotations

import stat
import sys
from pathlib import Path

from ..errors import GongkaiError
from ..holiday_law import provisional_reason
from ..workdays import WorkCalendar, load_calendar, to_notice


def register(sub) -> None:
    p = sub.add_parser("calendar", help="工作日历：查看某年的节假日安排，导入国务院办公厅的节假日安排通知")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="按行格式打印某年的节假日和调休上班日，并说明来源（内置、已导入或暂定）")
    show.add_argument("year", type=int, metavar="YEAR")
    show.add_argument("--calendar", metavar="DIR", help="管理员维护的节假日安排目录（覆盖或补充内置数据）")
    show.set_defaults(func=run_show)
    imp = actions.add_parser("import", help="核对并导入某年的节假日安排通知（按发布原文或行格式），重新计算受影响的期限")
    imp.add_argument("file", metavar="FILE", help="通知的文本文件；“-”为标准输入")
    imp.add_argument("--year", type=int, help="应为哪一年的通知（不符则拒绝）")
    imp.add_argument("--dry-run", action="store_true", help="只核对和预览，不保存")
    imp.add_argument("--home", help="数据目录（默认 GONGKAI_HOME 或当前目录）")
    imp.add_argument("--database", help="数据库地址（默认读取 DATABASE_URL）")
    imp.set_defaults(func=run_import)


def working_calendar(directory: str | None = None, strict: bool = False) -> tuple[WorkCalendar, str]:
    """The calendar every command counts on, and where it came from (for messages)."""
    from ..web.database import register_exists

    if directory is None and register_exists():
        from ..web import setup

        setup()
        from django.db import DatabaseError

        from ..web.services import calendar as svc

        try:
            calendar, where = svc.current_calendar(), "登记数据库"
        except DatabaseError:  # a database file gongkai has not set up yet
            calendar, where = load_calendar(), "内置数据"
    else:
        calendar, where = load_calendar(directory), "内置数据" if directory is None else directory
    return (calendar.strict() if strict else calendar), where


def run_show(args) -> int:
    calendar, where = working_calendar(args.calendar)
    year = args.year
    if year in calendar.years:
        data = calendar.year_data(year)
        title = f"{year}年工作日历（{_kind(year, where)}）：{data.source}"
    elif calendar.is_provisional(year):
        data = calendar.provisional_year_data(year)
        title = f"{year}年工作日历（暂定）：{provisional_reason([year])}"
    else:
        raise GongkaiError(f"{year}年既没有节假日安排数据，也不在可推算的年份范围内")
    sys.stdout.write(to_notice(data, title))
    return 0


def _kind(year: int, where: str) -> str:
    """内置 or 已导入, as the register's calendar page says it."""
    if where == "登记数据库":
        from ..web.services import calendar as svc

        return f"{svc.year_source(year)}，{where}"
    return "内置" if where == "内置数据" else f"{where}或内置"


def read_input(name: str) -> bytes:
    """A file's bytes, refusing at once what is not a regular file (a FIFO would block)."""
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise GongkaiError(f"无法读取文件“{name}”：{exc.strerror or exc}") from None
    if not stat.S_ISREG(mode):
        raise GongkaiError(f"“{name}”不是普通文件")
    return path.read_bytes()


def run_import(args) -> int:
    import os

    from ..holiday_notice import NoticeError, notice_text

    if args.home:
        Path(args.home).mkdir(parents=True, exist_ok=True)
        os.environ["GONGKAI_HOME"] = str(Path(args.home).resolve())
    source = "标准输入" if args.file == "-" else Path(args.file).name
    try:
        text = notice_text(read_input(args.file), source)
        from ..web import migrate, setup

        setup(args.database)
        migrate()
        from ..web.services import calendar as svc

        preview = svc.preview_notice(text, args.year, source)
        _print_preview(preview)
        if args.dry_run:
            print("（仅预览，未保存）")
            return 0
        data, entry = svc.import_notice(text, None, source=source, expected_year=args.year)
    except NoticeError as exc:
        print(f"gongkai: {source}未导入，发现{len(exc.problems)}处问题：", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    print(f"已导入{data.year}年节假日安排（操作记录 #{entry.pk}），{len(entry.detail['changes'])}件申请的答复期限已重新计算。")
    return 0


def _print_preview(preview) -> None:
    data = preview.data
    print(f"{data.year}年节假日安排核对无误：放假{len(data.holidays)}天，调休上班{len(data.workdays)}天（替换{preview.replaces}数据）。")
    print(f"变化的日期（{len(preview.days)}天）：")
    for c in preview.days:
        print(f"  {c.day}  {c.before} → {c.after}")
    print(f"答复期限变化的申请（{len(preview.deadlines)}件）：")
    for c in preview.deadlines:
        before = f"{c.before or '—'}{'（暂定）' if c.before_provisional else ''}"
        after = f"{c.after or '—'}{'（暂定）' if c.after_provisional else ''}"
        print(f"  {c.number}  {before} → {after}")
