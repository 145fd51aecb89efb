"""A PDF's lines joined back into paragraphs: in the record's sections, and in the DOCX written from it."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

import pytest

from gongkai import render, template
from gongkai.readers import read_bytes
from gongkai.readers.grid import Cell, is_page_furniture
from gongkai.readers.pdf_layout import PageRow, page_rows
from gongkai.readers.pdf_paragraphs import join_paragraphs
from gongkai.readers.pdf_pdfium import pdfium_pages

from .conftest import corpus_dir

LEFT, RIGHT, SIZE, PITCH = 72.0, 520.0, 16.0, 28.0


def line(text: str, top: float, x0: float = LEFT, x1: float = RIGHT, size: float = SIZE) -> PageRow:
    return PageRow([Cell(text, int(top))], (x0, top, x1, top + size), size)


def body(top: float, *texts: str, indent: bool = True, last_short: bool = True) -> list[PageRow]:
    """A paragraph set as a PDF sets it: first line indented two characters, last one short."""
    rows = []
    for n, text in enumerate(texts):
        x0 = LEFT + 2 * SIZE if indent and n == 0 else LEFT
        x1 = RIGHT - 200 if last_short and n == len(texts) - 1 else RIGHT
        rows.append(line(text, top + n * PITCH, x0, x1))
    return rows


def texts(rows) -> list[str]:
    return [" | ".join(c.text for c in row) for row in rows]


def test_lines_of_a_paragraph_are_joined_and_paragraphs_kept_apart():
    page = [
        line("一、总体情况", 60, LEFT + 2 * SIZE, LEFT + 8 * SIZE),
        *body(100, "坚持以习近平新时代中国特", "色社会主义思想为指导，全面", "推进政务公开。"),
        *body(200, "（一）主动公开情况。主要通过", "门户网站公开。"),
    ]
    assert texts(join_paragraphs([page])) == [
        "一、总体情况",
        "坚持以习近平新时代中国特色社会主义思想为指导，全面推进政务公开。",
        "（一）主动公开情况。主要通过门户网站公开。",
    ]


def test_latin_words_keep_their_space_chinese_characters_none():
    page = body(100, "The annual report on open government", "information, as the 2019 rules", "require.")
    page += body(200, "全年受理申请 17", "件，公开 2428", "条 open", "data 目录。")
    assert texts(join_paragraphs([page])) == [
        "The annual report on open government information, as the 2019 rules require.",
        "全年受理申请 17件，公开 2428条 open data 目录。",
    ]


def test_a_paragraph_goes_on_over_a_page_break_past_the_page_number():
    first = [*body(600, "本机关认真落实条例", "要求，做好依申请", "公开工作，", last_short=False),
             line("- 1 -", 800, 280, 300, 12)]
    second = [*body(80, "确保答复规范", "及时。", indent=False), *body(150, "下一段", "到此。")]
    assert texts(join_paragraphs([first, second])) == [
        "本机关认真落实条例要求，做好依申请公开工作，确保答复规范及时。", "- 1 -", "下一段到此。"]


def test_tables_columns_other_sizes_and_far_lines_end_a_paragraph():
    table_row = PageRow([Cell("规章", 1), Cell("0", 1), Cell("3", 1)])
    page = [
        *body(100, "第一段文字到右边", "距", last_short=False),  # the last line runs to the margin ...
        table_row,  # ... but a table row follows
        *body(200, "第二段到右边", last_short=False),
        line("小字注释行", 200 + PITCH, LEFT, RIGHT, size=10.5),  # another size
        *body(400, "第三段到右边", last_short=False),
        line("远处一行", 400 + 4 * PITCH),  # too far below to be the next line
        line("第四段", 600, LEFT, RIGHT),
        line("第四段续", 600 + PITCH, LEFT + 2 * SIZE, RIGHT),  # indented: a new paragraph
    ]
    assert texts(join_paragraphs([page])) == [
        "第一段文字到右边距", "规章 | 0 | 3", "第二段到右边", "小字注释行", "第三段到右边", "远处一行",
        "第四段", "第四段续"]


def test_lines_too_few_or_too_narrow_to_show_margins_stay_apart():
    assert texts(join_paragraphs([[line("Hello", 700, 72, 100)]] * 3)) == ["Hello"] * 3
    two = [line("只有两行，", 100), line("看不出页边。", 100 + PITCH)]
    assert texts(join_paragraphs([two])) == ["只有两行，", "看不出页边。"]


# --- the corpus PDFs ------------------------------------------------------------------------

NARRATIVE = [s.key for s in template.SECTIONS if s.key in template.NARRATIVE_SECTIONS]
SENTENCE_END = "。：；！？”）"


def _corpus_pdfs():
    root = corpus_dir()
    return sorted(root.rglob("*.pdf")) if root else []


@pytest.mark.parametrize("path", _corpus_pdfs(), ids=lambda p: p.name)
def test_corpus_pdf_sections_are_paragraphs_of_whole_lines(path):
    data = path.read_bytes()
    report = read_bytes(data, path.name)
    lines = [row[0].text for page in pdfium_pages(data) for row in page_rows(page)
             if len(row) == 1 and not is_page_furniture(row[0].text)]
    joined = 0
    for key in NARRATIVE:
        for paragraph in report.sections[key].split("\n"):
            assert paragraph[-1] in SENTENCE_END, (key, paragraph)
            count = _lines_making(paragraph, lines)
            assert count, (key, paragraph)
            joined += count - 1
    assert joined >= 10  # most paragraphs of these reports run over several lines


def _lines_making(paragraph: str, lines: list[str]) -> int:
    """How many consecutive printed lines the paragraph is made of, or 0 if it is not made of whole lines."""
    for start, first in enumerate(lines):
        if not first or not paragraph.startswith(first):
            continue
        text, end = first, start + 1
        while len(text) < len(paragraph) and end < len(lines) and lines[end]:
            text = text + lines[end] if paragraph.startswith(text + lines[end]) else text + " " + lines[end]
            end += 1
        if text == paragraph:
            return end - start
    return 0


def _docx_paragraphs(data: bytes) -> list[str]:
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    body = root.find(f"{w}body")
    return ["".join(t.text or "" for t in p.iter(f"{w}t")) for p in body.findall(f"{w}p")]


@pytest.mark.parametrize("path", _corpus_pdfs(), ids=lambda p: p.name)
def test_docx_from_a_corpus_pdf_has_the_pdf_s_paragraphs(path):
    report = read_bytes(path.read_bytes(), path.name)
    docx = _docx_paragraphs(render(report, "docx"))
    for key in NARRATIVE:
        for paragraph in report.sections[key].split("\n"):
            assert paragraph in docx
    prose = [p for p in docx if len(p) > 40]
    assert prose and all(p[-1] in SENTENCE_END for p in prose)
    assert not any(re.search(r"[\u4e00-\u9fff]$", p) for p in prose)  # no paragraph broken mid-sentence
