"""Mails about online requests, through Django's e-mail framework (the backend is the settings'
choice: a file or the console by default, SMTP in production), each recorded on its request.

The applicant is told when the office confirms the request, asks for a 补正, extends the
period, pauses the clock and answers; the office, when a request arrives online and when
an applicant answers a 补正. Mails go once the step is committed; a mail that cannot be
sent is recorded with the reason, and the step stands. Only requests submitted online are
told of: their applicants hold the code that opens the tracking page the mail points to.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from ..portal_models import Notification, PortalSettings, Submission
from . import plain

log = logging.getLogger("gongkai.mail")

TOLD = ("received", "correction_requested", "consultation_started", "extension_approved", "fee_notice_sent",
        "answered", "correction_lapsed")
MASKED_CODE = "（查询码已隐去：仅在提交时显示并发送一次）"


def steps_recorded(req, events) -> None:
    """Tell the applicant of an online request about these steps, in one mail, after the commit."""
    kinds = [e.kind for e in events if e.kind in TOLD]
    if kinds:
        transaction.on_commit(lambda: _tell_applicant(req.pk, kinds))
    if any(e.kind == "corrected" for e in events):
        transaction.on_commit(lambda: _tell_office(req.pk, "corrected"))


def submitted(req, code: str) -> None:
    """A request has arrived online: its applicant gets the number and code, the office a note."""
    transaction.on_commit(lambda: _tell_applicant(req.pk, ["submitted"], code=code))
    transaction.on_commit(lambda: _tell_office(req.pk, "submitted"))


def tracking_url(portal: PortalSettings) -> str:
    """Where the applicant follows the request: the site's public address and the tracking path."""
    return portal.public_url.strip().rstrip("/") + reverse("portal_track", kwargs={"slug": portal.slug})


def _tell_applicant(pk: int, kinds: list[str], code: str = "") -> None:
    from ..models import Request

    req = Request.objects.select_related("agency__portal").get(pk=pk)
    sub = Submission.objects.filter(request=req).first()
    portal = getattr(req.agency, "portal", None)
    if sub is None or not sub.email or portal is None:
        return
    progress = plain.progress(req)
    context = {"req": req, "progress": progress, "kinds": kinds, "code": code, "url": tracking_url(portal),
               "words": [plain.STEP_WORDS.get(k, "") for k in kinds if k in plain.STEP_WORDS]}
    about = "、".join(plain.STEP_WORDS.get(k, "网上提交申请") for k in kinds)
    subject = f"【{req.agency.name}】政府信息公开申请{req.number}：" + (
        "已提交" if kinds == ["submitted"] else plain.STEP_WORDS[kinds[-1]].removeprefix("本机关"))
    body = render_to_string("gongkai/mail/applicant.txt", context)
    kept = body.replace(code, MASKED_CODE) if code else body
    _send(req, "applicant", sub.email, about, subject, body, kept)


def _tell_office(pk: int, kind: str) -> None:
    from ..models import Request

    req = Request.objects.select_related("agency__portal").get(pk=pk)
    portal = getattr(req.agency, "portal", None)
    if portal is None or not portal.office_email:
        return
    about = "新的网上申请" if kind == "submitted" else "申请人在线补正"
    subject = f"【{about}】{req.number}"
    link = portal.public_url.strip().rstrip("/") + reverse("request_detail", kwargs={"pk": req.pk})
    body = render_to_string("gongkai/mail/office.txt", {"req": req, "kind": kind, "about": about, "link": link})
    _send(req, "office", portal.office_email, about, subject, body, body)


def _send(req, recipient: str, to: str, about: str, subject: str, body: str, kept: str) -> None:
    """Send one mail and record it (with `kept`, the body as it may be stored)."""
    row = Notification(request=req, recipient=recipient, to=to, about=about[:200], subject=subject[:200], body=kept)
    try:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to]).send()
        row.sent = True
    except Exception as exc:  # a mail server's refusal must not undo the step it tells of
        row.error = f"{type(exc).__name__}: {exc}"[:300]
        log.warning("mail about request %s not sent: %s", req.pk, type(exc).__name__)
    row.save()
