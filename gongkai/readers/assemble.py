"""A document's rows of cells → one `Report`: zones, tables, vintage and metadata."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from .. import template
from ..record import Finding, Report
from . import certainty as C
from . import metadata as M
from . import placement as P
from . import values as V
from .chrome import strip_chrome
from .grid import Document, Row, drop_page_furniture
from .resolve import BlankCells, resolve_rows
from .runon import split_run_on
from .table3 import read_t3
from .table4 import read_t4
from .tables import Entry, classify, pair, read_rows

T4_ANCHORS = {"行政复议", "行政诉讼", "结果维持"}


class NotAReport(ValueError):
    """The document holds no recognisable annual report."""


def assemble(doc: Document) -> Report:
    rows = drop_page_furniture(doc.rows)
    rows, page_title, posted = strip_chrome(split_run_on(rows))
    headings = M.find_headings(rows)
    zones = _zones(rows, headings)
    notices: list[Finding] = []

    t2_rows = rows[zones["t2"][0] : zones["t2"][1]]
    vintage_t2 = _t2_vintage(t2_rows)
    title = M.title_and_agency(rows, min(headings.values(), default=None), doc.title or page_title)
    year = title.year if title.year is not None else M.find_year_in_text(rows)
    by_year = ("2019" if year < 2021 else "2021") if year else None
    t3_layouts = P.layouts(read_rows(rows[zones["t3"][0] : zones["t3"][1]], "t3"), vintage_t2 or by_year or "2021")
    vintage = vintage_t2 or _t3_vintage(t3_layouts[0].rows) or by_year

    t2_entries, t2_left, _ = pair(read_rows(t2_rows, "t2"))
    t2, n2, b2 = _build_t2(t2_entries, vintage or "2021")
    t3 = read_t3(t3_layouts, vintage or "2021")
    t4, n4, b4 = read_t4(rows[zones["t4"][0] : zones["t4"][1]])
    notices += _blank_notices(b2 + t3.blanks + b4) + n2 + t3.notices + n4 + _label_variants(t3.entries)
    if len(headings) < 3 and len(t3.values) < 8 and not (len(t2) >= 3 and t4):
        raise NotAReport("未找到年度报告的六个部分或表二、表三、表四")
    notices += _doubts(rows, headings, vintage or "2021", t2, t2_left, t3, t4)
    notices += C.agency(title.agency, title.agency_from_format)
    if doc.format == "pdf":
        notices = [_page_location(n) for n in notices]

    published, date_row = M.signature_date(rows)
    end = M.signature_start(rows, date_row) if date_row is not None else None
    if published is None:
        published = doc.published or posted
    sections = M.section_texts(rows, headings, end)
    # Built from values the reader has typed itself (ints, Decimal money, dates): validating
    # them again costs more than the tables' own reading. The family and corpus tests hold
    # the reader to the model's types (tests/builders.py: assert_typed).
    report = Report.model_construct(
        agency=title.agency,
        year=year,
        vintage=vintage,
        published=published,
        sections=sections,
        t2=t2,
        t3=t3.values,
        t4=t4,
        notices=notices,
    )
    report._lines = {f"t3.{e.key}": e.line for e in t3.entries}
    if doc.format == "pdf":
        report._lines = {k: -(v // 1000) for k, v in report._lines.items()}
    return report


def _doubts(rows: list[Row], headings: dict[str, int], vintage: str, t2: dict, t2_left: int, t3, t4: dict) -> list[Finding]:
    """What the reader could not find for certain (certainty.py)."""
    tables = {"t2": t2, "t3": t3.values, "t4": t4}
    out: list[Finding] = []
    if len(headings) < len(template.SECTIONS) or not all(tables.values()):
        text = C.document_text(rows)
        out += C.sections(text, headings, tables) + C.tables(text, tables)
    shape = template.t3_shape(t3.values, vintage)
    out += C.rows("t3", [r.key for r in template.t3_rows(shape)], t3.values, t3.left_over)
    out += C.rows("t2", [r.key for r, _ in template.t2_rows(vintage)], t2, t2_left)
    return out


def _zones(rows: list[Row], headings: dict[str, int]) -> dict[str, tuple[int, int]]:
    """Row ranges of tables 二, 三 and 四: between their section headings when found."""
    n = len(rows)
    h = headings
    order = [k for k in template.SECTION_KEYS]

    def after(key: str) -> int:
        later = [h[k] for k in order[order.index(key) + 1 :] if k in h]
        return min(later) if later else n

    t2 = (h["proactive"], after("proactive")) if "proactive" in h else None
    t3 = (h["requests"], after("requests")) if "requests" in h else None
    t4 = (h["litigation"], after("litigation")) if "litigation" in h else None
    if t3 is None:
        t3 = (t2[1] if t2 else 0, t4[0] if t4 else n)
    if t2 is None:
        t2 = (h.get("overview", 0), t3[0] if "requests" in h else n)
    if t4 is None:
        t4 = (_t4_start(rows, t3), h.get("problems", n))
    return {"t2": t2, "t3": t3, "t4": t4}


def _t4_start(rows: list[Row], t3: tuple[int, int]) -> int:
    for i in range(t3[0], len(rows)):
        if any(template.normalize(c.text) in T4_ANCHORS for c in rows[i]):
            return i
    return len(rows)


_MARKERS = {v: re.compile("|".join(re.escape(template.normalize(m)) for m in ms)) for v, ms in template.VINTAGE_MARKERS.items()}


def _t2_vintage(rows: list[Row]) -> str | None:
    """The vintage table 二's column headers belong to, or None when they do not say."""
    score_2019 = score_2021 = 0
    for row in rows:
        for cell in row:
            if cell.text and not cell.text.isdigit():
                a, b = _marker_counts(cell.text)
                score_2019 += a
                score_2021 += b
    if score_2019 == score_2021:
        return None
    return "2019" if score_2019 > score_2021 else "2021"


