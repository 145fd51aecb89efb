"""Table 四: one row of fifteen numbers under its three header rows.

Crawled pages run them together (`0100100691500000` after 总计): every cut into fifteen
counts that keeps each group's 维持＋纠正＋其他＋尚未审结＝总计 is a reading, and the
identities choose (resolve.py); cells that several readings print differently stay unknown.
"""

from __future__ import annotations

import re

from .. import template
from . import labels as L
from . import solve as S
from . import values as V
from .grid import Cell, Row
from .resolve import BlankCells, resolve_rows
from .tables import Entry, classify


def _count(col: int, text: str):
    return V.parse_count(text)


_T4_CELLS = tuple(
    template.Label(f"{g}.{c}", template.t4_label(g, c)) for g in template.T4_GROUP_KEYS for c in template.T4_COLUMN_KEYS
)
_T4_GLUED = re.compile(r"(?:总计|审结|起诉)\s*((?:\d+\s*)+)$")


def _t4_glued(cell: Cell) -> Cell:
    """Table 四's numbers run on from its header text (crawled pages): keep the numbers."""
    text = cell.text
    if len(text) > 20 and text[-1:].isdigit():
        m = _T4_GLUED.search(L.fold(text))
        if m:
            return Cell(m.group(1).strip(), cell.line)
    return cell


def read_t4(rows: list[Row]):
    """Table 四 is one row of fifteen numbers under its three header rows."""
    width = len(template.T4_GROUP_KEYS) * len(template.T4_COLUMN_KEYS)
    cells: list[Cell] = []
    blank_row = None
    for row in rows:
        row = [_t4_glued(c) for c in row]
        filled = [c for c in row if c.text.strip()]
        if not filled:
            if len(row) == width and not cells:
                blank_row = row  # fifteen cells printed blank: zeros, by the template's convention
            continue
        if all(c.text.isdigit() or classify(c.text)[0] == "value" for c in filled):
            cells.extend(row)
        elif len(cells) >= 15:
            break
    if not cells and blank_row is not None:
        cells = blank_row
    if not cells:
        return {}, [], []
    groups = template.T4_GROUP_KEYS
    cols = template.T4_COLUMN_KEYS
    values = V.printed_counts(cells, width)
    if values is not None:  # fifteen counts printed plainly
        k = len(cols)
        return {g: dict(zip(cols, values[n * k : n * k + k])) for n, g in enumerate(groups)}, [], []

    rules = S.arithmetic("2021")  # table 四 is the same in both shapes
    plain = V.plain_counts(cells, width)
    if plain is not None:
        cands = [plain]
    else:
        cands = V.readings(V.tokens([(c.text, c.line) for c in cells]), width, _count, rules.t4_row)
    fitting = [r for r in cands if S.holds_locally(r.values, rules.t4_row)]
    entry = Entry("t4", "t4", "", "表四", cells[0].line)
    resolved = resolve_rows("t4", [(entry, fitting or cands)], _T4_CELLS, rules.t4)
    flat = resolved.values.get("t4", {})
    t4 = {g: {c: flat.get(f"{g}.{c}") for c in cols} for g in groups}
    return t4, resolved.notices, [b for blank in resolved.blanks for b in _by_group(blank)]


def _by_group(blank: BlankCells) -> list[BlankCells]:
    """Table 四's blank cells named by group and column, as every other table's by row and column."""
    out = []
    for group in template.T4_GROUPS:
        columns = tuple(c.split(".", 1)[1] for c in blank.columns if c.split(".", 1)[0] == group.key)
        if columns:
            names = "、".join(next(x.label for x in template.T4_COLUMNS if x.key == c) for c in columns)
            out.append(BlankCells("t4", group.key, f"表四“{group.label}”", columns, names, blank.line))
    return out
