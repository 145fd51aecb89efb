"""The common shape every format reader produces: a document as rows of cells.

A paragraph is a row of one cell; a table row is a row of its cells. The table parser and
the metadata reader work on this shape only, so a new format needs only a new way to get
here. Each cell keeps the line (or page-and-row) it came from, for messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date


class Cell:
    """One cell's text and the line (or page × 1000 + row) it came from.

    A plain class: a report makes hundreds of these, and a hand-written `__init__` costs
    less than a dataclass's.
    """

    __slots__ = ("text", "line")

    def __init__(self, text: str, line: int = 0) -> None:
        self.text = text
        self.line = line

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Cell) and self.text == other.text and self.line == other.line

    __hash__ = None  # type: ignore[assignment] # mutable: the text reader extends a cell that runs over a line break

    def __repr__(self) -> str:
        return f"Cell({self.text!r}, {self.line})"


Row = list[Cell]


@dataclass
class Document:
    rows: list[Row]
    format: str
    title: str | None = None  # a title the format carries outside the body (HTML <title>, PDF metadata)
    published: date | None = None  # a publication date the format carries (page metadata)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[tuple[str, int]]:
        """Every cell's text with its line, in reading order."""
        return [(c.text, c.line) for row in self.rows for c in row]


_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3}|page\s*\d+)\s*$",
    re.I,
)


def is_page_furniture(text: str) -> bool:
    """A page number or running footer that a conversion left inside the text."""
    return bool(_PAGE_NUMBER.match(text))


def drop_page_furniture(rows: list[Row]) -> list[Row]:
    return [r for r in rows if not (len(r) == 1 and len(r[0].text) <= 24 and is_page_furniture(r[0].text))]
