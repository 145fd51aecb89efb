"""Text with one table row a line and tab-separated cells, shifted by merged cells.

Conversions write a merged cell as one cell, as several empty ones or not at all, add empty
cells between the labels and the numbers and at the end of a row, and sometimes drop the
last cell of a row of zeros after such an empty cell.
"""

from __future__ import annotations

import random

from gongkai.record import Report

from .layout import C, H, V, Style, blocks, encode


def _row(slots: list, rng: random.Random, p_v: float, p_h: float) -> list[str]:
    cells: list[str] = []
    first_value = True
    for slot in slots:
        if isinstance(slot, C):
            if slot.value and first_value:
                first_value = False
                if rng.random() < 0.2:
                    cells.append("")  # an empty cell between the labels and the numbers
            cells.append(slot.text.replace("\n", ""))
        elif slot == V and rng.random() < p_v:
            cells.append("")
        elif slot == H and rng.random() < p_h:
            cells.append("")
    if len(cells) >= 8 and all(c == "0" for c in cells[-7:]) and cells[-8:-7] == [""] and rng.random() < 0.3:
        cells.pop()  # a row of zeros that lost its last cell after an empty one
    cells += [""] * rng.choice((0, 0, 1, 2))
    return cells


def render_tabbed(report: Report, rng: random.Random) -> bytes:
    style = Style.random(rng, blanks=False, breaks=False)
    markdown = rng.random() < 0.6
    p_v, p_h = rng.choice((0.0, 0.5, 1.0)), rng.choice((0.0, 0.5, 1.0))
    lines: list[str] = []
    for block in blocks(report, rng, style):
        if block.kind == "table":
            lines.append("")
            for slots in block.table.rows:
                lines.append("\t".join(_row(slots, rng, p_v, p_h)))
            lines.append("")
        elif block.kind == "heading":
            lines += ["", ("## " if markdown else "") + block.text, ""]
        elif block.kind == "title":
            lines += [("# " if markdown else "") + block.text, ""]
        else:
            lines.append(block.text)
    return encode("\n".join(lines) + "\n", rng)
