"""The official layout of each table, and how each format carries it."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from hypothesis import given, settings
from lxml import etree

from gongkai import render, template
from gongkai.writers import layout as L
from gongkai.writers.identities import identities

from .strategies import reports, sample

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TABLES = [("t2", v) for v in template.VINTAGES] + [("t3", v) for v in template.VINTAGES] + [("t4", "")]


@pytest.mark.parametrize("key,vintage", TABLES)
def test_every_grid_row_covers_the_full_width(key, vintage):
    table = L.table(key, vintage)
    for row in L.grid(table):
        assert sum(cell.cols for cell, _ in row) == table.width


@pytest.mark.parametrize("vintage,rows", [("2021", 22), ("2019", 20)])
def test_table3_has_the_official_merged_cells(vintage, rows):
    table = L.table3(vintage)
    cells = {c.text: c for row in table.rows for c in row if c.head}
    assert (cells[template.T3_NOTE].rows, cells[template.T3_NOTE].cols) == (3, 3)
    assert cells["申请人情况"].cols == 7
    assert cells["法人或其他组织"].cols == 5
    assert cells[template.T3_OUTCOME_GROUP].rows == rows
    assert cells["（三）不予公开"].rows == 8
    assert cells["（四）无法提供"].rows == 3
    assert cells["（五）不予处理"].rows == 5
    if vintage == "2021":
        assert cells["（六）其他处理"].rows == 3
    else:
        assert cells["（六）其他处理"].cols == 2
    assert len(table.rows) == 3 + len(template.t3_rows(vintage))


def test_table4_groups_review_and_both_kinds_of_litigation():
    cells = {c.text: c for row in L.table4().rows for c in row if c.head}
    assert cells["行政复议"].cols == 5
    assert cells["行政诉讼"].cols == 10
    assert cells["未经复议直接起诉"].cols == cells["复议后起诉"].cols == 5
    assert len([c for c in L.table4().rows[-1] if c.key]) == 15


def test_a_2021_report_that_keeps_the_single_other_row_is_printed_so():
    from gongkai.record import Report

    t3 = {r.key: {c: 0 for c in template.T3_COLUMN_KEYS} for r in template.t3_rows("2019")}
    report = Report(year=2022, vintage="2021", t3=t3)
    assert L.t3_shape(report) == "2019"
    assert L.t3_shape(report.model_copy(update={"t3": {}})) == "2021"


@settings(max_examples=30, deadline=None)
@given(reports())
def test_identities_hold_for_consistent_records(report):
    assert all(i.holds is not False for i in identities(report))


@settings(max_examples=30, deadline=None)
@given(reports(unknown=False))
def test_every_identity_is_decided_when_no_cell_is_unknown(report):
    found = identities(report)
    assert found and all(i.holds is True for i in found)
    assert len(found) == 2 * 7 + len(report.t3) + 3


# --- DOCX ------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=template.VINTAGES)
def docx_xml(request):
    report = sample(request.param)
    data = render(report, "docx")
    package = zipfile.ZipFile(io.BytesIO(data))
    return request.param, report, package, etree.fromstring(package.read("word/document.xml"))


def test_docx_tables_merge_cells_as_the_template_does(docx_xml):
    vintage, _report, _package, root = docx_xml
    tables = root.findall(f".//{W}tbl")
    assert len(tables) == 3
    t3 = tables[1]
    restarts = t3.findall(f".//{W}vMerge[@{W}val='restart']")
    continues = [v for v in t3.iter(f"{W}vMerge") if v.get(f"{W}val") is None]
    expected_rows = {"2021": 22, "2019": 20}[vintage]
    groups = {"2021": (8, 3, 5, 3), "2019": (8, 3, 5)}[vintage]
    # the note (3 rows), 自然人 and 总计 (2 rows each), 三、本年度办理结果 and the group cells
    assert len(restarts) == 3 + 1 + len(groups)
    assert len(continues) == 2 + 1 + 1 + (expected_rows - 1) + sum(g - 1 for g in groups)
    spans = [int(g.get(f"{W}val")) for g in t3.iter(f"{W}gridSpan")]
    assert 7 in spans and 5 in spans
    for tr in t3.iter(f"{W}tr"):
        width = sum(int(tc.find(f"{W}tcPr/{W}gridSpan").get(f"{W}val")) if tc.find(f"{W}tcPr/{W}gridSpan") is not None
                    else 1 for tc in tr.iter(f"{W}tc"))
        assert width == 10


def test_docx_page_follows_gb_t_9704(docx_xml):
    _vintage, _report, package, root = docx_xml
    sect = root.find(f".//{W}sectPr")
    size, margin = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")  # A4
    mm = {k: round(int(margin.get(f"{W}{k}")) / 56.6929) for k in ("top", "left", "right", "bottom")}
    assert mm == {"top": 37, "left": 28, "right": 26, "bottom": 35}
    styles = package.read("word/styles.xml").decode("utf-8")
    for font in ("方正小标宋简体", "仿宋_GB2312", "黑体"):
        assert f'w:eastAsia="{font}"' in styles
    footers = package.read("word/footer1.xml").decode("utf-8")
    assert "PAGE" in footers and "—" in footers


def test_docx_prints_title_headings_and_signature(docx_xml):
    _vintage, report, _package, root = docx_xml
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p") if p.getparent().tag == f"{W}body"]
    paragraphs = [p for p in paragraphs if p]
    assert paragraphs[0] == f"{report.agency}{report.year}年政府信息公开工作年度报告"
    for section in template.SECTIONS:
        assert section.printed in paragraphs
    assert paragraphs[-2:] == [report.agency, L.date_text(report.published)]


# --- HTML ------------------------------------------------------------------------------


def test_html_is_standalone_and_accessible(docx_xml):
    _vintage, report, _package, _root = docx_xml
    page = render(report, "html").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(?:src|href)\s*=|@import|url\(""", page)
    assert page.count("<table") == 3
    assert 'scope="col"' in page and 'scope="row"' in page and 'scope="rowgroup"' in page
    assert f'rowspan="{22 if L.t3_shape(report) == "2021" else 20}"' in page
    assert "@media print" in page and "@page" in page


