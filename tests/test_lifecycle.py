"""The lifecycle of a request: which step may follow which, asked of `gongkai.deadlines` alone.

The walk visits every state reachable from a received or an online-submitted request and holds `next_steps` to
`compute`: every step offered is accepted as the next event, every other one is refused.
"""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.deadlines import DeadlineError, Event, EventKind, Status, compute, next_steps, refusal

from .lifecycle_walk import CAL, DAY, accepted, candidates, walk

K = EventKind


STATES = list(walk())


def test_the_walk_reaches_every_step_and_status():
    offered = {s.kind for _, steps in STATES for s in steps}
    assert offered == set(K) - {K.submitted}  # received: the confirmation of an online submission
    statuses = {compute(events, CAL, today=DAY).status for events, _ in STATES}
    assert statuses == set(Status)
    assert len(STATES) > 50


@pytest.mark.parametrize("index", range(len(STATES)))
def test_every_offered_step_is_accepted_and_every_other_refused(index):
    events, steps = STATES[index]
    by_kind = {s.kind: s for s in steps}
    for kind in K:
        offered = kind in by_kind
        if offered:
            step = by_kind[kind]
            event = Event(kind, step.earliest, days=step.days, note="理由" if step.note_required else "")
            assert accepted(events + [event]), (events, kind)
            assert refusal(events, event, CAL) is None
        else:
            for event in candidates(by_kind, kind):
                assert not accepted(events + [event]), (events, kind)
                assert refusal(events, event, CAL)


def test_the_examples_that_once_drifted():
    consulting = [Event(K.received, DAY), Event(K.consultation_started, DAY)]
    assert K.correction_requested not in {s.kind for s in next_steps(consulting, CAL)}
    corrected = [Event(K.received, DAY), Event(K.correction_requested, DAY), Event(K.corrected, DAY)]
    assert K.correction_requested not in {s.kind for s in next_steps(corrected, CAL)}
    assert K.fee_paid not in {s.kind for s in next_steps([Event(K.received, DAY)], CAL)}
    assert K.archived not in {s.kind for s in next_steps([Event(K.received, DAY)], CAL)}


def test_extension_request_defaults_and_decision():
    received = [Event(K.received, DAY)]
    step = next(s for s in next_steps(received, CAL) if s.kind is K.extension_requested)
    # 2025-03-03 + 20 working days = 03-31: an extension is asked and decided by then.
    assert (step.earliest, step.latest, step.days, step.max_days, step.note_required) == (DAY, date(2025, 3, 31), 20, 20, True)
    assert refusal(received, Event(K.extension_requested, DAY, days=5), CAL) == "“申请延期答复”须说明理由"
    asked = received + [Event(K.extension_requested, date(2025, 3, 20), days=5, note="需调取档案")]
    d = compute(asked, CAL, today=date(2025, 3, 20))
    assert d.extension_requested == 5 and d.answer_due == date(2025, 3, 31)
    assert "2025-03-20申请延长答复期限5个工作日，待负责人批准（第三十三条第二款），理由：需调取档案。" in d.explanation
    offered = {s.kind: s for s in next_steps(asked, CAL)}
    assert K.extension_requested not in offered  # one request at a time
    assert offered[K.extension_approved].days == 5 and K.extension_refused in offered
    # 03-31 + 5 working days: 04-01..03, (04-04..06 清明节), 04-07, 04-08.
    approved = compute(asked + [Event(K.extension_approved, date(2025, 3, 31), days=5)], CAL)
    assert approved.answer_due == date(2025, 4, 8) and approved.extension_requested is None
    refused = compute(asked + [Event(K.extension_refused, date(2025, 3, 24), note="可按期答复")], CAL)
    assert refused.answer_due == date(2025, 3, 31) and refused.extension_requested is None
    assert "2025-03-24负责人不同意延长答复期限，答复期限不变。" in refused.explanation


def test_an_extension_comes_within_the_period_in_force():
    late = [Event(K.received, DAY), Event(K.extension_requested, date(2025, 3, 28), days=5, note="x"),
            Event(K.extension_approved, date(2025, 4, 1), days=5)]
    with pytest.raises(DeadlineError, match="答复期限已于2025-03-31届满"):
        compute(late, CAL)
    with pytest.raises(DeadlineError, match="答复期限已于2025-03-31届满"):
        compute([Event(K.received, DAY), Event(K.extension_requested, date(2025, 4, 1), days=5, note="x")], CAL)
    # A second extension counts from the date the first one set.
    twice = [Event(K.received, DAY), Event(K.extension_approved, date(2025, 3, 31), days=5),
             Event(K.extension_approved, date(2025, 4, 8), days=5)]
    assert compute(twice, CAL).allowed_workdays == 30
    # While a consultation holds the clock the period has not run out.
    paused = [Event(K.received, DAY), Event(K.consultation_started, date(2025, 3, 10)),
              Event(K.extension_approved, date(2025, 5, 6), days=10)]
    assert compute(paused, CAL, today=date(2025, 5, 6)).allowed_workdays == 30
    step = next(s for s in next_steps(paused[:2], CAL) if s.kind is K.extension_approved)
    assert step.latest is None


def test_a_full_extension_leaves_nothing_to_ask():
    events = [Event(K.received, DAY), Event(K.extension_approved, DAY, days=20)]
    assert not {K.extension_requested, K.extension_approved} & {s.kind for s in next_steps(events, CAL)}
    assert refusal(events, Event(K.extension_requested, DAY, days=1, note="x"), CAL).startswith("答复期限已延长20个工作日")


def test_no_events_has_no_next_step():
    with pytest.raises(DeadlineError):
        next_steps([], CAL)
