"""PDF reading: the PDFium path gives pdfplumber's rows, and hostile files give one clear error."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.errors import ReadError
from gongkai.readers import read_bytes
from gongkai.readers.pdf import MAX_PAGES, parse_pdf
from gongkai.readers.pdf_layout import page_rows
from gongkai.readers.pdf_pdfium import pdfium_pages
from gongkai.readers.pdf_plumber import plumber_pages

from .conftest import corpus_dir


def _texts(doc) -> list[list[str]]:
    return [[c.text for c in row] for row in doc.rows]


def _rows(doc) -> list[list[tuple[str, int]]]:
    return [[(c.text, c.line) for c in row] for row in doc.rows]


def _line_rows(data: bytes, fast: bool = True) -> list[list[tuple[str, int]]]:
    """Every page's rows before paragraphs are joined: a text line a row, as pdfplumber has them."""
    pages = pdfium_pages(data) if fast else plumber_pages(data)
    return [[(c.text, c.line) for c in row] for page in pages for row in page_rows(page)]


# --- PDFs written by hand -------------------------------------------------------------------


def make_pdf(contents: list[bytes], encrypt: bool = False, compress: bool = False) -> bytes:
    """A minimal PDF: one page per content stream, Helvetica as /F1 (a standard font)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    streams: dict[bytes, int] = {}
    for content in contents:
        if content not in streams:  # pages with the same content share one stream
            data = zlib.compress(content) if compress else content
            flt = b" /Filter /FlateDecode" if compress else b""
            streams[content] = add(b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), flt, data))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages, streams[content], font)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages
    objects[pages - 1] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (
        len(kids),
        b" ".join(b"%d 0 R" % k for k in kids),
    )
    trailer_extra = b""
    if encrypt:  # the standard handler with a user password we do not know
        enc = add(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>" % (b"ab" * 32, b"cd" * 32))
        trailer_extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (enc, b"01" * 16, b"01" * 16)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        trailer_extra,
        xref,
    )
    return bytes(out)


def text_at(x: float, y: float, text: str, size: float = 11) -> bytes:
    return b"BT /F1 %g Tf %g %g Td (%s) Tj ET\n" % (size, x, y, text.encode("latin-1"))


def ruled_table(x0: float, top_y: float, widths: list[float], height: float, rows: list[list[str]]) -> bytes:
    """A table drawn as one stroked rectangle per cell (`re`), text inside each cell."""
    out = bytearray(b"0.5 w\n")
    y = top_y
    for row in rows:
        x = x0
        for width, text in zip(widths, row):
            out += b"%g %g %g %g re S\n" % (x, y - height, width, height)
            if text:
                out += text_at(x + 4, y - height + 6, text)
            x += width
        y -= height
    return bytes(out)


def lined_table(x0: float, top_y: float, widths: list[float], height: float, rows: list[list[str]]) -> bytes:
    """A table drawn with separate line segments (`m l S`), the way word processors often do."""
    out = bytearray(b"0.75 w\n")
    right = x0 + sum(widths)
    bottom = top_y - height * len(rows)
    for i in range(len(rows) + 1):
        y = top_y - i * height
        out += b"%g %g m %g %g l S\n" % (x0, y, right, y)
    x = x0
    for width in [0, *widths]:
        x += width
        out += b"%g %g m %g %g l S\n" % (x, top_y, x, bottom)
    y = top_y
    for row in rows:
        x = x0
        for width, text in zip(widths, row):
            if text:
                out += text_at(x + 4, y - height + 6, text)
            x += width
        y -= height
    return bytes(out)


REPORT_LIKE = [
    text_at(72, 780, "Annual report on open government information", 14)
    + text_at(72, 750, "This paragraph is ordinary prose and stays one cell per line.")
    + ruled_table(72, 720, [200, 80, 80], 20, [["Item", "2023", "2024"], ["Requests", "21", "50"], ["Replies", "", "7"]])
    + text_at(72, 620, "Item", 11)
    + text_at(300, 620, "Count", 11)
    + text_at(420, 620, "Note", 11)
    + text_at(72, 600, "Appeals", 11)
    + text_at(300, 600, "3", 11)
    + text_at(420, 600, "closed", 11)
    + text_at(280, 60, "- 1 -"),
    lined_table(72, 760, [150, 100], 24, [["Lawsuits", "2"], ["Fees", "0"]]) + text_at(280, 60, "- 2 -"),
]


def test_hand_made_report_rows():
    doc = parse_pdf(make_pdf(REPORT_LIKE))
    assert _texts(doc) == [
        ["Annual report on open government information"],
        ["This paragraph is ordinary prose and stays one cell per line."],
        ["Item", "2023", "2024"],
        ["Requests", "21", "50"],
        ["Replies", "", "7"],
        ["Item", "Count", "Note"],  # a borderless table: columns cut at wide gaps
        ["Appeals", "3", "closed"],
        ["- 1 -"],  # page numbers are left for grid.drop_page_furniture
        ["Lawsuits", "2"],
        ["Fees", "0"],
        ["- 2 -"],
    ]
    lines = [row[0].line for row in doc.rows]
    assert [n // 1000 for n in lines] == [1] * 8 + [2] * 3  # page number and row on it
    assert len(set(lines)) == len(lines)


def test_hand_made_report_same_rows_both_ways():
    data = make_pdf(REPORT_LIKE, compress=True)
    assert _rows(parse_pdf(data)) == _rows(parse_pdf(data, fast=False))
    assert _line_rows(data) == _line_rows(data, fast=False)


# --- the corpus: both readers, same rows ----------------------------------------------------


def _corpus_pdfs() -> list[Path]:
    root = corpus_dir()
    return sorted(root.rglob("*.pdf")) if root else []


@pytest.mark.parametrize("path", _corpus_pdfs(), ids=lambda p: p.name)
def test_corpus_pdf_same_rows_both_ways(path):
    data = path.read_bytes()
    fast = parse_pdf(data)
    assert _rows(fast) == _rows(parse_pdf(data, fast=False))
    assert _line_rows(data) == _line_rows(data, fast=False)
    cells = [c.text for row in fast.rows for c in row]
    assert any("政府信息公开" in t for t in cells)
    assert any(len(row) >= 8 for row in fast.rows)  # the statistics tables came out as tables


def _pdfplumber_reference_rows(data: bytes) -> list[list[str]]:
    """Rows by pdfplumber's own find_tables/extract/extract_text_lines (what gongkai mirrors)."""
    import io

    import pdfplumber

    rows = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            placed = []
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]
            for table in tables:
                for r_index, cells in enumerate(table.extract()):
                    row = [text or "" for text in cells if text is not None]
                    if row:
                        placed.append((table.bbox[1] + r_index * 0.001, 0, row))
            for line in page.extract_text_lines(return_chars=False):
                cx, cy = (line["x0"] + line["x1"]) / 2, (line["top"] + line["bottom"]) / 2
                if not any(x0 <= cx <= x1 and t <= cy <= b for x0, t, x1, b in boxes):
                    placed.append((line["top"], 1, [line["text"]]))
            placed.sort(key=lambda p: (p[0], p[1]))
            rows.extend(row for _, _, row in placed)
    return rows


