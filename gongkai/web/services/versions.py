"""Approved reports as versions: what the head approved is what the year's page and files serve.

Approving a year stores its record, the findings its page shows (the previous year's
continuity included) and a SHA-256 of both; approval is refused while an error stands.
A later write that alters a cell or a section of an approved year is noted beside its audit
row (`ReportChange`), the page shows the cells that now read differently, and the head may
approve a 修订版, the next version. No version is changed or removed.
"""

from __future__ import annotations

import hashlib
import json

from django.db import transaction

from gongkai.compare import differences as record_differences
from gongkai.register import CaseRecord, RequestRecord, altered_years

from ..errors import Refused
from ..models import AnnualReport, ReportChange, ReportVersion
from . import audit, compiling


def digest(record: dict, findings: list) -> str:
    """The SHA-256 of a version's record and findings, in canonical JSON."""
    text = json.dumps({"record": record, "findings": findings}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def findings_of(record: dict, previous: dict | None = None) -> list[dict]:
    """The library's findings on a record, as JSON."""
    from gongkai.record import Report

    report = Report.model_validate(record)
    before = Report.model_validate(previous) if previous else None
    return [f.model_dump(mode="json") for f in compiling.findings(report, before)]


def latest(agency, year: int) -> ReportVersion | None:
    return ReportVersion.objects.filter(report__agency=agency, report__year=year).select_related(
        "approved_by").order_by("-number").first()


def numbered(agency, year: int, number: int) -> ReportVersion | None:
    return ReportVersion.objects.filter(report__agency=agency, report__year=year, number=number).first()


def history(agency, year: int) -> list[ReportVersion]:
    return list(ReportVersion.objects.filter(report__agency=agency, report__year=year)
                .select_related("approved_by").order_by("number"))


def report_of(version: ReportVersion):
    from gongkai.record import Report

    return Report.model_validate(version.record)


def as_approved(agency, year: int):
    """(report, version): the year's report as the agency's head last approved it (what the agency
    published), else as the register compiles it now, with None for the version."""
    version = latest(agency, year)
    if version is not None:
        return report_of(version), version
    return compiling.compile_year(agency, year), None


def version_findings(version: ReportVersion) -> list:
    """The findings as they stood when the version was approved."""
    from gongkai.record import Finding

    return [Finding.model_validate(f) for f in version.findings]


def approve(agency, user, year: int) -> ReportVersion:
    """Approve the year as the register now compiles it: version 1, or the next 修订版."""
    with transaction.atomic():
        row, _ = AnnualReport.objects.select_for_update().get_or_create(agency=agency, year=year)
        report = compiling.compile_year(agency, year)
        found = compiling.year_findings(agency, year, report)
        errors = [f for f in found if f.severity == "error"]
        if errors:
            codes = "、".join(sorted({f.code for f in errors}))
            raise Refused(f"报告存在{len(errors)}项错误（{codes}），修正后才能审核通过")
        record = report.record()
        findings = [f.model_dump(mode="json") for f in found]
        last = row.versions.order_by("-number").first()
        if last is not None and last.record == record:
            raise Refused(f"登记数据与第{last.number}版相同，无需审核修订版")
        version = ReportVersion.objects.create(
            report=row, number=(last.number + 1) if last else 1, record=record, findings=findings,
            sha256=digest(record, findings), approved_by=user,
        )
        audit.record(user, "report.approve", f"年度报告{year}第{version.number}版", agency, year=year,
                     version=version.number, sha256=version.sha256)
    return version


def differences(agency, year: int, version: ReportVersion):
    """The cells and sections that the register now gives differently from `version`."""
    return record_differences(report_of(version), compiling.compile_year(agency, year))


def changes(version: ReportVersion) -> list:
    """The audited writes since `version` that altered its year."""
    return [c.entry for c in version.changes.select_related("entry__user")]


# --- noting the writes that alter an approved year --------------------------------------------

def approved_years(agency) -> list[int]:
    return sorted(set(ReportVersion.objects.filter(report__agency=agency).values_list("report__year", flat=True)))


def note(entry, years) -> None:
    """Note an audited write against the latest version of each approved year it alters."""
    for year in years:
        version = latest(entry.agency, year)
        if version is not None:
            ReportChange.objects.create(version=version, entry=entry)


COUNTED = ("applicant_kind", "received", "answered", "outcome")  # what table 三 reads of a request


def request_record(req, **changes) -> RequestRecord | None:
    """What table 三 counts of a request, or would count with `changes` (other fields are ignored);
    None for a request submitted online and not yet received, which no table counts."""
    v = {k: changes.get(k, getattr(req, k)) for k in COUNTED}
    if v["received"] is None:
        return None
    return RequestRecord(req.number, v["applicant_kind"], v["received"], v["answered"], v["outcome"] or None)


def years_altered_by(req, **changes) -> list[int]:
    """The approved years whose cells `changes` to the request would alter (the head decides those)."""
    years = approved_years(req.agency)
    return altered_years(request_record(req), request_record(req, **changes), years) if years else []


def note_request(entry, before: RequestRecord | None, req) -> None:
    years = approved_years(entry.agency)
    if years:
        note(entry, altered_years(before, request_record(req), years))


def note_case(entry, before: CaseRecord | None, case) -> None:
    years = approved_years(entry.agency)
    if years:
        note(entry, altered_years(before, compiling.case_record(case), years))


def note_year(entry, year: int, changed: bool) -> None:
    """A write to one year's own data (table 二, the text): noted when it changed anything."""
    if changed:
        note(entry, [year])
