"""Statutory deadlines of one request, derived from its events and never typed in.

A request's history is a list of events (received, correction requested, consultation
started, …). `compute` replays it against the working-day calendar and the rules of the
政府信息公开条例 (`Rules`, law as data) and returns every deadline together with the
Chinese sentences that explain it, one per step. The same replay says which steps may
come next (`next_steps`, with their defaults) and why any other is refused (`refusal`):
every part of gongkai that offers or records a step asks here.

Counting, as the regulation and 民法典第二百零一条 have it:

* the answer period is 20 working days counted from the day after receipt (第三十一条、
  第三十三条第二款); after a 补正 request the period restarts from the day after the
  corrected request is received (第三十条);
* time spent consulting a third party or another agency is not counted (第三十三条第三款):
  a consultation from day S to day E pauses the working days in (S, E]. Working days are
  skipped only where the clock is actually paused, so a consultation begun after the
  period has run out does not revive it;
* while a consultation is open the final date is not known: `answer_due` is None and
  `remaining_workdays` says how many working days are left on the clock (unless the
  period had already run out before the pause, in which case that date stands);
* an approved extension adds its working days, at most 20 in all (第三十三条第二款); it is
  asked for and decided (approved or refused by the head) within the answer period in force;
* the time between a fee notice and payment pauses the clock like a consultation
  (`Rules.fee_pauses_clock`; the reference material marks this point as not yet checked
  against the 信息处理费管理办法 text, so it is a rule an agency can switch off);
* a request submitted online (第三十一条第三项) is received on the day both sides confirm it:
  until the office confirms it (the `received` event) it is 待确认, no period runs, and
  confirming is the only step that may follow;
* after a 补正 request the applicant has `Rules.correction_reply_days` working days to reply
  (a reasonable period, usually no more than 15 working days under the Jiangsu rules the
  State Council forwarded); without a reply in time the request lapses (第三十条);
* a date counted through a year whose holiday notice is not yet imported is provisional
  (暂定): `Deadlines.provisional` names, per deadline, the years it went through, and the
  explanation names the provisional rest days that moved it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from typing import Sequence

from .errors import GongkaiError
from .holiday_law import provisional_reason
from .workdays import WorkCalendar

ONE_DAY = timedelta(days=1)


class DeadlineError(GongkaiError):
    """A request's events cannot have happened in this order or with these values."""


class EventKind(str, Enum):
    submitted = "submitted"
    received = "received"
    correction_requested = "correction_requested"
    corrected = "corrected"
    correction_lapsed = "correction_lapsed"
    consultation_started = "consultation_started"
    consultation_ended = "consultation_ended"
    extension_requested = "extension_requested"
    extension_approved = "extension_approved"
    extension_refused = "extension_refused"
    fee_notice_sent = "fee_notice_sent"
    fee_paid = "fee_paid"
    answered = "answered"
    archived = "archived"


EVENT_LABELS = {
    EventKind.submitted: "网上提交申请",
    EventKind.received: "收到申请",
    EventKind.correction_requested: "告知补正",
    EventKind.corrected: "收到补正后的申请",
    EventKind.correction_lapsed: "逾期未补正",
    EventKind.consultation_started: "开始征求意见",
    EventKind.consultation_ended: "征求意见结束",
    EventKind.extension_requested: "申请延期答复",
    EventKind.extension_approved: "批准延期答复",
    EventKind.extension_refused: "不批准延期",
    EventKind.fee_notice_sent: "发出收费通知",
    EventKind.fee_paid: "缴纳费用",
    EventKind.answered: "答复",
    EventKind.archived: "归档",
}


class Status(str, Enum):
    submitted = "submitted"
    registered = "registered"
    awaiting_correction = "awaiting_correction"
    in_progress = "in_progress"
    paused = "paused"
    answered = "answered"
    lapsed = "lapsed"
    archived = "archived"


STATUS_LABELS = {
    Status.submitted: "待确认",
    Status.registered: "已登记",
    Status.awaiting_correction: "等待补正",
    Status.in_progress: "办理中",
    Status.paused: "暂停计时",
    Status.answered: "已答复",
    Status.lapsed: "视为放弃",
    Status.archived: "已归档",
}


@dataclass(frozen=True)
class Event:
    kind: EventKind
    on: date
    days: int | None = None  # working days of an extension_approved
    note: str = ""


