"""Registering requests and recording their events; deadlines always come from gongkai.deadlines."""

from __future__ import annotations

import re
from datetime import date

from django.db import IntegrityError, transaction

from gongkai.deadlines import EXTENSION_STEPS

from .. import choices
from ..errors import EditConflict, Refused
from ..models import Agency, Event, NumberCounter, Request
from . import audit, clock, notify, personal, versions
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


def register(agency: Agency, user, *, number: str | None = None, **fields) -> Request:
    """Register a request and its `received` event, then compute its deadlines."""
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
            entry = audit.record(user, "register", req, agency, number=req.number, received=received,
                                 applicant_kind=req.applicant_kind, channel=req.channel)
            versions.note_request(entry, None, req)
            return req
    except IntegrityError:
        raise Refused("申请编号已被使用，请更换编号") from None


def effective(events) -> list[Event]:
    """The events in force (none of them superseded by a correction), in the order of the history."""
    events = list(events)
    superseded = {e.corrects_id for e in events if e.corrects_id}
    return sorted((e for e in events if e.pk not in superseded), key=lambda e: e.place)


def library_events(events) -> list:
    """The register's events as gongkai.deadlines events."""
    from gongkai.deadlines import Event as DeadlineEvent, EventKind

    return [DeadlineEvent(EventKind(e.kind), e.on, days=e.days, note=e.note) for e in events]


def deadlines(req: Request, events=None, calendar=None, on: date | None = None):
    """The computed deadlines of a request, with their explanations (raises DeadlineError/CalendarGap)."""
    from gongkai.deadlines import compute

    evs = effective(req.events.all()) if events is None else events
    return compute(library_events(evs), calendar or current_calendar(), today=on or today())


def next_steps(req: Request, events=None, calendar=None) -> list:
    """The steps `gongkai.deadlines` allows next, with their defaults (raises GongkaiError)."""
    from gongkai.deadlines import next_steps as lawful

    evs = effective(req.events.all()) if events is None else events
    return lawful(library_events(evs), calendar or current_calendar())


def followed(events) -> dict:
    """The request's fields that its events in force decide: receipt date, closing date, outcome."""
    out = {"answered": None, "outcome": "", "legal_basis": ""}
    for e in events:
        if e.kind == "received":
            out["received"] = e.on
        elif e.kind in CLOSING_KINDS:
            out.update(answered=e.on, outcome=e.outcome, legal_basis=e.legal_basis)
    return out


CLOSING_KINDS = ("answered", "correction_lapsed")
FOLLOWED_FIELDS = ("received", "answered", "outcome", "legal_basis")
LAPSED_OUTCOME = "other.no_correction"  # a lapsed correction closes the request as table 三 （六）1


def recompute(req: Request, calendar=None, on: date | None = None) -> Request:
    """Store what the events decide on the request: its dates and outcome, status and due dates."""
    from gongkai.errors import GongkaiError

    events = effective(req.events.all())
    for k, v in (followed(events) if events else {}).items():  # rows loaded in bulk may have no events
        setattr(req, k, v)
    try:
        d = deadlines(req, events=events, calendar=calendar, on=on)
    except GongkaiError as exc:
        req.deadline_problem = str(exc)[:300]
        req.save(update_fields=["deadline_problem", *FOLLOWED_FIELDS, "updated_at"])
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
        "paused", "status", "deadline_problem", *FOLLOWED_FIELDS, "updated_at",
    ])
    return req


def lifecycle_status(d) -> str:
    return getattr(d.status, "value", d.status)


def event_values(kind: str, on: date, days, outcome: str, legal_basis: str, step) -> dict:
    """The values an event of `kind` keeps, checked as the register needs them.

    Days belong to the steps that count them (extensions; `step` proposes them when left
    out); an outcome and its legal basis belong to the steps that close a request.
    """
    if kind not in choices.EVENT_LABELS:
        raise Refused("未知的办理事项")
    if on > today():
        raise Refused("日期不能晚于今天")
    if kind not in EXTENSION_STEPS:
        if days is not None:
            raise Refused(f"“{choices.EVENT_LABELS[kind]}”不需要填写天数")
    elif days is None and step is not None:
        days = step.days
    if kind == "correction_lapsed":
        outcome, legal_basis = LAPSED_OUTCOME, legal_basis.strip()
    elif kind == "answered":
        if outcome not in choices.OUTCOME_KEYS:
            raise Refused("请选择办理结果")
        if not legal_basis.strip():
            raise Refused("请填写法律依据")
    else:
        outcome, legal_basis = "", ""
    return {"kind": kind, "on": on, "days": days, "outcome": outcome, "legal_basis": legal_basis}


