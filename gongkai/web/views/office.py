"""Dashboard, reviews and lawsuits, table 二 figures, the annual report, monthly figures, audit."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai import formats, template
from gongkai.errors import GongkaiError

from ..errors import Refused
from ..forms import CaseForm, FiguresForm, MonthForm, SectionsForm, UploadReportForm
from ..models import AnnualReport, AuditEntry, Case, PublishedReport, Request
from ..services import access, compiling, office, versions
from ..services.requests import today
from .common import (
    allow_agency, allow_head, allow_head_to_change, allow_write_agency, current_agency, member_required,
    readable_agencies,
)
from .once import one_time_form


@allow_agency
def home(request, agency):
    t = today()
    requests = Request.objects.filter(agency=agency)
    provisional = requests.open().exclude(answer_due_provisional="")
    return render(request, "gongkai/home.html", {
        "agency": agency, "agencies": readable_agencies(request), "today": t,
        "open": requests.open().count(),
        "submitted": requests.filter(status="submitted").count(),
        "due_week": requests.due_this_week(t).count(),
        "overdue": requests.overdue(t).count(),
        "paused": requests.paused().count(),
        "problems": requests.with_deadline_problem().count(),
        "provisional": provisional.count(),
        "missing_years": sorted({int(y) for v in provisional.values_list("answer_due_provisional", flat=True).distinct()
                                 for y in v.split(",")}),
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


@allow_write_agency
@one_time_form
def case_edit(request, agency, pk: int | None = None):
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


@allow_agency
@one_time_form
def figures(request, agency, year: int):
    from ..models import ProactiveFigures

    row = ProactiveFigures.objects.filter(agency=agency, year=year).first()
    form = FiguresForm(request.POST or None, initial=FiguresForm.initial_from(row.t2 if row else {}))
    if request.method == "POST":
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


@allow_agency
@one_time_form
def report_page(request, agency, year: int):
    """The year's report: as approved (the latest version, and what changed since), or as compiled now."""
    row = AnnualReport.objects.filter(agency=agency, year=year).first()
    sections_form = SectionsForm(request.POST or None, initial={**(row.sections if row else {}),
                                                                "published": row.published if row else None})
    if request.method == "POST" and request.POST.get("action") == "sections":
        if sections_form.is_valid():
            data = dict(sections_form.cleaned_data)
            published = data.pop("published")
            office.save_sections(agency, request.user, year, data, published)
            messages.success(request, "已保存报告正文")
            return redirect("report", year=year)
    version = versions.latest(agency, year)
    report, findings, problem, changed = None, [], "", []
    try:
        if version:
            report, findings = versions.report_of(version), versions.version_findings(version)
            changed = versions.differences(agency, year, version)
        else:
            report = compiling.compile_year(agency, year)
            findings = compiling.year_findings(agency, year, report)
    except GongkaiError as exc:
        problem = str(exc)
    return render(request, "gongkai/report.html", {
        "agency": agency, "year": year, "report": report, "findings": findings, "problem": problem,
        "errors": sum(f.severity == "error" for f in findings), "row": row,
        "version": version, "versions": versions.history(agency, year), "changed": changed,
        "changes": versions.changes(version) if version else [],
        "t3_rows": t3_rows(report) if report else [], "t3_columns": template.T3_COLUMNS,
        "t4_groups": template.T4_GROUPS, "t4_columns": template.T4_COLUMNS,
        "t4": t4_row(report) if report else [], "preview": _preview(report),
        "sections_form": sections_form, "upload_form": UploadReportForm(),
        "can_write": access.can_write(request.user, agency),
        "is_head": access.is_head(request.user, agency), "formats": DOWNLOADS,
        "published": PublishedReport.objects.filter(agency=agency).order_by("-year")[:5],
        "agencies": readable_agencies(request),
    })


def _preview(report) -> str:
    """The report as the HTML writer prints it, for the page (empty when it cannot be written)."""
    if report is None:
        return ""
    try:
        from gongkai.writers import render as write

        html = write(report, "html").decode("utf-8")
    except (ImportError, GongkaiError):
        return ""
    start, end = html.find("<body>"), html.rfind("</body>")
    return html[start + 6:end] if start >= 0 and end > start else html


@require_POST
@allow_head
@one_time_form
def report_approve(request, agency, year: int):
    try:
        version = versions.approve(agency, request.user, year)
    except GongkaiError as exc:
        messages.error(request, str(exc))
    else:
        kind = "修订版" if version.is_revision else "审核版本"
        messages.success(request, f"年度报告已审核通过：第{version.number}版（{kind}）")
    return redirect("report", year=year)


@require_POST
@allow_write_agency
@one_time_form
def report_import(request, agency, year: int):
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


DOWNLOADS = tuple(formats.FORMATS[key] for key in formats.WRITABLE)  # a report's formats, from the one table


def downloadable(fmt: str) -> formats.Format:
    if fmt not in formats.WRITABLE:
        raise Http404("不支持的格式")
    return formats.FORMATS[fmt]


def report_file(request, report, fmt: str, filename: str, back: str, **back_args):
    """The report as a download in one of the writer's formats, or back with a message."""
    kind = downloadable(fmt)
    try:
        body = kind.write(report)
    except (ImportError, GongkaiError) as exc:
        messages.error(request, f"暂不能生成该格式：{exc}")
        return redirect(back, **back_args)
    response = HttpResponse(body, content_type=kind.content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}{kind.suffix}"'
    return response


@allow_agency
def report_download(request, agency, year: int, fmt: str):
    """The year's report as a file: an approved version (the latest, or ?version=N), else as compiled now."""
    downloadable(fmt)
    wanted = request.GET.get("version", "")
    if wanted:
        version = versions.numbered(agency, year, int(wanted)) if wanted.isdigit() else None
        if version is None:
            raise Http404("没有该审核版本")
    else:
        version = versions.latest(agency, year)
    if version is None:
        return report_file(request, compiling.compile_year(agency, year), fmt, f"report-{year}", "report", year=year)
    return report_file(request, versions.report_of(version), fmt, f"report-{year}-v{version.number}", "report",
                       year=year)


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




# --- the public portal's settings ---------------------------------------------------------

@allow_head_to_change
def portal_settings(request, agency):
    """Whether the agency takes requests online and where: read by its people, changed by its head."""
    from ..portal_forms import PortalSettingsForm
    from ..portal_models import PortalSettings
    from ..services import portal

    row = PortalSettings.objects.filter(agency=agency).first()
    initial = {} if row else {"slug": f"agency-{agency.pk}", "public_url": f"{request.scheme}://{request.get_host()}"}
    form = PortalSettingsForm(request.POST or None, instance=row, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            fields = {k: form.cleaned_data[k] for k in portal.SETTINGS_FIELDS}
            row = portal.save_settings(agency, request.user, **fields)
        except Refused as exc:
            form.add_error("slug", str(exc))
        else:
            messages.success(request, "已保存网上申请设置" + ("，网上申请已开通" if row.enabled else "，网上申请未开通"))
            return redirect("portal_settings")
    link = request.build_absolute_uri(reverse("portal_apply", kwargs={"slug": row.slug})) if row else ""
    return render(request, "gongkai/portal_settings.html", {
        "form": form, "row": row, "link": link, "head": access.is_head(request.user, agency), "agency": agency,
    }, status=400 if request.method == "POST" else 200)
