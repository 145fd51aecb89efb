"""The working-day calendar, kept as data an administrator can read and correct.

Statutory periods of the 政府信息公开条例 run in working days (工作日): a day that is
neither a weekend day nor a statutory holiday, plus the weekend days the State Council
turns into working days (调休). Which days those are is decided every year by the
国务院办公厅关于××年部分节假日安排的通知, so gongkai keeps its own table of those
notices, one text file per year under ``gongkai/data/workdays/``.

A year with no notice yet (every December, next year's) is counted on the days the
《全国年节及纪念日放假办法》 fixes by itself (`gongkai.holiday_law`): Art. 2's holidays and
Art. 6's make-up days, no 调休. Such a year is *provisional*: `provisional_years_in` says
which years a count went through, so every date counted on them is shown as 暂定 until
the notice is imported. A strict calendar (``provisional=False``) refuses instead
(`CalendarGap`), as does any calendar for a year the law's rules do not reach.

File format (what an administrator types from the yearly notice)::

    # 国务院办公厅关于2025年部分节假日安排的通知
    year 2025
    2025-01-01 holiday 元旦
    2025-01-28..2025-02-04 holiday 春节
    2025-01-26 workday 春节调休
    2025-10-01..2025-10-08 holiday 国庆节、中秋节
    2025-09-28 workday 国庆节、中秋节调休

* one entry a line: a date or an inclusive range ``FROM..TO``, the kind, an optional note;
* kinds: ``holiday`` (also ``休`` or ``放假``): every day of the holiday period, weekend
  days included, as the notice prints it; ``workday`` (also ``班`` or ``上班``): a weekend
  day that is a working day;
* ``year YYYY`` names the year of the notice; without it the year most dates fall in is
  taken. A notice may name days of the neighbouring year (元旦 from 31 December); they
  are honoured like the others;
* ``#`` starts a comment; blank lines are ignored.

A file in the administrator's directory (``load_calendar(extra_dir)``) replaces the
bundled file of the same year, or adds a year the bundled table does not have yet.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from . import holiday_law
from .errors import GongkaiError

DATA_DIR = Path(__file__).resolve().parent / "data" / "workdays"
ONE_DAY = timedelta(days=1)

HOLIDAY = "holiday"
WORKDAY = "workday"
_KINDS = {"holiday": HOLIDAY, "休": HOLIDAY, "放假": HOLIDAY, "workday": WORKDAY, "班": WORKDAY, "上班": WORKDAY}


class CalendarGap(GongkaiError):
    """A date falls in a year the calendar has no holiday notice for (and may not guess)."""

    def __init__(self, year: int, why: str = ""):
        self.year = year
        super().__init__(f"工作日历缺少{year}年的节假日安排数据，请导入国务院办公厅当年的节假日安排通知{why}")


class CalendarDataError(GongkaiError):
    """A calendar file (or typed notice) cannot be read."""


def parse_date(text: str) -> date:
    """A date as users type it: 2025-09-26, 2025/9/26, 2025.9.26 or 2025年9月26日."""
    m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", text or "")
    if m:
        try:
            return date(*(int(g) for g in m.groups()))
        except ValueError:
            pass
    raise GongkaiError(f"日期格式有误：“{text}”，应为YYYY-MM-DD（例如2025-09-26）")


@dataclass(frozen=True)
class YearData:
    """The holiday notice of one year: every holiday day and every 调休 workday, with notes."""

    year: int
    holidays: dict[date, str] = field(default_factory=dict)
    workdays: dict[date, str] = field(default_factory=dict)
    source: str = ""

    def __post_init__(self):
        both = sorted(set(self.holidays) & set(self.workdays))
        if both:
            raise CalendarDataError(f"{self.year}年节假日安排中{both[0]}既是节假日又是调休工作日")
        for d in self.workdays:
            if d.weekday() < 5:
                raise CalendarDataError(f"{d}不是周末，无需标为调休工作日")


class WorkCalendar:
    """Working days from per-year holiday notices; a year without one is provisional or a gap.

    With ``provisional=True`` (the default) a year without a notice is counted on the
    放假办法's own days and reported by `provisional_years_in`; with ``provisional=False``
    it is a `CalendarGap`, as it is for a year the law's rules cannot reach.
    """

    def __init__(self, years: dict[int, YearData], provisional: bool = True):
        self._data = dict(years)
        self.provisional = provisional
        self._holidays: dict[date, str] = {}
        self._workdays: dict[date, str] = {}
        self._guessed: set[int] = set()
        for year in sorted(self._data):
            self._holidays.update(self._data[year].holidays)
            self._workdays.update(self._data[year].workdays)

    def __repr__(self) -> str:
        return f"WorkCalendar(years={sorted(self.years)}, provisional={self.provisional})"

    @property
    def years(self) -> set[int]:
        """The years with a notice (provisional years are not among them)."""
        return set(self._data)

    def year_data(self, year: int) -> YearData:
        if year not in self._data:
            raise CalendarGap(year)
        return self._data[year]

    def is_provisional(self, year: int) -> bool:
        """True when `year` has no notice and is counted on the 放假办法's days alone."""
        return year not in self._data and self._known(year)

    def provisional_year_data(self, year: int) -> YearData:
        """The provisional calendar of a year without a notice (Art. 2 and Art. 6 days, no 调休)."""
        return YearData(year, holiday_law.provisional_holidays(year), {}, f"按{holiday_law.LAW}推算")

    def provisional_years_in(self, a: date, b: date) -> list[int]:
        """The provisional years a count over the days (a, b] went through."""
        if b <= a:
            return []
        return [y for y in range((a + ONE_DAY).year, b.year + 1) if self.is_provisional(y)]

    def provisional_days_in(self, a: date, b: date) -> list[tuple[date, str]]:
        """The provisional rest days inside (a, b] that fell on weekdays, i.e. that moved a count."""
        out = []
        for year in self.provisional_years_in(a, b):
            for d, name in holiday_law.provisional_holidays(year).items():
                if a < d <= b and d.weekday() < 5:
                    out.append((d, name))
        return out

    def _known(self, year: int) -> bool:
        """Whether `year` can be counted: a notice, or (provisional calendars) the law's rules."""
        if year in self._data or year in self._guessed:
            return True
        if not self.provisional:
            return False
        try:
            days = holiday_law.provisional_holidays(year)
        except holiday_law.NoRule:
            return False
        for d, name in days.items():
            self._holidays.setdefault(d, name)
        self._guessed.add(year)
        return True

    def _require(self, year: int) -> None:
        if not self._known(year):
            if self.provisional:
                raise CalendarGap(year, f"（{year}年超出{holiday_law.LAW}可推算的范围）")
            raise CalendarGap(year)

    # --- editing: each helper returns a new calendar ------------------------------------

    def strict(self) -> WorkCalendar:
        """The same notices, refusing (CalendarGap) to count through a year without one."""
        return WorkCalendar(self._data, provisional=False)

    def with_year(self, year: int, data: YearData) -> WorkCalendar:
        return WorkCalendar({**self._data, year: data}, self.provisional)

    def without_year(self, year: int) -> WorkCalendar:
        return WorkCalendar({y: d for y, d in self._data.items() if y != year}, self.provisional)

    def with_day(self, day: date, kind: str | None, note: str = "") -> WorkCalendar:
        """Mark one day a holiday, a 调休 workday, or (kind None) an ordinary day."""
        base = self.year_data(day.year)
        holidays = {d: n for d, n in base.holidays.items() if d != day}
        workdays = {d: n for d, n in base.workdays.items() if d != day}
        if kind == HOLIDAY:
            holidays[day] = note
        elif kind == WORKDAY:
            workdays[day] = note
        elif kind is not None:
            raise CalendarDataError(f"未知的日期类型：{kind}")
        return self.with_year(day.year, YearData(day.year, holidays, workdays, base.source))

    # --- questions ----------------------------------------------------------------------

    def is_workday(self, d: date) -> bool:
        if d.year not in self._data:
            self._require(d.year)
        if d in self._workdays:
            return True
        if d in self._holidays:
            return False
        return d.weekday() < 5

    def is_holiday(self, d: date) -> bool:
        if d.year not in self._data:
            self._require(d.year)
        return d in self._holidays

    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day after `start`, the start day itself not counted (民法典第二百零一条)."""
        if n < 0:
            raise GongkaiError(f"工作日数不能为负数：{n}")
        d = start
        while n:
            d += ONE_DAY
            if self.is_workday(d):
                n -= 1
        return d

    def workdays_between(self, a: date, b: date) -> int:
        """Working days in (a, b]; negative when b is before a."""
        if b < a:
            return -self.workdays_between(b, a)
        count, d = 0, a
        while d < b:
            d += ONE_DAY
            count += self.is_workday(d)
        return count

    def describe_span(self, a: date, b: date) -> str:
        """The holidays and 调休 workdays inside (a, b], as a Chinese clause ('' if none)."""
        days = [a + ONE_DAY * i for i in range(1, (b - a).days + 1)]
        for d in days[:1] + days[-1:]:
            self.is_workday(d)  # raise CalendarGap before describing a year we do not know
        ranges: list[list] = []
        for d in days:
            if d in self._holidays:
                if ranges and ranges[-1][1] + ONE_DAY == d:
                    ranges[-1][1] = d
                    ranges[-1][2].append(self._holidays[d])
                else:
                    ranges.append([d, d, [self._holidays[d]]])
        parts = []
        if ranges:
            texts = []
            for first, last, notes in ranges:
                span = f"{first}" if first == last else f"{first}至{last}"
                names = "、".join(dict.fromkeys(n for note in notes for n in note.split("、") if n))
                texts.append(f"{span}（{names}）" if names else span)
            parts.append(f"跳过{'、'.join(texts)}节假日")
        shifted = [d for d in days if d in self._workdays]
        if shifted:
            parts.append(f"{'、'.join(str(d) for d in shifted)}为调休工作日")
        return "，".join(parts)

    def explain(self, start: date, n: int) -> str:
        """How the n-th working day after `start` was found, in one Chinese sentence."""
        due = self.add_workdays(start, n)
        text = f"自{start + ONE_DAY}起算{n}个工作日"
        span = self.describe_span(start, due)
        return f"{text}，{span}，第{n}个工作日为{due}" if span else f"{text}，第{n}个工作日为{due}"


# --- the file format --------------------------------------------------------------------

_LINE = re.compile(r"^(\S+?)(?:\s*\.\.\s*(\S+))?\s+(\S+)(?:\s+(.*))?$")


def parse_notice(text: str, source: str = "") -> YearData:
    """Read one year's notice in the format of the module docstring."""
    year, holidays, workdays, _ = parse_notice_lines(text, source)
    try:
        return YearData(year, holidays, workdays, source)
    except CalendarDataError as exc:
        where = f"{source}：" if source else ""
        raise CalendarDataError(f"{where}{exc}") from None


