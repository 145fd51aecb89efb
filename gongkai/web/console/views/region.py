"""The region's compiled annual report: summed tables, who did not publish or was late, the main findings; downloads."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from gongkai import template

from ...services.combined import combined_name
from ...services.requests import today
from ...views.office import CONTENT_TYPES, report_file, t3_rows, t4_row
from ...views.combined import t2_rows
from .. import coverage, regional
from ..access import console_required
from .common import region_options, region_placed, year_param


def _compiled(request):
    placed, region = region_placed(request)
    if not placed:
        raise Http404("没有机关")
    year = year_param(request, "year", coverage.default_years(request.scope_ids, today())[-1])
    return regional.compile(placed, year, today(), combined_name(placed[0])), placed, region, year


@console_required
def region_page(request):
    result, placed, region, year = _compiled(request)
    before = regional.compile(placed, year - 1, today(), result.report.agency)
    before = before if any(p.report for p in before.parts) else None
    found = regional.findings(result, before)
    report = result.report
    return render(request, "console/region.html", {
        "result": result, "report": report, "year": year, "region": region, "region_options": region_options(request, region),
        "findings": found, "t2_rows": t2_rows(report), "t3_rows": t3_rows(report), "t3_columns": template.T3_COLUMNS,
        "t4_groups": template.T4_GROUPS, "t4_columns": template.T4_COLUMNS, "t4": t4_row(report),
        "formats": ("docx", "html", "md", "xlsx", "json"), "query": request.GET.urlencode(),
        "missing": result.by_status("missing"), "late": result.by_status("late"), "undated": result.by_status("undated"),
    })


@console_required
def region_download(request, fmt: str):
    if fmt not in CONTENT_TYPES:
        raise Http404("不支持的格式")
    result, _, region, year = _compiled(request)
    return report_file(request, result.report, fmt, f"region-{year}", "console:region")
