"""A letter: the frame every 公文 has (letterhead, 文号, title, addressee, signature, date, seal)
around the body an office's template writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..workdays import WorkCalendar
from .context import Facts, Inputs, LetterError, Office, chinese_date, fields, step_event
from .kinds import KINDS
from .templates import default, render_body


@dataclass(frozen=True)
class Letter:
    """One letter as printed; `text()` is what its DOCX and PDF say, in order."""

    kind: str
    letterhead: str
    number: str
    title: str
    addressee: str
    paragraphs: tuple[str, ...]
    signatory: str
    date: date
    outcome: str = ""

    @property
    def date_text(self) -> str:
        return chinese_date(self.date)

    def text(self) -> str:
        lines = [self.letterhead, self.number, self.title, f"{self.addressee}：", *self.paragraphs,
                 self.signatory, self.date_text]
        return "\n".join(line for line in lines if line)


def compose(kind: str, facts: Facts, office: Office, calendar: WorkCalendar, *, number: str = "",
            template: str | None = None, inputs: Inputs = Inputs()) -> Letter:
    """The letter of `kind` for the request `facts`, with the office's template or gongkai's default."""
    if kind not in KINDS:
        raise LetterError(f"未知的文书种类“{kind}”")
    missing = office.missing()
    if missing:
        raise LetterError(f"本机关的文书设置不完整，请先填写：{'、'.join(missing)}")
    values = fields(kind, facts, office, calendar, inputs=inputs, number=number)
    body = render_body(template if template is not None else default(kind), values)
    spec = KINDS[kind]
    title = values["answer"]["title"] if kind == "answer" else spec.title
    addressee = values["consultation"]["third_party"] if spec.to_third_party else facts.applicant
    return Letter(
        kind=kind, letterhead=office.name, number=number, title=title, addressee=addressee,
        paragraphs=tuple(body), signatory=office.name, date=step_event(spec, facts).on,
        outcome=facts.outcome if kind == "answer" else "",
    )
