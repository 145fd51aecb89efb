"""Write a record as the annual report in its statutory layout: DOCX, HTML, Markdown, XLSX.

Every writer takes the same layout (layout.py) and prints unknown cells with the template's
unknown mark, so that gongkai's readers read each file back to the record it came from.
"""

from __future__ import annotations

from ..errors import GongkaiError
from ..record import Report

FORMATS = ("docx", "html", "md", "xlsx")
SUFFIXES = {"docx": ".docx", "html": ".html", "md": ".md", "xlsx": ".xlsx"}


def render(report: Report, fmt: str) -> bytes:
    """The report as a file of format `fmt` (docx, html, md or xlsx)."""
    fmt = fmt.lower().lstrip(".")
    if fmt == "markdown":
        fmt = "md"
    if fmt == "docx":
        from .docx import render_docx as write
    elif fmt == "html":
        from .html import render_html as write
    elif fmt == "md":
        from .markdown import render_markdown as write
    elif fmt == "xlsx":
        from .xlsx import render_xlsx as write
    else:
        raise GongkaiError(f"不支持的输出格式：{fmt}（可选：{'、'.join(FORMATS)}）")
    return write(report)
