"""Registering requests and recording their events; deadlines always come from gongkai.deadlines."""

from __future__ import annotations

import re
from datetime import date

from django.db import IntegrityError, transaction

from .. import choices
from ..errors import EditConflict, Refused
from ..models import Agency, Event, NumberCounter, Request
from . import access, audit, clock, personal
from .calendar import current_calendar

REGISTER_FIELDS = (
    "applicant_kind", "applicant_name", "id_number", "contact", "address", "channel", "received",
    "items", "delivery_form", "delivery_channel", "handler",
)


def today() -> date:
    """The register's today: the local date, or the day `clock.fixed` sets (demo builds, tests)."""
    return clock.today()


def next_number(agency: Agency, year: int) -> str:
    """The agency's next number of `year`, from its counter row, locked until the transaction ends.

    Call inside a transaction: simultaneous registrations then take consecutive numbers in
    turn instead of colliding. A counter starts after the highest number already in use.
    """
    stem = f"{agency.number_prefix}〔{year}〕"
    if not NumberCounter.objects.filter(agency=agency, year=year).exists():
        NumberCounter.objects.bulk_create([NumberCounter(agency=agency, year=year, last=_highest(agency, stem))],
                                          ignore_conflicts=True)
    counter = NumberCounter.objects.select_for_update().get(agency=agency, year=year)
    n = counter.last + 1
    while Request.objects.filter(agency=agency, number=_numbered(stem, n)).exists():
        n += 1  # a number given by hand
    counter.last = n
    counter.save(update_fields=["last"])
    return _numbered(stem, n)


def _numbered(stem: str, n: int) -> str:
    return f"{stem}{n:04d}号"


def _highest(agency: Agency, stem: str) -> int:
    pattern = re.compile(re.escape(stem) + r"(\d+)号$")
    numbers = Request.objects.filter(agency=agency, number__startswith=stem).values_list("number", flat=True)
    return max((int(m.group(1)) for m in map(pattern.match, numbers) if m), default=0)


def register(agency: Agency, user, *, number: str | None = None, check_access: bool = True, **fields) -> Request:
    """Register a request and its `received` event, then compute its deadlines."""
    if check_access:
        access.require_write(user, agency)
    unknown = set(fields) - set(REGISTER_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    received = fields["received"]
    if received > today():
        raise Refused("收到申请日期不能晚于今天")
    try:
        with transaction.atomic():
            req = Request.objects.create(agency=agency, number=number or next_number(agency, received.year), **fields)
            Event.objects.create(request=req, kind="received", on=received, by=user)
            recompute(req)
            audit.record(user, "register", req, agency, number=req.number, received=received,
                         applicant_kind=req.applicant_kind, channel=req.channel)
            return req
    except IntegrityError:
        raise Refused("申请编号已被使用，请更换编号") from None


def library_events(events) -> list:
    """The register's events as gongkai.deadlines events."""
    from gongkai.deadlines import Event as DeadlineEvent, EventKind

    return [DeadlineEvent(EventKind(e.kind), e.on, days=e.days, note=e.note) for e in events]


def deadlines(req: Request, events=None, calendar=None, on: date | None = None):
    """The computed deadlines of a request, with their explanations (raises DeadlineError/CalendarGap)."""
    from gongkai.deadlines import compute

    evs = list(req.events.all()) if events is None else events
    return compute(library_events(evs), calendar or current_calendar(), today=on or today())


def recompute(req: Request, calendar=None, on: date | None = None) -> Request:
    """Store the computed due dates and status on the request (for fast lists)."""
    from gongkai.errors import GongkaiError

    try:
        d = deadlines(req, calendar=calendar, on=on)
    except GongkaiError as exc:
        req.deadline_problem = str(exc)[:300]
        req.save(update_fields=["deadline_problem", "updated_at"])
        return req
    req.answer_due = d.answer_due
    req.answer_due_provisional = ",".join(str(y) for y in d.provisional.get("answer_due", ()))
    req.correction_notice_due = d.correction_notice_due
    req.third_party_reply_due = d.third_party_reply_due
    req.fee_payment_due = d.fee_payment_due
    req.paused = bool(d.paused)
    req.status = lifecycle_status(d)
    req.deadline_problem = ""
    req.save(update_fields=[
        "answer_due", "answer_due_provisional", "correction_notice_due", "third_party_reply_due", "fee_payment_due",
        "paused", "status", "deadline_problem", "updated_at",
    ])
    return req


def lifecycle_status(d) -> str:
    return getattr(d.status, "value", d.status)


def add_event(req: Request, user, kind: str, on: date, *, days: int | None = None, note: str = "",
              outcome: str = "", legal_basis: str = "", check_access: bool = True) -> Event:
    """Record one step; the deadlines library decides whether the sequence is lawful."""
    from gongkai.errors import GongkaiError

    if check_access:
        access.require_write(user, req.agency)
        if kind == "extension_approved":
            access.require_head(user, req.agency)
    if kind not in choices.EVENT_LABELS or kind == "received":
        raise Refused("未知的办理事项")
    if req.status == "archived":
        raise Refused("该申请已归档，不能再记录办理事项")
    if on > today():
        raise Refused("日期不能晚于今天")
    if on < req.received:
        raise Refused("日期不能早于收到申请日期")
    if kind in ("answered", "correction_lapsed") and req.answered:
        raise Refused("该申请已答复")
    if kind == "archived" and not req.answered:
        raise Refused("尚未答复的申请不能归档")
    if kind == "correction_lapsed":
        outcome = "other.no_correction"
    if kind == "answered":
        if outcome not in choices.OUTCOME_KEYS:
            raise Refused("请选择办理结果")
        if not legal_basis.strip():
            raise Refused("请填写法律依据")
    if kind == "extension_approved" and days is None:
        days = 20
    if days is not None and not (1 <= days <= 20) and kind == "extension_approved":
        raise Refused("延长答复期限最长不得超过20个工作日（条例第三十三条）")
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=req.pk)
        event = Event(request=locked, kind=kind, on=on, days=days, note=note, outcome=outcome,
                      legal_basis=legal_basis, by=user)
        existing = list(locked.events.all())
        try:
            deadlines(locked, events=existing + [event])
        except GongkaiError as exc:
            raise Refused(str(exc)) from exc
        event.save()
        if kind in ("answered", "correction_lapsed"):
            locked.outcome, locked.legal_basis, locked.answered = outcome, legal_basis, on
            locked.save(update_fields=["outcome", "legal_basis", "answered", "updated_at"])
        recompute(locked)
        audit.record(user, f"event.{kind}", locked, locked.agency, on=on, days=days, note=note,
                     outcome=outcome, legal_basis=legal_basis)
    req.refresh_from_db()
    return event


