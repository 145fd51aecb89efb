"""The text of a published report as the reader saw it, row by row, for a person checking a reading.

Each row carries the line the reader gave it (in a PDF, page × 1000 + row), the same numbers
findings and table rows point at, so a page can show the source beside the table it corrects.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import GongkaiError


@dataclass(frozen=True)
class SourceRow:
    line: int
    cells: tuple[str, ...]

    @property
    def page(self) -> int | None:
        return self.line // 1000 if self.line >= 1000 else None


def source_rows(data: bytes, name: str) -> list[SourceRow]:
    """Every row of the document as read; empty for a record (JSON or gongkai's own XLSX)."""
    from ..readers import _document, sniff

    fmt = sniff(data, name)
    if fmt in ("json", "xlsx"):
        return []
    try:
        doc = _document(data, fmt)
    except GongkaiError:
        return []
    return [SourceRow(row[0].line, tuple(c.text for c in row)) for row in doc.rows if row]


def _labels(table: str, row: str) -> list[str]:
    from .. import template

    if table == "t3":
        label = template.t3_label(row)
        return [label.label, *label.aliases]
    if table == "t2":
        for vintage in template.VINTAGES:
            for r, _ in template.t2_rows(vintage):
                if r.key == row:
                    return [r.label, *r.aliases]
    if table == "t4":
        return ["结果维持"]
    return []


def locate(rows: list[SourceRow], table: str, row: str, line: int | None = None) -> int | None:
    """The index of the source row that prints a table row (its label, on its recorded line when known)."""
    from ..template import normalize

    wanted = [normalize(t) for t in _labels(table, row)]
    if not wanted:
        return None
    hits = [i for i, r in enumerate(rows) if any(w in normalize("".join(r.cells)) for w in wanted)]
    if table == "t4":  # the header row names the results; the numbers are in the row after it
        hits = [i + 1 for i in hits if i + 1 < len(rows)][-1:]
    on_line = [i for i in hits if line is not None and rows[i].line == line]
    return (on_line or hits or [None])[0]
