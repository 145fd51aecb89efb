"""Request pages: the lists, the register form, the detail with its events and explained deadlines."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core import signing
from django.core.paginator import Paginator
from django.forms.models import model_to_dict
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.errors import GongkaiError

from .. import choices
from ..errors import EditConflict, Refused
from ..forms import STEP_FORMS, AttachmentForm, CorrectionForm, EventForm, RequestDetailsForm, RequestForm
from ..models import Attachment, Event, Request
from ..services import access, audit, corrections, personal, search, versions
from ..services import requests as svc
from .common import (
    allow_read_request, allow_step, allow_write_agency, allow_write_event, allow_write_request, current_agency,
    member_required, readable_agencies,
)
from .once import one_time_form

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
    # who sees names masked cannot find a request by its applicant's name either
    names = "applicant_name" in personal.in_list(request.user, agency.pk)
    return search.matching(qs, q, names=names), view, q


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
    whole = personal.in_list(request.user, agency.pk)
    page.object_list = list(page.object_list)
    for r in page.object_list:
        r.personal = personal.shown(r, whole)
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
        "number", "applicant_kind", *personal.FIELDS, "received", "status", "paused", "outcome",
        "answer_due", "answer_due_provisional", "answered", "handler__username", "handler__first_name",
        "handler__last_name", "agency_id",
    )


EXPORT_COLUMNS = [  # (heading, field or a function of the request)
    ("申请编号", "number"), ("申请人类型", lambda r: dict(choices.APPLICANT_KINDS).get(r.applicant_kind, "")),
    ("申请人", "applicant_name"), ("身份证件号码", "id_number"), ("联系方式", "contact"), ("通信地址", "address"),
    ("收到日期", "received"), ("办理状态", lambda r: choices.STATUS_LABELS.get(r.status, r.status)),
    ("答复期限", "answer_due"), ("答复日期", "answered"), ("办理结果", lambda r: r.outcome_label),
]


def export_csv(request, agency, qs) -> HttpResponse:
    """The list as CSV: personal data masked like the list unless the user may export it; audited."""
    whole = personal.in_export(request.user, agency.pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="requests.csv"'
    response.write("\ufeff")
    w = csv.writer(response)
    w.writerow([heading for heading, _ in EXPORT_COLUMNS])
    rows = 0
    for r in qs.only("number", "applicant_kind", "received", "status", "answer_due", "answered", "outcome",
                     *personal.FIELDS).iterator(chunk_size=2000):
        shown = personal.shown(r, whole)
        w.writerow([spreadsheet_safe(_cell(r, column, shown)) for _, column in EXPORT_COLUMNS])
        rows += 1
    audit.record(request.user, "export.requests", agency.name, agency, rows=rows,
                 personal_data=sorted(whole & {"id_number", "contact", "address"}))
    return response


def _cell(req, column, shown: dict):
    if not isinstance(column, str):
        return column(req)
    return shown[column] if column in shown else getattr(req, column)


def spreadsheet_safe(value) -> str:
    """A cell a spreadsheet shows as text: one starting with = + - @ (a formula) gets a leading '."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@allow_write_agency
@one_time_form
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
@one_time_form
def request_edit(request, req):
    """Correct a registered request's details (its own agency's clerk or head).

    The page carries the details as they were when it was opened (signed); a save made by
    someone else in between is not overwritten: the editor is told what changed.
    """
    if req.status == "archived":
        messages.error(request, "该申请已归档，不能再修改申请信息")
        return redirect("request_detail", pk=req.pk)
    fields = RequestDetailsForm.Meta.fields
    form = RequestDetailsForm(request.POST or None, agency=req.agency, initial=model_to_dict(req, fields=fields),
                              confirmed=req.received is not None)
    seen = svc.details_seen(req)
    if request.method == "POST" and form.is_valid():
        try:
            head_decides(request, req, versions.years_altered_by(req, **form.cleaned_data))
            svc.update_details(req, request.user, seen=_opened(request), **form.cleaned_data)
        except EditConflict as exc:
            form.add_error(None, str(exc))
            for label, now in exc.changed.values():
                form.add_error(None, f"{label}现为：{_shown(now)}")
        except Refused as exc:
            form.add_error("received" if "收到申请日期" in str(exc) else None, str(exc))
        else:
            messages.success(request, f"已保存申请 {req.number} 的信息")
            return redirect("request_detail", pk=req.pk)
    return render(request, "gongkai/request_edit.html",
                  {"form": form, "req": req, "seen": signing.dumps(seen, salt=SEEN_SALT)},
                  status=400 if request.method == "POST" else 200)


SEEN_SALT = "gongkai.request_edit.seen"
SEEN_MAX_AGE = 24 * 3600  # an edit page left open longer is opened again


def _opened(request) -> dict | None:
    """The details as the editor's page showed them, or None for a post without them (a script)."""
    value = request.POST.get("seen")
    if not value:
        return None
    try:
        return signing.loads(value, salt=SEEN_SALT, max_age=SEEN_MAX_AGE)
    except signing.BadSignature:
        raise Refused("此页面已过期，请重新打开修改页面") from None


def _shown(value) -> str:
    if value is None or value == "":
        return "（空）"
    if hasattr(value, "get_full_name"):
        return value.get_full_name() or value.username
    return str(value)


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
    can_write = access.can_write(request.user, req.agency)
    whole = personal.on_page(request.user, req.agency_id)
    actions = action_forms(request, req, steps, bound)
    shown = {a["kind"] for a in actions}
    refused = [{"label": choices.EVENT_LABELS[k], "form": f} for k, f in (bound or {}).items() if k not in shown]
    return render(request, "gongkai/request_detail.html", {
        "req": req, "history": history(req), "deadlines": explained, "problem": problem,
        "provisional": {name: explained.provisional_note(name) for name in explained.provisional} if explained else {},
        "actions": actions, "refused": refused, "attachments": req.attachments.all(),
        "attach_form": AttachmentForm(), "can_write": can_write,
        "personal": personal.shown(req, whole),
        "cases": req.cases.all(), "today": svc.today(),
        "submission": _submission(req, whole == personal.ALL), "notifications": req.notifications.all(),
    }, status=status)


def _submission(req, full: bool) -> dict | None:
    """The online application as submitted, to those who see the applicant's data whole (others: when it
    came, and the e-mail masked like a contact)."""
    from ..portal_forms import submitted_rows
    from ..portal_models import Submission

    sub = Submission.objects.filter(request=req).first()
    if sub is None:
        return None
    return {"at": sub.at, "rows": submitted_rows(sub.form) if full else None,
            "email": sub.email if full else personal.mask_contact(sub.email)}


@allow_read_request
def request_detail(request, req):
    return _detail(request, req)


@require_POST
@allow_step
@one_time_form
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
@one_time_form
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
@one_time_form
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
