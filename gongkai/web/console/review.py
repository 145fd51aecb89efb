"""Review of stored reports: a finding's status as a person judged it, and corrections of misread items.

A correction is kept as a correction (the value as read, the new value, who, why); the
report is re-checked at once, with the next year's, and a finding the correction made go
away is marked 读取错误已更正.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gongkai.supervision import corrections as lib

from ..errors import Refused
from ..models import Agency, PublishedReport
from ..services import audit
from . import storing
from .models import Correction, FindingStatus, ReportFinding


def set_status(finding: ReportFinding, user, status: str, reason: str = "") -> ReportFinding:
    if status not in FindingStatus.values:
        raise Refused("未知的状态")
    reason = (reason or "").strip()
    if status == FindingStatus.IGNORED and not reason:
        raise Refused("忽略须写明理由")
    finding.status, finding.reason = status, reason
    finding.decided_by = user if status != FindingStatus.PENDING else None
    finding.decided_at = timezone.now() if status != FindingStatus.PENDING else None
    with transaction.atomic():
        finding.save(update_fields=["status", "reason", "decided_by", "decided_at"])
        storing.recount(finding.report)
        audit.record(user, "finding.status", finding, finding.report.agency, code=finding.code, status=status,
                     reason=reason, report=finding.report_id)
    return finding


def correct(row: PublishedReport, user, target: str, text: str, reason: str) -> Correction:
    """Correct one item of a stored report and re-check it (and the year after) at once."""
    reason = (reason or "").strip()
    if not reason:
        raise Refused("请写明更正理由")
    with transaction.atomic():
        Agency.objects.select_for_update().filter(pk=row.agency_id).first()
        row = PublishedReport.objects.select_related("agency").get(pk=row.pk)
        if not row.current:
            raise Refused("该报告已被替换，不能更正")
        try:
            label, old, new, record = lib.apply(row.record, target, text)
        except lib.CorrectionError as exc:
            raise Refused(str(exc)) from None
        correction = Correction.objects.create(report=row, target=target, label=label[:200], original=old, value=new,
                                               reason=reason, by=user)
        row.record = record
        row.save(update_fields=["record"])
        storing.recheck(row, correction)
        following = storing.current(row.agency_id, row.year + 1)
        if following is not None:
            storing.recheck(following)
        audit.record(user, "report.correct", row, row.agency, item=target, original=old, value=new, reason=reason)
    return correction