@dataclass(frozen=True)
class Rules:
    """The periods of the regulation, in working days; an agency may configure them."""

    answer_days: int = 20  # 第三十三条第二款
    max_extension_days: int = 20  # 第三十三条第二款
    correction_notice_days: int = 7  # 第三十条
    correction_reply_days: int = 15  # 第三十条“合理的补正期限”：一般不超过15个工作日
    third_party_days: int = 15  # 第三十二条
    fee_payment_days: int = 20  # 信息处理费管理办法：收到收费通知次日起20个工作日
    fee_pauses_clock: bool = True


RULES = Rules()


@dataclass(frozen=True)
class Deadlines:
    status: Status
    answer_due: date | None
    correction_notice_due: date | None
    third_party_reply_due: date | None
    fee_payment_due: date | None
    paused: bool
    overdue: bool
    explanation: list[str] = field(default_factory=list)
    clock_start: date | None = None  # the period counts from the day after this date
    allowed_workdays: int = 0  # answer days plus extensions
    paused_workdays: int = 0  # paused working days that moved the answer date
    remaining_workdays: int | None = None  # while paused: working days left on the clock
    extension_requested: int | None = None  # working days of an extension awaiting the head's decision
    correction_reply_due: date | None = None  # while awaiting a 补正: the last day for the applicant's reply
    submitted: date | None = None  # the day a request was submitted online, before it was confirmed
    # deadline name ("answer_due", …) -> the provisional years its count went through
    provisional: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def provisional_years(self) -> tuple[int, ...]:
        """Every provisional year any of the deadlines went through."""
        return tuple(sorted({y for years in self.provisional.values() for y in years}))

    def provisional_note(self, name: str = "answer_due") -> str:
        """Why one deadline is provisional ('' when it is final)."""
        years = self.provisional.get(name)
        return provisional_reason(years) if years else ""


@dataclass
class _Pause:
    kind: str  # "consultation" or "fee"
    start: date
    end: date | None = None


@dataclass
class _State:
    submitted: date | None = None  # submitted online, received when the office confirms it
    received: date | None = None
    clock_start: date | None = None
    correction: str | None = None  # requested, corrected, lapsed
    correction_on: date | None = None  # the day the 补正 was asked for
    extension: int = 0
    pauses: list[_Pause] = field(default_factory=list)
    open_consultations: int = 0
    answered: date | None = None
    archived: bool = False
    third_party_reply_due: date | None = None
    fee_payment_due: date | None = None
    extension_pending: int | None = None  # working days asked for, awaiting the head
    counted_from: dict[str, date] = field(default_factory=dict)  # deadline name -> the day its count starts after
    last: Event | None = None
    lines: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)

    def open_pause(self, kind: str) -> _Pause | None:
        return next((p for p in self.pauses if p.kind == kind and p.end is None), None)


def compute(
    events: Sequence[Event],
    calendar: WorkCalendar,
    today: date | None = None,
    rules: Rules = RULES,
) -> Deadlines:
    """Every deadline of one request, its status and the steps that led to them."""
    today = today or date.today()
    s = _replay(events, calendar, rules)
    if s.received is None and s.submitted is not None:
        return _awaiting_confirmation(s)
    if s.received is None:
        raise DeadlineError("没有“收到申请”事件，无法计算期限")

    correction_notice_due = calendar.add_workdays(s.received, rules.correction_notice_days)
    allowed = rules.answer_days + s.extension
    due = consumed = None
    paused_days = 0
    if s.clock_start is not None:
        due, consumed, paused_days = _walk(calendar, s.clock_start, allowed, s.pauses)
    paused = s.answered is None and not s.archived and any(p.end is None for p in s.pauses)

    result = _result_line(calendar, s, rules, allowed, due, consumed, paused_days, paused)
    if s.answered is not None and due is not None:
        late = s.answered > due
        s.closing.insert(0, f"{s.answered}已答复，{'超过' if late else '在'}答复期限（{due}）{'' if late else '内'}。")
    elif s.answered is not None:
        s.closing.insert(0, f"{s.answered}已答复。")
    if s.answered is None and not s.archived and s.fee_payment_due and today > s.fee_payment_due:
        s.closing.append(f"申请人未在{s.fee_payment_due}前缴费，视为放弃申请，可按“申请人逾期未按收费通知要求缴纳费用”办结。")

    reply_due = None
    if s.correction == "requested":
        reply_due = calendar.add_workdays(s.correction_on, rules.correction_reply_days)
        s.closing.append(f"申请人应于{reply_due}前补正（告知补正次日起{rules.correction_reply_days}个工作日）；"
                         "无正当理由逾期不补正的，视为放弃申请（第三十条）。")
    counted = {
        "answer_due": (s.clock_start, due),
        "correction_notice_due": (s.received, correction_notice_due),
        "correction_reply_due": (s.correction_on, reply_due),
        "third_party_reply_due": (s.counted_from.get("third_party_reply_due"), s.third_party_reply_due),
        "fee_payment_due": (s.counted_from.get("fee_payment_due"), s.fee_payment_due),
    }
    provisional = {
        name: tuple(years) for name, (a, b) in counted.items()
        if a is not None and b is not None and (years := calendar.provisional_years_in(a, b))
    }
    if "answer_due" in provisional:
        s.closing.append(_provisional_line(calendar, s.clock_start, due, provisional["answer_due"]))

    if due is None:
        overdue = False
    elif s.answered is not None:
        overdue = s.answered > due
    elif s.archived or s.correction == "lapsed":
        overdue = False
    else:
        overdue = today > due

    return Deadlines(
        status=_status(s, paused),
        answer_due=due,
        correction_notice_due=correction_notice_due,
        third_party_reply_due=s.third_party_reply_due,
        fee_payment_due=s.fee_payment_due,
        paused=paused,
        overdue=overdue,
        explanation=s.lines + ([result] if result else []) + s.closing,
        clock_start=s.clock_start,
        allowed_workdays=allowed,
        paused_workdays=paused_days,
        remaining_workdays=(allowed - consumed) if due is None and consumed is not None else None,
        extension_requested=s.extension_pending,
        correction_reply_due=reply_due,
        submitted=s.submitted,
        provisional=provisional,
    )


