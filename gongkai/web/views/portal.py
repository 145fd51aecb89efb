"""The public portal: an agency's request form, the receipt, tracking, a 补正 reply, the letters.

No page needs a login or JavaScript. The applicant's own request is opened with its number
and access code and then held in the session for a short while (`allow_applicant`): no
number, code or personal data ever travels in a URL, and the pages that show them are
never cached.
"""

from __future__ import annotations

import time
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ..errors import Refused
from ..portal_forms import ApplicationForm, CorrectionReplyForm, TrackForm, submitted_rows
from ..portal_models import PortalSettings, Submission
from ..services import audit, codes, plain, throttle
from ..services import portal as svc
from .letters import letter_file

SESSION_KEY = "portal"
TOO_OFTEN = "提交过于频繁，请{minutes}分钟后再试。如需提交大量申请，请联系本机关。"


def portal_page(view):
    """view(request, portal, …): the portal of the agency named in the URL, if it is switched on."""

    @wraps(view)
    def wrapper(request, slug: str, *args, **kwargs):
        portal = svc.enabled(slug)
        if portal is None:
            raise Http404("该机关未开通网上申请")
        if request.method == "POST" and throttle.exceeded("post", throttle.address(request)):
            return _refusal(request, portal, TOO_OFTEN.format(minutes=throttle.minutes("post")), 429)
        return never_cache(view)(request, portal, *args, **kwargs)

    return wrapper


def allow_applicant(view):
    """view(request, portal, req): the request this browser opened with its number and code, lately."""

    @portal_page
    @wraps(view)
    def wrapper(request, portal, *args, **kwargs):
        held = request.session.get(SESSION_KEY, {}).get(str(portal.agency_id))
        if not held or time.time() - held[1] > settings.PORTAL_SESSION_MINUTES * 60:
            messages.info(request, "请输入申请编号和查询码")
            return redirect("portal_track", slug=portal.slug)
        sub = Submission.objects.select_related("request__agency").filter(request_id=held[0],
                                                                          request__agency=portal.agency).first()
        if sub is None:
            raise Http404("申请不存在")
        _hold(request, portal, sub.request)
        return view(request, portal, sub.request, *args, **kwargs)

    return wrapper


def _hold(request, portal: PortalSettings, req) -> None:
    held = request.session.get(SESSION_KEY, {})
    held[str(portal.agency_id)] = [req.pk, time.time()]
    request.session[SESSION_KEY] = held


def _refusal(request, portal, message: str, status: int):
    return render(request, "gongkai/portal/refused.html", {"portal": portal, "message": message}, status=status)


def agencies(request):
    """The agencies that take requests online (straight to the form when there is one)."""
    portals = list(PortalSettings.objects.filter(enabled=True).select_related("agency").order_by("agency__name"))
    if len(portals) == 1:
        return redirect("portal_apply", slug=portals[0].slug)
    return render(request, "gongkai/portal/agencies.html", {"portals": portals})


@portal_page
def apply(request, portal):
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return render(request, "gongkai/portal/apply.html", {"portal": portal, "form": form})
    if form.honeypot_filled:
        audit.record(None, "portal.invalid", "", portal.agency, fields=["homepage"],
                     address=throttle.key(throttle.address(request)))
        return _refusal(request, portal, "提交未被受理：表单中“此栏请留空”一项被填写了。如果您是手工填写，请返回清空该项后重新提交。", 400)
    if not form.is_valid():
        audit.record(None, "portal.invalid", "", portal.agency, fields=sorted(form.errors)[:20],
                     address=throttle.key(throttle.address(request)))
        return render(request, "gongkai/portal/apply.html", {"portal": portal, "form": form}, status=400)
    application = svc.from_form(form.values(), form.cleaned_data.get("proof"))
    address = throttle.address(request)
    if throttle.exceeded("submit", address) or throttle.exceeded("submit_contact", *application.contacts):
        return _refusal(request, portal, TOO_OFTEN.format(minutes=throttle.minutes("submit")), 429)
    result = svc.submit(portal, application, form.token_value(), address)
    if result.code:  # a new request, or the same page sent again: this browser may follow it
        request.session.cycle_key()
        _hold(request, portal, result.request)
    return render(request, "gongkai/portal/submitted.html", {
        "portal": portal, "req": result.request, "merged": result.merged,
        "code": codes.shown(result.code) if result.code else "", "email": application.email,
        "at": result.request.submission.at,
    })


@portal_page
def track(request, portal):
    form = TrackForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                req = svc.open_request(portal, form.cleaned_data["number"], form.cleaned_data["code"],
                                       throttle.address(request))
            except svc.Locked as exc:
                form.add_error(None, str(exc))
                status = 429
            except Refused as exc:
                form.add_error(None, str(exc))
            else:
                request.session.cycle_key()
                _hold(request, portal, req)
                return redirect("portal_status", slug=portal.slug)
    return render(request, "gongkai/portal/track.html", {"portal": portal, "form": form}, status=status)


@allow_applicant
def status(request, portal, req):
    return _status_page(request, portal, req)


def _status_page(request, portal, req, reply_form=None, http_status: int = 200):
    progress = plain.progress(req)
    if reply_form is None and progress.awaiting_correction:
        reply_form = CorrectionReplyForm()
    return render(request, "gongkai/portal/status.html", {
        "portal": portal, "req": req, "p": progress, "letters": svc.letters_for(req),
        "reply_form": reply_form if progress.awaiting_correction else None,
        "files": req.attachments.exclude(origin="office").order_by("at"),
    }, status=http_status)


@require_POST
@allow_applicant
def reply(request, portal, req):
    form = CorrectionReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            svc.reply_to_correction(req, form.cleaned_data["text"], form.cleaned_data.get("files") or [])
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "已提交补正，答复期限自今天的次日起重新计算。")
        return redirect("portal_status", slug=portal.slug)
    return _status_page(request, portal, req, reply_form=form, http_status=400)


@allow_applicant
def copy(request, portal, req):
    """What the applicant submitted, laid out to print (or save as PDF from the print dialog)."""
    return render(request, "gongkai/portal/copy.html", {
        "portal": portal, "req": req, "sub": req.submission, "rows": submitted_rows(req.submission.form),
        "files": req.attachments.filter(origin="application"),
    })


@allow_applicant
def letter(request, portal, req, pk: int, fmt: str):
    row = svc.applicant_letter(req, pk)
    if row is None:
        raise Http404("文书不存在")
    try:
        response = letter_file(row, fmt)
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect("portal_status", slug=portal.slug)
    audit.record(None, "portal.letter", req, req.agency, number=row.number, fmt=fmt)
    return response


@require_POST
@portal_page
def leave(request, portal):
    held = request.session.get(SESSION_KEY, {})
    held.pop(str(portal.agency_id), None)
    request.session[SESSION_KEY] = held
    messages.info(request, "已退出查询")
    return redirect(reverse("portal_track", kwargs={"slug": portal.slug}))
