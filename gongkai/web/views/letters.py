"""Letter pages: issue, answer with a letter, supersede, download, a day's batch, settings, templates, fees."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from gongkai import letters
from gongkai.letters import pdf as letter_pdf
from gongkai.letters.context import FIELDS

from ..errors import Refused
from ..letter_forms import AnswerLetterForm, DateForm, FeeForm, InputsForm, SettingsForm, SupersedeForm, TemplateForm
from ..letter_models import IssuedLetter, LetterSettings, LetterTemplate
from ..services import access, audit
from ..services import fees as fee_svc
from ..services import letters as svc
from ..services.requests import today
from .once import one_time_form
from .common import allow_head_to_change, allow_write_agency, allow_write_request, member_required, object_view

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _back(req) -> str:
    return reverse("request_detail", kwargs={"pk": req.pk}) + "#letters"


def _form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for e in errors:
            messages.error(request, f"{label}：{e}" if label else e)


def _letter(pk: int) -> IssuedLetter:
    return get_object_or_404(IssuedLetter.objects.select_related("request", "agency"), pk=pk)


# view(request, letter): a letter names the applicant, so only the people who answer the applicant
# read it (others: 404); replacing it needs the agency's clerk or head.
allow_read_letter = object_view(_letter, lambda row: row.agency, "文书不存在", visible=access.sees_contacts)
allow_write_letter = object_view(_letter, lambda row: row.agency, "文书不存在", write=True,
                                 visible=access.sees_contacts)


@require_POST
@allow_write_request
@one_time_form
def letter_issue(request, req, kind: str):
    if kind not in letters.KINDS:
        raise Http404("未知的文书种类")
    form = InputsForm(request.POST, prefix=f"letter-{kind}", kind=kind)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_back(req))
    try:
        row = svc.issue(req, request.user, kind, form.inputs())
    except Refused as exc:
        messages.error(request, f"未出具{letters.KINDS[kind].label}：{exc}")
    else:
        messages.success(request, f"已出具{row.title}，文号：{row.number}")
    return redirect(_back(req))


@require_POST
@allow_write_request
@one_time_form
def answer_with_letter(request, req):
    form = AnswerLetterForm(request.POST, prefix="answer-letter")
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_back(req))
    data = form.cleaned_data
    try:
        row = svc.answer_with_letter(req, request.user, data["on"], data["outcome"], data.get("legal_basis") or "",
                                     inputs=form.inputs())
    except Refused as exc:
        messages.error(request, f"未答复：{exc}")
    else:
        messages.success(request, f"已答复并出具{row.title}，文号：{row.number}")
    return redirect(_back(req))


@require_POST
@allow_write_letter
@one_time_form
def letter_supersede(request, old):
    form = SupersedeForm(request.POST, prefix=f"supersede-{old.pk}", kind=old.kind)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_back(old.request))
    given = {k: v for k, v in form.cleaned_data.items() if k != "reason" and v}
    inputs = letters.Inputs(**{**{k: v for k, v in old.inputs.items() if k in svc.INPUT_FIELDS}, **given})
    try:
        row = svc.supersede(old, request.user, form.cleaned_data["reason"], inputs)
    except Refused as exc:
        messages.error(request, f"未替代：{exc}")
    else:
        messages.success(request, f"已出具{row.title}，文号：{row.number}，替代{old.number}")
    return redirect(_back(old.request))


@allow_read_letter
def letter_download(request, row, fmt: str):
    try:
        response = letter_file(row, fmt)
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect(_back(row.request))
    audit.record(request.user, "letters.download", row.request, row.agency, number=row.number, fmt=fmt)
    return response


def letter_file(row: IssuedLetter, fmt: str) -> HttpResponse:
    """An issued letter as a download: its DOCX as issued, or that DOCX as PDF (Refused without LibreOffice)."""
    if fmt == "docx":
        body, content_type = bytes(row.docx), DOCX
    elif fmt == "pdf":
        body, content_type = svc.letter_pdf(row), "application/pdf"
    else:
        raise Http404("不支持的格式")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{row.number}.{fmt}")
    return response


# --- fees ------------------------------------------------------------------------------------


@require_POST
@allow_write_request
@one_time_form
def fee_assess(request, req):
    form = FeeForm(request.POST, prefix="fee")
    if form.is_valid():
        d = form.cleaned_data
        try:
            row = fee_svc.assess(req, request.user, d["method"], d["quantity"], reduce_to=d.get("reduce_to"),
                                 reason=d.get("reason") or "", on=today())
        except Refused as exc:
            messages.error(request, f"未计算：{exc}")
        else:
            messages.success(request, f"信息处理费：应缴{row.amount}元")
    else:
        _form_errors(request, form)
    return redirect(_back(req))


@require_POST
@allow_write_request
@one_time_form
def fee_step(request, req, step: str):
    form = DateForm(request.POST, prefix=f"fee-{step}")
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_back(req))
    action = {"notice": fee_svc.send_notice, "unpaid": fee_svc.end_unpaid}.get(step)
    if action is None:
        raise Http404("未知的操作")
    try:
        row = action(req, request.user, form.cleaned_data["on"])
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已出具{row.title}，文号：{row.number}")
    return redirect(_back(req))


# --- a day's letters ---------------------------------------------------------------------------


def _day(request) -> date:
    try:
        return date.fromisoformat(request.GET.get("day") or "")
    except ValueError:
        return today()


@member_required
def letters_day(request):
    agency = request.member.agency
    if not access.sees_contacts(request.user, agency.pk):
        raise PermissionDenied("仅经办人和负责人可以查看文书")
    day = _day(request)
    return render(request, "gongkai/letters_day.html", {
        "day": day, "letters": svc.day_letters(agency, day), "agency": agency,
        "pdf": letter_pdf.available(),
    })


@allow_write_agency
def letters_day_pdf(request, agency):
    day = _day(request)
    try:
        data = svc.batch_pdf(agency, request.user, day)
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect(reverse("letters_day") + f"?day={day}")
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"letters-{day}.pdf")
    return response


# --- settings and templates ------------------------------------------------------------------


@allow_head_to_change
@one_time_form
def letter_settings(request, agency):
    head = access.is_head(request.user, agency)
    instance = LetterSettings.objects.filter(agency=agency).first()
    form = SettingsForm(request.POST or None, instance=instance)
    if request.method == "POST":
        if form.is_valid():
            fields = {k: form.cleaned_data[k] for k in svc.SETTINGS_FIELDS}
            try:
                svc.save_settings(agency, request.user, form.patterns(), **fields)
            except Refused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "已保存文书设置")
                return redirect("letter_settings")
    return render(request, "gongkai/letter_settings.html", {
        "form": form, "head": head, "agency": agency,
        "kinds": [(k, svc.active_template(agency, k.key)) for k in letters.KINDS.values()],
    }, status=400 if request.method == "POST" else 200)


@allow_head_to_change
@one_time_form
def letter_template(request, agency, kind: str):
    if kind not in letters.KINDS:
        raise Http404("未知的文书种类")
    head = access.is_head(request.user, agency)
    active = svc.active_template(agency, kind)
    start = letters.default(kind) if request.GET.get("from") == "default" or active is None else active.body
    form = TemplateForm(request.POST or None, initial={"body": start})
    if request.method == "POST":
        if form.is_valid():
            try:
                row = svc.save_template(agency, request.user, kind, form.cleaned_data["body"],
                                        form.cleaned_data.get("note") or "")
            except Refused as exc:
                form.add_error("body", str(exc))
            else:
                messages.success(request, f"已保存{letters.KINDS[kind].label}模板第{row.version}版")
                return redirect("letter_template", kind=kind)
    return render(request, "gongkai/letter_template.html", {
        "kind": letters.KINDS[kind], "form": form, "head": head, "active": active, "default": letters.default(kind),
        "versions": LetterTemplate.objects.filter(agency=agency, kind=kind).select_related("by"),
        "fields": [(n, meaning) for n, meaning, kinds in FIELDS if not kinds or kind in kinds],
    }, status=400 if request.method == "POST" else 200)
