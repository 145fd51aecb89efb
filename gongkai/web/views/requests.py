"""Request pages: the lists, the register form, the detail with its events and explained deadlines."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.paginator import Paginator
from django.forms.models import model_to_dict
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.errors import GongkaiError

from .. import choices
from ..errors import Refused
from ..forms import STEP_FORMS, AttachmentForm, CorrectionForm, EventForm, RequestDetailsForm, RequestForm
from ..models import Attachment, Event, Request
from ..services import access, audit, corrections, search, versions
from ..services import requests as svc
from .common import (
    allow_read_request, allow_step, allow_write_agency, allow_write_event, allow_write_request, current_agency,
    member_required, readable_agencies,
)

VIEWS = {
    "all": "全部申请",
    "submitted": "待确认",
    "open": "办理中",
    "due_week": "本周到期",
    "overdue": "已超期",
    "paused": "暂停计时",
    "mine": "我经办的",
}
PAGE_SIZE = 50
COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP rows, so a list over a million requests never counts them all."""

    def __init__(self, *args, known_count: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if known_count is not None:
            self._capped = known_count

    @property
    def count(self) -> int:
        if not hasattr(self, "_capped"):
            self._capped = self.object_list[: COUNT_CAP + 1].count()
        return self._capped


def filtered(request, agency):
    """The request list's queryset for the chosen view and search words."""
    today = svc.today()
    qs = Request.objects.filter(agency=agency)
    view = request.GET.get("view", "all")
    if view == "submitted":
        qs = qs.filter(status="submitted")
    elif view == "open":
        qs = qs.open()
    elif view == "due_week":
        qs = qs.due_this_week(today).order_by("answer_due", "id")
    elif view == "overdue":
        qs = qs.overdue(today).order_by("answer_due", "id")
    elif view == "paused":
        qs = qs.paused()
    elif view == "mine":
        qs = qs.filter(handler=request.user)
    handler = request.GET.get("handler", "")
    if handler.isdigit():
        qs = qs.filter(handler_id=int(handler))
    q = search.clean(request.GET.get("q"))
    return search.matching(qs, q), view, q


@member_required
def request_list(request):
    agency = current_agency(request)
    qs, view, q = filtered(request, agency)
    if request.GET.get("format") == "csv":
        return export_csv(request, agency, qs)
    ids = search.ordered_ids(qs, COUNT_CAP) if q else None
    if ids is None:
        known = COUNT_CAP + 1 if q else None  # ordered_ids saw more than COUNT_CAP matches
        page = CappedPaginator(listed(qs), PAGE_SIZE, known_count=known).get_page(request.GET.get("page"))
    else:  # a search with few matches: page the ids, then read that page's rows
        page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = {r.pk: r for r in listed(qs.filter(pk__in=page.object_list))}
        page.object_list = [rows[pk] for pk in page.object_list if pk in rows]
    handlers = agency.members.select_related("user").filter(role__in=("clerk", "head"))
    return render(request, "gongkai/request_list.html", {
        "page": page, "view": view, "views": VIEWS, "q": q, "agency": agency, "today": svc.today(),
        "agencies": readable_agencies(request), "handlers": handlers,
        "can_write": access.can_write(request.user, agency),
        "handler": request.GET.get("handler", ""), "capped": page.paginator.count > COUNT_CAP,
    })


def listed(qs):
    """Only the columns the list shows."""
    return qs.select_related("handler").only(
        "number", "applicant_kind", "applicant_name", "contact", "received", "status", "paused", "outcome",
        "answer_due", "answer_due_provisional", "answered", "handler__username", "handler__first_name", "handler__last_name", "agency_id",
    )


def export_csv(request, agency, qs) -> HttpResponse:
    """The list as CSV; identity numbers and contacts masked unless the role needs them."""
    full = access.sees_contacts(request.user, agency.pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="requests.csv"'
    response.write("\ufeff")
    w = csv.writer(response)
    w.writerow(["申请编号", "申请人类型", "申请人", "身份证件号码", "联系方式", "收到日期", "办理状态", "答复期限", "答复日期", "办理结果"])
    kinds = dict(choices.APPLICANT_KINDS)
    for r in qs.only("number", "applicant_kind", "applicant_name", "id_number", "contact", "received", "status",
                     "answer_due", "answered", "outcome").iterator(chunk_size=2000):
        w.writerow([r.number, kinds.get(r.applicant_kind, ""), r.applicant_name,
                    r.id_number if full else access.mask(r.id_number),
                    r.contact if full else access.mask(r.contact),
                    r.received, choices.STATUS_LABELS.get(r.status, r.status), r.answer_due or "", r.answered or "",
                    r.outcome_label])
    audit.record(request.user, "export.requests", agency, agency, full_contacts=full)
    return response


@allow_write_agency
def request_new(request, agency):
    form = RequestForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            req = svc.register(agency, request.user, **form.cleaned_data)
        except Refused as exc:
            form.add_error("received" if "日期" in str(exc) else None, str(exc))
        else:
            messages.success(request, f"已登记申请 {req.number}")
            return redirect("request_detail", pk=req.pk)
    return render(request, "gongkai/request_form.html", {"form": form, "agency": agency,
                                                         "rules": choices.RECEIPT_RULES})


@allow_write_request
def request_edit(request, req):
    """Correct a registered request's details (its own agency's clerk or head)."""
    if req.status == "archived":
        messages.error(request, "该申请已归档，不能再修改申请信息")
        return redirect("request_detail", pk=req.pk)
    fields = RequestDetailsForm.Meta.fields
    form = RequestDetailsForm(request.POST or None, agency=req.agency, initial=model_to_dict(req, fields=fields),
                              confirmed=req.received is not None)
    if request.method == "POST" and form.is_valid():
        try:
            head_decides(request, req, versions.years_altered_by(req, **form.cleaned_data))
            svc.update_details(req, request.user, **form.cleaned_data)
        except Refused as exc:
            form.add_error("received" if "收到申请日期" in str(exc) else None, str(exc))
        else:
            messages.success(request, f"已保存申请 {req.number} 的信息")
            return redirect("request_detail", pk=req.pk)
    return render(request, "gongkai/request_edit.html", {"form": form, "req": req},
                  status=400 if request.method == "POST" else 200)


def head_decides(request, req, approved_years: list[int]) -> None:
    """A change that alters an approved year's report is the head's to make (it leads to a 修订版)."""
    if approved_years and not access.is_head(request.user, req.agency):
        years = "、".join(f"{y}年" for y in approved_years)
        raise Refused(f"此更正将改变已审核通过的{years}度报告，须由本机关负责人更正")


def step_form(step, kind: str, data=None):
    """The form of one step, shaped by what the rules say of it (None: a step not lawful now)."""
    return STEP_FORMS.get(kind, EventForm)(data, prefix=kind, step=step, today=svc.today())


def action_forms(request, req, steps, bound: dict | None = None) -> list[dict]:
    """A button for every step the rules allow next and the user's role may record."""
    return [
        {"kind": s.kind.value, "label": CONFIRM if s.kind.value == "received" else s.label,
         "form": (bound or {}).get(s.kind.value) or step_form(s, s.kind.value)}
        for s in steps if access.may_record(request.user, req.agency, s.kind.value)
    ]


CONFIRM = "确认收到（或同时告知补正）"  # the received step of a request submitted online


def history(req) -> list[dict]:
    """The events in force in order, each with the events it superseded (newest first)."""
    events = list(req.events.select_related("by", "corrects"))
    by_pk = {e.pk: e for e in events}
    rows = []
    for e in svc.effective(events):
        superseded, x = [], e
        while x.corrects_id:
            x = by_pk[x.corrects_id]
            superseded.append(x)
        rows.append({"event": e, "superseded": superseded})
    return rows


def _detail(request, req, bound: dict | None = None, status: int = 200):
    explained, problem, steps = None, req.deadline_problem, []
    try:
        explained = svc.deadlines(req)
        steps = svc.next_steps(req)
    except GongkaiError as exc:
        problem = str(exc)
    full = access.sees_contacts(request.user, req.agency_id)
    can_write = access.can_write(request.user, req.agency)
    actions = action_forms(request, req, steps, bound)
    shown = {a["kind"] for a in actions}
    refused = [{"label": choices.EVENT_LABELS[k], "form": f} for k, f in (bound or {}).items() if k not in shown]
    return render(request, "gongkai/request_detail.html", {
        "req": req, "history": history(req), "deadlines": explained, "problem": problem,
        "provisional": {name: explained.provisional_note(name) for name in explained.provisional} if explained else {},
        "actions": actions, "refused": refused, "attachments": req.attachments.all(),
        "attach_form": AttachmentForm(), "can_write": can_write,
        "id_number": req.id_number if full else access.mask(req.id_number),
        "contact": req.contact if full else access.mask(req.contact),
        "address": req.address if full else access.mask(req.address, 6, 0),
        "cases": req.cases.all(), "today": svc.today(),
        "submission": _submission(req, full), "notifications": req.notifications.all(),
    }, status=status)


def _submission(req, full: bool) -> dict | None:
    """The online application as submitted, to the people who answer the applicant (else only its date)."""
    from ..portal_forms import submitted_rows
    from ..portal_models import Submission

    sub = Submission.objects.filter(request=req).first()
    if sub is None:
        return None
    return {"at": sub.at, "rows": submitted_rows(sub.form) if full else None,
            "email": sub.email if full else access.mask(sub.email)}


@allow_read_request
def request_detail(request, req):
    return _detail(request, req)


@require_POST
@allow_step
def request_event(request, req, kind: str):
    if kind not in choices.EVENT_LABELS or kind == "submitted":
        raise Http404("未知的办理事项")
    try:
        step = next((s for s in svc.next_steps(req) if s.kind.value == kind), None)
    except GongkaiError:
        step = None
    form = step_form(step, kind, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if kind == "received":
                svc.confirm(req, request.user, data["on"], correction=data.get("correction", ""))
            else:
                svc.add_event(req, request.user, kind, data["on"], days=data.get("days"), note=data.get("note", ""),
                              outcome=data.get("outcome", ""), legal_basis=data.get("legal_basis", ""))
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            told = "确认收到并告知补正" if data.get("correction") else choices.EVENT_LABELS[kind]
            messages.success(request, f"已记录：{told}")
            return redirect("request_detail", pk=req.pk)
    return _detail(request, req, bound={kind: form}, status=400)


@allow_write_event
def event_correct(request, event):
    """Correct a recorded event: a new event supersedes it, with a reason; in an approved year, by the head."""
    req = event.request
    if Event.objects.filter(corrects=event).exists():
        messages.error(request, "该事项已经更正过，请更正最新的记录")
        return redirect("request_detail", pk=req.pk)
    initial = {f: getattr(event, f) for f in corrections.CORRECTED_FIELDS}
    form = CorrectionForm(request.POST or None, event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {**initial, **form.cleaned_data}
        try:
            head_decides(request, req, corrections.plan(event, request.user, **changes).approved_years)
            corrections.correct(event, request.user, **changes)
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已更正：{event.get_kind_display()}（原记录保留）")
            return redirect("request_detail", pk=req.pk)
    return render(request, "gongkai/event_correct.html", {"form": form, "event": event, "req": req},
                  status=400 if request.method == "POST" else 200)


@require_POST
@allow_write_request
def request_attach(request, req):
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        f = form.cleaned_data["file"]
        att = Attachment.objects.create(request=req, file=f, name=f.name[:200], size=f.size, by=request.user)
        audit.record(request.user, "attach", req, req.agency, name=att.name, size=att.size)
        messages.success(request, f"已上传附件：{att.name}")
    else:
        for err in form.errors.get("file", []):
            messages.error(request, err)
    return redirect("request_detail", pk=req.pk)


@member_required
def attachment_download(request, pk: int):
    from django.http import FileResponse

    att = get_object_or_404(Attachment.objects.select_related("request"), pk=pk)
    if not access.sees_contacts(request.user, att.request.agency_id):
        raise Http404("附件不存在")
    # An applicant's file goes out as the type its content was found to be, anything else as bytes,
    # always as a download that a browser neither renders nor sniffs.
    response = FileResponse(att.file.open("rb"), as_attachment=True, filename=att.name,
                            content_type=att.content_type or "application/octet-stream")
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response
