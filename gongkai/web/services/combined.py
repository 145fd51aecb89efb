"""The combined annual report of several agencies: a supervisor's, over every agency it oversees.

Each agency's tables 三 and 四 are counted by the library's rules (`compiling.register_counts`,
the same counting as the agency's own report); the counts are added up (`RegisterCounts`
holds plain counters) and `compile_report` assembles the combined tables with their totals.
Table 二 is the cell-by-cell sum of the agencies' figures. The library's checks then run on
the combined report, against the combined report of the year before when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal

from gongkai import template

from ..models import Agency, Request
from . import compiling

VINTAGE = compiling.VINTAGE
ALL_AGENCIES = "全部机关"


@dataclass
class Combined:
    report: object  # gongkai.record.Report of all the agencies together
    parts: list = field(default_factory=list)  # (Agency, Report) of each agency, by name
    missing_figures: list = field(default_factory=list)  # agencies without table 二 for the year

    @property
    def agencies(self) -> list[Agency]:
        return [a for a, _ in self.parts]


def overseen(agency: Agency) -> list[Agency]:
    """The agency and every agency below it (what its supervisor reads)."""
    return list(Agency.objects.filter(pk__in=agency.subtree_ids()).order_by("name"))


def add_counts(parts):
    """The sum of several `RegisterCounts`."""
    from gongkai.register.counting import RegisterCounts

    total = RegisterCounts()
    for counts in parts:
        for f in fields(RegisterCounts):
            getattr(total, f.name).update(getattr(counts, f.name))
    return total


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
    """The combined report of `agencies` for `year`, with each agency's own report."""
    from gongkai.register.counting import compile_report

    counts, parts, tables, missing = [], [], [], []
    for agency in agencies:
        c = compiling.register_counts([agency.pk], year)
        t2 = compiling.figures(agency, year)
        counts.append(c)
        parts.append((agency, compile_report(year, agency.name, c, t2=t2 or None, vintage=vintage)))
        if t2:
            tables.append(t2)
        else:
            missing.append(agency)
    report = compile_report(year, name, add_counts(counts), t2=sum_t2(tables, vintage) if tables else None,
                            vintage=vintage)
    return Combined(report=report, parts=parts, missing_figures=missing)


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
