"""The State Council's yearly holiday notice, read as published and checked before it is used.

An administrator pastes (or uploads) 国务院办公厅关于××年部分节假日安排的通知 as printed::

    二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。

or in gongkai's own line format (`gongkai.workdays.parse_notice`). Either way the year is
checked against the 《全国年节及纪念日放假办法》 (`gongkai.holiday_law`) before anything is
saved: every Art. 2 holiday lies inside a holiday period, each period's 共N天 matches its
dates, 调休 workdays are Saturdays or Sundays outside the holiday periods, the weekday and
lunar day printed in brackets match the dates, and no date lies far outside the year. A
text that fails raises `NoticeError` with one line per problem, each naming its line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from . import holiday_law
from .errors import GongkaiError
from .workdays import ONE_DAY, CalendarDataError, YearData, parse_notice_lines

MAX_CHARS = 100_000  # a notice is about 1,000 characters; anything far larger is not one
WEEKDAYS = "一二三四五六日"

_TITLE_YEAR = re.compile(r"关于\s*(\d{4})\s*年\s*(?:部分)?节假日安排|现将\s*(\d{4})\s*年")
_ITEM = re.compile(r"(?:^|(?<=。))[ \t]*(?P<num>[一二三四五六七八九十]{1,3})、(?P<names>[^:\n。]{1,24}?):", re.M)
_DATE = re.compile(
    r"(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2})日"
    r"(?:\((?P<note>[^)]{0,30})\)|(?P<bare>(?:周|星期)[一二三四五六日天]))?"
)
_RANGE = re.compile(rf"^\s*(?P<first>{_DATE.pattern})(?:\s*(?:至|到|-|—|~)\s*(?P<last>{_DATE.pattern.replace('?P<', '?P<l_')}))?")
_WEEKDAY = re.compile(r"(?:周|星期)([一二三四五六日天])")
_LUNAR = re.compile(r"农历([^、,，]+)")
_STATED = re.compile(r"(?:共|放假)\s*(\d{1,3})\s*天")


class NoticeError(CalendarDataError):
    """A notice that cannot be saved; `problems` lists every line and what is wrong with it."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("节假日安排未导入：" + "；".join(problems))


@dataclass
class Period:
    """One numbered item of the notice: its festivals, holiday period and 调休 workdays."""

    line: int
    label: str  # 二、春节
    names: list[str]
    first: date | None = None
    last: date | None = None
    workdays: list[date] = field(default_factory=list)

    def where(self) -> str:
        return f"第{self.line}行（{self.label}）："

    def days(self) -> list[date]:
        if self.first is None or self.last is None:
            return []
        return [self.first + ONE_DAY * i for i in range((self.last - self.first).days + 1)]


