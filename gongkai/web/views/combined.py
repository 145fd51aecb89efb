"""The supervisor's combined annual report over every agency it oversees."""

from __future__ import annotations

from django.shortcuts import render

from gongkai import template
from gongkai.errors import GongkaiError

from ..services import access, combined
from .common import member_required
from .office import DOWNLOADS, downloadable, report_file, t3_rows, t4_row


def _compiled(request, year: int):
    access.require_supervisor(request.user)
    return combined.compile_overseen(request.member.agency, year)


def t2_rows(report) -> list[dict]:
    return [{"label": row.label, "cells": [(col.label, (report.t2.get(row.key) or {}).get(col.key)) for col in cols]}
            for row, cols in template.t2_rows(report.vintage or combined.VINTAGE)]


def part_rows(result) -> list[dict]:
    """One line per agency: the figures a supervisor compares at a glance."""
    rows = []
    for agency, report in result.parts:
        t3, t4 = report.t3, report.t4
        rows.append({"agency": agency, "version": result.approved.get(agency.pk), "new": t3["new"]["total"], "carried_over": t3["carried_over"]["total"],
                     "closed": t3["total"]["total"], "carry_forward": t3["carry_forward"]["total"],
                     "review": t4["review"]["total"],
                     "litigation": sum(t4[g]["total"] for g in template.T4_GROUP_KEYS if g != "review")})
    return rows


@member_required
def combined_report(request, year: int):
    result, findings, problem = None, [], ""
    try:
        result = _compiled(request, year)
        findings = combined.findings(result, year)
    except access.Forbidden:
        raise
    except GongkaiError as exc:
        problem = str(exc)
    report = result.report if result else None
    return render(request, "gongkai/report_combined.html", {
        "year": year, "result": result, "report": report, "findings": findings, "problem": problem,
        "errors": sum(f.severity == "error" for f in findings),
        "parts": part_rows(result) if result else [], "t2_rows": t2_rows(report) if report else [],
        "t3_rows": t3_rows(report) if report else [], "t3_columns": template.T3_COLUMNS,
        "t4_groups": template.T4_GROUPS, "t4_columns": template.T4_COLUMNS, "t4": t4_row(report) if report else [],
        "formats": DOWNLOADS,
    })


@member_required
def combined_download(request, year: int, fmt: str):
    downloadable(fmt)
    report = _compiled(request, year).report
    return report_file(request, report, fmt, f"report-{year}-combined", "report_combined", year=year)
