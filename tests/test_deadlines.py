"""Statutory deadlines computed from a request's events, and the `gongkai deadline` command."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gongkai.cli import main
from gongkai.deadlines import RULES, DeadlineError, Event, EventKind, Rules, Status, compute
from gongkai.workdays import CalendarGap, load_calendar

CAL = load_calendar()
D = date
K = EventKind


def run(*events, today=D(2030, 1, 1), rules=RULES):
    return compute([Event(*e) if isinstance(e, tuple) else e for e in events], CAL, today=today, rules=rules)


def test_received_before_national_day():
    # 09-28 调休(1) 09-29(2) 09-30(3) | 10-01..08 | 10-09(4) 10-10(5) 10-11 调休(6)
    # 10-13..17(7-11) 10-20..24(12-16) 10-27..30(17-20)
    r = run((K.received, D(2025, 9, 26)), today=D(2025, 10, 1))
    assert r.answer_due == D(2025, 10, 30)
    assert r.status is Status.registered and r.status == "registered"
    assert not r.paused and not r.overdue
    # 7 working days for the correction notice: 09-28(1) 29(2) 30(3) 10-09(4) 10(5) 11(6) 13(7)
    assert r.correction_notice_due == D(2025, 10, 13)
    assert r.third_party_reply_due is None and r.fee_payment_due is None
    assert r.explanation == [
        "2025-09-26收到申请（《政府信息公开条例》第三十一条），答复期限自次日2025-09-27起算20个工作日（第三十三条第二款）。",
        "答复期限：2025-10-30（自2025-09-27起算20个工作日，跳过2025-10-01至2025-10-08（国庆节、中秋节）节假日，"
        "2025-09-28、2025-10-11为调休工作日）。",
    ]


def test_received_before_spring_festival():
    # 01-21..24(1-4) 01-26 调休(5) 01-27(6) | 01-28..02-04 春节 | 02-05..07(7-9) 02-08 调休(10)
    # 02-10..14(11-15) 02-17..21(16-20)
    assert run((K.received, D(2025, 1, 20))).answer_due == D(2025, 2, 21)


def test_received_on_the_eve_of_a_holiday():
    # 2025-09-30: 10-09(1) 10-10(2) 10-11 调休(3) 10-13..17(4-8) 10-20..24(9-13) 10-27..31(14-18)
    # 11-03(19) 11-04(20)
    assert run((K.received, D(2025, 9, 30))).answer_due == D(2025, 11, 4)


def test_across_new_year():
    # 2024-12-20 (Fri): 12-23..27(1-5) 12-30(6) 12-31(7) | 2025-01-01 元旦 | 01-02(8) 01-03(9)
    # 01-06..10(10-14) 01-13..17(15-19) 01-20(20)
    assert run((K.received, D(2024, 12, 20))).answer_due == D(2025, 1, 20)


def test_deadline_in_a_year_without_data():
    # 2026-12-10: December holds 15 working days after it, the 16th is in 2027.
    d = run((K.received, D(2026, 12, 10)))
    assert d.answer_due == D(2027, 1, 8)
    assert d.provisional == {"answer_due": (2027,)}
    assert d.provisional_note() == "2027年节假日安排尚未导入，按《全国年节及纪念日放假办法》推算，未含调休"
    assert any("2027-01-01（元旦）" in line for line in d.explanation)
    assert run((K.received, D(2025, 9, 26))).provisional == {}
    with pytest.raises(CalendarGap, match="缺少2027年"):
        compute([Event(K.received, D(2026, 12, 10))], CAL.strict(), today=D(2026, 12, 11))


def test_every_deadline_says_whether_it_is_provisional():
    d = run((K.received, D(2026, 12, 1)), (K.consultation_started, D(2026, 12, 14)),
            (K.consultation_ended, D(2026, 12, 16)), (K.fee_notice_sent, D(2026, 12, 17)), today=D(2026, 12, 18))
    # 补正告知 (7 days) ends in December; the third party's 15 days and the fee's 20 reach 2027.
    assert "correction_notice_due" not in d.provisional
    assert d.provisional["third_party_reply_due"] == (2027,)
    assert d.provisional["fee_payment_due"] == (2027,)
    assert d.provisional_years == (2027,)


def test_correction_restarts_the_clock():
    # Corrected request received Thu 2025-10-09; from 10-10: 10-10(1) 10-11 调休(2) 10-13..17(3-7)
    # 10-20..24(8-12) 10-27..31(13-17) 11-03(18) 11-04(19) 11-05(20)
    r = run((K.received, D(2025, 9, 26)), (K.correction_requested, D(2025, 9, 29)), (K.corrected, D(2025, 10, 9)))
    assert r.answer_due == D(2025, 11, 5)
    assert r.clock_start == D(2025, 10, 9)
    assert r.status is Status.in_progress
    assert "2025-10-09收到补正后的申请，答复期限自次日2025-10-10重新起算20个工作日（第三十条）。" in r.explanation


def test_awaiting_correction_has_no_answer_date():
    r = run((K.received, D(2025, 9, 26)), (K.correction_requested, D(2025, 10, 14)), today=D(2025, 12, 31))
    assert r.status is Status.awaiting_correction
    assert r.answer_due is None and not r.overdue
    # Asked one working day after the 7-working-day limit (10-13).
    assert "晚于收到申请后7个工作日的告知期限（2025-10-13）" in r.explanation[1]
    assert r.explanation[-2] == "等待申请人补正，答复期限尚未起算。"
    # The reply is due 15 working days after the notice: 10-15..17, 10-20..24, 10-27..31, 11-03, 11-04.
    assert r.correction_reply_due == D(2025, 11, 4)
    assert r.explanation[-1] == ("申请人应于2025-11-04前补正（告知补正次日起15个工作日）；"
                                 "无正当理由逾期不补正的，视为放弃申请（第三十条）。")


def test_submitted_online_waits_for_confirmation():
    submitted = run((K.submitted, D(2025, 9, 26)), today=D(2025, 10, 31))
    assert submitted.status is Status.submitted and submitted.submitted == D(2025, 9, 26)
    assert (submitted.answer_due, submitted.correction_notice_due, submitted.overdue) == (None, None, False)
    assert submitted.explanation[-1].startswith("待确认：本机关确认收到之日为收到申请之日")
    # Confirmed on Monday 09-29 (the receipt date, Art. 31(3)): 20 working days from 09-30 skip 10-01..08.
    confirmed = run((K.submitted, D(2025, 9, 26)), (K.received, D(2025, 9, 29)), today=D(2025, 10, 31))
    assert confirmed.status is Status.registered and confirmed.clock_start == D(2025, 9, 29)
    assert confirmed.answer_due == D(2025, 11, 3)
    assert "2025-09-29确认收到2025-09-26网上提交的申请（第三十一条第三项" in confirmed.explanation[1]


@pytest.mark.parametrize("events, message", [
    (((K.submitted, D(2025, 9, 26)), (K.correction_requested, D(2025, 9, 29))), "网上提交的申请尚未确认收到"),
    (((K.submitted, D(2025, 9, 26)), (K.answered, D(2025, 9, 29))), "网上提交的申请尚未确认收到"),
    (((K.received, D(2025, 9, 26)), (K.submitted, D(2025, 9, 29))), "“网上提交申请”只能是第一个事件"),
    (((K.submitted, D(2025, 9, 26)), (K.received, D(2025, 9, 25))), "事件顺序有误"),
    (((K.submitted, D(2025, 9, 26)), (K.received, D(2025, 9, 29)), (K.received, D(2025, 9, 30))), "只能记录一次"),
])
def test_an_online_submission_is_confirmed_before_anything_else(events, message):
    with pytest.raises(DeadlineError, match=message):
        run(*events)


def test_correction_lapsed():
    r = run((K.received, D(2025, 3, 3)), (K.correction_requested, D(2025, 3, 5)), (K.correction_lapsed, D(2025, 3, 26)))
    assert r.status is Status.lapsed and r.answer_due is None and not r.overdue


def test_consultation_pause():
    # Without a pause, 2025-03-03 + 20 = 03-31. Consultation 03-10 → 03-17 pauses (03-10, 03-17]:
    # 11, 12, 13, 14, 17 = 5 working days. 03-04..07(1-4) 03-10(5) [pause] 03-18..21(6-9)
    # 03-24..28(10-14) 03-31(15) 04-01..03(16-18) | 04-04..06 清明节 | 04-07(19) 04-08(20)
    r = run((K.received, D(2025, 3, 3)), (K.consultation_started, D(2025, 3, 10)), (K.consultation_ended, D(2025, 3, 17)))
    assert r.answer_due == D(2025, 4, 8)
    assert r.paused_workdays == 5
    # Third party: 15 working days from 03-10: 03-11..14(4) 03-17..21(9) 03-24..28(14) 03-31(15)
    assert r.third_party_reply_due == D(2025, 3, 31)
    assert "2025-03-17征求意见结束，2025-03-10至2025-03-17暂停计时，不计入5个工作日。" in r.explanation


def test_open_consultation_pauses():
    # 03-04..07 and 03-10 counted (5), then the clock stops: 15 left.
    r = run((K.received, D(2025, 3, 3)), (K.consultation_started, D(2025, 3, 10)), today=D(2025, 6, 1))
    assert r.status is Status.paused and r.paused
    assert r.answer_due is None and r.remaining_workdays == 15 and not r.overdue


def test_overlapping_consultations_pause_once():
    # Two third parties, 03-10 → 03-14 and 03-12 → 03-17: paused (03-10, 03-17], same as one.
    r = run(
        (K.received, D(2025, 3, 3)),
        (K.consultation_started, D(2025, 3, 10)),
        (K.consultation_started, D(2025, 3, 12)),
        (K.consultation_ended, D(2025, 3, 14)),
        (K.consultation_ended, D(2025, 3, 17)),
    )
    assert r.answer_due == D(2025, 4, 8) and not r.paused


def test_consultation_after_the_period_ran_out():
    # Due 03-31; a consultation begun 04-02 cannot revive the period.
    r = run((K.received, D(2025, 3, 3)), (K.consultation_started, D(2025, 4, 2)), today=D(2025, 4, 10))
    assert r.answer_due == D(2025, 3, 31) and r.paused and r.overdue


def test_extension():
    # 30 working days from 2025-03-03: the 20th is 03-31, then 04-01..03(21-23) 04-07..11(24-28)
    # 04-14(29) 04-15(30)
    r = run((K.received, D(2025, 3, 3)), Event(K.extension_approved, D(2025, 3, 25), days=10))
    assert r.answer_due == D(2025, 4, 15) and r.allowed_workdays == 30


def test_extension_over_twenty_days():
    with pytest.raises(DeadlineError, match="超过法定上限20个工作日"):
        run(
            (K.received, D(2025, 3, 3)),
            Event(K.extension_approved, D(2025, 3, 20), days=15),
            Event(K.extension_approved, D(2025, 3, 25), days=10),
        )
    with pytest.raises(DeadlineError, match="延期应为1至20个工作日"):
        run((K.received, D(2025, 3, 3)), Event(K.extension_approved, D(2025, 3, 20)))


def test_fee_notice_pauses_by_default():
    # Fee notice 03-10, paid 03-17: the same pause as the consultation case → 04-08.
    # Payment due: 20 working days from 03-10 = 03-11..14(4) 17..21(9) 24..28(14) 31(15)
    # 04-01..03(18) 04-07(19) 04-08(20).
    events = ((K.received, D(2025, 3, 3)), (K.fee_notice_sent, D(2025, 3, 10)), (K.fee_paid, D(2025, 3, 17)))
    assert run(*events).answer_due == D(2025, 4, 8)
    assert run(*events[:2]).fee_payment_due == D(2025, 4, 8)
    assert run(*events, rules=Rules(fee_pauses_clock=False)).answer_due == D(2025, 3, 31)


def test_unpaid_fee_is_explained():
    r = run((K.received, D(2025, 3, 3)), (K.fee_notice_sent, D(2025, 3, 10)), today=D(2025, 4, 9))
    assert r.status is Status.paused
    assert "申请人未在2025-04-08前缴费" in r.explanation[-1]


def test_answered_on_time_and_late():
    on_time = run((K.received, D(2025, 9, 26)), (K.answered, D(2025, 10, 30)))
    assert on_time.status is Status.answered and not on_time.overdue
    assert on_time.explanation[-1] == "2025-10-30已答复，在答复期限（2025-10-30）内。"
    late = run((K.received, D(2025, 9, 26)), (K.answered, D(2025, 10, 31)), (K.archived, D(2025, 11, 3)))
    assert late.status is Status.archived and late.overdue
    assert late.explanation[-2:] == ["2025-10-31已答复，超过答复期限（2025-10-30）。", "2025-11-03归档。"]


def test_overdue_is_relative_to_today():
    assert not run((K.received, D(2025, 9, 26)), today=D(2025, 10, 30)).overdue
    assert run((K.received, D(2025, 9, 26)), today=D(2025, 10, 31)).overdue


@pytest.mark.parametrize(
    "events, message",
    [
        ([(K.answered, D(2025, 1, 2))], "第一个事件应为“收到申请”"),
        ([(K.received, D(2025, 3, 3)), (K.answered, D(2025, 3, 1))], "事件顺序有误"),
        ([(K.received, D(2025, 3, 3)), (K.corrected, D(2025, 3, 5))], "没有“告知补正”事件"),
        ([(K.received, D(2025, 3, 3)), (K.correction_lapsed, D(2025, 3, 5))], "没有“告知补正”事件"),
        ([(K.received, D(2025, 3, 3)), (K.consultation_ended, D(2025, 3, 5))], "没有进行中的征求意见"),
        ([(K.received, D(2025, 3, 3)), (K.fee_paid, D(2025, 3, 5))], "没有待缴费的收费通知"),
        ([(K.received, D(2025, 3, 3)), (K.received, D(2025, 3, 5))], "只能记录一次"),
        (
            [(K.received, D(2025, 3, 3)), (K.correction_requested, D(2025, 3, 4)), (K.corrected, D(2025, 3, 5)),
             (K.correction_requested, D(2025, 3, 6))],
            "补正只能要求一次",
        ),
        (
            [(K.received, D(2025, 3, 3)), (K.correction_requested, D(2025, 3, 4)), (K.consultation_started, D(2025, 3, 5))],
            "等待补正期间",
        ),
        ([(K.received, D(2025, 3, 3)), (K.answered, D(2025, 3, 5)), (K.fee_notice_sent, D(2025, 3, 6))], "已办结"),
        ([(K.received, D(2025, 3, 3)), (K.archived, D(2025, 3, 5))], "尚未答复的申请不能归档"),
        ([(K.received, D(2025, 3, 3)), (K.answered, D(2025, 3, 4)), (K.archived, D(2025, 3, 5)),
          (K.archived, D(2025, 3, 6))], "已归档"),
    ],
)
def test_impossible_histories(events, message):
    with pytest.raises(DeadlineError, match=message):
        run(*events)


def test_no_events():
    with pytest.raises(DeadlineError, match="没有“收到申请”事件"):
        compute([], CAL)


# --- properties -------------------------------------------------------------------------

received = st.dates(D(2019, 1, 1), D(2026, 6, 30))


@settings(max_examples=200, deadline=None)
@given(received)
def test_due_is_a_working_day_twenty_working_days_on(day):
    due = run((K.received, day)).answer_due
    assert CAL.is_workday(due)
    assert CAL.workdays_between(day, due) == 20
    assert CAL.workdays_between(day, due - timedelta(days=1)) == 19


@settings(max_examples=200, deadline=None)
@given(received, st.integers(1, 30), st.integers(0, 25))
def test_a_pause_never_makes_the_due_date_earlier(day, offset, length):
    start = day + timedelta(days=offset)
    base = run((K.received, day)).answer_due
    paused = run((K.received, day), (K.consultation_started, start), (K.consultation_ended, start + timedelta(days=length)))
    assert paused.answer_due >= base
    assert CAL.is_workday(paused.answer_due)
    # The due date moves by exactly the paused working days that fell inside the period.
    assert CAL.workdays_between(day, paused.answer_due) == 20 + paused.paused_workdays


@settings(max_examples=200, deadline=None)
@given(received, st.integers(1, 20))
def test_an_extension_of_k_days_moves_the_due_date_by_k_working_days(day, k):
    base = run((K.received, day)).answer_due
    extended = run((K.received, day), Event(K.extension_approved, day + timedelta(days=1), days=k)).answer_due
    assert CAL.workdays_between(base, extended) == k


@settings(max_examples=100, deadline=None)
@given(received, received)
def test_later_receipt_never_gives_an_earlier_due_date(a, b):
    assume(a <= b)
    assert run((K.received, a)).answer_due <= run((K.received, b)).answer_due


# --- the command ------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_register(monkeypatch, tmp_path):
    """The command counts on the bundled calendar here: no register is named."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("GONGKAI_HOME", str(tmp_path))