def _awaiting_confirmation(s: _State) -> Deadlines:
    """A request submitted online and not yet confirmed: no period runs yet (第三十一条第三项)."""
    return Deadlines(
        status=Status.submitted, answer_due=None, correction_notice_due=None, third_party_reply_due=None,
        fee_payment_due=None, paused=False, overdue=False, submitted=s.submitted,
        explanation=s.lines + ["待确认：本机关确认收到之日为收到申请之日，答复期限自确认之日的次日起算。"],
    )


def _provisional_line(calendar: WorkCalendar, start: date, due: date, years) -> str:
    days = calendar.provisional_days_in(start, due)
    used = "、".join(f"{d}（{name}）" for d, name in days) if days else "无"
    return (f"答复期限为暂定：{provisional_reason(years)}；期间按推算计入的节假日：{used}。"
            "导入该年通知后将自动重新计算。")


# --- the lifecycle: which step may follow which -----------------------------------------


@dataclass(frozen=True)
class Step:
    """A step that may lawfully be recorded next, with the defaults its form starts from."""

    kind: EventKind
    earliest: date  # not before the last recorded step
    latest: date | None = None  # an extension: the answer date in force (None: the rules fix no limit)
    days: int | None = None  # working days proposed (extensions: what was asked, else what is left)
    max_days: int | None = None
    note_required: bool = False  # the step must say why (an extension request)

    @property
    def label(self) -> str:
        return EVENT_LABELS[self.kind]


def next_steps(events: Sequence[Event], calendar: WorkCalendar, rules: Rules = RULES) -> list[Step]:
    """The steps the rules allow after `events`, in the order of `EventKind`.

    A step is offered exactly when `compute` would accept it as the next event on the date
    of the last one: both ask `_refusal`, so buttons and the register cannot disagree.
    """
    s = _replay(events, calendar, rules)
    if s.last is None:
        raise DeadlineError("没有“收到申请”事件，无法确定下一步办理事项")
    steps = []
    for kind in EventKind:
        days = _default_days(s, kind, rules)
        if _refusal(s, Event(kind, s.last.on, days=days), calendar, rules) is None:
            extension = kind in EXTENSION_STEPS
            steps.append(Step(
                kind, s.last.on,
                latest=_due_now(s, calendar, rules) if extension else None,
                days=days,
                max_days=rules.max_extension_days - s.extension if extension else None,
                note_required=kind in _NOTE_REQUIRED,
            ))
    return steps


def refusal(events: Sequence[Event], event: Event, calendar: WorkCalendar, rules: Rules = RULES) -> str | None:
    """Why `event` cannot be recorded after `events` (None when it can)."""
    s = _replay(events, calendar, rules)
    reason = _refusal(s, event, calendar, rules)
    if reason is None and EventKind(event.kind) in _NOTE_REQUIRED and not event.note.strip():
        reason = f"“{EVENT_LABELS[EventKind(event.kind)]}”须说明理由"
    return reason


