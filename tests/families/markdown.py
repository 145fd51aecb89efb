"""Markdown converted from PDF or OCR: pipe tables with the damage such conversions do.

One table per row group, labels detached from their numbers (a label row with empty
cells and the numbers in the row after it, or before it), page footers and repeated header
rows inside tables, ragged rows without their trailing cells or pipe, a stray header row.
"""

from __future__ import annotations

import random

from gongkai.record import Report

from .layout import C, H, Style, Table, blocks, encode

FURNITURE = ("- {n} -", "— {n} —", "第 {n} 页 共 {m} 页", "第{n}页", "{n}/{m}")


def _cell(slot) -> str:
    return slot.text.replace("\n", "<br>") if isinstance(slot, C) else ""


def _pipe(cells: list[str], rng: random.Random, ragged: bool, values: bool = False) -> str:
    """One pipe row; a ragged one lost its trailing pipe, and its trailing empty cells
    unless they were blank values (those are lost to any reader)."""
    if ragged and not values and rng.random() < 0.3:
        while cells and not cells[-1]:
            cells = cells[:-1]
    line = "| " + " | ".join(cells) + " |"
    if ragged and cells and cells[-1] and rng.random() < 0.3:
        line = line[:-2]
    return line


def _table(table: Table, rng: random.Random, opts: dict, page: list[int]) -> list[str]:
    lines: list[str] = []
    width = len(table.rows[0])
    header = [_cell(s) for s in table.rows[table.header_rows - 1]] if table.header_rows else None

    def start() -> None:
        lines.append("| " + " | ".join([""] * width) + " |" if rng.random() < 0.5 else _pipe([""] * width, rng, False))
        lines.append("|" + "---|" * width)

    start()
    for n, slots in enumerate(table.rows):
        if any(isinstance(s, C) and s.value for s in slots):
            slots = [s for s in slots if s != H]  # a merged value cell converts to one cell
        cells = [_cell(s) for s in slots]
        labels = [c for s, c in zip(slots, cells) if isinstance(s, C) and not s.value]
        values = [c if isinstance(s, C) and s.value else "" for s, c in zip(slots, cells)]
        has_values = any(isinstance(s, C) and s.value for s in slots)
        if has_values and labels and rng.random() < opts["detach"]:
            label_row = [c if not (isinstance(s, C) and s.value) else "" for s, c in zip(slots, cells)]
            pair = [(label_row, False), (values, True)]
            if opts["before"]:
                pair.reverse()
            lines += [_pipe(p, rng, opts["ragged"], v) for p, v in pair]
        else:
            lines.append(_pipe(cells, rng, opts["ragged"], has_values))
        if n >= table.header_rows and rng.random() < opts["breaks"]:
            page[0] += 1
            lines.append(rng.choice(FURNITURE).format(n=page[0], m=page[0] + 5))
            if rng.random() < 0.5:
                lines.append(_pipe([rng.choice(FURNITURE).format(n=page[0], m=9)] + [""] * (width - 1), rng, False))
            if header and rng.random() < 0.5:
                lines.append(_pipe(list(header), rng, False))  # the header repeated on the new page
            if rng.random() < opts["split"]:
                lines += ["", ""]
                start()
    return lines


def render_markdown(report: Report, rng: random.Random) -> bytes:
    before = rng.random() < 0.3
    style = Style.random(rng, blanks=not before)
    opts = {
        "detach": rng.choice((0.0, 0.3, 1.0)),
        "before": before,
        "ragged": rng.random() < 0.5,
        "breaks": rng.choice((0.0, 0.1, 0.25)),
        "split": rng.choice((0.0, 1.0)),
    }
    page = [1]
    lines: list[str] = []
    for block in blocks(report, rng, style):
        if block.kind == "table":
            lines += [""] + _table(block.table, rng, opts, page) + [""]
        elif block.kind == "heading":
            mark = rng.choice(("## ", "### ", "**", ""))
            lines += ["", mark + block.text + ("**" if mark == "**" else ""), ""]
        elif block.kind == "title":
            lines += ["# " + block.text, ""]
        else:
            lines += [block.text, ""]
    return encode("\n".join(lines) + "\n", rng)
