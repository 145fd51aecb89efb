"""Plain text converted from DOCX: one table cell a line, each after a tab.

Empty cells are lines holding only a tab, table rows are separated by empty lines, and a
cell whose text has a line break goes on over the next line without a tab.
"""

from __future__ import annotations

import random

from gongkai.record import Report

from .layout import Style, blocks, encode, physical


def render_docx_text(report: Report, rng: random.Random) -> bytes:
    style = Style.random(rng)
    lines: list[str] = []
    for block in blocks(report, rng, style):
        if block.kind == "table":
            lines.append("")
            for row in physical(block.table):
                for kind, cell in row:
                    lines.append("\t" + (cell.text if kind == "C" else ""))
                lines.append("")
            lines += ["", ""]
        elif block.kind == "title" and style.title_lines == 2:
            lines += [block.text, ""]
        else:
            lines.append(("\u3000\u3000" if block.kind == "para" and rng.random() < 0.5 else "") + block.text)
    newline = rng.choice(("\n", "\r\n"))
    return encode(newline.join(lines) + newline, rng)
