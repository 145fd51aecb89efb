"""Downloads: the matrix, findings and indicators as XLSX or CSV; the whole collection as a zip."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render

from gongkai import formats
from gongkai.supervision import sheets

from ...services import audit
from ...services.requests import today
from .. import coverage, exports
from ..access import console_required
from .findings import queue
from .indicators import ranking_params
from .matrix import matrix_params

FORMATS = ("xlsx", "csv")  # their content types from the one table of formats


@console_required
def exports_page(request):
    return render(request, "console/exports.html", {})


@console_required
def export(request, what: str, fmt: str):
    if fmt not in FORMATS:
        raise Http404("不支持的格式")
    if what == "matrix":
        p = matrix_params(request)
        tables = [exports.matrix_sheet(coverage.matrix(p["agencies"], p["years"], today(), p["kind"], p["show"], p["code"]))]
    elif what == "findings":
        tables = [exports.findings_sheet(queue(request)[0])]
    elif what == "indicators":
        p = ranking_params(request)
        years = coverage.default_years(request.scope_ids, today(), span=10) if not request.GET.get("year") else [p["year"]]
        tables = list(exports.indicators_sheet(p["agencies"], years, today()))
    else:
        raise Http404("没有这项导出")
    body = sheets.xlsx(tables) if fmt == "xlsx" else sheets.csv_bytes(tables[0])
    audit.record(request.user, "console.export", what, request.scope, fmt=fmt, query=request.GET.urlencode())
    response = HttpResponse(body, content_type=formats.FORMATS[fmt].content_type)
    response["Content-Disposition"] = f'attachment; filename="{what}.{fmt}"'
    return response


@console_required
def collection(request):
    audit.record(request.user, "console.export", "collection", request.scope, fmt="zip")
    return FileResponse(exports.collection_zip(request.scope_ids), as_attachment=True, filename="reports.zip",
                        content_type="application/zip")
