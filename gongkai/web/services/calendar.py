"""The working-day calendar as database rows, turned into a `gongkai.workdays.WorkCalendar`.

The rows are seeded from the bundled table; an administrator edits them or imports a
year's notice, and every change recomputes the open requests' deadlines.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Count, Max

from gongkai.workdays import HOLIDAY, WORKDAY, WorkCalendar, YearData, load_calendar, parse_notice, to_notice

from ..models import CalendarYear
from . import audit

_cache: dict = {"key": None, "calendar": None}


def to_year_data(row: CalendarYear) -> YearData:
    return YearData(
        row.year,
        {date.fromisoformat(d): n for d, n in row.holidays.items()},
        {date.fromisoformat(d): n for d, n in row.workdays.items()},
        row.source,
    )


def _store(data: YearData, source: str | None = None) -> CalendarYear:
    row, _ = CalendarYear.objects.update_or_create(
        year=data.year,
        defaults={
            "holidays": {d.isoformat(): n for d, n in sorted(data.holidays.items())},
            "workdays": {d.isoformat(): n for d, n in sorted(data.workdays.items())},
            "source": (source if source is not None else data.source)[:300],
        },
    )
    return row


def seed(force: bool = False) -> int:
    """Fill the calendar from the bundled table (only years not yet in the database unless forced)."""
    bundled = load_calendar()
    have = set(CalendarYear.objects.values_list("year", flat=True))
    n = 0
    for year in sorted(bundled.years):
        if force or year not in have:
            _store(bundled.year_data(year), f"内置数据：{bundled.year_data(year).source}")
            n += 1
    _cache["key"] = None
    return n


def current_calendar() -> WorkCalendar:
    """The calendar as the database holds it now (cached until a row changes)."""
    stamp = CalendarYear.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    key = (stamp["n"], stamp["last"])
    if _cache["key"] != key or _cache["calendar"] is None:
        if stamp["n"] == 0:
            seed()
            return current_calendar()
        _cache["calendar"] = WorkCalendar({r.year: to_year_data(r) for r in CalendarYear.objects.all()})
        _cache["key"] = key
    return _cache["calendar"]


def _changed(user, action: str, data: YearData, source: str) -> int:
    from .requests import recompute_open

    with transaction.atomic():
        _store(data, source)
        _cache["key"] = None
        audit.record(user, action, f"工作日历{data.year}", None, year=data.year,
                     holidays=len(data.holidays), workdays=len(data.workdays), source=source)
        return recompute_open()


def import_notice(text: str, user, source: str = "") -> tuple[YearData, int]:
    """Import one year from the notice file format; returns the year and how many requests moved."""
    data = parse_notice(text, source=source)
    return data, _changed(user, "calendar.import", data, source or "导入通知")


def set_day(day: date, kind: str | None, note: str, user) -> int:
    """Mark a day a holiday, a 调休 workday, or an ordinary day (kind None)."""
    calendar = current_calendar().with_day(day, kind, note)
    label = {HOLIDAY: "节假日", WORKDAY: "调休工作日", None: "普通日"}[kind]
    return _changed(user, "calendar.day", calendar.year_data(day.year), f"管理员修改：{day}设为{label}")


def notice_text(year: int) -> str:
    row = CalendarYear.objects.get(year=year)
    return to_notice(to_year_data(row), row.source)
