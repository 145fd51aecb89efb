"""The letters of a request: when each is sent, under which article, and what it must say.

One entry per kind (statutory reference §G). `step` is the event of `gongkai.deadlines`
the letter documents (an answer also ends a request that lapsed for want of correction): its date is the letter's date, and a letter whose step has not been
recorded cannot be written. `required` names the elements a template must keep; they are
checked on every template an office saves (`templates.validate`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..deadlines import EventKind


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # as the office calls it
    title: str  # printed title; the answer's title depends on its outcome (grounds)
    step: EventKind
    article: str
    pattern: str  # default 文号 pattern
    to_third_party: bool = False
    also: tuple[EventKind, ...] = ()  # other events that end in this letter
    required: tuple[str, ...] = ()  # element names of ELEMENTS


KINDS = {
    k.key: k
    for k in (
        Kind("receipt", "登记回执（受理通知）", "政府信息公开申请登记回执", EventKind.received, "第三十一条",
             "{机关简称}依受〔{year}〕{n}号", required=("receipt",)),
        Kind("correction", "补正告知书", "政府信息公开申请补正告知书", EventKind.correction_requested, "第三十条",
             "{机关简称}依补〔{year}〕{n}号", required=("correction_matters", "correction_due")),
        Kind("extension", "延期答复告知书", "政府信息公开申请延期答复告知书", EventKind.extension_approved,
             "第三十三条第二款", "{机关简称}依延〔{year}〕{n}号", required=("extension_due",)),
        Kind("consultation", "征求第三方意见书", "政府信息公开征求第三方意见书", EventKind.consultation_started,
             "第三十二条", "{机关简称}依征〔{year}〕{n}号", to_third_party=True, required=("consultation_due",)),
        Kind("consultation_notice", "征求意见告知书（致申请人）", "政府信息公开申请征求意见告知书",
             EventKind.consultation_started, "第三十三条第三款", "{机关简称}依告〔{year}〕{n}号",
             required=("consultation_pause",)),
        Kind("fee_notice", "收费通知书", "政府信息公开信息处理费收费通知书", EventKind.fee_notice_sent,
             "国办函〔2020〕109号", "{机关简称}依费〔{year}〕{n}号", required=("fee_amount", "fee_due", "remedy")),
        Kind("answer", "答复书/告知书", "政府信息公开申请答复书", EventKind.answered, "第三十六条至第三十九条",
             "{机关简称}依复〔{year}〕{n}号", also=(EventKind.correction_lapsed,),
             required=("facts", "basis", "remedy")),
    )
}

# What each required element is, and how it shows in a rendered letter.
ELEMENTS = {
    "receipt": "收到申请的日期",
    "correction_matters": "需要补正的事项",
    "correction_due": "补正期限",
    "extension_due": "延长后的答复期限",
    "consultation_due": "第三方提出意见的期限",
    "consultation_pause": "征求意见时间不计入答复期限的说明（征求意见开始日期）",
    "fee_amount": "收费金额",
    "fee_due": "缴费期限",
    "facts": "申请事实（收到申请的日期）",
    "basis": "法律依据（条、款、项）",
    "remedy": "救济途径和期限（行政复议、行政诉讼）",
}


def kind(key: str) -> Kind:
    try:
        return KINDS[key]
    except KeyError:
        raise KeyError(key) from None
