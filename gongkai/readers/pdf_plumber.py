"""PDF pages read by pdfplumber (pdfminer): slower, but faithful where PDFium's path is not."""

from __future__ import annotations

import io
from typing import Iterator

from .. import limits
from ..errors import ReadError
from .pdf_layout import PageModel


def plumber_pages(data: bytes) -> Iterator[PageModel]:
    """Each page's characters and edges, one page in memory at a time."""
    import pdfplumber

    from .pdf import MAX_PAGES, too_many_pages  # the limits live with the PDF reader

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on broken files
        raise _open_error(exc) from None
    try:
        try:
            pages = pdf.pages
        except Exception as exc:  # noqa: BLE001
            raise _parse_error(exc) from None
        if len(pages) > MAX_PAGES:
            raise too_many_pages(len(pages))
        glyphs = limits.GlyphBudget()
        for number, page in enumerate(pages, 1):
            try:
                chars = page.chars
            except Exception as exc:  # noqa: BLE001 - pdfminer parses a page's content when first asked
                raise _parse_error(exc) from None
            glyphs.spend(len(chars))
            try:
                model = PageModel(number, tuple(page.bbox), chars, page.edges)
            except Exception as exc:  # noqa: BLE001 - pdfminer parses a page's content when first asked
                raise _parse_error(exc) from None
            page.close()
            yield model
    finally:
        pdf.close()


def _parse_error(exc: Exception) -> ReadError:
    return ReadError(f"PDF 内容无法解析（{type(exc).__name__}: {str(exc)[:80]}）")


def _open_error(exc: Exception) -> ReadError:
    name = type(exc).__name__
    if "Password" in name or "Encrypt" in name:
        return ReadError("PDF 已加密，需要密码才能打开；请提供未加密的文件")
    return ReadError(f"PDF 文件损坏或不完整，无法打开（{name}）")
