"""Plain text and Markdown: one cell a line, tab-separated rows, pipe tables, running text."""

from __future__ import annotations

import re
from typing import Final

from .grid import Cell, Document, Row, is_page_furniture

_CELL_SPACE: Final = " \u3000\xa0"  # Final: compiled, a constant rather than a lookup per line
_LINE_SPACE: Final = " \u3000\xa0\ufeff"
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def parse_text(text: str, fmt: str = "txt") -> Document:
    """Rows of cells from converted text, whichever of the text layouts it uses."""
    rows: list[Row] = []
    block: Row | None = None  # one-cell-a-line: cells of the row being read
    in_pipe = False  # the previous line was a row of a pipe table
    # enumerate without a start, and rows.append rather than a saved bound method: both
    # compile to direct C calls
    for index, line in enumerate(text.splitlines()):  # splitlines leaves no "\r"
        number = index + 1
        # one cell a line: a tab, then the cell (most lines of most reports)
        if line[:1] == "\t" and "\t" not in (rest := line[1:]):
            cell = Cell(rest.strip(_CELL_SPACE), number)
            if block is None:
                block = [cell]
            else:
                block.append(cell)
            continue
        stripped = line.strip(_LINE_SPACE)
        if not stripped:
            if block is not None:
                rows.append(block)
                block = None
            continue
        if block is not None:
            if "\t" not in line and stripped[0] != "|":
                # a cell whose text went on over a line break
                last = block[-1]
                last.text = f"{last.text}\n{stripped}" if last.text else stripped
                continue
            rows.append(block)
            block = None
        if stripped[0] == "|" and (stripped.count("|") >= 2 or in_pipe and len(stripped) > 1):
            # a ragged row of a pipe table may have lost its trailing pipe and cells
            in_pipe = True
            if "--" in stripped and _PIPE_SEPARATOR.match(stripped):  # a separator has a run of dashes
                continue
            inner = stripped[1:-1] if stripped.endswith("|") and len(stripped) > 1 else stripped[1:]
            rows.append([Cell(_unescape(c).strip(), number) for c in inner.split("|")])
            continue
        if in_pipe and is_page_furniture(stripped):
            rows.append([Cell(stripped, number)])  # a page footer inside the table
            continue
        in_pipe = False
        if "\t" in stripped:
            rows.append([Cell(c.strip(_CELL_SPACE), number) for c in line.split("\t")])
        else:
            rows.append([Cell(stripped, number)])
    if block is not None:
        rows.append(block)
    return Document(rows, fmt)


def _unescape(cell: str) -> str:
    if "<" not in cell and "&" not in cell:
        return cell  # nearly every cell: nothing to replace
    return cell.replace("<br>", "\n").replace("<br/>", "\n").replace("&nbsp;", " ")
