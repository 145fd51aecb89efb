"""Hostile files, made on the spot: a PDF decompression bomb, a workbook named .docx.

Used by the tests and by benchmarks/bench_hostile.py.
"""

from __future__ import annotations

import io
import zlib

MB = 1024 * 1024


def deflate_bomb(size: int, prefix: bytes = b"") -> bytes:
    """A zlib stream inflating to `prefix` and then `size` spaces, made in about a second per 2 GB.

    After a full flush the compressor forgets what came before, so every 16 MB block of spaces
    compresses to the same bytes: one is compressed and repeated, and the checksum at the end
    is computed over the whole.
    """
    block = b" " * (16 * MB)
    count, rest = divmod(size, len(block))
    z = zlib.compressobj(9)
    out = [z.compress(prefix) + z.flush(zlib.Z_FULL_FLUSH)]
    if count:
        out += [z.compress(block) + z.flush(zlib.Z_FULL_FLUSH)] * count
    end = z.compress(block[:rest]) + z.flush()
    checksum = zlib.adler32(prefix)
    for _ in range(count):
        checksum = zlib.adler32(block, checksum)
    checksum = zlib.adler32(block[:rest], checksum)
    return b"".join(out) + end[:-4] + checksum.to_bytes(4, "big")


def pdf_with_stream(stream: bytes, filtered: bool = True) -> bytes:
    """A one-page PDF whose page content is `stream` (Flate-compressed if `filtered`)."""
    length = b"<< /Length %d%s >>" % (len(stream), b" /Filter /FlateDecode" if filtered else b"")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        length + b"\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def pdf_bomb(inflated: int = 2048 * MB) -> bytes:
    """A PDF of about 2 MB whose one page's content inflates to `inflated` bytes."""
    return pdf_with_stream(deflate_bomb(inflated, b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n"))


def workbook(rows: int = 2000, columns: int = 20) -> bytes:
    """An XLSX workbook of numbers (to be named .docx by a hostile upload)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sheet1")
    for r in range(rows):
        ws.append([r * columns + c for c in range(columns)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
