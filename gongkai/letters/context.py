"""What a letter knows: the agency's settings, the request and its events, and the clerk's inputs.

`fields` turns them into the plain mapping a template sees: strings, lists of strings and
dicts of them, with every date already written the Chinese way ("2025年9月26日"). A
template therefore reaches nothing but these documented fields (`FIELDS`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Mapping, Sequence

from .. import deadlines as dl
from .. import fees
from ..errors import GongkaiError
from ..workdays import WorkCalendar
from . import grounds
from .kinds import KINDS, Kind


class LetterError(GongkaiError):
    """A letter that cannot be written for this request as it stands."""


@dataclass(frozen=True)
class Office:
    """The agency's letter settings: who writes, where to appeal, how letters are numbered."""

    name: str  # 发文机关 as printed on the letterhead and signature
    short_name: str  # 机关简称 for the 文号
    review_body: str  # 行政复议机关 (configured, never derived)
    court: str  # the competent 人民法院
    address: str = ""
    contact: str = ""
    payment: str = ""  # how fees are paid
    patterns: Mapping[str, str] = field(default_factory=dict)  # kind → 文号 pattern

    def pattern(self, kind: str) -> str:
        return self.patterns.get(kind) or KINDS[kind].pattern

    def missing(self) -> list[str]:
        """The settings a letter cannot go without."""
        names = {"name": "发文机关名称", "short_name": "机关简称", "review_body": "行政复议机关", "court": "管辖人民法院"}
        return [label for attr, label in names.items() if not getattr(self, attr).strip()]


@dataclass(frozen=True)
class Inputs:
    """What the clerk adds when issuing: details the register does not hold."""

    variant: str = ""  # which ground of an outcome with two (grounds.VARIANTS)
    provided: str = ""  # what is provided, or where the published information is
    withheld: str = ""  # what is withheld and why
    referral: str = ""  # the responsible agency and its contact, or where to go instead
    third_party: str = ""  # the consulted third party (the addressee of a consultation letter)
    matter: str = ""  # what the third party is consulted about
    note: str = ""  # the decision in words, for （六）3 其他


@dataclass(frozen=True)
class Facts:
    """One request as the register holds it; labels are the register's own choice labels."""

    number: str
    applicant: str
    applicant_kind: str
    received: date
    channel: str
    receipt_rule: str
    items: str
    form: str
    route: str
    events: Sequence[dl.Event]
    outcome: str = ""
    legal_basis: str = ""  # as recorded with the answer
    fee: fees.Fee | None = None


def chinese_date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def step_event(kind: Kind, facts: Facts) -> dl.Event:
    """The event the letter documents: the latest of its kind."""
    found = [e for e in facts.events if dl.EventKind(e.kind) in (kind.step, *kind.also)]
    if not found:
        raise LetterError(f"尚未记录“{dl.EVENT_LABELS[kind.step]}”，不能出具{kind.label}")
    return found[-1]


def remedy(office: Office, noun: str = "答复") -> str:
    """The remedy clause: 行政复议 within 60 days (行政复议法第二十条), 行政诉讼 within 6 months (行政诉讼法第四十六条)."""
    return (
        f"如对本{noun}不服，可以自收到本{noun}之日起六十日内向{office.review_body}申请行政复议，"
        f"或者自收到本{noun}之日起六个月内向{office.court}提起行政诉讼。"
    )


_SLOT = re.compile(r"\{(\w+)\}")


def _fill(text: str, values: Mapping[str, str]) -> str:
    """gongkai's own wording with its slots filled (plain substitution: values may hold braces)."""
    return _SLOT.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in "。；！？”" else text + "。"


