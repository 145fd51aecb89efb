"""PDF with a text layer: the tables found on each page, and the text lines around them."""

from __future__ import annotations

import io
import logging

from ..errors import ReadError
from .grid import Cell, Document, Row

MAX_PAGES = 200

for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def parse_pdf(data: bytes) -> Document:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFSyntaxError, Exception) as exc:  # pdfminer raises many kinds on broken files
        raise ReadError(f"PDF 文件损坏或不完整，无法打开（{type(exc).__name__}）") from None
    rows: list[Row] = []
    try:
        pages = pdf.pages
        if len(pages) > MAX_PAGES:
            raise ReadError(f"PDF 共 {len(pages)} 页，超过年度报告的合理篇幅（{MAX_PAGES} 页）")
        for number, page in enumerate(pages, 1):
            rows.extend(_page_rows(page, number))
            page.close()
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(f"PDF 内容无法解析（{type(exc).__name__}: {str(exc)[:80]}）") from None
    finally:
        pdf.close()
    if not any(c.text.strip() for r in rows for c in r):
        raise ReadError("PDF 没有文字层（可能是扫描件），无法读取")
    return Document(rows, "pdf")


def _page_rows(page, number: int) -> list[Row]:
    """A page's rows in reading order: table rows as their cells, other text a line each."""
    placed: list[tuple[float, int, Row]] = []
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    for t_index, table in enumerate(tables):
        for r_index, cells in enumerate(table.extract()):
            row = [Cell(text or "", number * 1000 + len(placed)) for text in cells if text is not None]
            if row:
                placed.append((table.bbox[1] + r_index * 0.001, 0, row))
    for line in page.extract_text_lines(return_chars=False):
        cx = (line["x0"] + line["x1"]) / 2
        cy = (line["top"] + line["bottom"]) / 2
        if any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes):
            continue
        placed.append((line["top"], 1, [Cell(line["text"], number * 1000 + len(placed))]))
    placed.sort(key=lambda p: (p[0], p[1]))
    return [row for _, _, row in placed]