def parse_notice_lines(text: str, source: str = "") -> tuple[int, dict[date, str], dict[date, str], dict[date, int]]:
    """The year, holidays and 调休 workdays of a text in the line format, and each date's line number."""
    where = f"{source}：" if source else ""
    holidays: dict[date, str] = {}
    workdays: dict[date, str] = {}
    lines: dict[date, int] = {}
    year: int | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"year\s+(\d{4})", line, re.IGNORECASE)
        if m:
            year = int(m.group(1))
            continue
        m = _LINE.match(line)
        if not m or m.group(3) not in _KINDS:
            raise CalendarDataError(f"{where}第{number}行无法识别：“{raw.strip()[:60]}”，应为“日期[..日期] holiday|workday 说明”")
        try:
            first = parse_date(m.group(1))
            last = parse_date(m.group(2)) if m.group(2) else first
        except GongkaiError as exc:
            raise CalendarDataError(f"{where}第{number}行：{exc}") from None
        if last < first or (last - first).days > 31:
            raise CalendarDataError(f"{where}第{number}行日期范围有误：{first}..{last}")
        target = holidays if _KINDS[m.group(3)] == HOLIDAY else workdays
        note = (m.group(4) or "").strip()
        d = first
        while d <= last:
            target[d] = note
            lines[d] = number
            d += ONE_DAY
    if year is None:
        dates = Counter(d.year for d in [*holidays, *workdays])
        if not dates:
            raise CalendarDataError(f"{where}没有任何节假日安排，也没有“year YYYY”行")
        year = dates.most_common(1)[0][0]
    return year, holidays, workdays, lines