def answer_fields(facts: Facts, inputs: Inputs, on: date) -> dict:
    """The decision of an answer letter, from the outcome's ground and the clerk's inputs."""
    if not facts.outcome:
        raise LetterError("尚未记录办理结果，不能出具答复书")
    variant = inputs.variant or ""
    if variant and variant not in grounds.VARIANTS.get(facts.outcome, ()):
        raise LetterError(f"办理结果“{grounds.ground(facts.outcome).outcome_label}”没有“{variant}”这一情形")
    g = grounds.ground(facts.outcome, variant)
    missing = [n for n in g.needs if not getattr(inputs, n).strip() and not (n == "note" and facts.legal_basis)]
    names = {"provided": "提供的政府信息及获取方式", "withheld": "不予公开的内容及理由", "referral": "负责公开的机关或获取途径",
             "note": "处理决定"}
    if missing:
        raise LetterError(f"“{g.outcome_label}”的答复须写明：{'、'.join(names[n] for n in missing)}")
    basis = g.basis if g.articles else (facts.legal_basis.strip() or g.law)
    step = {"unable.unclear": dl.EventKind.correction_requested, "other.no_correction": dl.EventKind.correction_requested,
            "other.unpaid_fee": dl.EventKind.fee_notice_sent}.get(facts.outcome)
    step_on = next((e.on for e in reversed(facts.events) if step and dl.EventKind(e.kind) is step), None)
    decision = _fill(g.decision, {
        "basis": basis, "form": facts.form, "route": facts.route, "step_date": chinese_date(step_on),
        "provided": _sentence(inputs.provided), "withheld": _sentence(inputs.withheld),
        "referral": _sentence(inputs.referral), "note": _sentence(inputs.note or facts.legal_basis),
    })
    return {
        "key": facts.outcome, "variant": g.variant, "outcome": g.outcome_label, "title": g.title, "basis": basis,
        "decision": decision.strip(), "provided": inputs.provided, "withheld": inputs.withheld,
        "referral": inputs.referral, "note": inputs.note, "date": chinese_date(on),
    }


def fields(kind_key: str, facts: Facts, office: Office, calendar: WorkCalendar, *, inputs: Inputs = Inputs(),
           number: str = "") -> dict:
    """Every field a template of `kind_key` may use, as plain strings."""
    kind = KINDS[kind_key]
    step = step_event(kind, facts)
    upto = list(facts.events[: list(facts.events).index(step) + 1])
    try:
        state = dl.compute(upto, calendar, today=step.on)
    except dl.DeadlineError as exc:
        raise LetterError(f"办理事项有误，不能出具{kind.label}：{exc}") from exc
    out: dict = {
        "applicant": {"name": facts.applicant, "kind": facts.applicant_kind},
        "request": {
            "number": facts.number, "received": chinese_date(facts.received), "channel": facts.channel,
            "receipt_rule": facts.receipt_rule, "content": facts.items.strip(), "form": facts.form, "route": facts.route,
        },
        "agency": {
            "name": office.name, "short_name": office.short_name, "review_body": office.review_body,
            "court": office.court, "address": office.address, "contact": office.contact, "payment": office.payment,
        },
        "letter": {"number": number, "date": chinese_date(step.on), "kind": kind.label},
        "answer_due": chinese_date(state.answer_due),
        "remedy": remedy(office, "通知" if kind_key == "fee_notice" else "答复"),
    }
    if kind_key == "correction":
        out["correction"] = {
            "date": chinese_date(step.on), "matters": step.note.strip(), "reply_days": str(dl.RULES.correction_reply_days),
            "reply_due": chinese_date(state.correction_reply_due),
        }
        if not step.note.strip():
            raise LetterError("“告知补正”未写明需要补正的事项（第三十条：应一次性告知），请在说明中写明后再出具")
    elif kind_key == "extension":
        if state.answer_due is None:
            raise LetterError("答复期限暂停计时中，延长后的答复期限尚不能确定")
        out["extension"] = {"date": chinese_date(step.on), "days": str(step.days or 0),
                            "reason": step.note.strip() or "所申请的政府信息需要检索、审查的内容较多",
                            "new_due": chinese_date(state.answer_due)}
    elif kind_key in ("consultation", "consultation_notice"):
        if kind_key == "consultation" and not inputs.third_party.strip():
            raise LetterError("请填写被征求意见的第三方名称")
        out["consultation"] = {
            "date": chinese_date(step.on), "third_party": inputs.third_party.strip(),
            "matter": (inputs.matter or step.note or facts.items).strip(),
            "days": str(dl.RULES.third_party_days),
            "reply_due": chinese_date(calendar.add_workdays(step.on, dl.RULES.third_party_days)),
        }
    elif kind_key == "fee_notice":
        if facts.fee is None:
            raise LetterError("尚未计算信息处理费，不能出具收费通知书")
        f = facts.fee
        out["fee"] = {
            "method": f.method_label, "amount": fees.money(f.amount), "computed": fees.money(f.computed),
            "calculation": f.calculation(), "reduction": f.reduction_reason, "basis": fees.BASIS,
            "payment_days": str(dl.RULES.fee_payment_days), "payment_due": chinese_date(state.fee_payment_due),
            "how_to_pay": office.payment.strip() or "请按本机关告知的非税收入缴款方式缴纳",
        }
    elif kind_key == "answer":
        out["answer"] = answer_fields(facts, inputs, step.on)
    return out