def read_notice(text: str, expected_year: int | None = None, source: str = "") -> YearData:
    """One year's holiday arrangement from a notice as printed or in the line format, checked."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise NoticeError(["内容为空：请粘贴或上传国务院办公厅当年的节假日安排通知"])
    if len(text) > MAX_CHARS:
        raise NoticeError([f"内容过长（{len(text):,}个字符）：节假日安排通知通常约一千字，不应超过{MAX_CHARS:,}个字符"])
    if "\x00" in text:
        raise NoticeError(["内容含有二进制数据，不是节假日安排通知的文本"])
    normalized = unicodedata.normalize("NFKC", text)
    if _ITEM.search(normalized):
        data, periods = _read_printed(normalized, expected_year, source)
        problems = _check(data, periods, {})
    else:
        data, lines = _read_lines(text, source)
        problems = _check(data, [], lines)
    if expected_year is not None and data.year != expected_year:
        problems.insert(0, f"这是{data.year}年的节假日安排，不是{expected_year}年的")
    if problems:
        raise NoticeError(problems)
    return data


def read_notice_bytes(data: bytes, expected_year: int | None = None, source: str = "") -> YearData:
    """As `read_notice`, from an uploaded file in any of the encodings government sites use."""
    return read_notice(notice_text(data, source), expected_year, source)


def notice_text(data: bytes, source: str = "") -> str:
    """The text of an uploaded notice file (UTF-8, GB18030/GBK or UTF-16), or a NoticeError saying why not."""
    from .readers.decode import decode, looks_binary_bytes

    name = f"{source}：" if source else ""
    if not data:
        raise NoticeError([f"{name}文件为空"])
    if len(data) > MAX_CHARS * 4:
        raise NoticeError([f"{name}文件过大（{len(data) / 1e6:.1f} MB），节假日安排通知的文本不超过{MAX_CHARS:,}个字符"])
    if looks_binary_bytes(data):
        raise NoticeError([f"{name}不是文本文件，请上传通知的文本（.txt）或直接粘贴通知内容"])
    try:
        return decode(data)[0]
    except GongkaiError as exc:
        raise NoticeError([f"{name}{exc}"]) from None


# --- the printed notice ---------------------------------------------------------------------


def _read_printed(text: str, expected_year: int | None, source: str) -> tuple[YearData, list[Period]]:
    m = _TITLE_YEAR.search(text)
    year = int(m.group(1) or m.group(2)) if m else expected_year
    if year is None:
        raise NoticeError(["无法确定通知的年份：请连同标题“国务院办公厅关于××年部分节假日安排的通知”一起粘贴"])
    problems: list[str] = []
    periods: list[Period] = []
    items = list(_ITEM.finditer(text))
    for i, item in enumerate(items):
        end = items[i + 1].start() if i + 1 < len(items) else len(text)
        body = text[item.end():end].split("\n\n", 1)[0].replace("\n", "")
        period = Period(
            line=text.count("\n", 0, item.start("num")) + 1,
            label=f"{item.group('num')}、{item.group('names').strip()}",
            names=[n.strip() for n in item.group("names").split("、") if n.strip()],
        )
        _read_item(period, body, year, problems)
        periods.append(period)
    holidays: dict[date, str] = {}
    workdays: dict[date, str] = {}
    for p in periods:
        for d in p.days():
            holidays[d] = "、".join(p.names)
        for d in p.workdays:
            workdays[d] = "、".join(p.names) + "调休"
    problems += _structure(year, holidays, workdays, periods, {})
    if problems:
        raise NoticeError(problems)
    title = f"国务院办公厅关于{year}年部分节假日安排的通知"
    return _year_data(year, holidays, workdays, source or title), periods


def _read_item(period: Period, body: str, year: int, problems: list[str]) -> None:
    """The holiday period, its stated length and the 调休 workdays of one numbered item."""
    sentences = [s for s in re.split(r"[。;；]", body) if s.strip()]
    if not sentences:
        problems.append(f"{period.where()}没有日期")
        return
    first_sentence = sentences[0]
    m = _RANGE.match(first_sentence)
    if not m or "放假" not in first_sentence:
        problems.append(f"{period.where()}无法识别放假日期：“{first_sentence.strip()[:40]}”")
        return
    first = _date(m, "", year, None, period, problems)
    last = _date(m, "l_", year, first, period, problems) if m.group("l_d") else first
    if first is None or last is None:
        return
    if first > last or (last - first).days > 31:
        problems.append(f"{period.where()}放假日期范围有误：{first}至{last}")
        return
    period.first, period.last = first, last
    stated = _STATED.search(first_sentence)
    if stated and int(stated.group(1)) != (last - first).days + 1:
        problems.append(
            f"{period.where()}{_md(first)}至{_md(last)}共{(last - first).days + 1}天，通知写“共{stated.group(1)}天”"
        )
    for sentence in sentences[1:]:
        if "上班" not in sentence:
            continue
        previous = None
        for dm in _DATE.finditer(sentence):
            d = _date(dm, "", year, previous, period, problems, december_before=first)
            if d is not None:
                period.workdays.append(d)
                previous = d


def _date(m: re.Match, prefix: str, year: int, after: date | None, period: Period, problems: list[str],
          december_before: date | None = None) -> date | None:
    """One printed date: a missing month comes from the date before it, the year from the notice."""
    g = lambda name: m.group(prefix + name)  # noqa: E731
    y = int(g("y")) if g("y") else (after.year if after and not g("m") else year)
    month = int(g("m")) if g("m") else (after.month if after else None)
    if month is None:
        problems.append(f"{period.where()}日期“{m.group(0)}”缺少月份")
        return None
    if not g("y") and month == 12 and (december_before or after or date(year, 1, 1)).month == 1:
        y = year - 1  # 元旦 from 31 December: the notice names the year before without saying so
    try:
        d = date(y, month, int(g("d")))
    except ValueError:
        problems.append(f"{period.where()}日期不存在：{y}年{month}月{g('d')}日")
        return None
    note = g("note") or g("bare") or ""
    wd = _WEEKDAY.search(note)
    if wd:
        printed = "日" if wd.group(1) == "天" else wd.group(1)
        if WEEKDAYS[d.weekday()] != printed:
            problems.append(f"{period.where()}{_md(d)}是周{WEEKDAYS[d.weekday()]}，通知写“周{printed}”")
    lunar = _LUNAR.search(note)
    if lunar and _canon_lunar(lunar.group(1)) != _canon_lunar(holiday_law.lunar_label(d)):
        problems.append(f"{period.where()}{_md(d)}是农历{holiday_law.lunar_label(d)}，通知写“农历{lunar.group(1)}”")
    return d


def _canon_lunar(text: str) -> str:
    text = text.strip().replace("廿", "二十").replace("卅", "三十")
    return text.replace("十二月", "腊月").replace("十一月", "冬月").replace("一月", "正月")


def _md(d: date) -> str:
    return f"{d.month}月{d.day}日"


# --- the line format ------------------------------------------------------------------------


def _read_lines(text: str, source: str) -> tuple[YearData, dict[date, int]]:
    try:
        year, holidays, workdays, lines = parse_notice_lines(text, source)
    except CalendarDataError as exc:
        raise NoticeError([str(exc)]) from None
    problems = _structure(year, holidays, workdays, [], lines)
    if problems:
        raise NoticeError(problems)
    return _year_data(year, holidays, workdays, source), lines


# --- checks against the 放假办法 --------------------------------------------------------------


def _where(d: date, periods: list[Period], lines: dict[date, int]) -> str:
    for p in periods:
        if d in p.days() or d in p.workdays:
            return p.where()
    return f"第{lines[d]}行：" if d in lines else ""


def _structure(year: int, holidays: dict, workdays: dict, periods: list[Period], lines: dict) -> list[str]:
    """Problems that would make the year's data meaningless: dates far away, misplaced workdays."""
    problems = []
    earliest, latest = date(year - 1, 12, 1), date(year, 12, 31)
    for d in sorted({*holidays, *workdays}):
        if not earliest <= d <= latest:
            problems.append(f"{_where(d, periods, lines)}日期{d}不在{year}年内（通知只可提前安排上一年12月的日期）")
    for d in sorted(workdays):
        if d.weekday() < 5:
            problems.append(f"{_where(d, periods, lines)}调休上班日{d}是周{WEEKDAYS[d.weekday()]}，调休上班日应为周六或周日")
        if d in holidays:
            problems.append(f"{_where(d, periods, lines)}{d}既在放假期间内又被列为调休上班日")
    return problems


