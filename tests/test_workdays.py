"""The working-day calendar: bundled data, the notice format, counting and explaining."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.errors import GongkaiError
from gongkai.workdays import (
    CalendarDataError,
    CalendarGap,
    WorkCalendar,
    YearData,
    cross_check,
    load_calendar,
    parse_date,
    parse_notice,
    read_dir,
    to_notice,
    DATA_DIR,
)

CAL = load_calendar()
D = date


def test_bundled_years():
    assert CAL.years == set(range(2019, 2027))


def test_bundled_table_agrees_with_chinese_calendar():
    assert cross_check(CAL) == []


def test_cross_check_lists_a_disagreement():
    edited = CAL.with_day(D(2025, 10, 8), None)  # drop the last day of 国庆节 2025
    found = cross_check(edited, [2025])
    assert [(x.day, x.ours, x.reference) for x in found] == [(D(2025, 10, 8), True, False)]
    assert str(found[0]) == "2025-10-08：本表为工作日，chinese-calendar为休息日"


def test_national_day_2025():
    assert not any(CAL.is_workday(D(2025, 10, d)) for d in range(1, 9))
    assert CAL.is_workday(D(2025, 9, 28)) and CAL.is_workday(D(2025, 10, 11))  # 调休 Sunday, Saturday
    assert CAL.is_holiday(D(2025, 10, 4)) and not CAL.is_holiday(D(2025, 10, 11))


def test_add_workdays_counts_from_the_next_day():
    # 2025-09-26 (Fri): 09-28 调休(1) 09-29(2) 09-30(3) | 10-01..08 holiday | 10-09(4) 10-10(5)
    # 10-11 调休(6) 10-13..17(7-11) 10-20..24(12-16) 10-27..30(17-20)
    assert CAL.add_workdays(D(2025, 9, 26), 20) == D(2025, 10, 30)
    # Received on a rest day: the same count (chinese_calendar.find_workday would give 10-31).
    assert CAL.add_workdays(D(2025, 9, 27), 20) == D(2025, 10, 30)
    assert CAL.add_workdays(D(2025, 9, 26), 0) == D(2025, 9, 26)
    assert CAL.add_workdays(D(2025, 9, 26), 1) == D(2025, 9, 28)
    # 2025-01-20 (Mon): 01-21..24(1-4) 01-26 调休(5) 01-27(6) | 01-28..02-04 春节 | 02-05..07(7-9)
    # 02-08 调休(10) 02-10..14(11-15) 02-17..21(16-20)
    assert CAL.add_workdays(D(2025, 1, 20), 20) == D(2025, 2, 21)


def test_negative_days_are_refused():
    with pytest.raises(GongkaiError, match="不能为负数"):
        CAL.add_workdays(D(2025, 1, 2), -1)


def test_workdays_between():
    assert CAL.workdays_between(D(2025, 9, 26), D(2025, 10, 30)) == 20
    assert CAL.workdays_between(D(2025, 10, 30), D(2025, 9, 26)) == -20
    assert CAL.workdays_between(D(2025, 10, 1), D(2025, 10, 8)) == 0
    assert CAL.workdays_between(D(2025, 1, 1), D(2025, 1, 1)) == 0


def test_gap_names_the_year():
    strict = CAL.strict()
    with pytest.raises(CalendarGap) as info:
        strict.is_workday(D(2027, 1, 4))
    assert info.value.year == 2027
    assert str(info.value) == "工作日历缺少2027年的节假日安排数据，请导入国务院办公厅当年的节假日安排通知"
    assert isinstance(info.value, GongkaiError)
    with pytest.raises(CalendarGap, match="2027年"):
        strict.add_workdays(D(2026, 12, 10), 20)  # 12-11..31 hold only 15 working days
    with pytest.raises(CalendarGap, match="2018年"):
        strict.is_workday(D(2018, 12, 31))


def test_a_year_the_law_cannot_reach_is_a_gap_even_when_provisional():
    with pytest.raises(CalendarGap, match="2100年超出"):
        CAL.is_workday(D(2100, 1, 4))
    with pytest.raises(CalendarGap, match="2013年"):
        CAL.is_workday(D(2013, 5, 6))


def test_provisional_years_are_counted_on_the_law_and_reported():
    assert CAL.is_provisional(2027) and not CAL.is_provisional(2026)
    assert CAL.add_workdays(D(2026, 12, 10), 20) == D(2027, 1, 8)  # only 元旦 falls in the span
    assert CAL.provisional_years_in(D(2026, 12, 10), D(2027, 1, 8)) == [2027]
    assert CAL.provisional_years_in(D(2026, 1, 10), D(2026, 12, 31)) == []
    assert CAL.provisional_days_in(D(2026, 12, 10), D(2027, 1, 8)) == [(D(2027, 1, 1), "元旦")]
    assert 2027 not in CAL.years  # a provisional year is never mistaken for a notice


def test_explain():
    assert CAL.explain(D(2025, 9, 26), 20) == (
        "自2025-09-27起算20个工作日，跳过2025-10-01至2025-10-08（国庆节、中秋节）节假日，"
        "2025-09-28、2025-10-11为调休工作日，第20个工作日为2025-10-30"
    )
    # 2025-03-03 + 5: 03-04..07(1-4) 03-10(5); nothing to skip
    assert CAL.explain(D(2025, 3, 3), 5) == "自2025-03-04起算5个工作日，第5个工作日为2025-03-10"


NOTICE = """
# 国务院办公厅关于2027年部分节假日安排的通知（示例）
year 2027
2027-01-01..2027-01-03 holiday 元旦
2027-02-06..2027-02-13 休 春节
2027-02-14 班 春节调休   # a Sunday
2027/10/1..2027/10/07 放假 国庆节
2027-09-26 上班
"""


def test_parse_notice():
    data = parse_notice(NOTICE, source="2027.txt")
    assert data.year == 2027
    assert len(data.holidays) == 3 + 8 + 7
    assert data.holidays[D(2027, 2, 10)] == "春节"
    assert data.workdays == {D(2027, 2, 14): "春节调休", D(2027, 9, 26): ""}
    cal = CAL.with_year(2027, data)
    assert 2027 in cal.years
    assert not cal.is_workday(D(2027, 2, 8)) and cal.is_workday(D(2027, 2, 14))
    # 2026-12-10: 12-11(1) 12-14..18(2-6) 12-21..25(7-11) 12-28..31(12-15) | 2027-01-01..03 元旦
    # 01-04..08(16-20)
    assert cal.add_workdays(D(2026, 12, 10), 20) == D(2027, 1, 8)


def test_parse_notice_infers_the_year():
    assert parse_notice("2024-12-31 holiday 元旦\n2025-01-01 holiday 元旦\n2025-01-02 holiday x").year == 2025


@pytest.mark.parametrize(
    "text, message",
    [
        ("year 2025\n2025-10-01 vacation", "第2行无法识别"),
        ("2025-02-30 holiday 春节", "第1行：日期格式有误"),
        ("2025-10-08..2025-10-01 holiday", "日期范围有误"),
        ("2025-09-29 workday", "不是周末"),
        ("2025-09-28 holiday\n2025-09-28 workday", "既是节假日又是调休工作日"),
        ("# nothing\n", "没有任何节假日安排"),
    ],
)
def test_parse_notice_errors(text, message):
    with pytest.raises(CalendarDataError, match=message):
        parse_notice(text)


@pytest.mark.parametrize("year", range(2019, 2027))
def test_notice_round_trip(year):
    data = CAL.year_data(year)
    again = parse_notice(to_notice(data))
    assert (again.year, again.holidays, again.workdays) == (data.year, data.holidays, data.workdays)


def test_bundled_files_are_the_table():
    assert set(read_dir(DATA_DIR)) == CAL.years
    assert all(p.stem == str(parse_notice(p.read_text("utf-8")).year) for p in DATA_DIR.glob("*.txt"))


def test_admin_directory_adds_and_replaces(tmp_path):
    (tmp_path / "2027.txt").write_text(NOTICE, encoding="utf-8")
    # An administrator's correction of 2025: 10-09 declared a holiday too.
    text = to_notice(CAL.year_data(2025)).replace("2025-10-01..2025-10-08", "2025-10-01..2025-10-09")
    (tmp_path / "2025.txt").write_text(text, encoding="utf-8")
    cal = load_calendar(tmp_path)
    assert cal.years == set(range(2019, 2028))
    assert not cal.is_workday(D(2025, 10, 9))
    assert cal.add_workdays(D(2025, 9, 26), 20) == D(2025, 10, 31)
    assert [x.day for x in cross_check(cal)] == [D(2025, 10, 9)]


def test_missing_admin_directory(tmp_path):
    with pytest.raises(CalendarDataError, match="目录不存在"):
        load_calendar(tmp_path / "nope")


def test_editing_returns_a_new_calendar():
    edited = CAL.with_day(D(2025, 3, 3), "holiday", "示例")
    assert not edited.is_workday(D(2025, 3, 3)) and CAL.is_workday(D(2025, 3, 3))
    assert edited.without_year(2025).years == CAL.years - {2025}
    assert edited.with_day(D(2025, 3, 3), None).is_workday(D(2025, 3, 3))


def test_year_data_refuses_contradictions():
    with pytest.raises(CalendarDataError):
        YearData(2025, {D(2025, 9, 28): ""}, {D(2025, 9, 28): ""})


@pytest.mark.parametrize("text", ["2025-09-26", "2025/9/26", "2025.09.26", "2025年9月26日", " 2025-9-26 "])
def test_parse_date(text):
    assert parse_date(text) == D(2025, 9, 26)


@pytest.mark.parametrize("text", ["", "2025-13-01", "26/09/2025", "tomorrow", "2025-02-29"])
def test_parse_date_refuses(text):
    with pytest.raises(GongkaiError, match="日期格式有误"):
        parse_date(text)


days = st.dates(D(2019, 1, 1), D(2026, 9, 30))


@settings(max_examples=200, deadline=None)
@given(days, st.integers(0, 40))
def test_add_then_count_is_identity(start, n):
    due = CAL.add_workdays(start, n)
    assert CAL.workdays_between(start, due) == n
    if n:
        assert CAL.is_workday(due)
        assert CAL.workdays_between(start, due - timedelta(days=1)) == n - 1


@settings(max_examples=200, deadline=None)
@given(days, days, days)
def test_between_is_additive_and_antisymmetric(a, b, c):
    lo, mid, hi = sorted((a, b, c))
    assert CAL.workdays_between(a, b) == -CAL.workdays_between(b, a)
    assert CAL.workdays_between(lo, hi) == CAL.workdays_between(lo, mid) + CAL.workdays_between(mid, hi)


@settings(max_examples=150, deadline=None)
@given(days, st.integers(1, 40))
def test_agrees_with_the_holidays_package(start, n):
    holidays = pytest.importorskip("holidays")
    cn = holidays.country_holidays("CN", years=range(start.year, start.year + 2))
    assert CAL.add_workdays(start, n) == cn.get_nth_working_day(start, n)


def test_weekends_only_is_never_assumed():
    with pytest.raises(CalendarGap):
        WorkCalendar({}, provisional=False).add_workdays(D(2025, 3, 3), 1)
    provisional = WorkCalendar({})
    assert not provisional.is_workday(D(2025, 1, 1))  # 元旦 on a Wednesday: the law, not the weekend rule
    assert not provisional.is_workday(D(2025, 10, 3))
