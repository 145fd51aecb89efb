"""Registering requests and recording their events; deadlines always come from gongkai.deadlines."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import choices
from ..errors import Refused
from ..models import Agency, Event, Request
from . import access, audit
from .calendar import current_calendar

REGISTER_FIELDS = (
    "applicant_kind", "applicant_name", "id_number", "contact", "address", "channel", "received",
    "items", "delivery_form", "delivery_channel", "handler",
)


def today() -> date:
    return timezone.localdate()


def next_number(agency: Agency, year: int) -> str:
    stem = f"{agency.number_prefix}〔{year}〕"
    taken = Request.objects.filter(agency=agency, number__startswith=stem).count()
    return f"{stem}{taken + 1:04d}号"


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
    for attempt in range(5):
        try:
            with transaction.atomic():
                req = Request.objects.create(
                    agency=agency, number=number or next_number(agency, received.year), **fields
                )
                Event.objects.create(request=req, kind="received", on=received, by=user)
                recompute(req)
                audit.record(user, "register", req, agency, number=req.number, received=received,
                             applicant_kind=req.applicant_kind, channel=req.channel)
                return req
        except IntegrityError:
            if number or attempt == 4:
                raise Refused("申请编号已被使用，请更换编号")
    raise AssertionError("unreachable")


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
    req.correction_notice_due = d.correction_notice_due
    req.third_party_reply_due = d.third_party_reply_due
    req.fee_payment_due = d.fee_payment_due
    req.paused = bool(d.paused)
    req.status = lifecycle_status(d)
    req.deadline_problem = ""
    req.save(update_fields=[
        "answer_due", "correction_notice_due", "third_party_reply_due", "fee_payment_due",
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


def recompute_open(agency_ids: list[int] | None = None) -> int:
    """Recompute every open request's deadlines (after the calendar changed)."""
    calendar = current_calendar()
    qs = Request.objects.filter(status__in=choices.OPEN_STATUSES).prefetch_related("events")
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    n = 0
    for req in qs.iterator(chunk_size=500):
        recompute(req, calendar=calendar)
        n += 1
    return n


def update_details(req: Request, user, **fields) -> Request:
    """Correct the registered details (not the receipt date, which drives the deadlines)."""
    access.require_write(user, req.agency)
    allowed = set(REGISTER_FIELDS) - {"received"}
    changed = {k: v for k, v in fields.items() if k in allowed and getattr(req, k) != v}
    for k, v in changed.items():
        setattr(req, k, v)
    if changed:
        req.save()
        audit.record(user, "update", req, req.agency, fields=sorted(changed))
    return req
