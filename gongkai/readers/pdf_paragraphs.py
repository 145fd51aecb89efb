"""The lines of a PDF paragraph joined again, across a page break too.

A PDF keeps no paragraphs, only lines. A line continues the paragraph above it when the
line above runs to the right margin, this one starts at the left margin (a new paragraph
is indented, a heading is indented or short), both are of one size and one line apart, or
they are the last line of a page and the first of the next. Joined, Chinese characters
meet without a space ("中国特" + "色社会主义") and Latin words keep one. Table rows, lines
cut into columns, and lines whose margins are unclear are left as they are.
"""

from __future__ import annotations

from .grid import Cell, Row, is_page_furniture
from .pdf_layout import PageRow

SUPPORT = 3  # lines that must share a margin for it to be the text's margin
LINE_PITCH = 2.5  # the next line of a paragraph starts within this many character sizes
MIN_WIDTH = 15  # margins closer than this many character sizes are not a page of prose


def join_paragraphs(pages: list[list[PageRow]]) -> list[Row]:
    """The pages' rows in order, each paragraph's lines joined into its first line's cell."""
    whole = _margins([p for page in pages for p in page if _is_text_line(p)])
    rows: list[Row] = []
    building: tuple[Cell, PageRow] | None = None  # the paragraph's cell, and its last line so far
    for page in pages:
        margins = _margins([p for p in page if _is_text_line(p)]) or whole
        first_on_page = True
        for p in page:
            if not _is_text_line(p):
                rows.append(p.row)
                if p.box is None or not is_page_furniture(p.row[0].text):
                    building = None  # a table row or a heading's column ends the paragraph; a page number does not
                continue
            if building is not None and margins and _continues(building[1], p, margins, first_on_page):
                cell = building[0]
                cell.text = _join(cell.text, p.row[0].text)
                building = (cell, p)
            else:
                rows.append(p.row)
                building = (p.row[0], p)
            first_on_page = False
    return rows


def _is_text_line(p: PageRow) -> bool:
    return p.box is not None and not is_page_furniture(p.row[0].text)


def _margins(lines: list[PageRow]) -> tuple[float, float] | None:
    """The left and right margins of the text: the outermost edges at least SUPPORT lines share."""
    left = _shared_edge(sorted(p.box[0] for p in lines), lowest=True)
    right = _shared_edge(sorted((p.box[2] for p in lines), reverse=True), lowest=False)
    if left is None or right is None or right <= left:
        return None
    return left, right


def _shared_edge(values: list[float], lowest: bool) -> float | None:
    """The first of `values` (sorted outermost first) that SUPPORT values share within a point."""
    for i, v in enumerate(values):
        near = values[i : i + SUPPORT]
        if len(near) == SUPPORT and abs(near[-1] - v) <= 1.0:
            return v if lowest else near[-1]
    return None


def _continues(prev: PageRow, cur: PageRow, margins: tuple[float, float], first_on_page: bool) -> bool:
    left, right = margins
    size = max(prev.size, cur.size)
    if abs(prev.size - cur.size) > 0.1 * size or right - left < MIN_WIDTH * size:
        return False
    if prev.box[2] < right - size or abs(cur.box[0] - left) > 0.5 * size:
        return False  # the line above ends short of the margin, or this one is indented
    if first_on_page:
        return True
    return 0 < cur.box[1] - prev.box[1] <= LINE_PITCH * size


def _join(a: str, b: str) -> str:
    """Two lines of one paragraph: a space only between Latin words (or after their punctuation)."""
    if a and b and a[-1] in _LATIN_END and b[0] in _LATIN_START:
        return f"{a} {b}"
    return a + b


_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_LATIN_END = _ALNUM | frozenset(",.;:!?)\"'%")
_LATIN_START = _ALNUM | frozenset("(\"'")
