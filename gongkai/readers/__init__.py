"""Read any published annual report into a `Report`.

`read(source)` takes a path, the file's bytes or a binary file object (as
`pdfplumber.open` does). The bytes, not the file name, choose the format's reader from the
table of formats (gongkai/formats.py); each reader turns its format into rows of cells
(grid.py), and `assemble` turns those into the record.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .. import formats, limits
from ..errors import ReadError
from ..record import Report, Source
from .assemble import NotAReport, assemble
from .decode import decode, looks_binary, looks_binary_bytes
from .grid import Document

MAX_BYTES = int(os.environ.get("GONGKAI_MAX_BYTES", 64 * 1024 * 1024))
# Text-like formats are parsed whole in memory: a real report is well under a megabyte.
MAX_TEXT_BYTES = int(os.environ.get("GONGKAI_MAX_TEXT_BYTES", 16 * 1024 * 1024))

FORMATS = formats.READABLE


def sniff(data: bytes, name: str = "") -> str:
    """The key of a file's format, from its first bytes, the suffix only breaking ties."""
    return formats.sniff(data, name).key


def read_bytes(data: bytes, name: str = "<bytes>") -> Report:
    """Read a report from its bytes; `name` is used for the format hint and in messages."""
    if not data or data.isspace():  # not `strip()`: that copies the whole file
        raise ReadError("文件为空")
    fmt = formats.sniff(data, name)
    try:
        got = fmt.read(_text(data) if fmt.text else data)
        if isinstance(got, Document):
            got.format = fmt.key
            got = assemble(got)
        report = got
    except NotAReport as exc:
        raise ReadError(f"不是政府信息公开工作年度报告：{exc}") from None
    except ReadError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise ReadError(f"文件过于复杂，无法读取（{type(exc).__name__}）") from None
    report.source = Source(path=name, format=fmt.key, sha256=hashlib.sha256(data).hexdigest())
    return report


def document(data: bytes, name: str = "<bytes>") -> Document | None:
    """The rows of cells a file reads as, before they are assembled into a record; None for a
    format that holds a record already (JSON, gongkai's own XLSX). For a person checking a reading."""
    fmt = formats.sniff(data, name)
    got = fmt.read(_text(data) if fmt.text else data)
    return got if isinstance(got, Document) else None


def read(source, name: str | None = None) -> Report:
    """Read one published annual report from a path, its bytes or a binary file object.

    `name` (by default the path, or the file object's name) names the file in messages and
    tells the text formats apart by its suffix (.md, .html).
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        _check_size(len(data), data, name or "")
        return read_bytes(data, name or "<bytes>")
    if isinstance(source, (str, os.PathLike)):
        return read_bytes(_read_path(Path(source)), name or str(source))
    if callable(getattr(source, "read", None)):
        label = name or getattr(source, "name", None)
        data = _read_file_object(source, label if isinstance(label, str) else "")
        return read_bytes(data, label if isinstance(label, str) else "<file>")
    raise TypeError(f"gongkai.read() takes a path, bytes or a binary file object, not {type(source).__name__}")


def _read_path(p: Path) -> bytes:
    size = limits.regular_file_size(p)  # a FIFO or a device is refused before it can block
    if size > min(MAX_TEXT_BYTES, MAX_BYTES):
        with open(p, "rb") as fh:
            _check_size(size, fh.read(4096), str(p))
    try:
        return p.read_bytes()
    except OSError as exc:
        raise limits.open_error(exc) from None


def _read_file_object(fh, name: str) -> bytes:
    """Up to one byte more than the limit: a larger file is refused without being read whole.

    A raw stream (a pipe, a socket) may hand out less than asked: it is read until it ends.
    """
    chunks: list[bytes] = []
    got = 0
    while got <= MAX_BYTES:
        try:
            chunk = fh.read(MAX_BYTES + 1 - got)
        except OSError as exc:
            raise ReadError(f"无法读取文件：{exc.strerror or exc}") from None
        if isinstance(chunk, str):
            raise TypeError("gongkai.read() needs a file opened in binary mode: open(path, \"rb\")")
        if not chunk:
            break
        chunks.append(bytes(chunk))
        got += len(chunk)
    data = b"".join(chunks)
    _check_size(len(data), data, name)
    return data


def _check_size(size: int, head: bytes, name: str) -> None:
    """Refuse a file over the size limit, or a text file far larger than any report."""
    if size > MAX_BYTES:
        raise ReadError(f"文件过大（{size / 1048576:.0f} MB，上限 {MAX_BYTES / 1048576:.0f} MB）")
    if size > MAX_TEXT_BYTES and formats.sniff(head[:4096], name).text:
        raise ReadError(f"文本文件过大（{size / 1048576:.0f} MB，上限 {MAX_TEXT_BYTES / 1048576:.0f} MB），不像是一份年度报告")


def _text(data: bytes) -> str:
    """The text of a text format's bytes; binary files are refused, not read as gibberish."""
    if looks_binary_bytes(data):
        raise ReadError("这是二进制文件，不是文本、HTML、DOCX 或 PDF 文档")
    text, encoding = decode(data)
    if looks_binary(text, data, encoding):
        raise ReadError("这是二进制文件，不是文本、HTML、DOCX 或 PDF 文档")
    return text
