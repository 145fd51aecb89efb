"""Every state a request can reach, walked breadth first from its receipt or its online submission."""

from __future__ import annotations

from collections import deque
from datetime import date

from gongkai.deadlines import DeadlineError, Event, EventKind, compute, next_steps
from gongkai.workdays import load_calendar

CAL = load_calendar()
K = EventKind
DAY = date(2025, 3, 3)  # every step of the walk is taken on this day: no period runs out
MAX_DEPTH = 9
REASON = "信息量大，需要调取档案"


def accepted(events: list[Event]) -> bool:
    try:
        compute(events, CAL, today=DAY)
    except DeadlineError:
        return False
    return True


def candidates(step_by_kind: dict, kind: EventKind) -> list[Event]:
    """The events a walk tries for `kind`: the offered defaults, and one working day for extensions."""
    step = step_by_kind.get(kind)
    days = {step.days} if step and step.days else set()
    if kind in (K.extension_requested, K.extension_approved):
        days.add(1)
    return [Event(kind, DAY, days=d, note=REASON) for d in sorted(days)] or [Event(kind, DAY, note=REASON)]


def fine_key(events: list[Event], offered: frozenset) -> tuple:
    """What tells two states apart for the rules: status, steps offered, clock, extensions, fees, pauses."""
    d = compute(events, CAL, today=DAY)
    open_consultations = sum(e.kind is K.consultation_started for e in events) - sum(
        e.kind is K.consultation_ended for e in events)
    return (d.status, offered, d.allowed_workdays, d.extension_requested, d.fee_payment_due is not None,
            open_consultations, d.paused_workdays)


def coarse_key(events: list[Event], offered: frozenset) -> tuple:
    """What tells two states apart on a request's page: status, buttons, a pending extension."""
    d = compute(events, CAL, today=DAY)
    return (d.status, offered, d.extension_requested is not None)


def walk(key=fine_key, max_depth: int = MAX_DEPTH):
    """Every reachable state once, as (events, steps offered), breadth first."""
    queue, seen = deque([[Event(K.received, DAY)], [Event(K.submitted, DAY)]]), set()
    while queue:
        events = queue.popleft()
        steps = next_steps(events, CAL)
        offered = frozenset(s.kind for s in steps)
        k = key(events, offered)
        if k in seen:
            continue
        seen.add(k)
        yield events, steps
        if len(events) >= max_depth:
            continue
        by_kind = {s.kind: s for s in steps}
        for kind in sorted(offered):
            for event in candidates(by_kind, kind):
                if accepted(events + [event]):
                    queue.append(events + [event])