def _year_data(year: int, holidays: dict, workdays: dict, source: str) -> YearData:
    try:
        return YearData(year, holidays, workdays, source)
    except CalendarDataError as exc:  # _structure reports these with their lines first
        raise NoticeError([str(exc)]) from None


def _check(data: YearData, periods: list[Period], lines: dict[date, int]) -> list[str]:
    """Every Art. 2 holiday inside a holiday period, and each festival in the item that names it."""
    try:
        version = holiday_law.version(data.year)
    except holiday_law.NoRule as exc:
        return [str(exc)]
    problems = []
    for festival in version.festivals:
        due = festival.days(data.year)
        named = [p for p in periods if festival.name in p.names]
        missing = [d for d in due if d not in data.holidays]
        outside = [d for p in named for d in due if d not in p.days()]
        rule = f"{holiday_law.LAW}第二条：{festival.name}为{festival.rule}"
        if periods and not named and not missing:
            continue  # listed under another festival's item (中秋节 inside 国庆节's period)
        if missing and not named:
            problems.append(f"通知中没有{festival.name}的放假安排（{rule}，即{_dates(missing)}）")
        elif missing or outside:
            where = named[0].where() if named else ""
            problems.append(f"{where}{festival.name}的放假期间未包含{_dates(missing or outside)}（{rule}）")
    return problems


def _dates(days: list[date]) -> str:
    return "、".join(str(d) for d in days)
