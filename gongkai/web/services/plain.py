"""What an applicant is told about a request, in plain words: the tracking page and the mails
both read it here.

`progress` turns the request's events in force and its deadlines (always `gongkai.deadlines`'s)
into what an applicant may see: the status, the dates that matter, a 补正 asked for, the
answer. Nothing else: no staff names, no internal notes (the one note shown is the 补正
request, which is addressed to the applicant), no other request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gongkai.errors import GongkaiError
from gongkai.letters.context import chinese_date

from .. import choices
from . import requests as req_svc

STATUS_WORDS = {
    "submitted": "您的申请已提交，等待本机关确认收到。确认之日为收到申请之日，答复期限从次日起计算。",
    "registered": "本机关已收到您的申请，正在办理。",
    "in_progress": "本机关正在办理您的申请。",
    "awaiting_correction": "您的申请需要补正：请按下方说明补充或修改申请内容，并在期限内提交。",
    "paused": "办理暂停计时：暂停的这段时间不计入答复期限。",
    "answered": "本机关已作出答复，请下载下方的答复书。",
    "lapsed": "您未在补正期限内补正，申请视为放弃，本机关不再处理。",
    "archived": "申请已办结。",
}

# What each step means to the applicant (the mails): the step's label as the applicant reads it.
STEP_WORDS = {
    "received": "本机关已确认收到您的申请",
    "correction_requested": "本机关请您补正申请内容",
    "corrected": "本机关已收到您补正后的申请",
    "consultation_started": "本机关正在征求第三方或其他机关的意见，期间暂停计时",
    "extension_approved": "本机关延长了答复期限",
    "fee_notice_sent": "本机关发出了信息处理费收费通知，缴费期间暂停计时",
    "answered": "本机关已作出答复",
    "correction_lapsed": "因未在期限内补正，您的申请视为放弃",
}


def provisional_words(years) -> str:
    """Why a date may still move, for an applicant."""
    listed = "、".join(f"{y}年" for y in sorted(years))
    return f"此日期为暂定：{listed}的节假日安排尚未公布，目前按法定节假日推算，公布后可能调整。"


@dataclass
class Progress:
    """A request as its applicant sees it."""

    number: str
    agency: str
    status: str
    status_label: str
    status_words: str
    submitted: date | None = None
    received: date | None = None
    answer_due: date | None = None
    answer_due_note: str = ""
    allowed_workdays: int = 0
    paused: bool = False
    pause: str = ""  # why the clock stands, and since when
    remaining_workdays: int | None = None
    extension_days: int = 0
    correction_asked: date | None = None
    correction_matters: str = ""
    correction_due: date | None = None
    correction_due_note: str = ""
    corrected: date | None = None
    answered: date | None = None
    outcome: str = ""
    problem: bool = False  # the deadlines cannot be computed now (the office is told, not the applicant)
    steps: list[tuple[date, str]] = field(default_factory=list)

    @property
    def awaiting_correction(self) -> bool:
        return self.status == "awaiting_correction"


def progress(req) -> Progress:
    events = req_svc.effective(req.events.all())
    out = Progress(number=req.number, agency=req.agency.name, status=req.status,
                   status_label=choices.STATUS_LABELS.get(req.status, req.status),
                   status_words=STATUS_WORDS.get(req.status, ""), received=req.received, answered=req.answered,
                   outcome=req.outcome_label if req.status in ("answered", "archived") else "")
    consulting, fee_notice = [], None
    for e in events:
        if e.kind == "consultation_started":
            consulting.append(e.on)
        elif e.kind == "consultation_ended" and consulting:
            consulting.pop()
        elif e.kind == "fee_notice_sent":
            fee_notice = e.on
        elif e.kind == "fee_paid":
            fee_notice = None
        if e.kind == "submitted":
            out.submitted = e.on
        elif e.kind == "correction_requested":
            out.correction_asked, out.correction_matters = e.on, e.note
        elif e.kind == "corrected":
            out.corrected = e.on
        elif e.kind == "extension_approved":
            out.extension_days += e.days or 0
        if e.kind in STEP_WORDS:
            out.steps.append((e.on, STEP_WORDS[e.kind]))
    try:
        d = req_svc.deadlines(req, events=events)
    except GongkaiError:
        out.problem = True
        return out
    out.answer_due, out.allowed_workdays = d.answer_due, d.allowed_workdays
    out.paused, out.remaining_workdays = d.paused, d.remaining_workdays
    if d.paused:
        out.pause = "；".join(
            ([f"自{chinese_date(consulting[0])}起征求第三方或其他机关的意见（条例第三十二条至第三十四条）"] if consulting else [])
            + ([f"自{chinese_date(fee_notice)}起等待您缴纳信息处理费"] if fee_notice else []))
    out.correction_due = d.correction_reply_due
    if "answer_due" in d.provisional:
        out.answer_due_note = provisional_words(d.provisional["answer_due"])
    if "correction_reply_due" in d.provisional:
        out.correction_due_note = provisional_words(d.provisional["correction_reply_due"])
    return out
