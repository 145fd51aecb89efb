"""信息处理费 in the register: computed by `gongkai.fees` from the applicant's requests, noticed by letter,
paid or ended as （六）2, and stated in section 六 of the annual report.

The paid date is the `fee_paid` event's; the amount is the assessment's. A fee is fixed once
its notice has gone out: the letter printed it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, Sum

from gongkai import fees

from ..errors import Refused
from ..letter_models import FeeAssessment, IssuedLetter
from ..models import Event, Request
from . import audit
from . import letters as letter_svc
from .requests import add_event, deadlines

UNPAID = "other.unpaid_fee"


def same_applicant(req: Request) -> Q:
    """The register's idea of one applicant: the same identity number, or else the same name and kind."""
    if req.id_number.strip():
        return Q(id_number=req.id_number)
    return Q(id_number="", applicant_name=req.applicant_name, applicant_kind=req.applicant_kind)


def prior_units(req: Request) -> int:
    """The applicant's 按件 units earlier in the calendar month of `req`'s receipt (办法第四条)."""
    month = Request.objects.filter(same_applicant(req), agency=req.agency, received__year=req.received.year,
                                   received__month=req.received.month)
    earlier = month.filter(Q(received__lt=req.received) | Q(received=req.received, pk__lt=req.pk))
    units = 0
    for pk, method, quantity in earlier.values_list("pk", "fee__method", "fee__quantity"):
        units += quantity if method == fees.Method.per_request.value else 1
    return units


def _notice_sent(req: Request) -> bool:
    return req.events.effective().filter(kind="fee_notice_sent").exists()


def assess(req: Request, user, method: str, quantity: int, *, reduce_to: Decimal | None = None, reason: str = "",
           on: date) -> FeeAssessment:
    """Compute the request's fee by one method and keep it with its calculation."""
    if req.status not in ("registered", "in_progress", "paused"):
        raise Refused("该申请已办结或等待补正，不能计算信息处理费")
    if _notice_sent(req):
        raise Refused("收费通知已经发出，费用不能再修改")
    try:
        fee = fees.compute(method, quantity, prior_units(req) if method == fees.Method.per_request.value else 0)
        if reduce_to is not None:
            fee = fees.reduce(fee, reduce_to, reason)
    except fees.FeeError as exc:
        raise Refused(str(exc)) from exc
    with transaction.atomic():
        row, _ = FeeAssessment.objects.update_or_create(request=req, defaults={
            "method": fee.method.value, "quantity": fee.quantity, "prior": fee.prior, "computed": fee.computed,
            "amount": fee.amount, "reduction_reason": fee.reduction_reason, "assessed_on": on, "by": user,
        })
        audit.record(user, "fees.assess", req, req.agency, method=fee.method.value, quantity=fee.quantity,
                     prior=fee.prior, computed=fee.computed, amount=fee.amount, reason=fee.reduction_reason)
    return row


def send_notice(req: Request, user, on: date) -> IssuedLetter:
    """Record the fee notice and issue its letter, both or neither."""
    row = FeeAssessment.objects.filter(request=req).first()
    if row is None:
        raise Refused("请先计算信息处理费")
    if row.amount == 0:
        raise Refused("信息处理费为0元（免费或已免收），无需发出收费通知")
    letter_svc.office(req.agency)
    with transaction.atomic():
        add_event(req, user, "fee_notice_sent", on, note=f"应缴信息处理费{fees.money(row.amount)}元")
        req.refresh_from_db()
        return letter_svc.issue(req, user, "fee_notice")


def end_unpaid(req: Request, user, on: date) -> IssuedLetter:
    """End a request whose fee was not paid by the deadline as （六）2, with its 告知书."""
    d = deadlines(req, on=on)
    if d.fee_payment_due is None:
        raise Refused("没有待缴费的收费通知")
    if on <= d.fee_payment_due:
        raise Refused(f"缴费期限{d.fee_payment_due}尚未届满，不能按逾期未缴费办结")
    return letter_svc.answer_with_letter(req, user, on, UNPAID, note="申请人逾期未缴纳信息处理费")


def year_summary(agency_ids: list[int], year: int) -> fees.FeeYear:
    """The year's fees from the register: notices and payments by their events' dates."""
    events = Event.objects.effective().filter(request__agency_id__in=agency_ids, on__year=year)
    paid_requests = events.filter(kind="fee_paid").values("request_id")
    paid = FeeAssessment.objects.filter(request_id__in=paid_requests)
    assessed = FeeAssessment.objects.filter(request__agency_id__in=agency_ids, assessed_on__year=year)
    return fees.FeeYear(
        year=year,
        notices=events.filter(kind="fee_notice_sent").count(),
        paid=paid.count(),
        collected=paid.aggregate(s=Sum("amount"))["s"] or Decimal("0"),
        reduced=sum(1 for computed, amount in assessed.values_list("computed", "amount") if amount < computed),
        unpaid=Request.objects.filter(agency_id__in=agency_ids, answered__year=year, outcome=UNPAID).count(),
    )


def with_statement(sections: dict, agency_ids: list[int], year: int) -> dict:
    """Section 六 led by the register's sentence on 信息处理费, then the office's own text."""
    statement = fees.statement(year_summary(agency_ids, year))
    own = (sections.get("other") or "").strip()
    return {**sections, "other": f"{statement}\n{own}" if own else statement}
