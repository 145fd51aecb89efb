"""PDF converted to text or Markdown, as pdftotext, pdfplumber and OCR leave table 三.

Text (pdftotext -layout): a row a line, its label and its numbers apart by runs of
spaces, now and then two numbers touching where a column is narrow (only the table's
arithmetic can say where one ends: oracle.py); long labels wrapped, their numbers on the first, the last or a line of their own;
the group cells （三）不予公开 … on a line of their own inside their group, and the tall
merged 三、本年度办理结果 spaced out somewhere; page footers (-3-) and the page header
(the report's title) inside the table.

Markdown (pdfplumber tables): pipe rows; a group label split into an extra cell
("（三）不 | 4.保护第三方合法权益 | …", "予公开" in the next row); ragged rows of 7, 8 or 9
cells; labels detached from their numbers, as a block of label rows followed by a block of
number rows; number rows whose label was lost, and labels cut short; page footers and
headers between rows. Every row keeps its numbers and its place in the template's
order, or the arithmetic's, so every cell reads back.
"""

from __future__ import annotations

import random

from gongkai import template
from gongkai.record import Report

from . import oracle
from .layout import C, Style, blocks, encode, title_text

FOOTERS = ("-{n}-", "— {n} —", "第 {n} 页", "{n}")


def _t3_rows(report: Report) -> list[tuple[str, str, list[str]]]:
    """(group cell, row label, counts) for each data row of table 三, in printed order."""
    shape = template.t3_shape(report.t3)
    out = []
    for row in template.t3_rows(shape):
        if row.key not in report.t3:
            continue  # a row the report left out
        counts = [template.UNKNOWN_MARK if v is None else str(v) for v in (report.t3[row.key][c] for c in template.T3_COLUMN_KEYS)]
        out.append((row.group, row.printed, counts))
    return out


def _spaces(rng: random.Random) -> str:
    return " " * rng.randint(2, 9)


