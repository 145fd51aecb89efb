"""Every file format gongkai reads or writes, in one table.

Each format has its suffixes, how its bytes are recognised, its reader, its writer and its
content type. The readers' dispatch, `gongkai render`/`extract`/`compile`'s choices, the
folders `extract` and `check` search, and the web app's uploads and downloads all read this
table (as datasette keeps its renderers in one dict), so a format is added in one place.

Readers and writers are named as "module:function" and imported when first used: reading a
text report need not load the libraries of DOCX, XLSX or PDF.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import GongkaiError


@dataclass(frozen=True)
class Format:
    """One file format: what it is called, how it is recognised and who reads and writes it."""

    key: str
    label: str  # short, as on a download link
    description: str  # in a message to a user
    suffixes: tuple[str, ...]  # the first is the one gongkai writes
    content_type: str
    reader: str | None = None  # "module:function": bytes → a Document (rows of cells) or a Report
    writer: str | None = None  # "module:function": one Report → the bytes of a file
    stream: str | None = None  # "module:class": many records in one output (`gongkai extract`)
    magic: Callable[[bytes, bytes], bool] | None = None  # (head, data) → whether the bytes are of this format
    text: bool = False  # read as text: decoded first (binary files refused), and parsed whole in memory
    holds: tuple[str, ...] = ()  # other formats a file with these suffixes may really be (a .txt of HTML)

    @property
    def suffix(self) -> str:
        return self.suffixes[0]

    def read(self, data):
        """The format's reader applied to a file's bytes (or, for a text format, its text)."""
        return _load(self.reader)(data)

    def write(self, report) -> bytes:
        """The report as a file of this format."""
        return _load(self.writer)(report)

    def records(self):
        """A new writer of many records in this format (`gongkai extract`)."""
        return _load(self.stream)()


def _load(target: str | None):
    if target is None:
        raise GongkaiError("该格式不支持此操作")
    module, name = target.split(":")
    return getattr(importlib.import_module(module), name)


def _zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def _is_xlsx(head: bytes, data: bytes) -> bool:
    return _zip(head) and b"xl/" in data[:65536] and b"word/" not in data[:65536]


def _is_html(head: bytes, data: bytes) -> bool:
    if head.startswith(b"<"):
        lower = data[:4096].lower()
        return any(t in lower for t in (b"<html", b"<table", b"<body", b"<p", b"<div", b"<!doctype"))
    return head[:2] in (b"\xff\xfe", b"\xfe\xff") and b"<\x00h\x00t\x00m\x00l" in data[:4096].lower()


OOXML = "application/vnd.openxmlformats-officedocument"

# In the order bytes are tried against each format's `magic`; a file that none claims is
# taken by its suffix among the text formats, else as plain text.
TABLE = (
    Format("pdf", "PDF", "PDF 文档", (".pdf",), "application/pdf", reader="gongkai.readers.pdf:parse_pdf",
           magic=lambda head, data: head.startswith(b"%PDF")),
    Format("xlsx", "XLSX", "Excel 工作簿（XLSX）", (".xlsx",), f"{OOXML}.spreadsheetml.sheet",
           reader="gongkai.readers.xlsx:read_xlsx", writer="gongkai.writers.xlsx:render_xlsx", magic=_is_xlsx),
    Format("docx", "DOCX", "Word 文档（DOCX）", (".docx",), f"{OOXML}.wordprocessingml.document",
           reader="gongkai.readers.docx:parse_docx", writer="gongkai.writers.docx:render_docx",
           magic=lambda head, data: _zip(head)),
    Format("json", "JSON", "JSON 记录", (".json",), "application/json", reader="gongkai.readers.records:read_record",
           writer="gongkai.writers.records:render_json", stream="gongkai.writers.records:JsonArray",
           magic=lambda head, data: head[:1] in (b"{", b"["), text=True),
    Format("jsonl", "JSON Lines", "JSON Lines 记录", (".jsonl",), "application/x-ndjson",
           reader="gongkai.readers.records:read_record", stream="gongkai.writers.records:JsonLines", text=True,
           holds=("json",)),
    Format("csv", "CSV", "CSV 表格", (".csv",), "text/csv; charset=utf-8", stream="gongkai.writers.records:LongCsv"),
    Format("html", "HTML", "网页（HTML）", (".html", ".htm", ".shtml", ".xhtml"), "text/html; charset=utf-8",
           reader="gongkai.readers.html:parse_html", writer="gongkai.writers.html:render_html",
           magic=_is_html, text=True),
    Format("md", "Markdown", "Markdown 文本", (".md", ".markdown"), "text/markdown; charset=utf-8",
           reader="gongkai.readers.text:parse_text", writer="gongkai.writers.markdown:render_markdown", text=True,
           holds=("txt", "html")),
    Format("txt", "文本", "文本", (".txt",), "text/plain; charset=utf-8", reader="gongkai.readers.text:parse_text",
           text=True, holds=("md", "html")),
)
FORMATS = {f.key: f for f in TABLE}
ALIASES = {"markdown": "md", "htm": "html", "text": "txt"}

READABLE = tuple(f.key for f in TABLE if f.reader)
WRITABLE = tuple(f.key for f in TABLE if f.writer)  # one report, one file: render, compile, downloads
STREAMS = tuple(f.key for f in TABLE if f.stream)  # many records, one output: extract
READ_SUFFIXES = frozenset(s for f in TABLE if f.reader for s in f.suffixes)


def get(key: str) -> Format:
    """A format by its key (or a common alias such as "markdown" or ".htm")."""
    key = key.lower().lstrip(".")
    key = ALIASES.get(key, key)
    if key not in FORMATS:
        raise GongkaiError(f"不支持的格式：{key}（可选：{'、'.join(FORMATS)}）")
    return FORMATS[key]


def writer_of(key: str) -> Format:
    """The format `key` if gongkai can write a report in it."""
    try:
        fmt = get(key)
    except GongkaiError:
        fmt = None
    if fmt is None or not fmt.writer:
        raise GongkaiError(f"不支持的输出格式：{key}（可选：{'、'.join(WRITABLE)}）")
    return fmt


def declared(name: str) -> Format | None:
    """The format a file's name declares by its suffix, if gongkai reads it."""
    suffix = Path(name).suffix.lower()
    return next((f for f in TABLE if f.reader and suffix in f.suffixes), None)


def sniff(data: bytes, name: str = "") -> Format:
    """The format of a file from its first bytes, its suffix only breaking ties between text formats."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    for fmt in TABLE:
        if fmt.magic is not None and fmt.reader and fmt.magic(head, data):
            return fmt
    suffix = Path(name).suffix.lower()
    for fmt in TABLE:
        if fmt.text and fmt.reader and suffix in fmt.suffixes:
            return fmt
    return FORMATS["txt"]
