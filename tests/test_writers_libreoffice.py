"""Every rendered DOCX converts to PDF with LibreOffice, and PNGs of its first table page
and of table 三 are written to artifacts/render/ for a person to look at."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from gongkai import read, render, template

from .conftest import ROOT, corpus_cases
from .strategies import sample

ARTIFACTS = ROOT / "artifacts" / "render"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI")
        pytest.skip(f"{name} not installed")
    return path


def _documents() -> dict[str, bytes]:
    with_unknown = sample("2021")
    with_unknown.t3["partial"]["research"] = None
    docs = {
        "sample-2021": render(sample("2021"), "docx"),
        "sample-2019": render(sample("2019"), "docx"),
        "unknown-cells": render(with_unknown, "docx"),
    }
    for source, _expected in corpus_cases()[:2]:
        docs[f"corpus-{source.stem}"] = render(read(source), "docx")
    return docs


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    """All documents converted in one LibreOffice run (starting it is the slow part)."""
    soffice = _tool("soffice")
    work = tmp_path_factory.mktemp("lo")
    names = []
    for name, data in _documents().items():
        (work / f"{name}.docx").write_bytes(data)
        names.append(f"{name}.docx")
    profile = (work / "profile").as_uri()  # a profile of its own: other LibreOffice runs may be going on
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(work), *names],
        cwd=work, check=True, capture_output=True, timeout=300,
    )
    return {Path(n).stem: work / (Path(n).stem + ".pdf") for n in names}


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run([_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    return text.decode("utf-8").split("\f")


def test_every_docx_converts_to_pdf(pdfs):
    for name, pdf in pdfs.items():
        assert pdf.exists() and pdf.stat().st_size > 10_000, name
        text = re.sub(r"\s+", "", "".join(_pages(pdf)))
        assert "政府信息公开工作年度报告" in text, name
        for section in template.SECTIONS:
            assert section.printed in text, (name, section.printed)
        assert "申请人情况" in text and "法人或其他组织" in text and "行政诉讼" in text


def test_unknown_cells_show_the_unknown_mark(pdfs):
    # the mark wraps inside its narrow cell, so its characters are what can be looked for
    assert "详" in "".join(_pages(pdfs["unknown-cells"]))
    assert "详" not in "".join(_pages(pdfs["sample-2021"]))


def test_chinese_text_is_set_in_a_cjk_font(pdfs):
    fonts = subprocess.run([_tool("pdffonts"), str(pdfs["sample-2021"])], capture_output=True, check=True).stdout
    assert b"CJK" in fonts


def test_a_png_of_the_first_table_page_is_written(pdfs):
    pdftoppm = _tool("pdftoppm")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, pdf in pdfs.items():
        pages = _pages(pdf)
        for suffix, marker in (("table", "信息内容"), ("table3", "申请人情况")):
            page = next(n for n, text in enumerate(pages, 1) if marker in text)
            stem = ARTIFACTS / f"{name}-{suffix}"
            subprocess.run(
                [pdftoppm, "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
                check=True, timeout=60,
            )
            assert stem.with_suffix(".png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
