"""A letter as a Word document laid out as a 公文 (GB/T 9704-2012), with the report writer's parts.

Page, fonts, footers with page numbers and the body style are the annual report's
(`gongkai.writers.ooxml`); a letter adds the 版头: the 发文机关标志 in red 小标宋, the 文号
centred under it above the red separator line, then the title, the addressee 顶格, the body,
and the 发文机关署名 and 成文日期 four characters in from the right, with room above them
for the seal (bookmarked "印章"). Written directly as WordprocessingML, as the report is:
a thousand letters take a few seconds.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from ..writers import ooxml as X
from .compose import Letter

RED = "FF0000"
_LETTER_STYLES = (
    f'<w:style w:type="paragraph" w:styleId="Letterhead"><w:name w:val="Letterhead"/><w:basedOn w:val="Normal"/>'
    f'<w:pPr><w:jc w:val="center"/><w:spacing w:line="800" w:lineRule="exact" w:before="0" w:after="0"/>'
    f'<w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr>'
    f'<w:rPr>{X.fonts(X.TITLE_FONT, 52)}<w:color w:val="{RED}"/><w:spacing w:val="20"/></w:rPr></w:style>'
    f'<w:style w:type="paragraph" w:styleId="DocNumber"><w:name w:val="Document Number"/><w:basedOn w:val="Normal"/>'
    f'<w:pPr><w:pBdr><w:bottom w:val="single" w:sz="12" w:space="12" w:color="{RED}"/></w:pBdr>'
    f'<w:jc w:val="center"/><w:spacing w:line="{X.LINE_PITCH}" w:lineRule="exact" w:before="0" w:after="579"/>'
    f'<w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Addressee"><w:name w:val="Addressee"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr></w:style>'
)
STYLES = X.STYLES.replace("</w:styles>", _LETTER_STYLES + "</w:styles>")
_FIXED_PARTS = tuple(
    (name, text.encode("utf-8"))
    for name, text in (
        ("[Content_Types].xml", X.CONTENT_TYPES),
        ("_rels/.rels", X.ROOT_RELS),
        ("word/_rels/document.xml.rels", X.DOCUMENT_RELS),
        ("word/styles.xml", STYLES),
        ("word/settings.xml", X.SETTINGS),
        ("word/fontTable.xml", X.FONT_TABLE),
        ("word/footer1.xml", X.FOOTER_ODD),
        ("word/footer2.xml", X.FOOTER_EVEN),
    )
)
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EMPTY = "<w:p/>"


def _p(text: str, style: str | None = None, inner: str = "", props: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/>{props}</w:pPr>' if style else ""
    run = f'<w:r><w:t xml:space="preserve">{escape(_INVALID_XML.sub("", text))}</w:t></w:r>' if text else ""
    return f"<w:p>{ppr}{inner}{run}</w:p>"


_EM = 320  # twips of one character at 三号 (16 pt)
_DATE_INDENT = 4 * _EM  # 成文日期右空四字


def _width(text: str) -> float:
    """Printed width in characters: half a character for Latin letters and digits."""
    return sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in text)


def _centred_over_date(name: str, date_text: str) -> str:
    """The 署名's right indent that centres it over the 成文日期 (GB/T 9704 7.3.5.1)."""
    right = _DATE_INDENT + round((_width(date_text) - _width(name)) / 2 * _EM)
    return f'<w:ind w:firstLineChars="0" w:firstLine="0" w:rightChars="0" w:right="{max(right, 0)}"/>'


def document_xml(letter: Letter) -> str:
    body = [
        _p(letter.letterhead, "Letterhead"),
        _EMPTY,
        _p(letter.number, "DocNumber"),
        _p(letter.title, "Title"),
        _p(f"{letter.addressee}：", "Addressee"),
        *(_p(text) for text in letter.paragraphs),
        _EMPTY, _EMPTY, _EMPTY,
        _p(letter.signatory, "Signature", '<w:bookmarkStart w:id="0" w:name="印章"/><w:bookmarkEnd w:id="0"/>',
           _centred_over_date(letter.signatory, letter.date_text)),
        _p(letter.date_text, "Signature"),
    ]
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {X.NS}><w:body>'
        + "".join(body) + X.SECTION + "</w:body></w:document>"
    )


def render_docx(letter: Letter) -> bytes:
    return X.package([
        *((name, data, False) for name, data in _FIXED_PARTS),
        ("word/document.xml", document_xml(letter), True),
        ("docProps/core.xml", X.core_properties(letter.title, letter.signatory), False),
    ])
