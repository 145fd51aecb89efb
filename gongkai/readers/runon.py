"""A report run into one or two very long lines (crawled pages): cut back into rows.

A crawler that drops a page's line breaks leaves the title, the prose, the section
headings, the tables and the signature one after the other. The cuts are made where the
report itself changes rows: after its title, before each section heading (found in the
template's order, numbered, or unnumbered at the start of a sentence) and before the
signature's agency and date. Each table then stays one row of running text, which the
table reader scans for its labels.
"""

from __future__ import annotations

import re

from .. import template
from .grid import Cell, Row

RUN_ON = 600  # a document with a row this long may hold a run-on report
MANY = 100  # a document of more rows than this has its report's rows as rows
LONG = 40  # there, a longer row that names two section headings holds several rows
_TITLE = re.compile(r"(?:政府)?信息公开(?:工作)?年度?(?:工作)?报告")

# a heading may follow a sentence's end, a table's last number, or the previous piece's space
_BOUNDARY = "。；！？：:)）】」\u3000 \t|0123456789"


def _section_patterns() -> list[tuple[str, re.Pattern]]:
    """Each section's heading and its variants, after the section's own number if printed."""
    out = []
    for n, s in enumerate(template.SECTIONS, 1):
        texts = sorted({s.heading, *s.aliases}, key=len, reverse=True)
        words = "|".join(re.escape(t) for t in texts)
        number = rf"(?:{s.number}[、.．]|{n}[、.．]|[(（]{s.number}[)）][、.．]?)"
        out.append((s.key, re.compile(rf"({number}\s*)?(?:{words})")))
    return out


_SECTIONS = _section_patterns()
_ANY_HEADING = re.compile("|".join(re.escape(t) for s in template.SECTIONS for t in sorted({s.heading, *s.aliases}, key=len, reverse=True)))
_DATE = re.compile(
    r"(?:(?<=[。；\s])|^)([^。；，,\s\d]{2,40}?)?\s*"
    r"((?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)\s*$"
)


def split_run_on(rows: list[Row]) -> list[Row]:
    """The rows, with each very long one-cell row that holds several sections cut apart."""
    if len(rows) > MANY or not any(len(row) == 1 and len(row[0].text) > RUN_ON for row in rows):
        return rows  # nearly every document: rows enough for a report, none long enough to hold one
    out: list[Row] = []
    first = True  # the first long row may begin with the report's title
    for row in rows:
        if len(row) == 1 and len(row[0].text) > LONG:
            pieces = _pieces(row[0].text, first)
            if pieces is not None:
                out += [[Cell(p, row[0].line)] for p in pieces]
                first = False
                continue
        out.append(row)
    return out


def _pieces(text: str, first: bool) -> list[str] | None:
    """The text cut at its title, section headings and signature; None when it names fewer
    than two section headings, or than one after the report's title (a long paragraph, not
    a run-on report)."""
    named = len(_ANY_HEADING.findall(text))
    title = _TITLE.search(text, 0, 200) if first and named else None
    if named < (1 if title else 2):
        return None
    cuts = _heading_cuts(text)
    if len(cuts) < (1 if title else 2):
        return None  # a long paragraph, not a report's run-on lines
    points: list[int] = []
    if title and title.end() <= cuts[0][0]:
        points.append(title.end())
    for start, end in cuts:
        points += [start, end]
    sig = _DATE.search(text, cuts[-1][1])
    if sig:
        points += [sig.start(1) if sig.group(1) else sig.start(2), sig.start(2)]
    pieces = []
    last = 0
    for p in sorted(set(points)):
        pieces.append(text[last:p])
        last = p
    pieces.append(text[last:])
    return [p.strip() for p in pieces if p.strip()]


def _heading_cuts(text: str) -> list[tuple[int, int]]:
    """(start, end) of each section heading, in the template's order."""
    found = []
    pos = 0
    for _key, pattern in _SECTIONS:
        for m in pattern.finditer(text, pos):
            numbered = m.group(1) is not None
            if numbered or m.start() == 0 or text[m.start() - 1] in _BOUNDARY:
                found.append((m.start(), m.end()))
                pos = m.end()
                break
    return found
