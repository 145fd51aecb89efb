"""Letters open in LibreOffice and convert to PDF; the batch print is one PDF of them all.

The first page of a partial-disclosure answer is written as a PNG to artifacts/letters/ for
a person to look at (docs/letter-example.png is one such page, checked by eye).
"""

from __future__ import annotations

import re
import subprocess

import pypdfium2 as pdfium
import pytest

from gongkai import letters, template
from gongkai.letters import pdf

from .conftest import ROOT
from .test_letters import ARTICLES, CALENDAR, INPUTS, OFFICE, REMEDY, facts_for
from .test_writers_libreoffice import _tool as _need

ARTIFACTS = ROOT / "artifacts" / "letters"


@pytest.fixture(scope="module")
def converted():
    _need("soffice")
    outcomes = template.t3_outcome_keys("2021")
    docs = [letters.render_docx(letters.compose("answer", facts_for(o), OFFICE, CALENDAR,
                                                number=f"测县府办依复〔2025〕{i + 1}号", inputs=INPUTS))
            for i, o in enumerate(outcomes)]
    return dict(zip(outcomes, pdf.to_pdf(docs))), docs


def _text(data: bytes) -> str:
    doc = pdfium.PdfDocument(data)
    return re.sub(r"\s+", "", "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc))))


def test_every_answer_letter_converts_to_pdf(converted):
    pdfs, _ = converted
    for outcome, data in pdfs.items():
        text = _text(data)
        assert data.startswith(b"%PDF") and "测试县人民政府办公室" in text, outcome
        assert ARTICLES[outcome][0] in text and re.sub(r"\s+", "", REMEDY) in text, outcome
        assert "2025年11月20日" in text  # the date under the signature


def test_first_page_rendered_for_a_person_to_look_at(converted):
    pdfs, _ = converted
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / "partial.pdf"
    target.write_bytes(pdfs["partial"])
    subprocess.run([_need("pdftoppm"), "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", str(target),
                    str(ARTIFACTS / "partial")], check=True, timeout=60)
    png = ARTIFACTS / "partial.png"
    assert png.stat().st_size > 10_000
    page = pdfium.PdfDocument(pdfs["partial"])[0]
    assert (round(page.get_width() / 72 * 25.4), round(page.get_height() / 72 * 25.4)) == (210, 297)  # A4


def test_batch_print_is_one_pdf_of_every_letter(converted):
    pdfs, docs = converted
    merged = pdf.merge(list(pdfs.values()))
    pages = sum(len(pdfium.PdfDocument(d)) for d in pdfs.values())
    assert len(pdfium.PdfDocument(merged)) == pages >= len(docs)
    assert _text(merged).count("测试县人民政府办公室") >= 2 * len(docs)  # letterhead and signature of each
