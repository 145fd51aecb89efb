"""Reports in the shapes that defeat readers, generated in both vintages: every cell is read
exactly, or is unknown (null) with a notice where the printed text leaves it undecided.

The shapes are those of published reports seen to fail: table 四 and table 三 rows whose
digits run together (run_together.py), crawled pages with the site's chrome and the report
on one or two lines (crawled_page.py), PDF converted to text or Markdown (pdf_text.py), and
labels printed with other punctuation, OCR look-alikes or full-width digits (label_variants.py).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from gongkai import template
from gongkai.readers import read_bytes
from gongkai.record import Report

from .builders import assert_typed
from .families import SHAPES
from .families.records import make_report
from .families.label_variants import render_label_variants
from .families.run_together import render_run_together
from .strategies import table3

SEEDS = 12


def _cases():
    for shape in SHAPES:
        for vintage in template.VINTAGES:
            for seed in range(SEEDS):
                yield pytest.param(shape, vintage, seed, id=f"{shape}-{vintage}-{seed}")


def _differences(got: Report, want: Report) -> list[str]:
    out = []
    for table in ("t2", "t3", "t4"):
        mine, theirs = getattr(got, table), getattr(want, table)
        for row in sorted(set(mine) | set(theirs)):
            if mine.get(row) != theirs.get(row):
                out.append(f"{table}.{row}: read {mine.get(row)} expected {theirs.get(row)}")
    for key in ("agency", "year", "vintage", "published"):
        if getattr(got, key) != getattr(want, key):
            out.append(f"{key}: read {getattr(got, key)!r} expected {getattr(want, key)!r}")
    return out


def _unexplained_nulls(report: Report) -> list[str]:
    """Unknown cells that no reading notice names."""
    named = set()
    for n in report.notices:
        if n.code in ("READ_AMBIGUOUS", "READ_UNREADABLE", "READ_UNCERTAIN"):
            table, row = n.where.get("table"), n.where.get("row")
            for col in n.where.get("columns") or ["*"]:
                named.add((table, row, col))
    out = []
    for table, row, col, value in report.cells():
        if value is None:
            if table == "t4":
                row, col = "t4", f"{row}.{col}"
            if not {(table, row, col), (table, row, "*")} & named:
                out.append(f"{table}.{row}.{col}")
    return out


def read_back(render, record: Report, rng: random.Random, name: str = "report.txt") -> tuple[Report, Report]:
    out = render(record, rng)
    data, expected = out if isinstance(out, tuple) else (out, record)
    return read_bytes(data, name), expected


@pytest.mark.parametrize("shape,vintage,seed", list(_cases()))
def test_shape_reads_exactly_or_unknown_with_a_notice(shape, vintage, seed):
    make, render, name = SHAPES[shape]
    rng = random.Random(f"{shape}/{vintage}/{seed}")
    record = make(rng, vintage)
    out = render(record, rng)
    data, expected = out if isinstance(out, tuple) else (out, record)
    report = read_bytes(data, name)
    assert _differences(report, expected) == []
    assert _unexplained_nulls(report) == []
    assert_typed(report)
    # read again, every cache of the reader now warm: the same record
    assert read_bytes(data, name).core() == report.core()


def _with_tables(seed: int, vintage: str, t3: dict, t4: dict) -> Report:
    record = make_report(random.Random(seed), vintage)
    return record.model_copy(update={"t3": t3, "t4": t4})


@st.composite
def small_table4(draw) -> dict:
    """Table 四 as agencies fill it: single digits, now and then one of two (15 to 17 digits)."""
    out = {}
    for group in template.T4_GROUP_KEYS:
        parts = {c: draw(st.integers(10, 19) if draw(st.integers(0, 12)) == 0 else st.integers(0, 9)) for c in template.T4_PARTS}
        out[group] = {**parts, "total": sum(parts.values())}
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data(), vintage=st.sampled_from(template.VINTAGES), seed=st.integers(0, 2**16))
def test_random_tables_run_together(data, vintage, seed):
    """Shapes 1 and 3: any consistent tables 三 and 四, every row's digits run together."""
    t3 = data.draw(table3(vintage, unknown=False))
    t4 = data.draw(small_table4())
    rng = random.Random(seed)
    report, expected = read_back(render_run_together, _with_tables(seed, vintage, t3, t4), rng)
    assert _differences(report, expected) == []
    assert _unexplained_nulls(report) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data(), vintage=st.sampled_from(template.VINTAGES), seed=st.integers(0, 2**16))
def test_random_tables_under_label_variants(data, vintage, seed):
    """Shape 5: any consistent table 三 under typed, OCR'd and full-width labels reads back exactly."""
    t3 = data.draw(table3(vintage, unknown=False))
    record = _with_tables(seed, vintage, t3, make_report(random.Random(seed), vintage).t4)
    report, expected = read_back(render_label_variants, record, random.Random(seed))
    assert _differences(report, expected) == []
