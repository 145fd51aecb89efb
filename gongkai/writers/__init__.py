"""Write a record as the annual report in its statutory layout: DOCX, HTML, Markdown, XLSX.

Every writer takes the same layout (layout.py) and prints unknown cells with the template's
unknown mark, so that gongkai's readers read each file back to the record it came from. The
record itself is written as JSON (records.py). Which module writes which format is said
once, in the table of formats (gongkai/formats.py).
"""

from __future__ import annotations

from .. import formats
from ..record import Report

FORMATS = formats.WRITABLE


def render(report: Report, fmt: str) -> bytes:
    """The report as a file of format `fmt` (docx, html, md, xlsx or json)."""
    return formats.writer_of(fmt).write(report)
