"""Test reports generated from records, one module per layout family of published reports.

Each family renders a record the way one kind of conversion prints it, with variation
driven by a seeded `random.Random`, so that reading the result back must give the record.
"""

from __future__ import annotations

from .crawled_page import render_crawled_page
from .crawler import render_crawler
from .docx_text import render_docx_text
from .docx_word import render_docx_word
from .html_page import render_html_page
from .label_variants import render_label_variants
from .markdown import render_markdown
from .pdf_text import render_pdf_text
from .records import make_report
from .run_together import render_run_together, small_report
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

# The shapes of published reports that defeat readers: shape → (record maker, renderer,
# file name). A renderer may return the bytes alone (every cell must read back), or the
# bytes and the record a correct reader returns (cells the text leaves undecided unknown).
SHAPES = {
    "run_together": (small_report, render_run_together, "report.txt"),
    "crawled_page": (make_report, render_crawled_page, "report.txt"),
    "label_variants": (make_report, render_label_variants, "report.txt"),
    "pdf_text": (small_report, render_pdf_text, "report.md"),
}

__all__ = ["FAMILIES", "SHAPES", "make_report"]
