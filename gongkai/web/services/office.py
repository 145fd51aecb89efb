"""Cases, table 二 figures and the annual report's text: each write audited, noted when it alters an approved year."""

from __future__ import annotations

from django.db import transaction

from .. import choices
from ..errors import Refused
from ..models import AnnualReport, Case, ProactiveFigures, PublishedReport, Request
from . import audit, compiling, versions

CASE_FIELDS = ("kind", "reference", "filed", "closed", "result", "co_defendant", "note")


def save_case(agency, user, case: Case | None = None, request_number: str = "", **fields) -> Case:
    """Register or update a review/lawsuit, linked to its request when the number is known."""
    linked = None
    if request_number:
        linked = Request.objects.filter(agency=agency, number=request_number.strip()).first()
        if linked is None:
            raise Refused(f"本机关没有编号为“{request_number}”的申请")
    with transaction.atomic():
        if case is None:
            case = Case(agency=agency)
        elif case.agency_id != agency.pk:
            raise Refused("不能修改其他机关的案件")
        stored = Case.objects.filter(pk=case.pk).first() if case.pk else None
        for k in CASE_FIELDS:
            if k in fields:
                setattr(case, k, fields[k])
        case.request = linked or case.request
        created = case.pk is None
        case.save()
        entry = audit.record(user, "case.create" if created else "case.update", case, agency,
                             **{k: fields.get(k) for k in CASE_FIELDS if k in fields}, request=request_number)
        versions.note_case(entry, compiling.case_record(stored) if stored else None, case)
    return case


# A review still pending and a lawsuit filed directly against the same decision: a court
# does not take a case while a review of it is pending, and a review is not taken once a
# court has taken it. Either way the register likely holds a mistake.
PARALLEL = {"review": "litigation_direct", "litigation_direct": "review"}


def case_conflicts(case: Case) -> list[str]:
    """Warnings about `case` against the other cases of its request (nothing is refused)."""
    other_kind = PARALLEL.get(case.kind)
    if case.request_id is None or other_kind is None:
        return []
    others = Case.objects.filter(request_id=case.request_id, kind=other_kind).exclude(pk=case.pk)
    pending = [c for c in others if c.result == "pending" or case.result == "pending"]
    labels = dict(choices.CASE_KINDS)
    return [
        f"申请{case.request.number}已有{labels[other_kind]}（{c.reference or '无案号'}，{c.filed}），"
        f"与本次登记的{labels[case.kind]}针对同一答复且有一件尚未审结：复议期间法院一般不受理同一事项的起诉，"
        "已起诉的也不能再申请复议，请核对是否登记有误"
        for c in pending
    ]


def proposed_in_force(agency, year: int) -> dict[str, int]:
    """现行有效 proposed as last year's 现行有效 + this year's 制发 − 废止 (for 规章 and 规范性文件)."""
    this = ProactiveFigures.objects.filter(agency=agency, year=year).first()
    last = ProactiveFigures.objects.filter(agency=agency, year=year - 1).first()
    prev = last.t2 if last else None
    if prev is None:
        pub = PublishedReport.objects.filter(agency=agency, year=year - 1, current=True).first()
        prev = pub.record.get("t2") if pub else None
    out = {}
    for row in ("rules", "normative"):
        base = ((prev or {}).get(row) or {}).get("in_force")
        cur = (this.t2 if this else {}).get(row) or {}
        if base is None:
            continue
        out[row] = int(base) + int(cur.get("issued") or 0) - int(cur.get("repealed") or 0)
    return out


def save_figures(agency, user, year: int, t2: dict) -> ProactiveFigures:
    stored = ProactiveFigures.objects.filter(agency=agency, year=year).first()
    row, _ = ProactiveFigures.objects.update_or_create(agency=agency, year=year, defaults={"t2": t2})
    row.refresh_from_db(fields=["t2"])
    entry = audit.record(user, "figures.save", f"表二{year}", agency, year=year, t2=t2)
    versions.note_year(entry, year, changed=(stored.t2 if stored else {}) != row.t2)
    return row


def save_sections(agency, user, year: int, sections: dict, published=None) -> AnnualReport:
    """The report's own text and publication date; after approval a change waits for a 修订版."""
    row, _ = AnnualReport.objects.get_or_create(agency=agency, year=year)
    before = (row.sections, row.published)
    row.sections = {k: v for k, v in sections.items() if v}
    row.published = published
    row.save()
    entry = audit.record(user, "report.sections", f"年度报告{year}", agency, year=year, keys=sorted(row.sections))
    versions.note_year(entry, year, changed=before != (row.sections, row.published))
    return row


def import_published(agency, user, upload, other_agency_confirmed: bool = False) -> PublishedReport:
    """Read a published report and keep its record for the continuity checks.

    The file must be of the type its name declares, and is read in a separate process within
    `gongkai.limits` (memory, time), so a hostile file never slows the other users' pages.
    A report of another agency is refused unless the user confirms it is this agency's.
    """
    from gongkai import limits
    from gongkai.checks.continuity import same_agency

    data = b"".join(upload.chunks())
    limits.check_declared(data, upload.name)
    report = limits.read_isolated(data, upload.name)
    if report.year is None:
        raise Refused("无法从文件中识别报告年度")
    if report.agency and not same_agency(report.agency, agency.name) and not other_agency_confirmed:
        raise Refused(f"报告中的机关是“{report.agency}”，不是本机关（{agency.name}）；"
                      "如确为本机关的报告（例如机关更名），请勾选“确认是本机关的报告”后重新导入")
    with transaction.atomic():  # the newest import of an agency-year is the one in use
        PublishedReport.objects.filter(agency=agency, year=report.year, current=True).update(current=False)
        row = PublishedReport.objects.create(agency=agency, year=report.year, record=report.record(),
                                             source_name=upload.name[:200], published=report.published)
    audit.record(user, "report.import", f"已发布年度报告{report.year}", agency, year=report.year, source=upload.name,
                 reported_agency=report.agency)
    return row
