"""The region's own annual report, from the stored reports of the agencies in a region (the library compiles it)."""

from __future__ import annotations

from datetime import date

import gongkai
from gongkai.supervision.coverage import cell
from gongkai.supervision.region import Part, RegionReport, Tables, compile_region

from ..models import PublishedReport
from ..services.combined import NOT_APPLICABLE
from . import tree
from .models import FindingStatus, ReportFinding


def compile(placed: list[tree.Placed], year: int, today: date, name: str) -> RegionReport:
    ids = [a.id for a in placed]
    # only the tables of each record: the text and notices are most of a record, and not summed
    # (SQLite hands a key's JSON string "2021" back as the number 2021)
    stored = {a: (pk, Tables(None if vintage is None else str(vintage), t2 or {}, t3 or {}, t4 or {}), published)
              for a, pk, published, vintage, t2, t3, t4 in
              tree.among(PublishedReport.objects.filter(current=True, year=year), ids)
              .values_list("agency_id", "pk", "published", "record__vintage", "record__t2", "record__t3", "record__t4")
              .order_by()}
    codes: dict[int, list[str]] = {}
    for agency, code in (ReportFinding.objects.filter(report__in=tree.reports_among(ids, year=year), active=True,
                                                      severity__in=("error", "warning"))
                         .exclude(status=FindingStatus.IGNORED).values_list("report__agency_id", "code")):
        codes.setdefault(agency, []).append(code)
    parts = []
    for a in placed:
        found = stored.get(a.id)
        c = cell(a.kind, a.name, year, today, found[0] if found else None, found[2] if found else None)
        parts.append(Part(a.name, c, found[1] if found else None, codes.get(a.id, [])))
    return compile_region(name, year, parts)


def findings(result: RegionReport, before: RegionReport | None) -> list:
    """The library's checks on the region's tables (not those of a published report's text and date)."""
    found = gongkai.check(result.report, before.report if before else None)
    return [f for f in found if not f.code.startswith(NOT_APPLICABLE)]
