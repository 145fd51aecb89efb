"""`{% letters_panel req %}`: a request's letters and fees on its page, built here so the page's view stays as it is."""

from __future__ import annotations

from django import template

from gongkai import letters

from ..letter_forms import AnswerLetterForm, DateForm, FeeForm, InputsForm, SupersedeForm
from ..letter_models import FeeAssessment, IssuedLetter, LetterSettings
from gongkai.errors import GongkaiError

from ..services import access
from ..services.requests import effective, next_steps, today

register = template.Library()

OPEN_FOR_ANSWER = ("registered", "in_progress", "paused")
MANY = ("consultation",)  # one letter to each consulted third party


def _issuable(req, events, current_kinds: set[str]) -> list[dict]:
    """The kinds whose step is recorded (and not corrected away) and that have no current letter yet."""
    steps = {e.kind for e in events}
    out = []
    for kind in letters.KINDS.values():
        recorded = kind.step.value in steps or any(k.value in steps for k in kind.also)
        if kind.key == "answer":
            recorded = recorded and bool(req.outcome)
        if recorded and (kind.key in MANY or kind.key not in current_kinds):
            out.append({"kind": kind, "form": InputsForm(prefix=f"letter-{kind.key}", kind=kind.key)})
    return out


@register.inclusion_tag("gongkai/letters_panel.html", takes_context=True)
def letters_panel(context, req):
    user = context["request"].user
    readable = access.sees_contacts(user, req.agency_id)
    can_write = access.can_write(user, req.agency)
    issued = list(IssuedLetter.objects.filter(request=req).select_related("by", "supersedes").defer("docx"))
    superseded = {row.supersedes_id for row in issued if row.supersedes_id}
    current = {row.kind for row in issued if row.pk not in superseded}
    fee = FeeAssessment.objects.filter(request=req).first()
    events = effective(req.events.all())
    kinds = {e.kind: e for e in events}
    try:  # the lifecycle's own answer to what may come next
        lawful = {s.kind.value for s in next_steps(req, events)}
    except GongkaiError:
        lawful = set()
    on = {"initial": {"on": today()}}
    return {
        "req": req, "readable": readable, "can_write": can_write, "form_token": context.get("form_token"),
        "letters": [{"row": row, "superseded": row.pk in superseded,
                     "form": SupersedeForm(prefix=f"supersede-{row.pk}", kind=row.kind)} for row in issued],
        "settings_missing": not LetterSettings.objects.filter(agency_id=req.agency_id).exists(),
        "issuable": _issuable(req, events, current) if can_write else [],
        "answer_form": AnswerLetterForm(prefix="answer-letter", initial={"on": today()})
        if can_write and "answered" in lawful else None,
        "fee": fee, "calculation": fee.fee().calculation() if fee else [],
        "fee_form": FeeForm(prefix="fee") if can_write and req.status in OPEN_FOR_ANSWER
        and "fee_notice_sent" not in kinds else None,
        "notice_form": DateForm(prefix="fee-notice", **on) if can_write and fee and fee.amount > 0
        and "fee_notice_sent" in lawful else None,
        "paid": kinds.get("fee_paid"),
        "unpaid_form": DateForm(prefix="fee-unpaid", **on) if can_write and req.fee_payment_due
        and "answered" in lawful and today() > req.fee_payment_due else None,
    }
