"""Bytes → text, with the encoding detected rather than assumed."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..errors import ReadError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was in (UTF-8, GB18030/GBK or UTF-16)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    sample = data[:4000]
    if sample and sample.count(0) > len(sample) // 4:
        # UTF-16 without a BOM: every other byte of ASCII text is NUL
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        name = "utf-16-le" if odd_nuls >= even_nuls else "utf-16-be"
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    raise ReadError("无法识别文件的文字编码（不是 UTF-8、GB18030/GBK 或 UTF-16 文本）")


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


_ASCII_SAFE = ("utf-8", "utf-8-sig", "gb18030")  # a byte below 0x80 is always that ASCII character


def looks_binary(text: str, data: bytes | None = None, encoding: str | None = None) -> bool:
    """Decoded text that is mostly control characters came from a binary file.

    Given the bytes and an ASCII-safe encoding, bytes free of control codes (a C-level check)
    answer at once: 8,000 characters come from at most 32,000 bytes after a BOM.
    """
    if data is not None and encoding in _ASCII_SAFE:
        head = data[:32_004]
        if len(head.translate(None, _CONTROL)) == len(head):
            return False
    sample = text[:8000]
    return bool(sample) and len(_CONTROL_CHARS.findall(sample)) > len(sample) * 0.02

_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def looks_binary_bytes(data: bytes) -> bool:
    """Bytes that no text encoding of a report produces (UTF-16's NULs excepted)."""
    sample = data[:8192]
    if any(sample.startswith(bom) for bom, _ in _BOMS):
        return False
    if sample.count(0) > len(sample) // 4:
        nuls_even, nuls_odd = sample[0::2].count(0), sample[1::2].count(0)
        if min(nuls_even, nuls_odd) < max(nuls_even, nuls_odd) // 20:
            return False  # UTF-16 without a BOM: the NULs sit on one side of each pair
    control = len(sample) - len(sample.translate(None, _CONTROL))
    return control > len(sample) * 0.02
