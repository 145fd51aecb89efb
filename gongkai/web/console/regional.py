"""The region's own annual report, from the stored reports of the agencies in a region (the library compiles it)."""

from __future__ import annotations

from datetime import date

import gongkai
from gongkai.record import Report
from gongkai.supervision.coverage import cell
from gongkai.supervision.region import Part, RegionReport, compile_region

from ..models import PublishedReport
from ..services.combined import NOT_APPLICABLE
from . import tree
from .models import FindingStatus, ReportFinding


def compile(placed: list[tree.Placed], year: int, today: date, name: str) -> RegionReport:
    ids = [a.id for a in placed]
    stored = {a: (pk, record, published) for a, pk, record, published in
              PublishedReport.objects.filter(current=True, year=year, agency_id__in=ids)
              .values_list("agency_id", "pk", "record", "published").order_by()}
    codes: dict[int, list[str]] = {}
    for agency, code in (ReportFinding.objects.filter(report__current=True, report__year=year, report__agency_id__in=ids,
                                                      active=True, severity__in=("error", "warning"))
                         .exclude(status=FindingStatus.IGNORED).values_list("report__agency_id", "code")):
        codes.setdefault(agency, []).append(code)
    parts = []
    for a in placed:
        found = stored.get(a.id)
        c = cell(a.kind, a.name, year, today, found[0] if found else None, found[2] if found else None)
        parts.append(Part(a.name, c, Report.model_validate(found[1]) if found else None, codes.get(a.id, [])))
    return compile_region(name, year, parts)


def findings(result: RegionReport, before: RegionReport | None) -> list:
    """The library's checks on the region's tables (not those of a published report's text and date)."""
    found = gongkai.check(result.report, before.report if before else None)
    return [f for f in found if not f.code.startswith(NOT_APPLICABLE)]
