"""PDF with a text layer: the tables found on each page, the text lines around them, and
the lines of each paragraph joined again.

Two libraries can read a page's characters and ruling lines: PDFium (pdf_pdfium.py, C,
about ten times faster) and pdfplumber (pdf_plumber.py, pdfminer in pure Python, which also
reads what the PDFium path does not model: rotated pages, rotated or vertical text). Either
way the page goes through pdfplumber's public table finder and text map (pdf_layout.py), so
both give the same rows; pdfplumber alone is used when PDFium is not installed.
"""

from __future__ import annotations

import logging

from .. import limits
from ..errors import ReadError
from .grid import Document, Row
from .pdf_layout import PageModel, page_lines
from .pdf_paragraphs import join_paragraphs

MAX_PAGES = 200

log = logging.getLogger(__name__)
for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def parse_pdf(data: bytes, fast: bool = True) -> Document:
    """The rows of a PDF's pages; `fast=False` reads with pdfplumber only."""
    _check_complete(data)
    limits.check_pdf_streams(data)  # a decompression bomb is refused before any page is inflated
    rows = _rows(_pdfium_pages(data)) if fast else None
    if rows is not None and not _has_text(rows):
        rows = None  # PDFium saw no text: let pdfplumber confirm before calling it a scan
    if rows is None:
        from .pdf_plumber import plumber_pages

        rows = _rows(plumber_pages(data))
    if not _has_text(rows):
        raise ReadError("PDF 没有文字层（可能是扫描件），无法读取")
    return Document(rows, "pdf")


def _rows(pages) -> list[Row] | None:
    """Each page's tables and lines, the lines of a paragraph joined across lines and pages."""
    if pages is None:
        return None
    return join_paragraphs([page_lines(page) for page in pages])


def _pdfium_pages(data: bytes) -> list[PageModel] | None:
    """The pages as PDFium reads them, or None to read them with pdfplumber."""
    try:
        from .pdf_pdfium import Unsupported, pdfium_pages
    except (ImportError, OSError) as exc:  # pypdfium2 not installed, or its library not loadable
        log.debug("PDFium not available (%s); reading with pdfplumber", exc)
        return None
    try:
        return pdfium_pages(data)
    except ReadError:
        raise
    except Unsupported as exc:
        log.debug("PDF read with pdfplumber: %s", exc)
    except Exception as exc:  # noqa: BLE001 - a page PDFium's path fails on is still read, the slow way
        log.warning("PDFium's path failed (%s: %s); reading with pdfplumber", type(exc).__name__, exc)
    return None


def _has_text(rows: list[Row]) -> bool:
    return any(c.text.strip() for r in rows for c in r)


def _check_complete(data: bytes) -> None:
    """A PDF ends with %%EOF; without it the file was cut short (an interrupted download)."""
    if b"%%EOF" not in data[-4096:]:
        raise ReadError("PDF 文件不完整（缺少文件结尾标记，可能下载中断），请重新获取原文件")


def too_many_pages(count: int) -> ReadError:
    return ReadError(f"PDF 共 {count} 页，超过年度报告的合理篇幅（{MAX_PAGES} 页）")
