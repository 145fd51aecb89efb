"""The statutory layout of a report, independent of any file format.

Each writer walks the same blocks (title, section headings, paragraphs, tables with their
official merged cells, signature), so the four formats cannot drift apart. Every label
comes from the template; a cell's text is what every format prints in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from .. import template
from ..record import Report

# The narrow grid of table 二: one label column and at most three value columns.
T2_WIDTH = 3


@dataclass(frozen=True, slots=True)
class Cell:
    """One printed cell: a label's text or a value's key, and the grid rows and columns it covers."""

    text: str
    rows: int = 1
    cols: int = 1
    head: bool = False  # a label or header cell (HTML th), not a value
    scope: str = ""  # HTML scope of a header cell: col, colgroup, row or rowgroup
    key: tuple[str, str, str] | None = None  # (table, row, column) of a value cell


@dataclass(frozen=True, slots=True)
class Table:
    """A table as rows of the cells that start in them (HTML's model of spans).

    The layout depends on the template only, so each is built once; the values are
    looked up in the report by each value cell's key.
    """

    key: str  # t2, t3 or t4
    vintage: str
    caption: str
    width: int
    rows: tuple[tuple[Cell, ...], ...]
    header_rows: int = 0


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    key: str  # the section key


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


@dataclass(frozen=True, slots=True)
class Signature:
    agency: str | None
    date: str


Block = Heading | Paragraph | Table | Signature


# --- values -------------------------------------------------------------------------------


def cell_text(value) -> str:
    """A value as printed: a number in plain notation, or the unknown mark for None."""
    if value is None:
        return template.UNKNOWN_MARK
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def date_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def title(report: Report) -> str:
    year = f"{report.year}年" if report.year is not None else ""
    return f"{report.agency or ''}{year}政府信息公开工作年度报告"


def vintage(report: Report) -> str:
    """The template the tables follow; a record that does not say follows its year."""
    if report.vintage:
        return report.vintage
    return "2019" if report.year is not None and report.year < 2021 else "2021"


def t3_shape(report: Report) -> str:
    """The vintage whose rows table 三 follows: some 2021 reports keep the single （六）其他处理 row."""
    keys = set(report.t3)
    rows = {v: {r.key for r in template.t3_rows(v)} for v in template.VINTAGES}
    for vin, other in (("2021", "2019"), ("2019", "2021")):
        if keys & (rows[vin] - rows[other]):
            return vin
    return vintage(report)


def paragraphs(text: str | None) -> list[str]:
    """A section's paragraphs: one a line, blank lines dropped."""
    return [p.strip() for p in (text or "").split("\n") if p.strip()]


def value(report: Report, key: tuple[str, str, str]):
    """The record's value of a value cell; a cell the record lacks is unknown."""
    table, row, col = key
    return getattr(report, table).get(row, {}).get(col)


def _value_cell(table: str, row: str, col: str, cols: int = 1) -> Cell:
    return Cell("", cols=cols, key=(table, row, col))


# --- tables -------------------------------------------------------------------------------


def _spread(n: int, width: int) -> list[int]:
    """Column spans for n cells across `width` grid columns, the last taking the rest."""
    return [1] * (n - 1) + [width - n + 1]


@lru_cache(maxsize=None)
def table2(vin: str) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for block in template.T2_BLOCKS[vin]:
        rows.append((Cell(block.item, cols=T2_WIDTH + 1, head=True, scope="colgroup"),))
        spans = _spread(len(block.columns), T2_WIDTH)
        rows.append(
            (Cell("信息内容", head=True, scope="col"),)
            + tuple(Cell(c.label, cols=s, head=True, scope="col") for c, s in zip(block.columns, spans))
        )
        for row in block.rows:
            rows.append(
                (Cell(row.label, head=True, scope="row"),)
                + tuple(_value_cell("t2", row.key, c.key, s) for c, s in zip(block.columns, spans))
            )
    return Table("t2", vin, "表二　主动公开政府信息情况", T2_WIDTH + 1, tuple(rows))


@lru_cache(maxsize=None)
def table3(vin: str) -> Table:
    columns = template.T3_COLUMNS
    head = (
        (
            Cell(template.T3_NOTE, rows=3, cols=3, head=True),
            Cell("申请人情况", cols=7, head=True, scope="colgroup"),
        ),
        (
            Cell(columns[0].label, rows=2, head=True, scope="col"),
            Cell("法人或其他组织", cols=5, head=True, scope="colgroup"),
            Cell(columns[-1].label, rows=2, head=True, scope="col"),
        ),
        tuple(Cell(c.label, head=True, scope="col") for c in columns[1:-1]),
    )
    labels = template.t3_rows(vin)
    # 三、本年度办理结果 covers every outcome row and （七）总计: 22 rows in 2021, 20 in 2019.
    outcome_rows = sum(1 for r in labels if r.key not in template.T3_NON_OUTCOME) + 1
    body: list[tuple[Cell, ...]] = []
    seen_groups: set[str] = set()
    for label in labels:
        values = tuple(_value_cell("t3", label.key, c.key) for c in columns)
        lead: tuple[Cell, ...] = ()
        if label.key == "granted":
            lead = (Cell(template.T3_OUTCOME_GROUP, rows=outcome_rows, head=True, scope="rowgroup"),)
        if label.group:
            if label.group not in seen_groups:
                seen_groups.add(label.group)
                size = sum(1 for r in labels if r.group == label.group)
                lead += (Cell(label.group, rows=size, head=True, scope="rowgroup"),)
            cells = lead + (Cell(label.printed, head=True, scope="row"),)
        elif label.key in template.T3_NON_OUTCOME and label.key != "total":
            cells = (Cell(label.printed, cols=3, head=True, scope="row"),)
        else:
            cells = lead + (Cell(label.printed, cols=2, head=True, scope="row"),)
        body.append(cells + values)
    return Table("t3", vin, "表三　收到和处理政府信息公开申请情况", 10, head + tuple(body), header_rows=3)


@lru_cache(maxsize=None)
def table4() -> Table:
    groups, columns = template.T4_GROUPS, template.T4_COLUMNS
    head = (
        (
            Cell(groups[0].label, cols=5, head=True, scope="colgroup"),
            Cell("行政诉讼", cols=10, head=True, scope="colgroup"),
        ),
        tuple(Cell(c.label, rows=2, head=True, scope="col") for c in columns)
        + tuple(Cell(g.label, cols=5, head=True, scope="colgroup") for g in groups[1:]),
        tuple(Cell(c.label, head=True, scope="col") for _ in groups[1:] for c in columns),
    )
    values = tuple(_value_cell("t4", g.key, c.key) for g in groups for c in columns)
    return Table("t4", "", "表四　政府信息公开行政复议、行政诉讼情况", 15, head + (values,), header_rows=3)


def table(key: str, vin: str) -> Table:
    """The layout of table `key` (t2, t3 or t4) in a vintage."""
    return table4() if key == "t4" else {"t2": table2, "t3": table3}[key](vin)


@lru_cache(maxsize=None)
def grid(table: Table) -> tuple[tuple[tuple[Cell, bool], ...], ...]:
    """Each row as (cell, continues) at every grid column where a cell starts in that row.

    A cell covering several rows appears again in each later row with `continues` set: what
    a word processor needs to mark vertical merges.
    """
    pending: dict[int, tuple[Cell, int]] = {}  # grid column → (cell, rows still to cover)
    out: list[tuple[tuple[Cell, bool], ...]] = []
    for row in table.rows:
        cells = iter(row)
        line: list[tuple[Cell, bool]] = []
        col = 0
        while col < table.width:
            if col in pending:
                cell, left = pending[col]
                line.append((cell, True))
                if left <= 1:
                    del pending[col]
                else:
                    pending[col] = (cell, left - 1)
                col += cell.cols
                continue
            cell = next(cells, None)
            if cell is None:
                break
            line.append((cell, False))
            if cell.rows > 1:
                pending[col] = (cell, cell.rows - 1)
            col += cell.cols
        out.append(tuple(line))
    return tuple(out)


# --- the document ---------------------------------------------------------------------------


def blocks(report: Report) -> list[Block]:
    """The report in printed order: six sections with their tables, then the signature."""
    vin = vintage(report)
    tables = {"proactive": table2(vin), "requests": table3(t3_shape(report)), "litigation": table4()}
    out: list[Block] = []
    for section in template.SECTIONS:
        out.append(Heading(section.printed, section.key))
        out.extend(Paragraph(p) for p in paragraphs(report.sections.get(section.key)))
        if section.key in tables:
            out.append(tables[section.key])
    if report.published is not None:
        out.append(Signature(report.agency, date_text(report.published)))
    return out
