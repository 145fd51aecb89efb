"""The annual report as a Word document, with the official merged cells of each table.

The WordprocessingML is written directly (no python-docx): building merged tables through
an object model costs tens of milliseconds a report, string templates well under one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from xml.sax.saxutils import escape

from ..record import Report
from . import layout as L
from . import ooxml as X

# Grid column widths (twips) of each table, summing to the type area's width.
_WIDTHS = {
    "t2": (2844, 2000, 2000, 2000),
    "t3": (520, 900, 2624) + (686,) * 6 + (684,),
    "t4": (590,) * 14 + (584,),
}
_TABLE_SIZE = {"t2": 21, "t3": 20, "t4": 18}  # half-points: 五号, 10 pt, 小五
_NONE: dict = {}
_FIXED_PARTS = tuple(
    (name, text.encode("utf-8"))
    for name, text in (
        ("word/_rels/document.xml.rels", X.DOCUMENT_RELS),
        ("word/styles.xml", X.STYLES),
        ("word/settings.xml", X.SETTINGS),
        ("word/fontTable.xml", X.FONT_TABLE),
        ("word/footer1.xml", X.FOOTER_ODD),
        ("word/footer2.xml", X.FOOTER_EVEN),
    )
)
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_docx(report: Report) -> bytes:
    title = L.title(report)
    tables = {"t2": report.t2, "t3": report.t3, "t4": report.t4}
    body = [_paragraph(title, "Title")]
    for block in L.blocks(report):
        if isinstance(block, L.Heading):
            body.append(_paragraph(block.text, "Heading1"))
        elif isinstance(block, L.Paragraph):
            body.append(_paragraph(block.text))
        elif isinstance(block, L.Signature):
            body.append('<w:p><w:pPr><w:pStyle w:val="Signature"/></w:pPr></w:p>')
            if block.agency:
                body.append(_paragraph(block.agency, "Signature"))
            body.append(_paragraph(block.date, "Signature"))
        else:
            # Printed values are digits or the unknown mark: nothing in them needs escaping.
            parts, keys = _skeleton(block.key, block.vintage)
            body.append(parts[0])
            for (table, row, col), part in zip(keys, parts[1:]):
                body.append(L.cell_text(tables[table].get(row, _NONE).get(col)))
                body.append(part)
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {X.NS}><w:body>'
        + "".join(body)
        + X.SECTION
        + "</w:body></w:document>"
    )
    # the small fixed parts are stored as they are: compressing them costs more time than it saves
    return X.package([
        ("[Content_Types].xml", X.CONTENT_TYPES, False),
        ("_rels/.rels", X.ROOT_RELS, False),
        ("word/document.xml", document, True),
        *((name, text, False) for name, text in _FIXED_PARTS),
        ("docProps/core.xml", X.core_properties(title, report.agency or ""), False),
    ])


def _text(text: str) -> str:
    return escape(_INVALID_XML.sub("", text))


def _paragraph(text: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{_text(text)}</w:t></w:r></w:p>'


_SLOT = "\x00"  # where a value goes in a table's prebuilt XML (never valid in XML text)


@lru_cache(maxsize=None)
def _skeleton(key: str, vintage: str) -> tuple[tuple[str, ...], tuple[tuple[str, str, str], ...]]:
    """A table's XML cut at its value cells, and the key of each cut: built once per layout."""
    table = L.table(key, vintage)
    keys = tuple(c.key for row in table.rows for c in row if c.key is not None)
    return tuple(_table(table).split(_SLOT)), keys


def _table(table: L.Table) -> str:
    widths = _WIDTHS[table.key]
    size = _TABLE_SIZE[table.key]
    run = f'<w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{X.TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="center"/>'
        "<w:tblBorders>"
        + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>'
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        + "</w:tblGrid>"
    ]
    for n, row in enumerate(L.grid(table)):
        header = "<w:tblHeader/>" if n < table.header_rows else ""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        col = 0
        for cell, continues in row:
            width = sum(widths[col : col + cell.cols])
            col += cell.cols
            props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
            if cell.cols > 1:
                props += f'<w:gridSpan w:val="{cell.cols}"/>'
            if cell.rows > 1:
                props += "<w:vMerge/>" if continues else '<w:vMerge w:val="restart"/>'
            props += '<w:vAlign w:val="center"/>'
            if continues:
                out.append(f"<w:tc><w:tcPr>{props}</w:tcPr><w:p/></w:tc>")
                continue
            jc = '<w:jc w:val="left"/>' if cell.scope in ("row",) else ""
            out.append(
                f'<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>{jc}</w:pPr>'
                f'<w:r>{run}<w:t xml:space="preserve">{_SLOT if cell.key else _text(cell.text)}</w:t></w:r></w:p></w:tc>'
            )
        out.append("</w:tr>")
    out.append("</w:tbl>")
    # Word needs a paragraph between two tables and after the last one.
    return "".join(out) + '<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p>'
