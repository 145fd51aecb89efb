"""A reading stored as an agency's published report of a year, and checked against the year before.

Storing takes a lock on the agency's row, so that two workers storing two years of one
agency one after the other each see the other's report: whichever comes second checks the
later year against the earlier. Every store and every correction re-checks the report and
the next year's (its cross-year checks changed), and keeps the findings' statuses by key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

import gongkai
from gongkai.record import Report
from gongkai.supervision import indicators

from ..models import Agency, PublishedReport
from .models import FindingStatus, ReportFinding

STORED, DUPLICATE, CONFLICT = "stored", "duplicate", "conflict"
_PLACE = ("table", "row", "column", "section", "group")


@dataclass
class Outcome:
    state: str  # stored, duplicate or conflict
    report: PublishedReport  # the report stored, or the one already there
    reason: str = ""


def as_report(row: PublishedReport) -> Report:
    report = Report.model_validate(row.record)
    report._lines = dict(row.lines) if row.lines else None
    return report


def current(agency_id: int, year: int) -> PublishedReport | None:
    return PublishedReport.objects.filter(agency_id=agency_id, year=year, current=True).select_related("agency").first()


def describe(row: PublishedReport) -> str:
    return f"{row.agency.name}{row.year}年度报告（{row.source_name or '无文件名'}）"


def store(*, agency: Agency, year: int, record: dict, lines: dict, original: str, sha256: str, source_name: str,
          replace: bool = False) -> Outcome:
    """Keep a reading as the agency's report for `year`, unless it has one already (and `replace` is not set)."""
    record = {**record, "year": year, "agency": record.get("agency") or agency.name}
    with transaction.atomic():
        Agency.objects.select_for_update().filter(pk=agency.pk).first()
        existing = current(agency.pk, year)
        if existing is not None and not replace:
            if existing.sha256 and existing.sha256 == sha256:
                return Outcome(DUPLICATE, existing, f"与已入库的{describe(existing)}是同一文件")
            return Outcome(CONFLICT, existing, f"{agency.name}{year}年度已有报告：{describe(existing)}")
        if existing is not None:
            existing.current = False
            existing.save(update_fields=["current"])
        row = PublishedReport.objects.create(
            agency=agency, year=year, record=record, lines=lines or {}, source_name=source_name[:200],
            original=original, sha256=sha256, published=record.get("published"),
        )
        recheck(row, created=True)
        following = current(agency.pk, year + 1)
        if following is not None:
            recheck(following)
    return Outcome(STORED, row)


def finding_key(finding) -> str:
    """A finding's identity across re-checks: its code and the place it points at (not its message)."""
    place = {k: finding.where[k] for k in _PLACE if k in finding.where}
    return f"{finding.code}|{json.dumps(place, ensure_ascii=False, sort_keys=True)}" if place else finding.code


def recheck(row: PublishedReport, correction=None, created: bool = False) -> list:
    """Run the checks again (against the year before) and bring the findings' rows up to date
    (`created`: the report is new and has none yet)."""
    previous = PublishedReport.objects.filter(agency_id=row.agency_id, year=row.year - 1, current=True).first()
    report = as_report(row)
    found = gongkai.check(report, as_report(previous) if previous else None)
    _sync(row, found, correction, created)
    row.basis = indicators.basis(report)
    row.published = report.published
    row.save(update_fields=["basis", "published"])
    recount(row)
    return found


def recount(row: PublishedReport) -> None:
    """The error and warning counts the matrix shows: findings still reported and not ignored."""
    active = ReportFinding.objects.filter(report=row, active=True).exclude(status=FindingStatus.IGNORED)
    counts = dict(active.filter(severity__in=("error", "warning")).values_list("severity").annotate(n=Count("pk")).order_by())
    row.errors, row.warnings = counts.get("error", 0), counts.get("warning", 0)
    row.save(update_fields=["errors", "warnings"])


def _sync(row: PublishedReport, found: list, correction, created: bool = False) -> None:
    keyed, seen = {}, {}
    for f in found:
        key = finding_key(f)
        seen[key] = seen.get(key, 0) + 1
        keyed[key if seen[key] == 1 else f"{key}#{seen[key]}"] = f
    rows = {r.key: r for r in ReportFinding.objects.filter(report=row)} if not created else {}
    now = timezone.now()
    new, changed = [], []
    for key, f in keyed.items():
        where = f.model_dump(mode="json")["where"]
        old = rows.get(key)
        if old is None:
            new.append(ReportFinding(report=row, key=key[:300], code=f.code, severity=f.severity, message=f.message,
                                     where=where))
        elif (old.message, old.where, old.active, old.severity) != (f.message, where, True, f.severity):
            old.message, old.where, old.active, old.severity = f.message, where, True, f.severity
            changed.append(old)
    ReportFinding.objects.bulk_create(new)
    ReportFinding.objects.bulk_update(changed, ["message", "where", "active", "severity"])
    for key, old in rows.items():
        if key in keyed or not old.active:
            continue
        old.active = False
        fields = ["active"]
        if correction is not None and old.status == FindingStatus.PENDING:
            old.status, old.decided_by, old.decided_at = FindingStatus.READ_CORRECTED, correction.by, now
            old.reason = f"更正“{correction.label}”后不再出现"
            fields += ["status", "decided_by", "decided_at", "reason"]
        old.save(update_fields=fields)
