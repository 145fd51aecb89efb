"""Plain text and Markdown: one cell a line, tab-separated rows, pipe tables, running text."""

from __future__ import annotations

import re

from .grid import Cell, Document, Row, is_page_furniture

_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def parse_text(text: str, fmt: str = "txt") -> Document:
    """Rows of cells from converted text, whichever of the text layouts it uses."""
    rows: list[Row] = []
    block: Row | None = None  # one-cell-a-line: cells of the row being read

    def close() -> None:
        nonlocal block
        if block is not None:
            rows.append(block)
            block = None

    in_pipe = False  # the previous line was a row of a pipe table
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r\n")
        if line.startswith("\t") and "\t" not in line[1:]:
            if block is None:
                block = []
            block.append(Cell(line[1:].strip(" \u3000\xa0"), number))
            continue
        stripped = line.strip(" \u3000\xa0\ufeff")
        if not stripped:
            close()
            continue
        if block is not None:
            if "\t" not in line and not stripped.startswith("|"):
                # a cell whose text went on over a line break
                last = block[-1]
                last.text = f"{last.text}\n{stripped}" if last.text else stripped
                continue
            close()
        if stripped.startswith("|") and (stripped.count("|") >= 2 or in_pipe and len(stripped) > 1):
            # a ragged row of a pipe table may have lost its trailing pipe and cells
            in_pipe = True
            if _PIPE_SEPARATOR.match(stripped):
                continue
            inner = stripped[1:-1] if stripped.endswith("|") and len(stripped) > 1 else stripped[1:]
            rows.append([Cell(_unescape(c).strip(), number) for c in inner.split("|")])
            continue
        if in_pipe and is_page_furniture(stripped):
            rows.append([Cell(stripped, number)])  # a page footer inside the table
            continue
        in_pipe = False
        if "\t" in stripped:
            rows.append([Cell(c.strip(" \u3000\xa0"), number) for c in line.split("\t")])
        else:
            rows.append([Cell(stripped, number)])
    close()
    return Document(rows, fmt)


def _unescape(cell: str) -> str:
    return cell.replace("<br>", "\n").replace("<br/>", "\n").replace("&nbsp;", " ")
