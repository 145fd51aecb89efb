"""Issuing letters from the register: settings, template versions, numbering, records, batch print.

The wording, the law and the layout are the library's (`gongkai.letters`); this module
gives it a request's facts, numbers the letter safely when two clerks issue at once (an
UPDATE of the agency's counter row, which PostgreSQL locks and SQLite serialises), and
stores the exact file.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import asdict
from datetime import date

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F

from gongkai import letters
from gongkai.letters import numbering, templates as letter_templates

from .. import choices
from ..errors import Refused
from ..letter_models import FeeAssessment, IssuedLetter, LetterSequence, LetterSettings, LetterTemplate
from ..models import Agency, Request
from . import audit
from .calendar import current_calendar
from .requests import add_event

SETTINGS_FIELDS = ("letterhead", "short_name", "review_body", "court", "address", "contact", "payment")
INPUT_FIELDS = tuple(letters.Inputs.__dataclass_fields__)
_LOCK_RETRIES = 40  # SQLite: a writer that finds the database locked tries again


# --- settings and templates -----------------------------------------------------------------


def office(agency: Agency) -> letters.Office:
    row = LetterSettings.objects.filter(agency=agency).first()
    if row is None:
        raise Refused("本机关尚未完成文书设置（发文机关名称、行政复议机关、管辖人民法院等），请负责人先在“文书设置”中填写")
    return letters.Office(name=row.letterhead, short_name=row.short_name, review_body=row.review_body,
                          court=row.court, address=row.address, contact=row.contact, payment=row.payment,
                          patterns=dict(row.patterns))


def save_settings(agency: Agency, user, patterns: dict[str, str], **fields) -> LetterSettings:
    """Save the agency's letter settings; every 文号 pattern checked, none shared by two kinds."""
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name in ("letterhead", "short_name", "review_body", "court"):
        if not str(fields.get(name) or "").strip():
            raise Refused(f"请填写“{LetterSettings._meta.get_field(name).verbose_name}”")
    clean: dict[str, str] = {}
    for kind, pattern in patterns.items():
        if kind not in letters.KINDS:
            raise Refused(f"未知的文书种类“{kind}”")
        try:
            clean[kind] = numbering.validate(pattern)
        except numbering.PatternError as exc:
            raise Refused(f"{letters.KINDS[kind].label}：{exc}") from exc
    effective = {k: clean.get(k) or spec.pattern for k, spec in letters.KINDS.items()}
    seen: dict[str, str] = {}
    for kind, pattern in effective.items():
        if pattern in seen:
            raise Refused(f"{letters.KINDS[seen[pattern]].label}与{letters.KINDS[kind].label}的文号格式相同，"
                          "两类文书会编出相同的文号")
        seen[pattern] = kind
    with transaction.atomic():
        row, _ = LetterSettings.objects.update_or_create(
            agency=agency, defaults={**{k: str(v).strip() for k, v in fields.items()}, "patterns": clean,
                                     "updated_by": user})
        audit.record(user, "letters.settings", agency, agency, **fields, patterns=clean)
    return row


def active_template(agency: Agency, kind: str) -> LetterTemplate | None:
    """The agency's latest version of `kind`, or None for gongkai's default."""
    return LetterTemplate.objects.filter(agency=agency, kind=kind).order_by("-version").first()


def save_template(agency: Agency, user, kind: str, body: str, note: str = "") -> LetterTemplate:
    """A new version of the agency's template, refused unless it renders and keeps every element."""
    if kind not in letters.KINDS:
        raise Refused(f"未知的文书种类“{kind}”")
    body = (body or "").replace("\r\n", "\n")
    try:
        letter_templates.validate(kind, body, current_calendar())
    except letters.TemplateRefused as exc:
        raise Refused(f"模板未保存：{exc}") from exc
    for attempt in range(5):
        try:
            with transaction.atomic():
                latest = active_template(agency, kind)
                row = LetterTemplate.objects.create(agency=agency, kind=kind, body=body, note=note[:200], by=user,
                                                    version=(latest.version if latest else 0) + 1)
                audit.record(user, "letters.template", agency, agency, kind=kind, version=row.version, note=note)
                return row
        except IntegrityError:
            if attempt == 4:
                raise Refused("模板同时被他人保存，请刷新后重试")
    raise AssertionError("unreachable")


