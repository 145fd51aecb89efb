"""Test reports generated from records, one module per layout family of published reports.

Each family renders a record the way one kind of conversion prints it, with variation
driven by a seeded `random.Random`, so that reading the result back must give the record.
"""

from __future__ import annotations

from .crawler import render_crawler
from .docx_text import render_docx_text
from .docx_word import render_docx_word
from .html_page import render_html_page
from .markdown import render_markdown
from .records import make_report
from .tabbed import render_tabbed

# family → (renderer, file name the reader is given)
FAMILIES = {
    "docx_text": (render_docx_text, "report.txt"),
    "tabbed": (render_tabbed, "report.md"),
    "markdown": (render_markdown, "report.md"),
    "crawler": (render_crawler, "report.txt"),
    "html_page": (render_html_page, "report.html"),
    "docx_word": (render_docx_word, "report.docx"),
}

__all__ = ["FAMILIES", "make_report"]