@pytest.mark.parametrize("path", _corpus_pdfs(), ids=lambda p: p.name)
def test_corpus_pdf_matches_pdfplumber_itself(path):
    data = path.read_bytes()
    assert [[text for text, _ in row] for row in _line_rows(data)] == _pdfplumber_reference_rows(data)


# --- a PDF from LibreOffice (CJK text, a real producer's tables) ----------------------------

HTML = """<html><head><meta charset="utf-8"></head><body>
<p>某某县人民政府2024年政府信息公开工作年度报告</p>
<p>一、总体情况</p>
<table border="1" cellspacing="0">
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>3</td></tr>
<tr><td>行政规范性文件</td><td>12</td><td>1</td><td>40</td></tr>
</table>
<p>二、其他需要报告的事项</p>
</body></html>"""


@pytest.fixture(scope="session")
def office_pdf(tmp_path_factory) -> bytes:
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("soffice")
    source = folder / "report.html"
    source.write_text(HTML, encoding="utf-8")
    env = {**os.environ, "HOME": str(folder)}  # a private profile: no clash with a running office
    try:
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(folder), str(source)],
            check=True,
            capture_output=True,
            timeout=180,
            env=env,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        pytest.skip(f"LibreOffice conversion failed: {exc}")
    return (folder / "report.pdf").read_bytes()


def test_office_pdf_rows(office_pdf):
    doc = parse_pdf(office_pdf)
    texts = _texts(doc)
    assert ["规章", "0", "0", "3"] in texts
    assert ["行政规范性文件", "12", "1", "40"] in texts
    assert ["一、总体情况"] in texts
    assert _rows(doc) == _rows(parse_pdf(office_pdf, fast=False))
    assert [[text for text, _ in row] for row in _line_rows(office_pdf)] == _pdfplumber_reference_rows(office_pdf)


