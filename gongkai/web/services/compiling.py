"""Tables 三 and 四 counted from the register, then assembled by `gongkai.register.counting`.

Requests are counted in the database (GROUP BY over indexed columns) so a year of a
million requests compiles in seconds; the counting rules are the library's, and a test
holds these queries to `count_requests` on the same register.
"""

from __future__ import annotations

import calendar as _cal
from datetime import date

from django.db.models import Count, Q

from ..models import AnnualReport, Case, ProactiveFigures, PublishedReport, ReportVersion, Request

VINTAGE = "2021"


def period_counts(agency_ids: list[int], start: date, end: date):
    """Table 三 counts of [start, end] by the library's rules (`count_period`), in two GROUP BYs.

    carried over: received before the period and not closed when it starts;
    carry forward: received by its end and not closed on its last day.
    """
    from gongkai.register.counting import RegisterCounts

    qs = Request.objects.filter(agency_id__in=agency_ids)
    open_at_start = Q(answered__isnull=True) | Q(answered__gte=start)
    open_at_end = Q(answered__isnull=True) | Q(answered__gt=end)
    by_kind = list(
        qs.filter(received__lte=end).filter(open_at_start)
        .values("applicant_kind")
        .annotate(
            new=Count("id", filter=Q(received__gte=start)),
            carried_over=Count("id", filter=Q(received__lt=start)),
            carry_forward=Count("id", filter=open_at_end),
        )
        .order_by()
    )
    outcomes = (
        qs.filter(answered__gte=start, answered__lte=end)
        .exclude(outcome="")
        .values_list("outcome", "applicant_kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    return RegisterCounts.from_rows(
        new=[(r["applicant_kind"], r["new"]) for r in by_kind],
        carried_over=[(r["applicant_kind"], r["carried_over"]) for r in by_kind],
        carry_forward=[(r["applicant_kind"], r["carry_forward"]) for r in by_kind],
        outcomes=list(outcomes),
    )


def case_record(case):
    """What table 四 counts of a case."""
    from gongkai.register.records import CaseRecord

    return CaseRecord(kind=case.kind, filed=case.filed, closed=case.closed,
                      result=case.result if case.closed else None, co_defendant=case.co_defendant)


def case_records(agency_ids: list[int]):
    return [case_record(c) for c in
            Case.objects.filter(agency_id__in=agency_ids).only("kind", "filed", "closed", "result", "co_defendant")]


def register_counts(agency_ids: list[int], year: int):
    """The library's RegisterCounts for one year: requests counted by SQL, cases by the library."""
    from gongkai.register.counting import count_cases

    counts = period_counts(agency_ids, date(year, 1, 1), date(year, 12, 31))
    return count_cases(case_records(agency_ids), year, counts)


def figures(agency, year: int) -> dict | None:
    row = ProactiveFigures.objects.filter(agency=agency, year=year).first()
    return row.t2 if row else None


def sections(agency, year: int) -> dict:
    row = AnnualReport.objects.filter(agency=agency, year=year).first()
    return dict(row.sections) if row else {}


def compile_year(agency, year: int, vintage: str = VINTAGE):
    """The annual report of one agency and year, compiled from its register."""
    from gongkai.register.counting import compile_report

    from .fees import with_statement

    counts = register_counts([agency.pk], year)
    report = compile_report(year, agency.name, counts, t2=figures(agency, year) or None,
                            sections=with_statement(sections(agency, year), [agency.pk], year), vintage=vintage)
    row = AnnualReport.objects.filter(agency=agency, year=year).first()
    if row and row.published:
        report = report.model_copy(update={"published": row.published})
    return report


def monthly(agency, year: int, month: int, vintage: str = VINTAGE):
    """Table 三 for one month, by the same counting (新收 / 月初结转 / 办结 / 月末结转)."""
    from gongkai.register.counting import compile_report

    last = _cal.monthrange(year, month)[1]
    counts = period_counts([agency.pk], date(year, month, 1), date(year, month, last))
    return compile_report(year, agency.name, counts, vintage=vintage)


def previous_report(agency, year: int):
    """Last year's report: the imported published one, else its approved version, else compiled."""
    from gongkai.record import Report

    row = PublishedReport.objects.filter(agency=agency, year=year - 1, current=True).first()
    if row:
        return Report.model_validate(row.record)
    approved = ReportVersion.objects.filter(report__agency=agency, report__year=year - 1).order_by("-number").first()
    if approved:
        return Report.model_validate(approved.record)
    if Request.objects.filter(agency=agency, received__lt=date(year, 1, 1)).exists():
        return compile_year(agency, year - 1)
    return None


def year_findings(agency, year: int, report) -> list:
    """The findings of one year's report as its page shows them: last year's continuity included."""
    return findings(report, previous_report(agency, year))


def findings(report, previous=None) -> list:
    """The library's checks, or an empty list when the checks are not installed."""
    try:
        import gongkai

        return list(gongkai.check(report, previous))
    except ImportError:
        return []
