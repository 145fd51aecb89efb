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
