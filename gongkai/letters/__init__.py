"""Every letter a disclosure office sends, written from the register: library code, no web app needed.

    from gongkai import letters
    letter = letters.compose("answer", facts, office, calendar, number="示区府办依复〔2025〕1号",
                             inputs=letters.Inputs(provided="…"))
    open("answer.docx", "wb").write(letters.render_docx(letter))

`kinds` lists the letters and their articles, `grounds` the law behind each outcome of
table 三, `templates` the offices' own wording (sandboxed and checked), `numbering` the
文号 patterns, `docx` and `pdf` the files.
"""

from .compose import Letter, compose
from .context import FIELDS, Facts, Inputs, LetterError, Office, chinese_date, remedy
from .docx import render_docx
from .grounds import GROUNDS, VARIANTS, Ground, ground
from .kinds import ELEMENTS, KINDS, Kind
from .numbering import PatternError
from .templates import TemplateRefused, default, validate

__all__ = [
    "ELEMENTS", "FIELDS", "GROUNDS", "KINDS", "VARIANTS", "Facts", "Ground", "Inputs", "Kind", "Letter",
    "LetterError", "Office", "PatternError", "TemplateRefused", "chinese_date", "compose", "default", "ground",
    "remedy", "render_docx", "validate",
]