@lru_cache(maxsize=65536)
def _marker_counts(text: str) -> tuple[int, int]:
    """How often a cell names the 2019 and the 2021 column headers (headers repeat: cached)."""
    kind, hit = classify(text)
    if kind != "text" or hit is None:
        return 0, 0
    norm = hit[1]
    if len(norm) > 40 and "信息内容" not in norm:
        return 0, 0  # prose that happens to name a column
    return len(_MARKERS["2019"].findall(norm)), len(_MARKERS["2021"].findall(norm))


def _t3_vintage(keys) -> str | None:
    keys = set(keys)
    if keys & {"other.no_correction", "other.unpaid_fee", "other.other"}:
        return "2021"
    if "other" in keys:
        return "2019"
    return None


def _count(col: int, text: str):
    return V.parse_count(text)


def _build_t2(entries: list[Entry], vintage: str):
    blocks = dict((row.key, cols) for row, cols in template.t2_rows(vintage))
    out: dict[str, dict] = {}
    notices: list[Finding] = []
    blanks: list[BlankCells] = []
    for e in entries:
        if e.table != "t2" or e.key not in blocks or e.key in out:
            continue
        cols = blocks[e.key]
        plain = V.plain_counts(e.values, len(cols))
        if plain is not None and not plain.blanks:  # blank cells take the reader below, which names them
            out[e.key] = {
                c.key: (Decimal(v) if (e.key, c.key) in template.T2_DECIMAL_CELLS else v)
                for c, v in zip(cols, plain.values)
            }
            continue

        def convert(col: int, text: str, row=e.key, cols=cols):
            key = cols[col].key
            if (row, key) in template.T2_DECIMAL_CELLS:
                return V.parse_decimal(text)
            return V.parse_count(text)

        toks = V.tokens([(c.text, c.line) for c in e.values])
        cands = V.readings(toks, len(cols), convert)
        resolved = resolve_rows("t2", [(e, cands)], cols)
        out.update(resolved.values)
        notices += resolved.notices
        blanks += resolved.blanks
    ordered = {row.key: out[row.key] for row, _ in template.t2_rows(vintage) if row.key in out}
    return ordered, notices, blanks


def _label_variants(entries: list[Entry]) -> list[Finding]:
    """Rows printed under a misspelt or older label: read, and named so the agency can fix it."""
    out = []
    for e in entries:
        printed = _variant(e.key, e.label)
        if printed is not None:
            out.append(
                Finding(
                    code="READ_LABEL_VARIANT",
                    severity="notice",
                    message=f"表三行名“{printed}”与格式规定的“{template.t3_label(e.key).label}”不一致，已按该行读取",
                    where={"table": "t3", "row": e.key, "line": e.line},
                )
            )
    return out


@lru_cache(maxsize=65536)
def _variant(key: str, label: str) -> str | None:
    """The label as printed when it differs from the template's, else None."""
    canonical = template.normalize(template.t3_label(key).label)
    printed = template.split_ordinal(label)[1]
    return printed if printed != canonical and not canonical.startswith(printed) else None


def _blank_notices(blanks: list[BlankCells]) -> list[Finding]:
    """The report's blank cells read as 0: one row's in a notice of its own, more rows' in one
    notice per table listing each row and its blank columns."""
    if len(blanks) <= 1:
        return [b.finding() for b in blanks]
    merged = []
    for table in ("t2", "t3", "t4"):
        mine = [n for n in blanks if n.table == table]
        if not mine:
            continue
        count = sum(len(n.columns) for n in mine)
        listed = "；".join(f"{n.label}：{n.names}" for n in mine)
        name = {"t2": "表二", "t3": "表三", "t4": "表四"}[table]
        merged.append(
            Finding(
                code="READ_BLANK_AS_ZERO",
                severity="notice",
                message=f"{name}有{count}个空白单元格，按惯例读作0：{listed}",
                where={"table": table, "cells": [{"row": n.row, "columns": list(n.columns), "line": n.line} for n in mine]},
            )
        )
    return merged


def _page_location(n: Finding) -> Finding:
    """PDF cells carry page × 1000 + row: report the page."""
    line = n.where.get("line")
    if not line:
        return n
    where = {k: v for k, v in n.where.items() if k != "line"}
    where["page"] = line // 1000
    return n.model_copy(update={"where": where})
