"""What the 《全国年节及纪念日放假办法》 fixes on its own: the statutory holidays of any year.

The State Council's yearly notice only adds the bridging (调休) arrangement around days the
law already fixes. For a year whose notice is not yet out, gongkai counts on those days —
Art. 2's holidays for all citizens plus Art. 6's make-up day (补假) for one that falls on a
Saturday or Sunday — and marks the result provisional (暂定); the notice, once imported,
replaces it. The same rules check an imported notice: every statutory day must be inside
one of its holiday periods.

Lunar dates and the 清明 solar term come from `lunar_python`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable

from .errors import GongkaiError

ONE_DAY = timedelta(days=1)
LAW = "《全国年节及纪念日放假办法》"


def _lunar(year: int, month: int, day: int) -> date:
    from lunar_python import Lunar

    s = Lunar.fromYmd(year, month, day).getSolar()
    return date(s.getYear(), s.getMonth(), s.getDay())


def lunar_new_year(year: int) -> date:
    """正月初一 of the lunar year that begins in `year`."""
    return _lunar(year, 1, 1)


def qingming(year: int) -> date:
    """The day of the 清明 solar term (always early April)."""
    from lunar_python import Solar

    s = Solar.fromYmd(year, 4, 4).getLunar().getJieQiTable()["清明"]
    return date(s.getYear(), s.getMonth(), s.getDay())


def lunar_label(d: date) -> str:
    """The lunar day as the notices print it: 除夕, 正月初七, 腊月二十八."""
    from lunar_python import Solar

    lunar = Solar.fromYmd(d.year, d.month, d.day).getLunar()
    if d + ONE_DAY == lunar_new_year(d.year):
        return "除夕"
    return f"{lunar.getMonthInChinese()}月{lunar.getDayInChinese()}"


def _days(start: Callable[[int], date], n: int) -> Callable[[int], list[date]]:
    return lambda year: [start(year) + ONE_DAY * i for i in range(n)]


@dataclass(frozen=True)
class Festival:
    name: str
    rule: str  # how the law fixes it, as the explanation prints it
    days: Callable[[int], list[date]]


@dataclass(frozen=True)
class Version:
    """One revision of the 放假办法's Art. 2, in force for report years from `first_year`."""

    title: str
    first_year: int
    festivals: tuple[Festival, ...]


_NEW_YEAR = Festival("元旦", "1月1日", _days(lambda y: date(y, 1, 1), 1))
_QINGMING = Festival("清明节", "清明节气当日", lambda y: [qingming(y)])
_DUANWU = Festival("端午节", "农历五月初五", lambda y: [_lunar(y, 5, 5)])
_MID_AUTUMN = Festival("中秋节", "农历八月十五", lambda y: [_lunar(y, 8, 15)])
_NATIONAL = Festival("国庆节", "10月1日至3日", _days(lambda y: date(y, 10, 1), 3))

VERSIONS = (
    Version("2013年修订", 2014, (
        _NEW_YEAR,
        Festival("春节", "农历正月初一至初三", _days(lunar_new_year, 3)),
        _QINGMING,
        Festival("劳动节", "5月1日", _days(lambda y: date(y, 5, 1), 1)),
        _DUANWU, _MID_AUTUMN, _NATIONAL,
    )),
    Version("2024年修订", 2025, (
        _NEW_YEAR,
        Festival("春节", "农历除夕、正月初一至初三", _days(lambda y: lunar_new_year(y) - ONE_DAY, 4)),
        _QINGMING,
        Festival("劳动节", "5月1日至2日", _days(lambda y: date(y, 5, 1), 2)),
        _DUANWU, _MID_AUTUMN, _NATIONAL,
    )),
)
LAST_YEAR = 2099  # the lunar tables' reach


class NoRule(GongkaiError):
    """A year the 放假办法 versions gongkai knows do not cover."""


def version(year: int) -> Version:
    usable = [v for v in VERSIONS if v.first_year <= year]
    if not usable or year > LAST_YEAR:
        raise NoRule(f"{year}年不在{LAW}可推算的年份范围（{VERSIONS[0].first_year}—{LAST_YEAR}年）内")
    return usable[-1]


@lru_cache(maxsize=256)
def statutory_days(year: int) -> dict[date, str]:
    """Art. 2: every holiday for all citizens in `year`, with its festival's name."""
    out: dict[date, str] = {}
    for festival in version(year).festivals:
        for d in festival.days(year):
            out[d] = f"{out[d]}、{festival.name}" if d in out else festival.name
    return out


@lru_cache(maxsize=256)
def provisional_holidays(year: int) -> dict[date, str]:
    """Art. 2's days and Art. 6's make-up days: what is certain to be a rest day without a notice.

    A statutory day on a Saturday or Sunday gives the next weekday that is not already a
    rest day (a make-up day may follow another, as when two days of 国庆节 fall on a weekend).
    """
    days = dict(statutory_days(year))
    for d in sorted(statutory_days(year)):
        if d.weekday() < 5:
            continue
        makeup = d + ONE_DAY
        while makeup.weekday() >= 5 or makeup in days:
            makeup += ONE_DAY
        days[makeup] = f"{statutory_days(year)[d]}补假"
    return dict(sorted(days.items()))


def provisional_reason(years) -> str:
    """Why a date counted through `years` is provisional, in the words the register shows."""
    listed = "、".join(f"{y}年" for y in sorted(years))
    return f"{listed}节假日安排尚未导入，按{LAW}推算，未含调休"