def to_notice(data: YearData, title: str = "") -> str:
    """The file text of one year (what `parse_notice` reads back): consecutive days as ranges."""
    lines = [f"# {title}"] if title else []
    lines.append(f"year {data.year}")
    for kind, days in ((HOLIDAY, data.holidays), (WORKDAY, data.workdays)):
        run: list[date] = []
        for d in sorted(days) + [None]:
            if run and (d is None or d != run[-1] + ONE_DAY or days[d] != days[run[0]]):
                span = str(run[0]) if len(run) == 1 else f"{run[0]}..{run[-1]}"
                lines.append(f"{span} {kind} {days[run[0]]}".rstrip())
                run = []
            if d is not None:
                run.append(d)
    return "\n".join(lines) + "\n"


def read_dir(directory: Path) -> dict[int, YearData]:
    years: dict[int, YearData] = {}
    for path in sorted(Path(directory).glob("*.txt")):
        data = parse_notice(path.read_text(encoding="utf-8"), source=path.name)
        if data.year in years:
            raise CalendarDataError(f"{path.name}：{data.year}年的节假日安排重复")
        years[data.year] = data
    return years


def load_calendar(extra_dir: str | Path | None = None, provisional: bool = True) -> WorkCalendar:
    """The bundled table, with the administrator's files (if any) replacing or adding years."""
    years = read_dir(DATA_DIR)
    if extra_dir is not None:
        if not Path(extra_dir).is_dir():
            raise CalendarDataError(f"工作日历目录不存在：{extra_dir}")
        years.update(read_dir(Path(extra_dir)))
    return WorkCalendar(years, provisional)


