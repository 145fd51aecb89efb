"""The working-day calendar as database rows, turned into a `gongkai.workdays.WorkCalendar`.

The rows are the years with a holiday notice, seeded from the bundled table; a year without
one is counted provisionally by the library. An administrator imports a year's notice (as
printed, or in the line format) after a preview of what it changes, or edits single days;
every change recomputes the deadlines it can move and keeps the list of moved deadlines in
the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, Max, Q

from gongkai.holiday_notice import read_notice
from gongkai.workdays import HOLIDAY, WORKDAY, WorkCalendar, YearData, load_calendar, to_notice

from .. import choices
from ..models import AuditEntry, CalendarYear, Request
from . import audit

_cache: dict = {"key": None, "calendar": None}
BUNDLED = "内置数据："


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
            _store(bundled.year_data(year), f"{BUNDLED}{bundled.year_data(year).source}")
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


def year_source(year: int, calendar: WorkCalendar | None = None) -> str:
    """Where a year's days come from: 内置 (bundled), 已导入 (imported or edited), 暂定 (provisional)."""
    row = CalendarYear.objects.filter(year=year).only("source").first()
    if row is not None:
        return "内置" if row.source.startswith(BUNDLED) else "已导入"
    return "暂定" if (calendar or current_calendar()).is_provisional(year) else "无数据"


def year_days(year: int, calendar: WorkCalendar | None = None) -> YearData:
    """A year's holidays and 调休 workdays: its notice's, or the provisional ones."""
    calendar = calendar or current_calendar()
    if year in calendar.years:
        return calendar.year_data(year)
    return calendar.provisional_year_data(year)


# --- what a change moves --------------------------------------------------------------------


@dataclass(frozen=True)
class DayChange:
    day: date
    before: str
    after: str


@dataclass(frozen=True)
class DeadlineChange:
    request_id: int
    number: str
    before: date | None
    before_provisional: str
    after: date | None
    after_provisional: str

    def as_dict(self) -> dict:
        return {"id": self.request_id, "number": self.number,
                "before": self.before.isoformat() if self.before else None, "before_provisional": self.before_provisional,
                "after": self.after.isoformat() if self.after else None, "after_provisional": self.after_provisional}


def _day_word(calendar: WorkCalendar, d: date) -> str:
    if calendar.is_workday(d):
        name = calendar.year_data(d.year).workdays.get(d) if d.year in calendar.years else None
        return f"上班（{name}）" if name else "工作日"
    names = year_days(d.year, calendar).holidays.get(d)
    return f"放假（{names}）" if names else "休息日"


def day_changes(old: WorkCalendar, new: WorkCalendar, year: int) -> list[DayChange]:
    """The days of `year` whose kind (working or not, and why) differs between two calendars."""
    out = []
    d = date(year, 1, 1)
    while d.year == year:
        before, after = _day_word(old, d), _day_word(new, d)
        if old.is_workday(d) != new.is_workday(d) or before != after:
            if old.is_provisional(year):
                before = f"{before}（暂定）"
            out.append(DayChange(d, before, after))
        d = d.fromordinal(d.toordinal() + 1)
    return out


def _affected():
    """Requests whose stored deadlines a calendar change can move: the open ones, and any counted provisionally."""
    wanted = Q(status__in=choices.OPEN_STATUSES) | ~Q(answer_due_provisional="")
    return Request.objects.filter(wanted).prefetch_related("events").order_by("id")


def deadline_changes(new: WorkCalendar) -> list[DeadlineChange]:
    """The requests whose answer deadline (or its 暂定 mark) moves under `new`, without saving."""
    from gongkai.errors import GongkaiError

    from .requests import deadlines

    out = []
    for req in _affected().iterator(chunk_size=500):
        try:
            d = deadlines(req, calendar=new)
        except GongkaiError:
            continue
        after_prov = ",".join(str(y) for y in d.provisional.get("answer_due", ()))
        if (d.answer_due, after_prov) != (req.answer_due, req.answer_due_provisional):
            out.append(DeadlineChange(req.pk, req.number, req.answer_due, req.answer_due_provisional,
                                      d.answer_due, after_prov))
    return out


def recompute_affected() -> list[DeadlineChange]:
    """Recompute and store every request a calendar change can move; the moved ones, before → after."""
    from .requests import recompute

    calendar = current_calendar()
    changes = []
    for req in _affected().iterator(chunk_size=500):
        before = (req.answer_due, req.answer_due_provisional)
        recompute(req, calendar=calendar)
        if (req.answer_due, req.answer_due_provisional) != before:
            changes.append(DeadlineChange(req.pk, req.number, *before, req.answer_due, req.answer_due_provisional))
    return changes


# --- importing and editing ------------------------------------------------------------------


@dataclass(frozen=True)
class Preview:
    data: YearData
    replaces: str  # what the notice replaces: 暂定 / 内置 / 已导入
    days: list[DayChange]
    deadlines: list[DeadlineChange]


def preview_notice(text: str, expected_year: int | None = None, source: str = "") -> Preview:
    """Read and check a notice, and say what saving it would change (raises NoticeError; saves nothing)."""
    data = read_notice(text, expected_year, source)
    old = current_calendar()
    new = old.with_year(data.year, data)
    return Preview(data, year_source(data.year, old), day_changes(old, new, data.year), deadline_changes(new))


def _changed(user, action: str, data: YearData, source: str, **detail) -> AuditEntry:
    with transaction.atomic():
        _store(data, source)
        _cache["key"] = None
        changes = recompute_affected()
        return audit.record(user, action, f"工作日历{data.year}", None, year=data.year,
                            holidays=len(data.holidays), workdays=len(data.workdays), source=source,
                            changes=[c.as_dict() for c in changes], **detail)


def import_notice(text: str, user, source: str = "", expected_year: int | None = None) -> tuple[YearData, AuditEntry]:
    """Check and save one year's notice, recompute what it moves; the audit entry lists the moves."""
    data = read_notice(text, expected_year, source)
    return data, _changed(user, "calendar.import", data, source or data.source or "导入通知")


def set_day(day: date, kind: str | None, note: str, user) -> AuditEntry:
    """Mark a day a holiday, a 调休 workday, or an ordinary day (kind None) in a year with a notice."""
    calendar = current_calendar().with_day(day, kind, note)
    label = {HOLIDAY: "节假日", WORKDAY: "调休工作日", None: "普通日"}[kind]
    return _changed(user, "calendar.day", calendar.year_data(day.year), f"管理员修改：{day}设为{label}")


def notice_text(year: int) -> str:
    calendar = current_calendar()
    title = f"{year}年（{year_source(year, calendar)}）：{year_days(year, calendar).source}"
    return to_notice(year_days(year, calendar), title)


def missing_notice_years(today: date) -> list[int]:
    """Provisional years that open requests' deadlines are counted through (this year and next)."""
    calendar = current_calendar()
    return [y for y in (today.year, today.year + 1) if calendar.is_provisional(y)]