def test_cli_marks_a_provisional_date_on_its_line(capsys):
    assert main(["deadline", "2026-12-10", "--working-days", "20"]) == 0
    assert capsys.readouterr().out == (
        "2027-01-08 暂定：2027年节假日安排尚未导入，按《全国年节及纪念日放假办法》推算，未含调休\n")
    assert main(["deadline", "2026-12-10", "--explain"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("2027-01-08 暂定")
    assert any("期间按推算计入的节假日：2027-01-01（元旦）" in line for line in lines[1:])
    # an extended request (40 days) reaches 春节 2027: the provisional days that moved it are named
    assert main(["deadline", "2026-12-30", "--working-days", "40", "--explain"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2027-03-03 暂定：2027年")
    assert "2027-02-05（春节）、2027-02-08（春节）、2027-02-09（春节补假）、2027-02-10（春节补假）" in out


def test_cli_prints_the_due_date(capsys):
    assert main(["deadline", "2025-09-26"]) == 0
    assert capsys.readouterr().out == "2025-10-30\n"


def test_cli_explains(capsys):
    assert main(["deadline", "2025-01-20", "--explain"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "2025-02-21"
    assert lines[1].startswith("2025-01-20收到申请")
    assert "跳过2025-01-28至2025-02-04（春节）节假日，2025-01-26、2025-02-08为调休工作日" in lines[2]


def test_cli_working_days(capsys):
    # 7 working days from 2025-09-26: 09-28(1) 29(2) 30(3) 10-09(4) 10(5) 11(6) 13(7)
    assert main(["deadline", "2025-09-26", "--working-days", "7"]) == 0
    assert capsys.readouterr().out == "2025-10-13\n"


@pytest.mark.parametrize(
    "argv, message",
    [
        (["deadline", "2025-13-01"], "gongkai: 日期格式有误：“2025-13-01”，应为YYYY-MM-DD（例如2025-09-26）"),
        (["deadline", "2026-12-10", "--strict"], "gongkai: 工作日历缺少2027年的节假日安排数据，请导入国务院办公厅当年的节假日安排通知"),
        (["deadline", "2025-09-26", "--working-days", "-3"], "gongkai: 工作日数应为正整数，而不是-3"),
        (["deadline", "2025-09-26", "--working-days", "x"], "gongkai: 工作日数应为正整数，而不是“x”"),
    ],
)
def test_cli_errors_are_one_line(capsys, argv, message):
    assert main(argv) == 2
    out = capsys.readouterr()
    assert out.out == "" and out.err == message + "\n"


def test_cli_admin_calendar(tmp_path, capsys):
    (tmp_path / "2027.txt").write_text("year 2027\n2027-01-01..2027-01-03 holiday 元旦\n", encoding="utf-8")
    # 2026-12-10: 15 working days in December, then 2027-01-04..08 (16-20)
    assert main(["deadline", "2026-12-10", "--calendar", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "2027-01-08\n"  # a notice for 2027: final, no 暂定
