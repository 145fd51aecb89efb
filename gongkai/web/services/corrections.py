"""Correcting a recorded step: a new event supersedes the wrong one, and nothing is erased.

The correction takes the wrong event's place in the history and says why; both stay, the
audit row keeps what the event said before and after, and everything derived from the
events (the deadlines, the status, the receipt and answer dates, the outcome and so the
report's cells) follows. A correction is planned before it is made: the plan says whether
it would alter an approved year, which only the head may decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from gongkai.deadlines import EXTENSION_STEPS

from ..errors import Refused
from ..models import Event, Request
from . import audit, versions
from .requests import deadlines, effective, event_values, followed, recompute, refusal

CORRECTED_FIELDS = ("on", "kind", "days", "note", "outcome", "legal_basis")


@dataclass
class Plan:
    """A correction checked against the rules, not yet made."""

    old: Event
    new: Event
    approved_years: list = field(default_factory=list)  # approved years whose cells it alters


def plan(event: Event, user, *, reason: str, on: date, kind: str, days: int | None = None, note: str = "",
         outcome: str = "", legal_basis: str = "") -> Plan:
    """Check a correction of `event` and say what it would alter; raises Refused with the reason."""
    from gongkai.errors import GongkaiError

    req = event.request
    if not reason.strip():
        raise Refused("请填写更正理由")
    if Event.objects.filter(corrects=event).exists():
        raise Refused("该事项已经更正过，请更正最新的记录")
    if event.kind == "submitted" or kind == "submitted":
        raise Refused("“网上提交申请”由系统在申请人提交时记录，不能更正")
    if (kind == "received") != (event.kind == "received"):
        raise Refused("“收到申请”只能更正日期和说明，其他事项不能改为“收到申请”")
    values = event_values(kind, on, days if kind in EXTENSION_STEPS else None, outcome, legal_basis, step=None)
    new = Event(request=req, note=note, by=user, corrects=event, position=event.position or event.pk,
                reason=reason.strip(), **values)
    if all(getattr(new, f) == getattr(event, f) for f in CORRECTED_FIELDS):
        raise Refused("更正后的内容与原记录相同")
    others = [e for e in effective(req.events.all()) if e.pk != event.pk]
    if kind == "received":
        submitted = next((e for e in others if e.kind == "submitted"), None)
        if submitted is not None and on < submitted.on:
            raise Refused(f"收到申请日期不能早于网上提交申请的日期（{submitted.on}）")
        later = next((e for e in others if e is not submitted and e.on < on), None)
        if later:
            raise Refused(f"收到申请日期不能晚于已记录的“{later.get_kind_display()}”（{later.on}）")
    elif on < req.received:
        raise Refused(f"日期不能早于收到申请日期（{req.received}）")
    events = sorted(others + [new], key=lambda e: e.place)
    try:
        wrong = refusal(req, events[: events.index(new) + 1])
        if not wrong:
            deadlines(req, events=events)
    except GongkaiError as exc:
        wrong = str(exc)
    if wrong:
        raise Refused(f"更正后办理过程不符合规定：{wrong}")
    return Plan(event, new, versions.years_altered_by(req, **followed(events)))


def correct(event: Event, user, **changes) -> Event:
    """Make a correction (planned again under the request's lock) and audit it."""
    with transaction.atomic():
        req = Request.objects.select_for_update().get(pk=event.request_id)
        event = Event.objects.select_related("request").get(pk=event.pk)
        p = plan(event, user, **changes)
        before = versions.request_record(req)
        p.new.save()
        recompute(req)
        entry = audit.record(
            user, "event.correct", req, req.agency, event=p.old.pk, correction=p.new.pk, reason=p.new.reason,
            before={f: getattr(p.old, f) for f in CORRECTED_FIELDS},
            after={f: getattr(p.new, f) for f in CORRECTED_FIELDS},
        )
        versions.note_request(entry, before, req)
    return p.new