def test_html_escapes_prose():
    from gongkai.record import Report

    page = render(Report(year=2023, sections={"overview": "<script>alert(1)</script>&“引号”。"}), "html").decode()
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;“引号”。" in page


# --- XLSX ------------------------------------------------------------------------------


def test_xlsx_sheets_types_and_merges(docx_xml):
    from openpyxl import load_workbook

    _vintage, report, _package, _root = docx_xml
    wb = load_workbook(io.BytesIO(render(report, "xlsx")))
    assert wb.sheetnames == ["报告", "表二", "表三", "表四", "数据", "勾稽关系"]
    merged = {str(r) for r in wb["表三"].merged_cells.ranges}
    assert {"A1:C3", "D1:J1", "E2:I2"} <= merged
    rows = {"2021": 22, "2019": 20}[L.t3_shape(report)]
    assert f"A6:A{5 + rows}" in merged
    data = list(wb["数据"].iter_rows(min_row=2, values_only=True))
    assert len(data) == sum(1 for _ in report.cells())
    for row in data:
        if row[6] is not None and (row[3], row[4]) not in template.T2_DECIMAL_CELLS:
            assert isinstance(row[6], int)
    if report.vintage == "2021":
        fee = next(r for r in data if r[3:5] == ("fees", "amount"))
        assert fee[6] == pytest.approx(12.3456) and fee[7] == "万元"
        cell = next(c for row in wb["表二"].iter_rows() for c in row if c.value == pytest.approx(12.3456))
        assert "万元" in cell.number_format
    checks = list(wb["勾稽关系"].iter_rows(min_row=2, values_only=True))
    assert {c[0] for c in checks} == {"T3_BALANCE", "T3_OUTCOME_SUM", "T3_ROW_TOTAL", "T4_GROUP_TOTAL"}
    assert all(c[4] in ("成立", "无法判断（有不详单元格）") for c in checks)


def test_xlsx_text_is_never_a_formula():
    from openpyxl import load_workbook

    from gongkai.readers import read_bytes
    from gongkai.record import Report

    report = Report(year=2023, vintage="2021", sections={"other": "=SUM(A1:A3)。"})
    wb = load_workbook(io.BytesIO(render(report, "xlsx")))
    cell = next(c for row in wb["报告"].iter_rows() for c in row if c.value == "=SUM(A1:A3)。")
    assert cell.data_type == "s"
    assert read_bytes(render(report, "xlsx"), "r.xlsx").sections["other"] == "=SUM(A1:A3)。"
