"""The common shape every format reader produces: a document as rows of cells.

A paragraph is a row of one cell; a table row is a row of its cells. The table parser and
the metadata reader work on this shape only, so a new format needs only a new way to get
here. Each cell keeps the line (or page-and-row) it came from, for messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date


@dataclass(slots=True)
class Cell:
    text: str
    line: int = 0


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
