"""The combined annual report of several agencies: a supervisor's, over every agency it oversees.

Each agency takes part with its own report: the version its head last approved (what it
published), else the report the register compiles now. Tables 三 and 四 are added up cell by
cell (`gongkai.supervision.region.sum_tables`, as a region's published reports are); table 二
over the agencies that filled it in. The library's checks then run on the combined report,
against the combined report of the year before when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from gongkai import template

from ..models import Agency, Request
from . import compiling, versions

VINTAGE = compiling.VINTAGE
ALL_AGENCIES = "全部机关"


@dataclass
class Combined:
    report: object  # gongkai.record.Report of all the agencies together
    parts: list = field(default_factory=list)  # (Agency, Report) of each agency, by name
    missing_figures: list = field(default_factory=list)  # agencies without table 二 for the year
    approved: dict = field(default_factory=dict)  # agency pk → the number of the approved version its figures are from

    @property
    def agencies(self) -> list[Agency]:
        return [a for a, _ in self.parts]


def overseen(agency: Agency) -> list[Agency]:
    """The agency and every agency below it (what its supervisor reads)."""
    return list(Agency.objects.filter(pk__in=agency.subtree_ids()).order_by("name"))


def sum_t2(tables: list[dict], vintage: str = VINTAGE) -> dict:
    """Table 二 summed cell by cell; a cell no agency filled stays empty (None)."""
    out: dict = {}
    for row, cols in template.t2_rows(vintage):
        out[row.key] = {}
        for col in cols:
            values = [(t.get(row.key) or {}).get(col.key) for t in tables]
            values = [v for v in values if v not in (None, "")]
            if not values:
                out[row.key][col.key] = None
            elif (row.key, col.key) in template.T2_DECIMAL_CELLS:
                out[row.key][col.key] = str(sum((Decimal(str(v)) for v in values), Decimal(0)))
            else:
                out[row.key][col.key] = sum(int(v) for v in values)
    return out


def compile_agencies(agencies: list[Agency], year: int, name: str, vintage: str = VINTAGE) -> Combined:
    """The combined report of `agencies` for `year`: tables 三 and 四 summed cell by cell over each
    agency's own report (approved or compiled now), table 二 over those that filled it."""
    from gongkai.record import Report
    from gongkai.register.counting import RegisterCounts, compile_report
    from gongkai.supervision.region import sum_tables

    result = Combined(report=None)
    tables = []
    for agency in agencies:
        own, version = versions.as_approved(agency, year)
        result.parts.append((agency, own))
        if version is not None:
            result.approved[agency.pk] = version.number
        if own.t2:
            tables.append(own.t2)
        else:
            result.missing_figures.append(agency)
    if not result.parts:
        result.report = compile_report(year, name, RegisterCounts(), vintage=vintage)
        return result
    _, t3, t4, _ = sum_tables([(a.name, r) for a, r in result.parts], vintage)
    result.report = Report(agency=name, year=year, vintage=vintage, t2=sum_t2(tables, vintage) if tables else {},
                           t3=t3, t4=t4)
    return result


def compile_overseen(agency: Agency, year: int) -> Combined:
    """The supervisor's combined report: its agency and every agency below it."""
    return compile_agencies(overseen(agency), year, combined_name(agency))


def compile_all(year: int) -> Combined:
    """Every agency of the database together (one top agency: named after it)."""
    agencies = list(Agency.objects.order_by("name"))
    roots = [a for a in agencies if a.parent_id is None]
    name = combined_name(roots[0]) if len(roots) == 1 else f"{ALL_AGENCIES}（汇总）"
    return compile_agencies(agencies, year, name)


def combined_name(agency: Agency) -> str:
    return f"{agency.name}及所属机关（汇总）"


def previous(result: Combined, year: int) -> Combined | None:
    """Last year's combined report of the same agencies, when they had requests before `year`."""
    agencies = result.agencies
    if not Request.objects.filter(agency__in=agencies, received__lt=date(year, 1, 1)).exists():
        return None
    return compile_agencies(agencies, year - 1, result.report.agency)


# The combined report has tables only and is never published as such: the checks of the
# six parts and of the publication date do not apply to it.
NOT_APPLICABLE = ("TEMPLATE_SECTION_MISSING", "TIMELINESS_")


def findings(result: Combined, year: int) -> list:
    """The library's checks on the combined report (with last year's for continuity)."""
    before = previous(result, year)
    found = compiling.findings(result.report, before.report if before else None)
    return [f for f in found if not f.code.startswith(NOT_APPLICABLE)]
