"""Text a crawler took from a web page: every cell of a row run together, no separators.

`一、本年新收政府信息公开申请数量21710000218` is 217, 1, 0, 0, 0, 0, 218. Rows follow each
other on separate lines, several to a line, or the whole table on one line, with stray
spaces. A row whose digits could be cut into cells in other than exactly one way that
keeps its own total (several, or none where the total is misprinted) keeps spaces between
its numbers (a crawler that keeps them is the only way such a row can be read back);
`ambiguous_row` tells which rows those are.
"""

from __future__ import annotations

import random

from gongkai.record import Report

from . import oracle
from .layout import C, Style, Table, blocks, encode


def ambiguous_row(table: str, texts: list[str]) -> bool:
    """Whether these printed values, run together, admit other than exactly one reading that adds up."""
    if not all(t.isdigit() for t in texts):
        return True
    if table == "t4" or len(texts) > 15:
        return True  # the fifteen numbers of table 四 keep their spaces (run_together.py runs them)
    if table != "t3":
        return len(list(oracle.cuts("".join(texts), len(texts)))) != 1
    return len(oracle.readings("new", "".join(texts), len(texts), "2021")) != 1


def _space(rng: random.Random, p: float) -> str:
    return rng.choice((" ", "  ", "\u3000")) if rng.random() < p else ""


def _table_rows(table: Table, rng: random.Random, stray: float) -> list[str]:
    out = []
    for slots in table.rows:
        labels = [s.text.replace("\n", "") for s in slots if isinstance(s, C) and not s.value]
        values = [s.text for s in slots if isinstance(s, C) and s.value]
        text = _space(rng, stray).join(labels)
        if values:
            if ambiguous_row(table.name, values):
                text += " " + " ".join(values)
            else:
                text += _space(rng, stray) + "".join(values)
        out.append(text)
    return out


def render_crawler(report: Report, rng: random.Random) -> bytes:
    style = Style.random(rng, blanks=False, breaks=False)
    style.spaced_labels = 0.0
    layout = rng.choice(("lines", "several", "one"))
    stray = rng.choice((0.0, 0.2))
    lines: list[str] = []
    for block in blocks(report, rng, style):
        if block.kind != "table":
            lines.append(block.text)
            continue
        rows = _table_rows(block.table, rng, stray)
        if layout == "one":
            lines.append(_space(rng, stray).join(rows))
        elif layout == "several":
            while rows:
                k = rng.randint(1, 4)
                lines.append(_space(rng, stray).join(rows[:k]))
                rows = rows[k:]
        else:
            lines += rows
    return encode("\n".join(lines) + "\n", rng)
