"""One agency-year beside the year before, and the 整改 list sent to the agency."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from gongkai import formats
from gongkai.record import place
from gongkai.supervision import comparison, rectification

from ...services import audit
from ...services.requests import today
from .. import storing
from ..access import console_required, report_in_scope
from ..models import SEVERITY_LABELS, FindingStatus, ReportFinding

FORMATS = ("docx", "xlsx")  # their content types from the one table of formats


@console_required
def compare(request, pk: int):
    row = report_in_scope(request, pk)
    before = storing.current(row.agency_id, row.year - 1)
    if before is None:
        raise Http404(f"没有{row.year - 1}年度的报告可以对比")
    result = comparison.compare(storing.as_report(row), storing.as_report(before))
    return render(request, "console/compare.html", {"row": row, "before": before, "result": result,
                                                    "problems": result.section("problems")})


def rectification_items(row) -> list[rectification.Item]:
    """The findings a supervisor confirmed as the report's own errors, still reported."""
    found = ReportFinding.objects.filter(report=row, status=FindingStatus.CONFIRMED).order_by("id")
    return [rectification.Item(SEVERITY_LABELS.get(f.severity, f.severity), f.code, f.message,
                               place(f.where), FindingStatus(f.status).label + ("" if f.active else "（已不再出现）"))
            for f in found]


@console_required
def rectification_file(request, pk: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404("不支持的格式")
    row = report_in_scope(request, pk)
    items = rectification_items(row)
    issuer = request.scope.name if request.scope else "政府信息公开工作主管部门"
    if fmt == "docx":
        body = rectification.to_docx(row.agency.name, row.year, items, issuer, today())
    else:
        body = rectification.to_xlsx(row.agency.name, row.year, items)
    audit.record(request.user, "rectification.export", row, row.agency, fmt=fmt, items=len(items))
    response = HttpResponse(body, content_type=formats.FORMATS[fmt].content_type)
    response["Content-Disposition"] = f'attachment; filename="rectification-{row.agency_id}-{row.year}.{fmt}"'
    return response