CHOICE_FIELDS = {
    "applicant_kind": choices.APPLICANT_KINDS, "channel": choices.CHANNELS,
    "delivery_form": choices.DELIVERY_FORMS, "delivery_channel": choices.DELIVERY_CHANNELS,
}
REQUIRED_FIELDS = ("applicant_kind", "applicant_name", "channel", "received", "items")
PERSONAL_FIELDS = personal.FIELDS  # audited by name only, never by value


def details_seen(req: Request) -> dict[str, str]:
    """The registered details as an editor sees them when opening the form (see `update_details`)."""
    return {k: _seen_value(getattr(req, k)) for k in REGISTER_FIELDS}


def _seen_value(value) -> str:
    value = getattr(value, "pk", value)
    return "" if value is None else str(value)


def update_details(req: Request, user, check_access: bool = True, *, seen: dict[str, str] | None = None,
                   **fields) -> Request:
    """Correct the registered details; every change is audited with what it was and what it became.

    The receipt date drives every deadline, so it changes only when the request's events stay
    lawful with the new date (none earlier than it, the deadlines library accepting the
    sequence); the `received` event moves with it and the deadlines are recomputed.
    `seen` is `details_seen` of the request when the editor opened it: if another save came
    in between, nothing is saved and EditConflict says which details changed (optimistic locking).
    """
    from gongkai.errors import GongkaiError

    if check_access:
        access.require_write(user, req.agency)
    unknown = set(fields) - set(REGISTER_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _validate_details(req.agency, fields)
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=req.pk)
        if locked.status == "archived":
            raise Refused("该申请已归档，不能再修改申请信息")
        if seen is not None:
            now = details_seen(locked)
            stale = [k for k in REGISTER_FIELDS if k in seen and seen[k] != now[k]]
            if stale:
                raise EditConflict({k: (Request._meta.get_field(k).verbose_name, getattr(locked, k)) for k in stale})
        changed = {k: v for k, v in fields.items() if getattr(locked, k) != v}
        before = {k: getattr(locked, k) for k in changed}
        for k, v in changed.items():
            setattr(locked, k, v)
        if not changed:
            return req
        received_event = None
        if "received" in changed:
            events = list(locked.events.all())
            received_event = next(e for e in events if e.kind == "received")
            later = [e for e in events if e is not received_event and e.on < locked.received]
            if later:
                e = later[0]
                raise Refused(f"收到申请日期不能晚于已记录的“{e.get_kind_display()}”（{e.on}）")
            received_event.on = locked.received
            try:
                deadlines(locked, events=events)
            except GongkaiError as exc:
                raise Refused(f"按新的收到申请日期无法计算期限：{exc}") from exc
        locked.save()
        if received_event is not None:
            received_event.save(update_fields=["on"])
            recompute(locked)
        audit.record(user, "update", locked, locked.agency, fields=sorted(changed),
                     changes={k: [_audit_value(before[k]), _audit_value(v)]
                              for k, v in changed.items() if k not in PERSONAL_FIELDS})
    req.refresh_from_db()
    return req


def _audit_value(value):
    return getattr(value, "pk", value)


def _validate_details(agency: Agency, fields: dict) -> None:
    """The service's own guard (the form checks the same), so every caller gets Chinese refusals."""
    for k in REQUIRED_FIELDS:
        if k in fields and (fields[k] is None or (isinstance(fields[k], str) and not fields[k].strip())):
            raise Refused(f"请填写“{Request._meta.get_field(k).verbose_name}”")
    for k, options in CHOICE_FIELDS.items():
        if k in fields and fields[k] not in dict(options):
            raise Refused(f"“{Request._meta.get_field(k).verbose_name}”的选项无效")
    for k, v in fields.items():
        limit = getattr(Request._meta.get_field(k), "max_length", None)
        if limit and isinstance(v, str) and len(v) > limit:
            raise Refused(f"“{Request._meta.get_field(k).verbose_name}”最多{limit}个字")
    if "received" in fields and fields["received"] > today():
        raise Refused("收到申请日期不能晚于今天")
    handler = fields.get("handler")
    if handler is not None and not agency.members.filter(user=handler).exists():
        raise Refused("经办人须为本机关人员")
