"""Dashboard, reviews and lawsuits, table 二 figures, the annual report, monthly figures, audit."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai import template
from gongkai.errors import GongkaiError

from .. import choices
from ..errors import Refused
from ..forms import CaseForm, FiguresForm, MonthForm, SectionsForm, UploadReportForm
from ..models import AnnualReport, AuditEntry, Case, PublishedReport, Request
from ..services import access, compiling, office
from ..services.requests import today
from .common import current_agency, member_required, readable_agencies
from .once import one_time_form


@member_required
def home(request):
    agency = current_agency(request)
    t = today()
    open_qs = Request.objects.filter(agency=agency, status__in=choices.OPEN_STATUSES)
    end = t + timedelta(days=6 - t.weekday())
    return render(request, "gongkai/home.html", {
        "agency": agency, "agencies": readable_agencies(request), "today": t,
        "open": open_qs.count(),
        "due_week": open_qs.filter(paused=False, answer_due__gte=t, answer_due__lte=end).count(),
        "overdue": open_qs.filter(paused=False, answer_due__lt=t).count(),
        "paused": open_qs.filter(paused=True).count(),
        "problems": open_qs.exclude(deadline_problem="").count(),
        "provisional": open_qs.exclude(answer_due_provisional="").count(),
        "missing_years": sorted({int(y) for v in open_qs.exclude(answer_due_provisional="")
                                 .values_list("answer_due_provisional", flat=True).distinct() for y in v.split(",")}),
        "year": t.year,
    })


# --- reviews and lawsuits --------------------------------------------------------------

@member_required
def case_list(request):
    agency = current_agency(request)
    cases = Case.objects.filter(agency=agency).select_related("request")
    return render(request, "gongkai/case_list.html", {
        "agency": agency, "page": Paginator(cases, 50).get_page(request.GET.get("page")),
        "can_write": access.can_write(request.user, agency), "agencies": readable_agencies(request),
    })


@member_required
@one_time_form
def case_edit(request, pk: int | None = None):
    agency = request.member.agency
    access.require_write(request.user, agency)
    case = get_object_or_404(Case, pk=pk, agency=agency) if pk else None
    initial = {"request_number": case.request.number} if case and case.request else {}
    if pk is None and request.GET.get("request"):
        initial["request_number"] = request.GET["request"]
    form = CaseForm(request.POST or None, instance=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        number = data.pop("request_number", "")
        try:
            saved = office.save_case(agency, request.user, case=case, request_number=number, **data)
        except Refused as exc:
            form.add_error("request_number", str(exc))
        else:
            messages.success(request, "已保存")
            for warning in office.case_conflicts(saved):
                messages.warning(request, warning)
            return redirect("case_list")
    return render(request, "gongkai/case_form.html", {"form": form, "case": case})


# --- table 二 ---------------------------------------------------------------------------

def _year(value, default: int) -> int:
    return int(value) if str(value).isdigit() and 2000 <= int(value) <= 2100 else default


@member_required
def figures(request, year: int):
    agency = current_agency(request)
    from ..models import ProactiveFigures

    row = ProactiveFigures.objects.filter(agency=agency, year=year).first()
    form = FiguresForm(request.POST or None, initial=FiguresForm.initial_from(row.t2 if row else {}))
    if request.method == "POST":
        access.require_write(request.user, agency)
        if form.is_valid():
            office.save_figures(agency, request.user, year, form.t2())
            messages.success(request, f"已保存{year}年主动公开数据")
            return redirect("figures", year=year)
    rows = []
    for label, cols in template.t2_rows("2021"):
        rows.append({"label": label.label, "cells": [form[f"{label.key}__{c.key}"] for c in cols],
                     "key": label.key})
    return render(request, "gongkai/figures.html", {
        "agency": agency, "year": year, "form": form, "rows": rows,
        "blocks": template.T2_BLOCKS["2021"], "proposed": office.proposed_in_force(agency, year),
        "can_write": access.can_write(request.user, agency),
    })


# --- the annual report -----------------------------------------------------------------

def t3_rows(report) -> list[dict]:
    rows = []
    for row in template.t3_rows(report.vintage or "2021"):
        cells = report.t3.get(row.key, {})
        rows.append({"label": row.printed, "group": row.group, "key": row.key,
                     "cells": [cells.get(c) for c in template.T3_COLUMN_KEYS]})
    return rows


def t4_row(report) -> list:
    return [report.t4.get(g, {}).get(c) for g in template.T4_GROUP_KEYS for c in template.T4_COLUMN_KEYS]


@member_required
def report_page(request, year: int):
    agency = current_agency(request)
    row = AnnualReport.objects.filter(agency=agency, year=year).first()
    can_write = access.can_write(request.user, agency)
    sections_form = SectionsForm(request.POST or None, initial={**(row.sections if row else {}),
                                                                "published": row.published if row else None})
    upload_form = UploadReportForm()
    if request.method == "POST" and request.POST.get("action") == "sections":
        access.require_write(request.user, agency)
        if sections_form.is_valid():
            data = dict(sections_form.cleaned_data)
            published = data.pop("published")
            try:
                office.save_sections(agency, request.user, year, data, published)
            except Refused as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, "已保存报告正文")
            return redirect("report", year=year)
    report, findings, problem = None, [], ""
    try:
        report = compiling.compile_year(agency, year)
        findings = compiling.findings(report, compiling.previous_report(agency, year))
    except GongkaiError as exc:
        problem = str(exc)
    preview = ""
    try:
        from gongkai.writers import render as write

        if report is not None:
            html = write(report, "html").decode("utf-8")
            start, end = html.find("<body>"), html.rfind("</body>")
            preview = html[start + 6:end] if start >= 0 and end > start else html
    except (ImportError, GongkaiError):
        preview = ""
    return render(request, "gongkai/report.html", {
        "agency": agency, "year": year, "report": report, "findings": findings, "problem": problem,
        "errors": sum(f.severity == "error" for f in findings), "row": row,
        "t3_rows": t3_rows(report) if report else [], "t3_columns": template.T3_COLUMNS,
        "t4_groups": template.T4_GROUPS, "t4_columns": template.T4_COLUMNS,
        "t4": t4_row(report) if report else [], "preview": preview,
        "sections_form": sections_form, "upload_form": upload_form, "can_write": can_write,
        "is_head": access.is_head(request.user, agency), "formats": ("docx", "html", "md", "xlsx"),
        "published": PublishedReport.objects.filter(agency=agency).order_by("-year")[:5],
        "agencies": readable_agencies(request),
    })


@require_POST
@member_required
def report_approve(request, year: int):
    agency = request.member.agency
    report = compiling.compile_year(agency, year)
    revoke = request.POST.get("revoke") == "1"
    if not revoke and any(f.severity == "error" for f in compiling.findings(report)):
        messages.error(request, "报告存在错误，修正后才能审核通过")
        return redirect("report", year=year)
    office.approve(agency, request.user, year, report.record(), revoke=revoke)
    messages.success(request, "已撤回审核" if revoke else "年度报告已审核通过")
    return redirect("report", year=year)


@require_POST
@member_required
def report_import(request, year: int):
    agency = request.member.agency
    form = UploadReportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            row = office.import_published(agency, request.user, form.cleaned_data["file"],
                                          other_agency_confirmed=form.cleaned_data["other_agency"])
            messages.success(request, f"已导入{row.year}年已发布报告")
        except GongkaiError as exc:
            messages.error(request, f"导入失败：{exc}")
    else:
        for err in form.errors.get("file", []):
            messages.error(request, err)
    return redirect("report", year=year)


CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8", "json": "application/json",
}


def report_file(request, report, fmt: str, filename: str, back: str, **back_args):
    """The report as a download in one of the writer's formats, or back with a message."""
    if fmt not in CONTENT_TYPES:
        raise Http404("不支持的格式")
    try:
        if fmt == "json":
            body = report.to_json().encode("utf-8")
        else:
            from gongkai.writers import render as write

            body = write(report, fmt)
    except (ImportError, GongkaiError) as exc:
        messages.error(request, f"暂不能生成该格式：{exc}")
        return redirect(back, **back_args)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@member_required