# --- a request's facts ------------------------------------------------------------------------


def facts(req: Request) -> letters.Facts:
    """The request as the letters library reads it."""
    from .requests import effective, library_events

    fee = FeeAssessment.objects.filter(request=req).first()
    events = effective(req.events.all())  # a corrected step speaks as corrected
    answer = next((e for e in reversed(events) if e.kind in ("answered", "correction_lapsed")), None)
    return letters.Facts(
        number=req.number, applicant=req.applicant_name, applicant_kind=req.get_applicant_kind_display(),
        received=req.received, channel=req.get_channel_display(),
        receipt_rule=choices.RECEIPT_RULES.get(req.channel, ""), items=req.items,
        form=req.get_delivery_form_display(), route=req.get_delivery_channel_display(),
        events=library_events(events), outcome=req.outcome,
        legal_basis=answer.legal_basis if answer else req.legal_basis, fee=fee.fee() if fee else None,
    )


def compose(req: Request, kind: str, inputs: letters.Inputs, number: str = "") -> tuple[letters.Letter, LetterTemplate | None]:
    """The letter as it would be issued now, and the template version it used."""
    if kind not in letters.KINDS:
        raise Refused(f"未知的文书种类“{kind}”")
    template = active_template(req.agency, kind)
    try:
        letter = letters.compose(kind, facts(req), office(req.agency), current_calendar(), number=number,
                                 template=template.body if template else None, inputs=inputs)
    except letters.LetterError as exc:
        raise Refused(str(exc)) from exc
    return letter, template


# --- issuing ------------------------------------------------------------------------------------


def _next_serial(agency: Agency, kind: str, year: int) -> int:
    """The next number of `kind` in `year`, taken inside the caller's transaction.

    The UPDATE holds the counter row until the issuing transaction ends, so a second clerk
    waits and then gets the following number; the first letter of a year creates the row.
    """
    rows = LetterSequence.objects.filter(agency=agency, kind=kind, year=year)
    for _ in range(3):
        if rows.update(last=F("last") + 1):
            return rows.values_list("last", flat=True).get()
        try:
            with transaction.atomic():
                LetterSequence.objects.create(agency=agency, kind=kind, year=year, last=1)
            return 1
        except IntegrityError:
            continue  # another clerk created it first: take the next one from it
    raise Refused("文号编号失败，请重试")


def _locked(exc: OperationalError) -> bool:
    return "locked" in str(exc).lower()


def issue(req: Request, user, kind: str, inputs: letters.Inputs | None = None, *,
          supersedes: IssuedLetter | None = None, reason: str = "") -> IssuedLetter:
    """Compose, number and store a letter of `req`; its file, number and hash never change afterwards."""
    inputs = inputs or letters.Inputs()
    for attempt in range(_LOCK_RETRIES):
        try:
            with transaction.atomic():
                return _issue(req, user, kind, inputs, supersedes, reason)
        except OperationalError as exc:
            if not _locked(exc) or attempt == _LOCK_RETRIES - 1:
                raise
            time.sleep(0.05)
    raise AssertionError("unreachable")


