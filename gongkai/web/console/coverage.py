"""The coverage matrix: agencies (in tree order) × years, one cell per agency-year, with filters.

Two queries whatever the size (the agencies, the current reports' dates and counts) and one
more for a filter by finding code; the cells are the library's (`gongkai.supervision.coverage`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Max, Min

from gongkai.supervision import coverage as lib

from ..models import PublishedReport
from . import tree
from .models import ReportFinding

FILTERS = {"": "全部", "missing": "有未发布", "late": "有逾期或未注明日期", "errors": "有错误", "warnings": "有警告"}


@dataclass
class Row:
    agency: tree.Placed
    cells: list[lib.Cell]
    marked: set = field(default_factory=set)  # years whose cell the filter picked


@dataclass
class Matrix:
    years: list[int]
    rows: list[Row]

    def totals(self) -> list[dict]:
        out = []
        for i, year in enumerate(self.years):
            cells = [r.cells[i] for r in self.rows]
            out.append({"year": year, "agencies": len(cells), "published": sum(c.is_published for c in cells),
                        "on_time": sum(c.status == lib.ON_TIME for c in cells),
                        "late": sum(c.status in (lib.LATE, lib.UNDATED) for c in cells),
                        "missing": sum(c.status == lib.MISSING for c in cells),
                        "errors": sum(c.errors for c in cells), "warnings": sum(c.warnings for c in cells)})
        return out


def default_years(ids: list[int], today: date, span: int = 3) -> list[int]:
    """The last `span` years with reports in scope, or the last `span` report years before today."""
    bounds = tree.among(PublishedReport.objects.filter(current=True), ids).aggregate(lo=Min("year"), hi=Max("year"))
    hi = bounds["hi"] or today.year - 1
    return list(range(max(bounds["lo"] or hi, hi - span + 1), hi + 1))


def matrix(placed: list[tree.Placed], years: list[int], today: date, kind: str = "", show: str = "", code: str = "") -> Matrix:
    """The matrix of agencies placed in tree order (`tree.ordered`), of one kind or all."""
    agencies = [a for a in placed if not kind or a.kind == kind]
    wanted = {a.id for a in agencies}
    stored = {(a, y): (pk, published, errors, warnings) for a, y, pk, published, errors, warnings in
              tree.among(PublishedReport.objects.filter(current=True, year__in=years), wanted)
              .values_list("agency_id", "year", "pk", "published", "errors", "warnings").order_by()}
    coded = set()
    if code:
        coded = set(ReportFinding.objects.filter(code=code, active=True, report__in=tree.reports_among(wanted, year__in=years))
                    .values_list("report__agency_id", "report__year").distinct())
    rows = []
    for agency in agencies:
        cells = []
        for year in years:
            found = stored.get((agency.id, year))
            cells.append(lib.cell(agency.kind, agency.name, year, today, *found) if found
                         else lib.cell(agency.kind, agency.name, year, today))
        marked = {c.year for c in cells if _picked(c, show) and (not code or (agency.id, c.year) in coded)}
        if (show or code) and not marked:
            continue
        rows.append(Row(agency, cells, marked if show or code else set()))
    return Matrix(years, rows)


def _picked(c: lib.Cell, show: str) -> bool:
    if show == "missing":
        return c.status == lib.MISSING
    if show == "late":
        return c.status in (lib.LATE, lib.UNDATED)
    if show == "errors":
        return c.errors > 0
    if show == "warnings":
        return c.warnings > 0
    return True