def report_download(request, year: int, fmt: str):
    if fmt not in CONTENT_TYPES:
        raise Http404("不支持的格式")
    report = compiling.compile_year(current_agency(request), year)
    return report_file(request, report, fmt, f"report-{year}", "report", year=year)


@member_required
def monthly(request):
    agency = current_agency(request)
    t = today()
    # this month unless the page asks for another (a link may name only the agency)
    form = MonthForm({"year": request.GET.get("year") or t.year, "month": request.GET.get("month") or t.month})
    year, month = t.year, t.month
    if form.is_valid():
        year, month = form.cleaned_data["year"], form.cleaned_data["month"]
    report = compiling.monthly(agency, year, month)
    return render(request, "gongkai/monthly.html", {
        "agency": agency, "form": form, "year": year, "month": month,
        "t3_rows": t3_rows(report), "t3_columns": template.T3_COLUMNS, "agencies": readable_agencies(request),
    })


@member_required
def audit_list(request):
    agency = request.member.agency
    if request.member.role not in ("head", "admin") and not access.is_admin(request.user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("仅负责人和系统管理员可以查看操作记录")
    qs = AuditEntry.objects.select_related("user", "agency")
    if not access.is_admin(request.user):
        qs = qs.filter(agency=agency)
    return render(request, "gongkai/audit.html", {"page": Paginator(qs, 100).get_page(request.GET.get("page"))})


