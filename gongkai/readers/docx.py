"""DOCX: the Word tables themselves (merged cells included), not a text dump.

The package is opened with the standard zip module and document.xml parsed with lxml:
sizes are checked before anything is inflated (a zip bomb is refused), and the XML parser
resolves no entities and loads nothing from outside.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from lxml import etree

from ..errors import ReadError
from .grid import Cell, Document, Row

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_XML_BYTES = 40 * 1024 * 1024
MAX_RATIO = 200

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


def parse_docx(data: bytes) -> Document:
    xml = _document_xml(data)
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"DOCX 的正文 XML 已损坏（{exc.msg}）") from None
    body = root.find(f"{W}body")
    if body is None:
        raise ReadError("DOCX 中没有正文（word/document.xml 缺少 body）")
    rows: list[Row] = []
    _walk(body, rows)
    return Document(rows, "docx")


def _document_xml(data: bytes) -> bytes:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        raise ReadError("DOCX 文件损坏或不完整（不是有效的 zip 包）") from None
    with package:
        try:
            info = package.getinfo("word/document.xml")
        except KeyError:
            raise ReadError("这个 zip 包不是 Word 文档（缺少 word/document.xml）") from None
        if info.file_size > MAX_XML_BYTES or info.file_size > max(info.compress_size, 1) * MAX_RATIO:
            raise ReadError(
                f"DOCX 正文解压后过大（{info.file_size / 1048576:.0f} MB，压缩比 "
                f"{info.file_size / max(info.compress_size, 1):.0f}），疑似压缩炸弹，拒绝读取"
            )
        try:
            with package.open(info) as fh:
                xml = fh.read(MAX_XML_BYTES + 1)
        except (zipfile.BadZipFile, EOFError, OSError, zlib.error) as exc:
            raise ReadError(f"DOCX 文件损坏或不完整（{type(exc).__name__}）") from None
        if len(xml) > MAX_XML_BYTES:
            raise ReadError("DOCX 正文解压后过大，拒绝读取")
        return xml


def _walk(container, rows: list[Row]) -> None:
    for el in container:
        tag = el.tag
        if tag == f"{W}p":
            text = _paragraph_text(el)
            if text.strip():
                rows.append([Cell(text.strip(), el.sourceline or 0)])
        elif tag == f"{W}tbl":
            _table(el, rows)
        elif tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent", f"{W}ins", f"{W}smartTag"):
            _walk(el.find(f"{W}sdtContent") if tag == f"{W}sdt" and el.find(f"{W}sdtContent") is not None else el, rows)


def _table(tbl, rows: list[Row]) -> None:
    for tr in tbl.iter(f"{W}tr"):
        if _owner_table(tr) is not tbl:
            continue
        cells: list[Cell] = []
        for tc in tr.iterchildren(f"{W}tc", f"{W}sdt"):
            if tc.tag == f"{W}sdt":
                inner = tc.find(f".//{W}tc")
                if inner is None:
                    continue
                tc = inner
            vmerge = tc.find(f"{W}tcPr/{W}vMerge")
            if vmerge is not None and vmerge.get(f"{W}val") not in ("restart",):
                continue  # the lower part of a vertically merged cell: printed once, above
            cells.append(Cell(_cell_text(tc), tc.sourceline or 0))
        if cells:
            rows.append(cells)


def _owner_table(el):
    parent = el.getparent()
    while parent is not None and parent.tag != f"{W}tbl":
        parent = parent.getparent()
    return parent


def _cell_text(tc) -> str:
    lines = []
    for p in tc.iter(f"{W}p"):
        text = _paragraph_text(p).strip()
        if text:
            lines.append(text)
    return "\n".join(lines)


def _paragraph_text(p) -> str:
    parts = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        tag = node.tag
        if tag == f"{W}t":
            parts.append(node.text or "")
        elif tag == f"{W}tab":
            parts.append(" ")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
    return "".join(parts)