_FIRST = (EventKind.received, EventKind.submitted)  # a request starts received, or submitted online
EXTENSION_STEPS = (EventKind.extension_requested, EventKind.extension_approved)  # the steps that count days
_NOTE_REQUIRED = (EventKind.extension_requested, EventKind.extension_refused)
_NEEDS_RUNNING_CLOCK = (EventKind.consultation_started, EventKind.fee_notice_sent) + EXTENSION_STEPS


def _replay(events: Sequence[Event], calendar: WorkCalendar, rules: Rules) -> _State:
    s = _State()
    for event in events:
        reason = _refusal(s, event, calendar, rules)
        if reason is not None:
            raise DeadlineError(reason)
        _APPLY[EventKind(event.kind)](s, event, calendar, rules)
        s.last = event
    return s


def _default_days(s: _State, kind: EventKind, rules: Rules) -> int | None:
    if kind not in EXTENSION_STEPS:
        return None
    left = rules.max_extension_days - s.extension
    if kind is EventKind.extension_approved and s.extension_pending:
        return min(s.extension_pending, left)
    return left


def _due_now(s: _State, calendar: WorkCalendar, rules: Rules) -> date | None:
    """The answer date in force after the steps so far (None: not started, or paused)."""
    if s.clock_start is None:
        return None
    return _walk(calendar, s.clock_start, rules.answer_days + s.extension, s.pauses)[0]


def _refusal(s: _State, e: Event, calendar: WorkCalendar, rules: Rules) -> str | None:
    """Why `e` cannot follow the history in `s`; None when the rules allow it."""
    k = EventKind(e.kind)
    label = EVENT_LABELS[k]
    if s.last is None:
        return None if k in _FIRST else f"第一个事件应为“收到申请”，而不是“{label}”"
    if e.on < s.last.on:
        return f"事件顺序有误：“{label}”（{e.on}）早于前一事件“{EVENT_LABELS[EventKind(s.last.kind)]}”（{s.last.on}）"
    if k is EventKind.submitted:
        return "“网上提交申请”只能是第一个事件"
    if s.received is None and k is not EventKind.received:
        return f"网上提交的申请尚未确认收到，不能“{label}”：应先确认收到（第三十一条第三项，以双方确认之日为收到申请之日）"
    if s.archived:
        return f"申请已归档，不能再记录“{label}”"
    if (s.answered or s.correction == "lapsed") and k is not EventKind.archived:
        return f"申请已办结，不能再记录“{label}”"
    if k in _NEEDS_RUNNING_CLOCK and s.correction == "requested":
        return f"等待补正期间答复期限尚未起算，不能“{label}”"
    check = _CHECKS.get(k)
    return check(s, e, calendar, rules) if check else None


def _check_received(s, e, calendar, rules):
    return None if s.received is None else "“收到申请”只能记录一次"


def _check_correction_requested(s, e, calendar, rules):
    if s.correction is not None:
        return "补正只能要求一次：应一次性告知需要补正的事项（第三十条）"
    if s.pauses or s.extension or s.extension_pending:
        return "补正应在征求意见、延期或收费之前告知（第三十条）"
    return None


def _check_correction_answered(s, e, calendar, rules):
    if s.correction != "requested":
        return f"没有“告知补正”事件，不能记录“{EVENT_LABELS[EventKind(e.kind)]}”"
    return None


def _check_consultation_ended(s, e, calendar, rules):
    return None if s.open_consultations else "没有进行中的征求意见，不能记录“征求意见结束”"


def _check_extension(s, e, calendar, rules):
    if EventKind(e.kind) is EventKind.extension_requested and s.extension_pending is not None:
        return "已有待负责人批准的延期申请"
    if s.extension >= rules.max_extension_days:
        return f"答复期限已延长{s.extension}个工作日，达到法定上限（第三十三条第二款）"
    if not isinstance(e.days, int) or isinstance(e.days, bool) or e.days < 1:
        return f"延期应为1至{rules.max_extension_days}个工作日，而不是{e.days}"
    if s.extension + e.days > rules.max_extension_days:
        return (f"延长答复期限累计{s.extension + e.days}个工作日，超过法定上限{rules.max_extension_days}个工作日"
                "（第三十三条第二款）")
    due = _due_now(s, calendar, rules)
    if due is not None and e.on > due:
        return f"答复期限已于{due}届满，延期须在答复期限内申请和批准（第三十三条第二款）"
    return None


