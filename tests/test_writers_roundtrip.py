"""The round-trip law: what gongkai writes, gongkai reads back to the same record."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from gongkai import read, render, template
from gongkai.readers import read_bytes
from gongkai.writers import FORMATS

from .conftest import ROOT, corpus_cases
from .strategies import dump, reports

CASES = corpus_cases()
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def back(report, fmt):
    return read_bytes(render(report, fmt), f"report.{fmt}")


@pytest.mark.parametrize("fmt", FORMATS)
@SETTINGS
@given(report=reports())
def test_generated_records_read_back_unchanged(fmt, report):
    assert dump(back(report, fmt)) == dump(report)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports(consistent=False))
def test_records_with_errors_render_and_read_back(fmt, report):
    assert dump(back(report, fmt)) == dump(report)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("source,expected", CASES, ids=[c[0].name for c in CASES])
def test_corpus_records_read_back_unchanged(corpus, fmt, source, expected):
    report = read(source)
    assert dump(back(report, fmt)) == dump(report)


@pytest.fixture
def sample():
    """A small 2021 record with unknown cells and a fee with four decimals."""
    from gongkai.record import Report

    t3 = {r.key: {c: 0 for c in template.T3_COLUMN_KEYS} for r in template.t3_rows("2021")}
    t3["new"] = {c: (3 if c in ("natural_person", "total") else 0) for c in template.T3_COLUMN_KEYS}
    t3["granted"] = dict(t3["new"])
    t3["total"] = dict(t3["new"])
    t3["partial"]["research"] = None
    return Report(
        agency="某市某区人民政府办公室",
        year=2023,
        vintage="2021",
        sections={"overview": "第一段。\n第二段“引号”（括号）。", "other": "无其他需要报告的事项。"},
        t2={row: {col: 0 for _, col in cells} for row, cells in _t2_groups("2021").items()}
        | {"fees": {"amount": Decimal("1.2500")}},
        t3=t3,
        t4={g: {c: (None if g == "review" and c == "pending" else 0) for c in template.T4_COLUMN_KEYS}
            for g in template.T4_GROUP_KEYS},
    )


def _t2_groups(vintage):
    out: dict[str, list] = {}
    for row, col in template.t2_cell_keys(vintage):
        out.setdefault(row, []).append((row, col))
    return out


@pytest.mark.parametrize("fmt", ("docx", "html", "md"))
def test_unknown_cells_print_the_unknown_mark_and_read_back_as_null(sample, fmt):
    data = render(sample, fmt)
    text = data.decode("utf-8") if fmt != "docx" else _docx_text(data)
    assert text.count(template.UNKNOWN_MARK) == 2
    again = read_bytes(data, f"r.{fmt}")
    assert again.t3["partial"]["research"] is None
    assert again.t4["review"]["pending"] is None
    assert again.t4["review"]["upheld"] == 0


def test_unknown_cells_are_empty_in_the_workbook_and_null_in_its_long_sheet(sample):
    from io import BytesIO

    from openpyxl import load_workbook

    wb = load_workbook(BytesIO(render(sample, "xlsx")))
    data = list(wb["数据"].iter_rows(min_row=2, values_only=True))
    unknown = [row for row in data if row[6] is None]
    assert [(r[2], r[3], r[4], r[8]) for r in unknown] == [
        ("t3", "partial", "research", "null（不详）"),
        ("t4", "review", "pending", "null（不详）"),
    ]


def test_a_record_without_sections_reads_back_with_empty_sections(sample):
    bare = sample.model_copy(update={"sections": {}})
    again = back(bare, "md")
    assert set(again.sections) == set(template.SECTION_KEYS)
    assert not any(again.sections.values())


def test_unknown_format_is_refused_with_a_message(sample):
    from gongkai.errors import GongkaiError

    with pytest.raises(GongkaiError, match="不支持的输出格式"):
        render(sample, "pdf")


def _docx_text(data: bytes) -> str:
    import io
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_long_agency_name_and_a_bare_other_section_stay_where_they_belong(fmt):
    from .strategies import sample

    report = sample("2021")
    report = report.model_copy(update={
        "agency": "国家税务总局江苏省淮安市洪泽区税务局第一税务分局办税服务厅综合业务股",
        "sections": report.sections | {"other": "无"},
    })
    assert dump(back(report, fmt)) == dump(report)


SAMPLE = ROOT / "examples" / "示例区人民政府-2024年度报告.html"


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_written_package_holds_no_time_of_writing(fmt):
    """The same report is always the same bytes: no zip entry carries the clock, and the core
    properties carry no created or modified date (an approved version's file and its hash stay put)."""
    data = render(read(SAMPLE), fmt)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml")
    assert b"dcterms:created" not in core and b"dcterms:modified" not in core
    assert data == render(read(SAMPLE), fmt)