def _cut(label: str, rng: random.Random) -> tuple[str, str]:
    """A long label wrapped at a cell's edge: its head and its tail."""
    at = rng.randint(max(4, len(label) // 3), len(label) - 2)
    return label[:at], label[at:]


def _numbers(counts: list[str], rng: random.Random, glued: bool) -> str:
    """A row's counts apart by runs of spaces; `glued`: two of them touching, as a narrow
    column prints them (then only the row's arithmetic says where one ends)."""
    if not glued:
        return _spaces(rng).join(counts)
    # touching where the row's own total cannot tell where one ends (1 and 11, or 11 and 1)
    alike = [i for i in range(len(counts) - 1) if len([c for c in oracle.cuts(counts[i] + counts[i + 1], 2) if sum(c) == int(counts[i]) + int(counts[i + 1])]) > 1]
    at = rng.choice(alike) if alike and rng.random() < 0.8 else rng.randrange(len(counts) - 1)
    pieces = counts[:at] + [counts[at] + counts[at + 1]] + counts[at + 2 :]
    return _spaces(rng).join(pieces)


def _text_table(report: Report, title: str, rng: random.Random, glued: dict) -> list[str]:
    lines = ["                                          申请人情况", "                      法人或其他组织",
             "（本列数据的勾稽关系为：第一项加第二项之和， 等", "于第三项加第四项之和）",
             "      自然人   商业 科研 社会 法律  其他   总计", "               企业 机构 公益 服务", "                     组织 机构"]
    page = rng.randint(2, 4)
    rows = _t3_rows(report)
    groups_shown: set[str] = set()
    spaced = rng.randint(3, len(rows) - 3)
    shape = template.t3_shape(report.t3)
    keys = [r.key for r in template.t3_rows(shape) if r.key in report.t3]
    for n, (group, label, counts) in enumerate(rows):
        glue = all(c.isdigit() for c in counts) and rng.random() < 0.15
        numbers = _numbers(counts, rng, glue)
        if glue:
            pieces = tuple(numbers.split())
            glued[keys[n]] = oracle.readings(keys[n], "".join(pieces), len(counts), shape, pieces)
        if group and group not in groups_shown and rng.random() < 0.7:
            groups_shown.add(group)
            lines.append(" " * rng.randint(4, 18) + group)  # the merged group cell, on a line of its own
        if n == spaced:
            lines.append(" 三 、本 年 度办 理 结果")
        if len(label) > 14 and rng.random() < 0.6:
            head, tail = _cut(label, rng)
            where = rng.choice(("first", "last", "own"))
            if where == "first":
                lines += [head + _spaces(rng) + numbers, "     " + tail]
            elif where == "last":
                lines += [head, "     " + tail + _spaces(rng) + numbers]
            else:
                lines += [head, "     " + tail, " " * 30 + numbers]
        else:
            lines.append(" " * rng.randint(0, 20) + label + _spaces(rng) + numbers)
        if rng.random() < 0.08:
            lines += ["", " " * 60 + rng.choice(FOOTERS).format(n=page), title]  # a page ends inside the table
            page += 1
    return lines


def _pipe(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _markdown_table(report: Report, title: str, rng: random.Random) -> list[str]:
    lines = [_pipe(["", "", "", "申请人情况", "", "", "", "", "", ""]), "|" + "---|" * 10,
             _pipe(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"])]
    rows = _t3_rows(report)
    detached = rng.random() < 0.5  # some rows as a block of labels, then a block of numbers
    lost = set(rng.sample(range(len(rows)), rng.randint(1, 3)))  # rows whose label was lost
    page = rng.randint(2, 4)
    started: set[str] = set()
    n = 0
    while n < len(rows):
        if detached and rng.random() < 0.15 and n + 3 < len(rows):
            k = rng.randint(2, 4)
            block = rows[n : n + k]
            lines += [_pipe(["", label] + [""] * 7) for _, label, _ in block]
            lines += [_pipe(["", ""] + counts) for _, _, counts in block]
            n += k
            continue
        group, label, counts = rows[n]
        if n in lost:
            label = ""
        elif len(label) > 12 and rng.random() < 0.2:
            label = label[: rng.randint(6, len(label) - 3)]  # cut short at the cell's edge
        first = ""
        if group and group not in started:
            started.add(group)
            if rng.random() < 0.5:
                first = group[:4]  # "（三）不": the rest of the merged cell lands in the next row
        elif group and group[4:] and rng.random() < 0.3:
            first = group[4:]
        cells = [first, label] + counts
        if n in lost and not first and rng.random() < 0.5:
            cells = counts  # a number row alone: 7 cells
        elif not first and rng.random() < 0.3:
            cells = cells[1:]  # a ragged row: 8 cells
        if rng.random() < 0.15:
            cells.append("")  # 10 cells
        lines.append(_pipe(cells))
        if rng.random() < 0.06:
            lines += [rng.choice(FOOTERS).format(n=page), title]
            page += 1
        n += 1
    return lines


def render_pdf_text(report: Report, rng: random.Random) -> tuple[bytes, Report]:
    """The report as text or Markdown converted from its PDF, and what a reader must make of
    it (text: the cells of rows whose numbers touch that the arithmetic cannot choose, unknown)."""
    style = Style.random(rng, blanks=False, breaks=False)
    markdown = rng.random() < 0.5
    title = title_text(report)
    glued: dict[str, list[tuple[int, ...]]] = {}
    lines: list[str] = []
    for block in blocks(report, rng, style):
        if block.kind != "table":
            lines.append(("## " if markdown and block.kind == "heading" else "") + block.text)
            continue
        if block.table.name == "t3" and report.t3:
            lines += [""] + (_markdown_table(report, title, rng) if markdown else _text_table(report, title, rng, glued)) + [""]
            continue
        for slots in block.table.rows:
            cells = [s.text.replace("\n", "") for s in slots if isinstance(s, C)]
            lines.append(_pipe(cells) if markdown else _spaces(rng).join(cells))
        lines.append("")
    return encode("\n".join(lines) + "\n", rng), oracle.decided(report, glued)