# --- hostile files --------------------------------------------------------------------------


def _read_error(data: bytes) -> str:
    with pytest.raises(ReadError) as info:
        read_bytes(data, "report.pdf")
    message = str(info.value)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)  # a Chinese message for the user
    assert "Traceback" not in message
    return message


def _a_corpus_pdf() -> bytes:
    pdfs = _corpus_pdfs()
    return pdfs[0].read_bytes() if pdfs else make_pdf(REPORT_LIKE, compress=True)


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9, 0.999])
def test_truncated_pdf(fraction):
    data = _a_corpus_pdf()
    message = _read_error(data[: int(len(data) * fraction)])
    assert "不完整" in message


def test_truncated_pdf_with_an_end_marker_glued_on():
    data = _a_corpus_pdf()
    cut = data[: len(data) // 3] + b"\n%%EOF\n"
    try:
        doc = parse_pdf(cut)  # PDFium may recover the pages that are complete: those rows only
    except ReadError as exc:
        assert "PDF" in str(exc)
    else:
        assert all(isinstance(c.text, str) for row in doc.rows for c in row)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_bytes_with_a_pdf_header(seed):
    noise = random.Random(seed).randbytes(20_000)
    message = _read_error(b"%PDF-1.7\n" + noise + b"\n%%EOF\n")
    assert "损坏" in message or "没有文字层" in message


def test_empty_page_has_no_text_layer():
    assert "没有文字层" in _read_error(make_pdf([b""]))


def test_image_only_page_has_no_text_layer():
    drawing = b"0.9 g 72 72 451 698 re f 0 g 100 100 m 400 700 l S\n"
    assert "没有文字层" in _read_error(make_pdf([drawing]))


def test_encrypted_pdf():
    data = make_pdf(REPORT_LIKE, encrypt=True)
    assert "加密" in _read_error(data)


def test_thousands_of_pages():
    data = make_pdf([text_at(72, 700, "page")] * 5000)
    message = _read_error(data)
    assert "5000 页" in message and str(MAX_PAGES) in message


def test_not_a_report_is_a_read_error_not_a_crash():
    message = _read_error(make_pdf(REPORT_LIKE))
    assert "年度报告" in message


def test_pages_at_the_limit_are_read():
    doc = parse_pdf(make_pdf([text_at(72, 700, "Hello")] * 3))
    assert _texts(doc) == [["Hello"]] * 3
    assert [row[0].line for row in doc.rows] == [1000, 2000, 3000]


# --- the two paths behind pdfplumber's public API ----------------------------------------------


def test_without_pdfium_pdfplumber_reads_and_nothing_is_printed(monkeypatch, caplog, capfd):
    import sys

    data = _a_corpus_pdf()
    expected = _rows(parse_pdf(data, fast=False))
    monkeypatch.delitem(sys.modules, "gongkai.readers.pdf_pdfium", raising=False)
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # as if it were not installed
    capfd.readouterr()
    assert _rows(parse_pdf(data)) == expected
    assert not [r for r in caplog.records if r.levelno >= 30]
    assert capfd.readouterr().err == ""
    with caplog.at_level("DEBUG", logger="gongkai"):  # said only to those who ask for debugging
        parse_pdf(data)
    assert "PDFium not available" in caplog.text


CHAR_TEXTS = "0123456789一二三四五六七八九十（）、，。ABCxyz\ufb01\ufb02 "


@st.composite
def cell_chars(draw):
    """Characters of a table cell: on one line or a few, upright, with gaps of any width."""
    chars = []
    top = draw(st.floats(0, 500))
    for _ in range(draw(st.integers(1, 12))):
        if draw(st.integers(0, 5)) == 0:
            top += draw(st.sampled_from((0.5, 2.9, 3.1, 12.0)))  # the same line, or the next one
        x0 = draw(st.floats(0, 400))
        width = draw(st.floats(0.5, 12))
        size = draw(st.sampled_from((9.0, 10.5, 12.0)))
        chars.append({"text": draw(st.sampled_from(CHAR_TEXTS)), "x0": x0, "x1": x0 + width, "top": top,
                      "bottom": top + size, "doctop": top, "size": size, "upright": True})
    return chars


@settings(max_examples=400, deadline=None)
@given(chars=cell_chars())
def test_cell_text_is_pdfplumber_s_extract_text(chars):
    from pdfplumber.utils import extract_text

    from gongkai.readers.pdf_layout import cell_text

    assert cell_text(chars) == extract_text(chars)
