"""The 放假办法's own days, the provisional calendar, and the State Council notice read as printed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai import holiday_law
from gongkai.holiday_notice import MAX_CHARS, NoticeError, read_notice, read_notice_bytes
from gongkai.workdays import load_calendar, to_notice

CAL = load_calendar()
NOTICES = Path(__file__).parent / "data" / "notices"
D = date


def notice(year: int) -> str:
    """A notice as published (transcribed from the 国务院公报 / 新华社 text)."""
    return (NOTICES / f"{year}.txt").read_text("utf-8")


# --- the law ------------------------------------------------------------------------------


@pytest.mark.parametrize("year", sorted(CAL.years))
def test_every_statutory_day_is_a_holiday_in_that_years_notice(year):
    data = CAL.year_data(year)
    assert [d for d in holiday_law.statutory_days(year) if d not in data.holidays] == []
    # Art. 6's make-up days too: every notice so far rests on them.
    assert [d for d in holiday_law.provisional_holidays(year) if d not in data.holidays] == []


def test_the_2024_revision_from_2025():
    assert holiday_law.statutory_days(2025) == {
        D(2025, 1, 1): "元旦", D(2025, 1, 28): "春节", D(2025, 1, 29): "春节", D(2025, 1, 30): "春节",
        D(2025, 1, 31): "春节", D(2025, 4, 4): "清明节", D(2025, 5, 1): "劳动节", D(2025, 5, 2): "劳动节",
        D(2025, 5, 31): "端午节", D(2025, 10, 1): "国庆节", D(2025, 10, 2): "国庆节", D(2025, 10, 3): "国庆节",
        D(2025, 10, 6): "中秋节",
    }
    # before 2025: 春节 from 初一 (除夕 2024-02-09 was a working day), 劳动节 one day
    assert D(2024, 2, 9) not in holiday_law.statutory_days(2024)
    assert D(2024, 5, 2) not in holiday_law.statutory_days(2024)


def test_the_provisional_2027():
    days = holiday_law.provisional_holidays(2027)
    # 春节: 除夕 Fri 02-05, 初一 Sat, 初二 Sun, 初三 Mon; the weekend's two days made up Tue and Wed.
    assert [d for d in days if d.month == 2] == [D(2027, 2, d) for d in range(5, 11)]
    assert days[D(2027, 2, 9)] == days[D(2027, 2, 10)] == "春节补假"
    # 国庆节 Fri 10-01..Sun 10-03: two make-up days, Mon and Tue.
    assert [d for d in days if d.month == 10] == [D(2027, 10, d) for d in range(1, 6)]
    assert D(2027, 9, 15) in days  # 中秋节


@settings(max_examples=60, deadline=None)
@given(st.integers(2014, 2099))
def test_make_up_days_are_weekdays_one_for_each_weekend_holiday(year):
    statutory = holiday_law.statutory_days(year)
    days = holiday_law.provisional_holidays(year)
    makeups = [d for d in days if d not in statutory]
    assert set(statutory) <= set(days)
    assert all(d.weekday() < 5 and d.year == year for d in makeups)
    assert len(makeups) == sum(d.weekday() >= 5 for d in statutory)


def test_years_the_law_cannot_reach():
    for year in (2013, 2100):
        with pytest.raises(holiday_law.NoRule):
            holiday_law.statutory_days(year)


# --- the notice as printed -----------------------------------------------------------------


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_importing_a_published_notice_reproduces_the_bundled_year(year):
    data = read_notice(notice(year))
    bundled = CAL.year_data(year)
    assert (data.year, data.holidays, data.workdays) == (year, bundled.holidays, bundled.workdays)


def test_crawled_copies_read_the_same():
    """Half-width punctuation, one run of text, the weekday written 星期."""
    text = notice(2025).replace("（", "(").replace("）", ")").replace("：", ":").replace("，", ",")
    assert read_notice(text).holidays == CAL.year_data(2025).holidays
    one_line = notice(2026).replace("\n", "")
    assert read_notice(one_line).workdays == CAL.year_data(2026).workdays


def test_the_line_format_stays_accepted_and_is_checked_too():
    assert read_notice(to_notice(CAL.year_data(2025))).holidays == CAL.year_data(2025).holidays
    with pytest.raises(NoticeError, match="没有春节的放假安排"):
        read_notice("year 2027\n2027-01-01 holiday 元旦\n")


DAMAGED = [
    ("a wrong weekday", ("1月28日（农历除夕、周二）", "1月28日（农历除夕、周三）"),
     "第10行（二、春节）：1月28日是周二，通知写“周三”"),
    ("a wrong lunar day", ("2月4日（农历正月初七、周二）", "2月4日（农历正月初八、周二）"),
     "第10行（二、春节）：2月4日是农历正月初七，通知写“农历正月初八”"),
    ("a count that does not match", ("放假调休，共5天", "放假调休，共6天"),
     "第14行（四、劳动节）：5月1日至5月5日共5天，通知写“共6天”"),
    ("a 调休 day on a weekday", ("4月27日（周日）上班", "4月28日（周一）上班"),
     "第14行（四、劳动节）：调休上班日2025-04-28是周一，调休上班日应为周六或周日"),
    ("a 调休 day inside the holidays", ("10月11日（周六）上班", "10月4日（周六）上班"),
     "第18行（六、国庆节、中秋节）：2025-10-04既在放假期间内又被列为调休上班日"),
    ("a statutory day left out", ("10月1日（周三）至8日（周三）放假调休，共8天", "10月4日（周六）至8日（周三）放假调休，共5天"),
     "第18行（六、国庆节、中秋节）：国庆节的放假期间未包含2025-10-01、2025-10-02、2025-10-03"),
    ("a date far outside the year", ("清明节：4月4日（周五）至6日（周日）放假",
                                     "清明节：2031年4月4日（周五）至6日（周日）放假"), "不在2025年内"),
]


@pytest.mark.parametrize("why, change, message", DAMAGED, ids=[d[0] for d in DAMAGED])
def test_damaged_copies_are_refused_with_the_line_named(why, change, message):
    text = notice(2025)
    assert change[0] in text
    with pytest.raises(NoticeError) as info:
        read_notice(text.replace(change[0], change[1]))
    assert any(message in p for p in info.value.problems), info.value.problems


def test_a_missing_spring_festival_is_named():
    text = "\n".join(line for line in notice(2025).splitlines() if not line.startswith("二、春节"))
    with pytest.raises(NoticeError) as info:
        read_notice(text)
    assert info.value.problems == [
        "通知中没有春节的放假安排（《全国年节及纪念日放假办法》第二条：春节为农历除夕、正月初一至初三，"
        "即2025-01-28、2025-01-29、2025-01-30、2025-01-31）"
    ]


def test_the_2024_notice_is_checked_against_the_law_then_in_force():
    """2024 fell under the 2013 revision: 除夕 was not a holiday, so leaving it out is no error."""
    assert D(2024, 2, 9) not in read_notice(notice(2024)).holidays
    damaged = notice(2024).replace("二、春节：2月10日至17日", "二、春节：2月11日至17日").replace("共8天。2月4日", "共7天。2月4日")
    with pytest.raises(NoticeError, match="春节的放假期间未包含2024-02-10"):
        read_notice(damaged)


@pytest.mark.parametrize("text, message", [
    ("", "内容为空"),
    ("   \n", "内容为空"),
    ("\x00\x01\x02" * 10, "二进制"),
    ("国务院办公厅关于2025年部分节假日安排的通知\n" + "x" * (MAX_CHARS + 1), "内容过长"),
    ("今天天气很好。", "无法识别"),
])
def test_bad_text_is_refused_with_a_reason(text, message):
    with pytest.raises(NoticeError, match=message):
        read_notice(text)


def test_a_notice_of_another_year():
    with pytest.raises(NoticeError, match="这是2025年的节假日安排，不是2027年的"):
        read_notice(notice(2025), expected_year=2027)


@pytest.mark.parametrize("data, message", [
    (b"", "文件为空"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "不是文本文件"),
    (b"x" * (10 * 1024 * 1024), "文件过大"),
])
def test_bad_files_are_refused_with_a_reason(data, message):
    with pytest.raises(NoticeError, match=message):
        read_notice_bytes(data, source="notice.txt")


def test_a_notice_saved_as_gbk_reads_the_same():
    assert read_notice_bytes(notice(2026).encode("gb18030")).holidays == CAL.year_data(2026).holidays