def _check_extension_refused(s, e, calendar, rules):
    return None if s.extension_pending is not None else "没有待批准的延期申请"


def _check_fee_notice(s, e, calendar, rules):
    return None if s.fee_payment_due is None else "已有未缴费的收费通知，不能再次发出"


def _check_fee_paid(s, e, calendar, rules):
    return None if s.fee_payment_due is not None else "没有待缴费的收费通知，不能记录“缴纳费用”"


def _check_archived(s, e, calendar, rules):
    return None if s.answered or s.correction == "lapsed" else "尚未答复的申请不能归档"


_CHECKS = {
    EventKind.received: _check_received,
    EventKind.correction_requested: _check_correction_requested,
    EventKind.corrected: _check_correction_answered,
    EventKind.correction_lapsed: _check_correction_answered,
    EventKind.consultation_ended: _check_consultation_ended,
    EventKind.extension_requested: _check_extension,
    EventKind.extension_approved: _check_extension,
    EventKind.extension_refused: _check_extension_refused,
    EventKind.fee_notice_sent: _check_fee_notice,
    EventKind.fee_paid: _check_fee_paid,
    EventKind.archived: _check_archived,
}


# --- what each step does to the clock ---------------------------------------------------


def _submitted(s, e, calendar, rules):
    s.submitted = e.on
    s.lines.append(f"{e.on}通过互联网提交申请，待本机关确认；以双方确认之日为收到申请之日（《政府信息公开条例》第三十一条第三项）。")


def _received(s, e, calendar, rules):
    s.received = s.clock_start = e.on
    how = (f"确认收到{s.submitted}网上提交的申请（第三十一条第三项，以双方确认之日为收到申请之日）" if s.submitted
           else "收到申请（《政府信息公开条例》第三十一条）")
    s.lines.append(f"{e.on}{how}，答复期限自次日{e.on + ONE_DAY}起算{rules.answer_days}个工作日（第三十三条第二款）。")


def _correction_requested(s, e, calendar, rules):
    notice_due = calendar.add_workdays(s.received, rules.correction_notice_days)
    late = f"，晚于收到申请后{rules.correction_notice_days}个工作日的告知期限（{notice_due}）" if e.on > notice_due else ""
    s.correction, s.correction_on, s.clock_start = "requested", e.on, None
    s.lines.append(f"{e.on}告知申请人补正（第三十条）{late}，答复期限待收到补正后的申请重新起算。")


def _corrected(s, e, calendar, rules):
    s.correction, s.clock_start = "corrected", e.on
    s.lines.append(
        f"{e.on}收到补正后的申请，答复期限自次日{e.on + ONE_DAY}重新起算{rules.answer_days}个工作日（第三十条）。"
    )


def _correction_lapsed(s, e, calendar, rules):
    s.correction = "lapsed"
    s.lines.append(f"{e.on}申请人无正当理由逾期未补正，视为放弃申请，不再处理（第三十条）。")


def _consultation_started(s, e, calendar, rules):
    s.open_consultations += 1
    if s.open_consultations == 1:
        s.pauses.append(_Pause("consultation", e.on))
    s.third_party_reply_due = calendar.add_workdays(e.on, rules.third_party_days)
    s.counted_from["third_party_reply_due"] = e.on
    s.lines.append(
        f"{e.on}开始征求第三方或其他机关意见，所需时间不计入答复期限（第三十三条第三款）；"
        f"被征求意见方应于{s.third_party_reply_due}前回复（第三十二条，{rules.third_party_days}个工作日）。"
    )


def _consultation_ended(s, e, calendar, rules):
    s.open_consultations -= 1
    if s.open_consultations == 0:
        pause = s.open_pause("consultation")
        pause.end = e.on
        n = calendar.workdays_between(pause.start, e.on)
        s.lines.append(f"{e.on}征求意见结束，{pause.start}至{e.on}暂停计时，不计入{n}个工作日。")
    else:
        s.lines.append(f"{e.on}一项征求意见结束，仍有{s.open_consultations}项进行中。")


def _extension_requested(s, e, calendar, rules):
    s.extension_pending = e.days
    reason = f"，理由：{e.note.strip()}" if e.note.strip() else ""
    s.lines.append(f"{e.on}申请延长答复期限{e.days}个工作日，待负责人批准（第三十三条第二款）{reason}。")