def _issue(req, user, kind, inputs, supersedes, reason) -> IssuedLetter:
    Request.objects.select_for_update().filter(pk=req.pk).exists()
    spec_office = office(req.agency)
    letter, template = compose(req, kind, inputs)  # refuses before a number is taken
    year = letter.date.year
    pattern = spec_office.pattern(kind)
    for _ in range(100):
        serial = _next_serial(req.agency, kind, year)
        number = numbering.fill(pattern, spec_office.short_name, year, serial)
        if IssuedLetter.objects.filter(agency=req.agency, number=number).exists():
            continue  # a number an earlier pattern already printed: skip it, never reuse it
        letter, template = compose(req, kind, inputs, number=number)
        data = letters.render_docx(letter)
        try:
            with transaction.atomic():
                row = IssuedLetter.objects.create(
                    request=req, agency=req.agency, kind=kind, outcome=letter.outcome, year=year, serial=serial,
                    number=number, title=letter.title, dated=letter.date, docx=data,
                    sha256=hashlib.sha256(data).hexdigest(), text=letter.text(), inputs=asdict(inputs),
                    template=template, supersedes=supersedes, reason=reason, by=user,
                )
        except IntegrityError:
            if supersedes is not None and IssuedLetter.objects.filter(supersedes=supersedes).exists():
                raise Refused(f"文书{supersedes.number}已被替代") from None
            continue
        audit.record(user, "letters.issue", req, req.agency, kind=kind, number=number, sha256=row.sha256,
                     supersedes=supersedes.number if supersedes else "", reason=reason)
        return row
    raise Refused("文号编号失败：连续的文号均已被使用，请检查文号格式")


def supersede(old: IssuedLetter, user, reason: str, inputs: letters.Inputs | None = None) -> IssuedLetter:
    """A corrected letter with a new number, replacing `old` (which stays as it was)."""
    if not reason.strip():
        raise Refused("请填写替代理由")
    if IssuedLetter.objects.filter(supersedes=old).exists():
        raise Refused(f"文书{old.number}已被替代，请替代最新的文书")
    if inputs is None:
        inputs = letters.Inputs(**{k: v for k, v in old.inputs.items() if k in INPUT_FIELDS})
    return issue(old.request, user, old.kind, inputs, supersedes=old, reason=reason.strip())


def answer_with_letter(req: Request, user, on: date, outcome: str, legal_basis: str = "", note: str = "",
                       inputs: letters.Inputs | None = None) -> IssuedLetter:
    """Record the answer and issue its letter in one step: both happen, or neither."""
    inputs = inputs or letters.Inputs()
    if outcome not in choices.OUTCOME_KEYS:
        raise Refused("请选择办理结果")
    if inputs.variant and inputs.variant not in letters.VARIANTS[outcome]:
        raise Refused("所选情形不适用于该办理结果")
    ground = letters.ground(outcome, inputs.variant)
    basis = legal_basis.strip() or (ground.basis if ground.articles else "")
    office(req.agency)  # refuse before anything is recorded when the settings are missing
    with transaction.atomic():
        add_event(req, user, "answered", on, note=note, outcome=outcome, legal_basis=basis)
        req.refresh_from_db()
        return issue(req, user, "answer", inputs)


def day_letters(agency: Agency, day: date):
    """The letters issued on `day` (local time), in the order they were issued."""
    return IssuedLetter.objects.filter(agency=agency, at__date=day).select_related("request", "by").defer("docx")


def batch_pdf(agency: Agency, user, day: date) -> bytes:
    """A day's letters as one PDF for printing and posting."""
    from gongkai.letters import pdf

    ids = list(day_letters(agency, day).values_list("pk", flat=True))
    if not ids:
        raise Refused(f"{day}没有出具文书")
    docs = [bytes(d) for d in IssuedLetter.objects.filter(pk__in=ids).order_by("at", "id").values_list("docx", flat=True)]
    try:
        data = pdf.batch(docs)
    except pdf.PdfUnavailable as exc:
        raise Refused(str(exc)) from exc
    audit.record(user, "letters.batch_pdf", agency, agency, day=day, letters=len(docs))
    return data


def letter_pdf(letter: IssuedLetter) -> bytes:
    from gongkai.letters import pdf

    try:
        return pdf.to_pdf([bytes(letter.docx)])[0]
    except pdf.PdfUnavailable as exc:
        raise Refused(str(exc)) from exc

