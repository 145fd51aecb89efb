"""The reference PDF path: pdfplumber (pdfminer), slower but faithful for what PDFium's path does not model."""

from __future__ import annotations

import io

from .. import limits
from ..errors import ReadError
from .grid import Row
from .pdf_layout import PageModel, page_rows

def plumber_rows(data: bytes) -> list[Row]:
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on broken files
        raise _open_error(exc) from None
    rows: list[Row] = []
    try:
        pages = pdf.pages
        from .pdf import MAX_PAGES, too_many_pages  # the limits live with the main PDF reader

        if len(pages) > MAX_PAGES:
            raise too_many_pages(len(pages))
        glyphs = limits.GlyphBudget()
        for number, page in enumerate(pages, 1):
            glyphs.spend(len(page.chars))
            model = PageModel(number, tuple(page.bbox), page.chars, page.edges)
            rows.extend(page_rows(model))
            page.close()
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise ReadError(f"PDF 内容无法解析（{type(exc).__name__}: {str(exc)[:80]}）") from None
    finally:
        pdf.close()
    return rows


def _open_error(exc: Exception) -> ReadError:
    name = type(exc).__name__
    if "Password" in name or "Encrypt" in name:
        return ReadError("PDF 已加密，需要密码才能打开；请提供未加密的文件")
    return ReadError(f"PDF 文件损坏或不完整，无法打开（{name}）")
