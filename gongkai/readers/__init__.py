"""Read any published annual report into a `Report`.

`read(path)` looks at the bytes (not the file name) to choose a format reader; each reader
turns its format into rows of cells (grid.py), and `assemble` turns those into the record.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .. import limits
from ..errors import ReadError
from ..record import Report, Source
from .assemble import NotAReport, assemble
from .decode import decode, looks_binary, looks_binary_bytes
from .grid import Document

MAX_BYTES = int(os.environ.get("GONGKAI_MAX_BYTES", 64 * 1024 * 1024))
# Text-like formats are parsed whole in memory: a real report is well under a megabyte.
MAX_TEXT_BYTES = int(os.environ.get("GONGKAI_MAX_TEXT_BYTES", 16 * 1024 * 1024))

FORMATS = ("txt", "md", "html", "docx", "xlsx", "pdf", "json")


def sniff(data: bytes, name: str = "") -> str:
    """The format of a file from its first bytes, the extension only breaking ties."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx" if b"xl/" in data[:65536] and b"word/" not in data[:65536] else "docx"
    if head[:1] in (b"{", b"["):
        return "json"
    if head.startswith(b"<"):
        lower = data[:4096].lower()
        if any(t in lower for t in (b"<html", b"<table", b"<body", b"<p", b"<div", b"<!doctype")):
            return "html"
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") and b"<\x00h\x00t\x00m\x00l" in data[:4096].lower():
        return "html"
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix in ("htm", "html", "xhtml", "shtml"):
        return "html"
    return "md" if suffix in ("md", "markdown") else "txt"


def read_bytes(data: bytes, name: str = "<bytes>") -> Report:
    """Read a report from its bytes; `name` is used for the format hint and in messages."""
    if not data or data.isspace():  # not `strip()`: that copies the whole file
        raise ReadError("文件为空")
    fmt = sniff(data, name)
    try:
        if fmt == "json":
            report = _read_json(data)
        elif fmt == "xlsx":
            from .xlsx import read_xlsx  # a workbook written by gongkai carries the record itself

            report = read_xlsx(data)
        else:
            doc = _document(data, fmt)
            report = assemble(doc)
    except NotAReport as exc:
        raise ReadError(f"不是政府信息公开工作年度报告：{exc}") from None
    except ReadError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise ReadError(f"文件过于复杂，无法读取（{type(exc).__name__}）") from None
    report.source = Source(path=name, format=fmt, sha256=hashlib.sha256(data).hexdigest())
    return report


def read(path: str | os.PathLike) -> Report:
    """Read one published annual report (text, Markdown, HTML, DOCX, PDF or a JSON record)."""
    p = Path(path)
    size = limits.regular_file_size(p)  # a FIFO or a device is refused before it can block
    if size > MAX_BYTES:
        raise ReadError(f"文件过大（{size / 1048576:.0f} MB，上限 {MAX_BYTES / 1048576:.0f} MB）")
    if size > MAX_TEXT_BYTES:
        with open(p, "rb") as fh:
            head = fh.read(4096)
        if sniff(head, str(path)) not in ("pdf", "docx", "xlsx"):
            raise ReadError(f"文本文件过大（{size / 1048576:.0f} MB，上限 {MAX_TEXT_BYTES / 1048576:.0f} MB），不像是一份年度报告")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise limits.open_error(exc) from None
    return read_bytes(data, str(path))


def _document(data: bytes, fmt: str) -> Document:
    if fmt == "pdf":
        from .pdf import parse_pdf

        return parse_pdf(data)
    if fmt == "docx":
        from .docx import parse_docx

        return parse_docx(data)
    if looks_binary_bytes(data):
        raise ReadError("这是二进制文件，不是文本、HTML、DOCX 或 PDF 文档")
    text, encoding = decode(data)
    if looks_binary(text, data, encoding):
        raise ReadError("这是二进制文件，不是文本、HTML、DOCX 或 PDF 文档")
    if fmt == "html":
        from .html import parse_html

        return parse_html(text)
    from .text import parse_text

    return parse_text(text, fmt)


def _read_json(data: bytes) -> Report:
    from pydantic import ValidationError

    text, _ = decode(data)
    try:
        return Report.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise ReadError(f"JSON 记录不符合报告格式：{where} {first.get('msg', '')}".strip()) from None