def _extension_approved(s, e, calendar, rules):
    s.extension += e.days
    s.extension_pending = None
    s.lines.append(
        f"{e.on}经批准延长答复期限{e.days}个工作日（第三十三条第二款，累计{s.extension}个工作日，"
        f"最长{rules.max_extension_days}个工作日）。"
    )


def _extension_refused(s, e, calendar, rules):
    s.extension_pending = None
    s.lines.append(f"{e.on}负责人不同意延长答复期限，答复期限不变。")


def _fee_notice_sent(s, e, calendar, rules):
    s.fee_payment_due = calendar.add_workdays(e.on, rules.fee_payment_days)
    s.counted_from["fee_payment_due"] = e.on
    if rules.fee_pauses_clock:
        s.pauses.append(_Pause("fee", e.on))
    pause = "，缴费期间不计入答复期限" if rules.fee_pauses_clock else ""
    s.lines.append(
        f"{e.on}发出信息处理费收费通知，申请人应于{s.fee_payment_due}前缴费"
        f"（收到通知次日起{rules.fee_payment_days}个工作日）{pause}。"
    )


def _fee_paid(s, e, calendar, rules):
    pause = s.open_pause("fee")
    if pause:
        pause.end = e.on
        n = calendar.workdays_between(pause.start, e.on)
        s.lines.append(f"{e.on}申请人缴纳费用，{pause.start}至{e.on}暂停计时，不计入{n}个工作日。")
    else:
        s.lines.append(f"{e.on}申请人缴纳费用。")
    s.fee_payment_due = None


def _answered(s, e, calendar, rules):
    s.answered = e.on
    for p in s.pauses:  # an answer given during a pause ends it
        if p.end is None:
            p.end = e.on


def _archived(s, e, calendar, rules):
    s.archived = True
    s.closing.append(f"{e.on}归档。")


_APPLY = {
    EventKind.submitted: _submitted,
    EventKind.received: _received,
    EventKind.correction_requested: _correction_requested,
    EventKind.corrected: _corrected,
    EventKind.correction_lapsed: _correction_lapsed,
    EventKind.consultation_started: _consultation_started,
    EventKind.consultation_ended: _consultation_ended,
    EventKind.extension_requested: _extension_requested,
    EventKind.extension_approved: _extension_approved,
    EventKind.extension_refused: _extension_refused,
    EventKind.fee_notice_sent: _fee_notice_sent,
    EventKind.fee_paid: _fee_paid,
    EventKind.answered: _answered,
    EventKind.archived: _archived,
}


def _walk(calendar: WorkCalendar, start: date, allowed: int, pauses: list[_Pause]):
    """Count `allowed` unpaused working days after `start`: (due or None, counted, paused days)."""
    counted = skipped = 0
    d = start
    while True:
        d += ONE_DAY
        held = [p for p in pauses if p.start < d and (p.end is None or d <= p.end)]
        if any(p.end is None for p in held):
            return None, counted, skipped
        if not calendar.is_workday(d):
            continue
        if held:
            skipped += 1
            continue
        counted += 1
        if counted == allowed:
            return d, counted, skipped


def _result_line(calendar, s: _State, rules: Rules, allowed, due, consumed, paused_days, paused) -> str:
    if s.correction == "lapsed" or (s.clock_start is None and s.answered is not None):
        return ""
    if s.clock_start is None:
        return "等待申请人补正，答复期限尚未起算。"
    if due is None:
        return (
            f"答复期限暂停计时：已计{consumed}个工作日，尚余{allowed - consumed}个工作日，恢复计时后确定答复期限。"
        )
    details = [f"自{s.clock_start + ONE_DAY}起算{rules.answer_days}个工作日"]
    if s.extension:
        details.append(f"延期{s.extension}个工作日")
    if paused_days:
        details.append(f"另有{paused_days}个工作日暂停计时不计入")
    span = calendar.describe_span(s.clock_start, due)
    if span:
        details.append(span)
    line = f"答复期限：{due}（{'，'.join(details)}）。"
    if paused and due is not None:
        line += "暂停计时开始前答复期限已届满。"
    return line


def _status(s: _State, paused: bool) -> Status:
    if s.archived:
        return Status.archived
    if s.correction == "lapsed":
        return Status.lapsed
    if s.answered is not None:
        return Status.answered
    if s.correction == "requested":
        return Status.awaiting_correction
    if paused:
        return Status.paused
    if EventKind(s.last.kind) is EventKind.received:
        return Status.registered
    return Status.in_progress