# --- chinese-calendar: the seed and the cross-check ------------------------------------


@dataclass(frozen=True)
class Disagreement:
    day: date
    ours: bool  # is a working day in our table
    reference: bool  # is a working day according to chinese-calendar

    def __str__(self) -> str:
        word = {True: "工作日", False: "休息日"}
        return f"{self.day}：本表为{word[self.ours]}，chinese-calendar为{word[self.reference]}"


def reference_years() -> range:
    """The years chinese-calendar has data for."""
    from chinese_calendar import constants

    known = [d.year for d in constants.holidays]
    return range(min(known), max(known) + 1)


def seed_year(year: int) -> YearData:
    """One year as chinese-calendar knows it (used to seed the bundled table)."""
    from chinese_calendar import constants

    # chinese-calendar abbreviates some names; the notices spell them in full.
    full = {"清明": "清明节", "端午": "端午节", "中秋": "中秋节"}
    chinese = {h.value: full.get(h.chinese, h.chinese) for h in constants.Holiday}

    def name(h: str) -> str:
        return chinese.get(h, h)

    holidays = {d: name(h) for d, h in constants.holidays.items() if d.year == year}
    workdays = {d: name(h) + "调休" for d, h in constants.workdays.items() if d.year == year and d.weekday() >= 5}
    # One note per holiday period, so that 国庆节 and 中秋节 falling together read as one.
    d = date(year, 1, 1)
    while d.year == year:
        if d in holidays:
            run = [d]
            while run[-1] + ONE_DAY in holidays:
                run.append(run[-1] + ONE_DAY)
            note = "、".join(dict.fromkeys(holidays[x] for x in run))
            for x in run:
                holidays[x] = note
            d = run[-1]
        d += ONE_DAY
    return YearData(year, holidays, workdays, "chinese-calendar")


def cross_check(calendar: WorkCalendar, years=None) -> list[Disagreement]:
    """Every day of the covered years on which our table and chinese-calendar disagree."""
    import chinese_calendar

    known = reference_years()
    out = []
    for year in sorted(years if years is not None else calendar.years):
        if year not in known or year not in calendar.years:
            continue
        d = date(year, 1, 1)
        while d.year == year:
            ours, ref = calendar.is_workday(d), chinese_calendar.is_workday(d)
            if ours != ref:
                out.append(Disagreement(d, ours, ref))
            d += ONE_DAY
    return out


def write_seed(years, directory: Path = DATA_DIR) -> list[Path]:
    """Write the seed files for `years` (run by hand when a new chinese-calendar is out)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for year in years:
        path = directory / f"{year}.txt"
        title = f"国务院办公厅关于{year}年部分节假日安排的通知（初始数据取自chinese-calendar，已逐日核对）"
        path.write_text(to_notice(seed_year(year), title), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":  # python -m gongkai.workdays 2019 2026: regenerate the seed files
    import sys

    first, last = (int(x) for x in sys.argv[1:3])
    for p in write_seed(range(first, last + 1)):
        print(p)
