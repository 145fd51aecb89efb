"""DOCX as Word writes it: real tables with merged cells (gridSpan, vMerge)."""

from __future__ import annotations

import io
import random

from docx import Document

from gongkai.record import Report

from .layout import C, Style, blocks

EXT = "docx"


def render_docx_word(report: Report, rng: random.Random) -> bytes:
    style = Style.random(rng)
    doc = Document()
    for block in blocks(report, rng, style):
        if block.kind == "table":
            grid = block.table.rows
            table = doc.add_table(rows=len(grid), cols=len(grid[0]))
            for r, slots in enumerate(grid):
                for c, slot in enumerate(slots):
                    if not isinstance(slot, C):
                        continue
                    cell = table.cell(r, c)
                    if slot.rowspan > 1 or slot.colspan > 1:
                        cell = cell.merge(table.cell(r + slot.rowspan - 1, c + slot.colspan - 1))
                    lines = slot.text.split("\n")
                    cell.paragraphs[0].text = lines[0]
                    for more in lines[1:]:
                        cell.add_paragraph(more)
        elif block.kind == "title":
            doc.add_heading(block.text, level=1)
        else:
            doc.add_paragraph(block.text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