def refusal(req: Request, events: list, calendar=None) -> str | None:
    """Why the last of `events` cannot follow the others, as `gongkai.deadlines` says; None if it can."""
    from gongkai.deadlines import refusal as lawful_refusal

    lib = library_events(events)
    return lawful_refusal(lib[:-1], lib[-1], calendar or current_calendar())


def add_event(req: Request, user, kind: str, on: date, *, days: int | None = None, note: str = "",
              outcome: str = "", legal_basis: str = "", tell: bool = True) -> Event:
    """Record one step; `gongkai.deadlines` decides whether it may come next and proposes its days.

    The applicant of an online request is told of the step by mail once it is committed
    (`tell=False`: the caller tells of several steps at once).
    """
    from gongkai.errors import GongkaiError

    if kind == "submitted":  # only an online submission records it (services/portal.py)
        raise Refused("未知的办理事项")
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=req.pk)
        existing = effective(locked.events.all())
        try:
            step = next((s for s in next_steps(locked, existing) if s.kind.value == kind), None)
            values = event_values(kind, on, days, outcome, legal_basis, step)
            event = Event(request=locked, note=note, by=user, **values)
            reason = refusal(locked, existing + [event])
        except GongkaiError as exc:
            raise Refused(str(exc)) from exc
        if reason:
            raise Refused(reason)
        before = versions.request_record(locked)
        event.save()
        recompute(locked)
        entry = audit.record(user, f"event.{kind}", locked, locked.agency, on=on, days=event.days, note=note,
                             outcome=event.outcome, legal_basis=event.legal_basis)
        versions.note_request(entry, before, locked)
        if tell:
            notify.steps_recorded(locked, [event])
    req.refresh_from_db()
    return event


def confirm(req: Request, user, on: date, correction: str = "") -> list[Event]:
    """Confirm receipt of a request submitted online: `on` is its receipt date (第三十一条第三项).

    With `correction` (what the applicant must add), the 补正 is asked for the same day, as
    one step: the applicant gets one mail saying both.
    """
    with transaction.atomic():
        events = [add_event(req, user, "received", on, tell=False)]
        if correction.strip():
            events.append(add_event(req, user, "correction_requested", on, note=correction.strip(), tell=False))
        notify.steps_recorded(req, events)
    return events


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


def update_details(req: Request, user, *, seen: dict[str, str] | None = None, **fields) -> Request:
    """Correct the registered details; every change is audited with what it was and what it became.

    The receipt date drives every deadline, so it changes only when the request's events stay
    lawful with the new date (none earlier than it, the deadlines library accepting the
    sequence); the `received` event is corrected (superseded, never overwritten) and the
    deadlines are recomputed.
    `seen` is `details_seen` of the request when the editor opened it: if another save came
    in between, nothing is saved and EditConflict says which details changed (optimistic locking).
    """
    from gongkai.errors import GongkaiError

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
        counted = versions.request_record(locked)
        for k, v in changed.items():
            setattr(locked, k, v)
        if not changed:
            return req
        received_event = None
        if "received" in changed:
            if before["received"] is None:
                raise Refused("网上提交的申请须先确认收到，收到申请日期即确认之日")
            events = effective(locked.events.all())
            old = next(e for e in events if e.kind == "received")
            submitted = next((e for e in events if e.kind == "submitted"), None)
            if submitted is not None and locked.received < submitted.on:
                raise Refused(f"收到申请日期不能早于网上提交申请的日期（{submitted.on}）")
            later = [e for e in events if e not in (old, submitted) and e.on < locked.received]
            if later:
                e = later[0]
                raise Refused(f"收到申请日期不能晚于已记录的“{e.get_kind_display()}”（{e.on}）")
            received_event = Event(request=locked, kind="received", on=locked.received, corrects=old,
                                   position=old.position or old.pk, note=old.note, by=user,
                                   reason=f"修改申请信息：收到申请日期由{old.on}改为{locked.received}")
            try:
                deadlines(locked, events=[received_event if e is old else e for e in events])
            except GongkaiError as exc:
                raise Refused(f"按新的收到申请日期无法计算期限：{exc}") from exc
        locked.save()
        if received_event is not None:
            received_event.save()
            recompute(locked)
        entry = audit.record(user, "update", locked, locked.agency, fields=sorted(changed),
                             changes={k: [_audit_value(before[k]), _audit_value(v)]
                                      for k, v in changed.items() if k not in PERSONAL_FIELDS})
        versions.note_request(entry, counted, locked)
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
