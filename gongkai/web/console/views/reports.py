"""One stored report: its tables (each cell correctable beside the source text), findings and corrections."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai import template
from gongkai.supervision import corrections
from gongkai.supervision.agencies import publication_deadline
from gongkai.supervision.source import locate, source_rows

from ...errors import Refused
from ...models import PublishedReport
from .. import originals, review
from ..access import console_required, report_in_scope
from ..forms import CorrectionForm, FindingStatusForm
from ..models import Correction, FindingStatus, ReportFinding


def _cell(record: dict, corrected: dict, table: str, row: str, col: str) -> dict:
    key = f"{table}.{row}.{col}"
    return {"key": key, "value": corrections.current_value(record, key), "corrected": corrected.get(key)}


def tables(record: dict, corrected: dict) -> dict:
    """Tables 二, 三 and 四 of a record as rows of cells, each with its correction target."""
    vintage = record.get("vintage") or "2021"
    t3_keys = list((record.get("t3") or {}).keys()) or [r.key for r in template.t3_rows(vintage)]
    return {
        "t2": [{"label": row.label, "cells": [dict(_cell(record, corrected, "t2", row.key, c.key), column=c.label)
                                              for c in cols]}
               for row, cols in template.t2_rows(vintage)],
        "t3": [{"label": template.t3_label(k).printed, "group": template.t3_label(k).group, "key": k,
                "cells": [_cell(record, corrected, "t3", k, c) for c in template.T3_COLUMN_KEYS]} for k in t3_keys],
        "t4": [_cell(record, corrected, "t4", g, c) for g in template.T4_GROUP_KEYS for c in template.T4_COLUMN_KEYS],
    }


def timeliness(row: PublishedReport) -> dict:
    deadline, rule = publication_deadline(row.agency.kind, row.agency.name, row.year)
    late = (row.published - deadline).days if row.published and row.published > deadline else 0
    return {"deadline": deadline, "rule": rule, "late_days": late}


@console_required
def report_detail(request, pk: int):
    row = report_in_scope(request, pk)
    history = list(Correction.objects.filter(report=row).select_related("by"))
    corrected = {c.target: c for c in history}
    edit = request.GET.get("edit", "")
    editing, source, here = None, [], None
    if edit:
        try:
            editing = {"key": edit, "label": corrections.label_of(row.record, edit),
                       "value": corrections.current_value(row.record, edit)}
        except corrections.CorrectionError:
            raise Http404("无此项目")
        source = _source(row)
        here = _here(row, source, edit)
    findings = list(ReportFinding.objects.filter(report=row).select_related("decided_by").order_by("-active", "id"))
    others = PublishedReport.objects.filter(agency=row.agency, current=True).exclude(pk=row.pk).order_by("year")
    return render(request, "console/report.html", {
        "row": row, "record": row.record, "tables": tables(row.record, corrected), "findings": findings,
        "statuses": FindingStatus.choices, "history": history, "editing": editing,
        "form": CorrectionForm(initial={"target": edit}), "source": source, "here": here,
        "timeliness": timeliness(row), "others": others,
        "t3_columns": template.T3_COLUMNS, "t4_groups": template.T4_GROUPS, "t4_columns": template.T4_COLUMNS,
        "previous": others.filter(year=row.year - 1).first(),
    })


def _source(row: PublishedReport) -> list:
    if not row.original:
        return []
    try:
        return source_rows(originals.read(row.original.name), row.source_name or row.original.name)
    except OSError:
        return []


def _here(row: PublishedReport, source: list, target: str) -> int | None:
    """Which source row prints the table row of `target` (its label; in table 三 also its recorded line)."""
    parts = target.split(".")
    if len(parts) < 3:
        return None
    table, key = parts[0], ".".join(parts[1:-1])
    at = (row.lines or {}).get(f"{table}.{key}")
    return locate(source, table, key, at if at and at > 0 else None)


@require_POST
@console_required
def report_correct(request, pk: int):
    row = report_in_scope(request, pk)
    form = CorrectionForm(request.POST)
    target = request.POST.get("target", "")
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
        return redirect(f"{request.path.rsplit('correct/', 1)[0]}?edit={target}#editor")
    try:
        correction = review.correct(row, request.user, form.cleaned_data["target"], form.cleaned_data["value"],
                                    form.cleaned_data["reason"])
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect(f"{request.path.rsplit('correct/', 1)[0]}?edit={target}#editor")
    row.refresh_from_db()
    messages.success(request, f"已更正“{correction.label}”：{_shown(correction.original)} → {_shown(correction.value)}；"
                              f"重新检查后错误{row.errors}条，警告{row.warnings}条")
    return redirect("console:report", pk=row.pk)


def _shown(value) -> str:
    return template.UNKNOWN_MARK if value is None else str(value)


@require_POST
@console_required
def finding_status(request, pk: int):
    finding = get_object_or_404(ReportFinding.objects.select_related("report__agency"), pk=pk)
    if finding.report.agency_id not in set(request.scope_ids):
        raise Http404("记录不存在")
    form = FindingStatusForm(request.POST)
    if form.is_valid():
        try:
            review.set_status(finding, request.user, form.cleaned_data["status"], form.cleaned_data["reason"])
            messages.success(request, f"{finding.code}：{FindingStatus(finding.status).label}")
        except Refused as exc:
            messages.error(request, str(exc))
    else:
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/console/") else f"/console/reports/{finding.report_id}/")


@console_required
def report_original(request, pk: int):
    row = report_in_scope(request, pk)
    if not row.original:
        raise Http404("没有原始文件")
    name = PurePosixPath(row.source_name or row.original.name).name
    return FileResponse(row.original.open("rb"), as_attachment=True, filename=name)