# The documented fields: (name, meaning, the kinds that have it; empty for every kind).
FIELDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("applicant.name", "申请人姓名或名称", ()),
    ("applicant.kind", "申请人类型", ()),
    ("request.number", "申请登记编号", ()),
    ("request.received", "收到申请日期（如2025年9月26日）", ()),
    ("request.channel", "提交方式", ()),
    ("request.receipt_rule", "按提交方式确定收到申请之日的规则（条例第三十一条）", ()),
    ("request.content", "申请公开的信息内容", ()),
    ("request.form", "申请人要求的信息形式", ()),
    ("request.route", "申请人要求的获取途径", ()),
    ("agency.name", "发文机关名称", ()),
    ("agency.short_name", "机关简称", ()),
    ("agency.review_body", "行政复议机关", ()),
    ("agency.court", "管辖人民法院", ()),
    ("agency.address", "联系地址", ()),
    ("agency.contact", "联系电话", ()),
    ("agency.payment", "信息处理费缴费方式", ()),
    ("letter.number", "本文书的文号", ()),
    ("letter.date", "本文书的日期", ()),
    ("letter.kind", "文书种类", ()),
    ("answer_due", "出具本文书时的答复期限", ()),
    ("remedy", "救济途径和期限（行政复议六十日、行政诉讼六个月）", ()),
    ("correction.date", "告知补正的日期", ("correction",)),
    ("correction.matters", "需要补正的事项", ("correction",)),
    ("correction.reply_days", "补正期限（工作日数）", ("correction",)),
    ("correction.reply_due", "补正期限（日期）", ("correction",)),
    ("extension.date", "批准延期的日期", ("extension",)),
    ("extension.days", "延长的工作日数", ("extension",)),
    ("extension.reason", "延期理由", ("extension",)),
    ("extension.new_due", "延长后的答复期限", ("extension",)),
    ("consultation.date", "征求意见的日期", ("consultation", "consultation_notice")),
    ("consultation.third_party", "被征求意见的第三方", ("consultation", "consultation_notice")),
    ("consultation.matter", "征求意见的事项", ("consultation", "consultation_notice")),
    ("consultation.days", "第三方提出意见的期限（工作日数）", ("consultation", "consultation_notice")),
    ("consultation.reply_due", "第三方提出意见的期限（日期）", ("consultation", "consultation_notice")),
    ("fee.method", "计收方式（按件计收或按量计收）", ("fee_notice",)),
    ("fee.amount", "应缴金额（元）", ("fee_notice",)),
    ("fee.computed", "按标准计算的金额（元）", ("fee_notice",)),
    ("fee.calculation", "计算过程（每行一句，可用for循环）", ("fee_notice",)),
    ("fee.reduction", "减收或免收的理由", ("fee_notice",)),
    ("fee.basis", "收费依据", ("fee_notice",)),
    ("fee.payment_days", "缴费期限（工作日数）", ("fee_notice",)),
    ("fee.payment_due", "缴费期限（日期）", ("fee_notice",)),
    ("fee.how_to_pay", "缴费方式", ("fee_notice",)),
    ("answer.outcome", "办理结果（表三的行）", ("answer",)),
    ("answer.key", "办理结果的代码（如partial、withheld.third_party）", ("answer",)),
    ("answer.variant", "办理结果的情形（provided、published、not_found、not_responsible或空）", ("answer",)),
    ("answer.title", "答复书或告知书的标题", ("answer",)),
    ("answer.basis", "法律依据（条、款、项）", ("answer",)),
    ("answer.decision", "处理决定（按办理结果生成的规范表述，含法律依据）", ("answer",)),
    ("answer.provided", "提供的政府信息及获取方式", ("answer",)),
    ("answer.withheld", "不予公开的内容及理由", ("answer",)),
    ("answer.referral", "负责公开的机关及联系方式，或其他获取途径", ("answer",)),
    ("answer.note", "其他处理的说明", ("answer",)),
    ("answer.date", "答复日期", ("answer",)),
)


def field_names(kind_key: str) -> set[str]:
    return {name for name, _, kinds in FIELDS if not kinds or kind_key in kinds}
