"""HTML: a whole saved page or a fragment.

Saved pages wrap the report in navigation, scripts and metadata tables, and lay pages out
with tables of their own. The reader finds the article (the element that holds the report's
tables and sections), turns each block into a row and each data table into rows of cells.
"""

from __future__ import annotations

import re

from lxml import etree

from ..errors import ReadError
from . import metadata
from .grid import Cell, Document, Row

_SKIP = {"script", "style", "noscript", "template", "iframe", "object", "svg", "select", "button", "head", "input"}
_BLOCK = {
    "address", "article", "aside", "blockquote", "body", "center", "dd", "div", "dl", "dt", "fieldset",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption",
}
# plain elements (no lxml.html class lookup), no comments or processing instructions
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
_SPACES = re.compile(r"[ \t\r\f\v\xa0\u3000]+")


def parse_html(text: str) -> Document:
    if text.lstrip()[:5] == "<?xml":
        text = text.lstrip().split("?>", 1)[-1]  # lxml refuses str input with an encoding declaration
    try:
        root = etree.fromstring(text, _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ReadError(f"HTML 无法解析：{exc}") from None
    if root is None:
        raise ReadError("HTML 没有内容")
    title = _title(root)
    published = _published(root, text)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    article = _article(root)
    rows: list[Row] = []
    _emit(article, rows)
    return Document(rows, "html", title=title, published=published)


def _title(root) -> str | None:
    headings = [(el.tag, _clean(el.xpath("string()"))) for el in root.iter("h1", "h2", "h3")]
    for _, t in sorted(headings, key=lambda h: h[0]):  # h1 before h2 before h3
        if "报告" in t and len(t) < 100:
            return t
    for name in ("ArticleTitle", "title", "og:title"):
        for el in root.xpath(f'//meta[@name="{name}" or @property="{name}"]'):
            content = _clean(el.get("content") or "")
            if "报告" in content:
                return content
    el = root.find(".//title")
    return _clean(el.xpath("string()")) if el is not None else None


_META_DATES = {"pubdate", "publishdate", "firstpublishedtime", "createdate"}
# a date label and its date, with markup (a cell or a span boundary) allowed between them
_PUBLISHED_MARKUP = re.compile(
    r"(?:发布|公开|成文|印发)(?:日期|时间)\s*[:：]?(?:\s|&nbsp;|<[^<>]{0,200}>){0,12}"
    r"([0-9]{4}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2})"
)


def _published(root, text: str):
    for el in root.xpath("//meta[@name]"):
        if el.get("name", "").lower() in _META_DATES:
            d = metadata.parse_date(el.get("content") or "")
            if d:
                return d
    m = _PUBLISHED_MARKUP.search(text)
    return metadata.parse_date(m.group(1)) if m else None


def _article(root):
    """The smallest element holding the report's table 三 and its sections, else the body."""
    body = root.find("body")
    body = body if body is not None else root
    hits = body.xpath(".//text()[contains(., '本年新收')]")
    target = hits[0].getparent() if hits else None
    if target is None:
        return body
    el = target
    while el is not None and el is not body:
        content = el.xpath("string()")
        if "总体情况" in content and ("其他需要报告" in content or "存在的主要问题" in content):
            return el
        el = el.getparent()
    return body


def _is_data_table(table) -> bool:
    return not any(True for _ in table.iterdescendants("table"))


def _emit(el, rows: list[Row]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP:
        return
    if tag == "table" and _is_data_table(el):
        _emit_table(el, rows)
        return
    if len(el) == 0:
        if el.text:
            _emit_text(el.text, el.sourceline or 0, rows)
        return
    if not _has_block(el):
        _emit_text(_text(el), el.sourceline or 0, rows)
        return
    if el.text:
        _emit_text(el.text, el.sourceline or 0, rows)
    for child in el:
        _emit(child, rows)
        if child.tail:
            _emit_text(child.tail, child.sourceline or 0, rows)


def _has_block(el) -> bool:
    return any(isinstance(d.tag, str) and d.tag in _BLOCK for d in el.iterdescendants())


def _emit_text(text: str, line: int, rows: list[Row]) -> None:
    if "\n" not in text:
        text = _clean(text)
        if text:
            rows.append([Cell(text, line)])
        return
    for part in text.split("\n"):
        part = _clean(part)
        if part:
            rows.append([Cell(part, line)])


def _emit_table(table, rows: list[Row]) -> None:
    for tr in table.iter("tr"):
        line = tr.sourceline or 0
        cells = [Cell(_cell_text(td), line) for td in tr.iterchildren("td", "th")]
        if cells:
            rows.append(cells)


def _text(el) -> str:
    parts = []
    for node in el.iter():
        if isinstance(node.tag, str) and node.tag in _SKIP:
            continue
        if node is not el and node.text and isinstance(node.tag, str):
            parts.append(node.text)
        elif node is el and el.text:
            parts.append(el.text)
        if node is not el and node.tail:
            parts.append(node.tail)
    return "".join(parts)


def _cell_text(td) -> str:
    text = td.text if len(td) == 0 else etree.tostring(td, method="text", encoding="unicode", with_tail=False)
    if not text:
        return ""
    if "\n" not in text:
        return _clean(text)
    lines = [_clean(x) for x in text.split("\n")]
    return "\n".join(x for x in lines if x)


def _clean(text: str) -> str:
    if text.isalnum():
        return text  # digits or a label without spaces: nothing to fold
    return _SPACES.sub(" ", text).strip()
