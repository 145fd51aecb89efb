"""Tables 二, 三 and 四 from a document's rows of cells.

The parser walks the rows of each table's zone, finds the row labels of the template and
gives each the value cells beside it (or, when a conversion detached them, the value row
just before or after it). Each row then has one or more readings (values.py); the table's
arithmetic picks among them, and whatever stays ambiguous is left unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .. import template
from ..record import Finding
from . import labels as L
from . import solve as S
from . import values as V
from .grid import Cell, Row


class Entry:
    """A labelled row of a table, with the value cells that belong to it.

    A plain class, not a dataclass: one per printed row of every report, and a hand-written
    `__init__` costs less.
    """

    __slots__ = ("table", "key", "ordinal", "label", "line", "values")

    def __init__(self, table: str, key: str, ordinal: str, label: str, line: int, values: list[Cell] | None = None):
        self.table = table
        self.key = key
        self.ordinal = ordinal
        self.label = label
        self.line = line
        self.values: list[Cell] = [] if values is None else values

    def __repr__(self) -> str:
        return f"Entry({self.table}.{self.key}, {self.label!r}, line {self.line}, {len(self.values)} values)"


def _is_value_cell(text: str) -> bool:
    t = text.strip()
    if not t or t.isdigit():
        return True
    return V.tokens([(t, 0)])[0].kind != V.BAD


# Printed labels repeat across thousands of reports: classify each distinct text once.
_CLASSIFIED: dict[str, tuple[str, tuple | None]] = {}
_CACHE_LIMIT = 50_000


def classify(text: str) -> tuple[str, tuple | None]:
    """('value', None), ('label', (hits, norm)) or ('text', (None, norm)) for a cell's text."""
    known = _CLASSIFIED.get(text)
    if known is not None:
        return known
    if _is_value_cell(text):
        known = ("value", None)
    else:
        norm = template.normalize(text)
        hits = L.lookup(norm)
        known = ("label", (hits, norm)) if hits else ("text", (None, norm))
    _remember(_CLASSIFIED, text, known)
    return known


# Section headings run their numbers into the text ("2、 主动公开…"): scanning such a cell for
# labels finds nothing, the same each time, at the cost of one large regex. Remember those.
_UNSCANNABLE: dict[str, None] = {}


def _remember(cache: dict, text: str, value=None) -> None:
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    cache[text] = value


def _expand(row: Row, scan: bool) -> list[tuple[str, Cell, tuple | None]]:
    """Classify each cell of a row: ('label', cell, hit) / ('value', cell, None) / ('text', cell, None)."""
    out: list[tuple[str, Cell, tuple | None]] = []
    for cell in row:
        text = cell.text
        if not text or text.isdigit():
            out.append(("value", cell, None))
            continue
        kind, hit = classify(text)
        if kind != "text" or not (scan and L.looks_mixed(text)):
            out.append((kind, cell, hit))
            continue
        pieces = None if text in _UNSCANNABLE else L.scan(cell)
        if not pieces:
            _remember(_UNSCANNABLE, text)
            out.append((kind, cell, hit))
            continue
        for piece_kind, piece in pieces:
            if piece_kind == "label":
                n = template.normalize(piece.text)
                h = L.lookup(n)
                out.append(("label", piece, (h, n)) if h else ("text", piece, None))
            else:
                out.append((piece_kind, piece, None))
    return out


def segment(rows: list[Row], table: str, scan: bool = True) -> list[Entry]:
    """The labelled rows of one table's zone, each with its value cells.

    Values printed in the label's own row belong to it. A label whose values a conversion
    moved to a row of their own takes the value row right after it, or right before it when
    that row followed a complete row.
    """
    entries: list[Entry] = []
    open_entry: Entry | None = None  # a label still waiting for its values
    open_at = -1  # the position of that label in its row
    pending: list[tuple[int, Cell]] | None = None  # a value row waiting for its label
    for row in rows:
        # Most rows hold only labels and values: read them in place. A row with other text
        # (headers, cells to scan) is expanded cell by cell, and so is any label `_choose`
        # rejects; both paths then read alike.
        hit_at = _labels_in_place(row)
        if hit_at is _NOTHING:
            continue
        value_at = None  # None: every cell that is not a label is a value
        chosen: dict[int, tuple[str, str, str]] = {}
        if hit_at is not None:
            cells = row
            try:
                for i, (hits, _) in hit_at.items():
                    chosen[i] = _choose(hits, table, entries)
            except LookupError:
                hit_at = None
                chosen = {}
        if hit_at is None:
            expanded = _expand(row, scan)
            cells = [c for _, c, _ in expanded]
            value_at = [k == "value" for k, _, _ in expanded]
            hit_at = {}
            for i, (k, _, h) in enumerate(expanded):
                if k == "label" and h is not None and h[0] is not None:
                    try:
                        chosen[i] = _choose(h[0], table, entries)
                        hit_at[i] = h
                    except LookupError:
                        pass
            if chosen and _is_header(expanded, list(chosen)):
                continue  # the column headers repeated after a page break
        label_idx = list(chosen)
        if not label_idx:
            placed = [(i, c) for i, c in enumerate(cells) if value_at is None or value_at[i]]
            if _printed([c.text for _, c in placed]):
                if open_entry is not None:
                    open_entry.values, open_entry = _beside(placed, open_at), None
                elif pending is None:
                    pending = placed
            elif placed and open_entry is not None and not open_entry.values:
                # a label row that lost its cells, then a row of blank cells: zeros printed blank
                open_entry.values, open_entry = _beside(placed, open_at), None
            continue
        for n, i in enumerate(label_idx):
            hits, norm = hit_at[i]
            tbl, key, ordinal = chosen[i] if n == 0 else _choose(hits, table, entries)
            end = label_idx[n + 1] if n + 1 < len(label_idx) else len(cells)
            if value_at is None:
                vals = cells[i + 1 : end]
            else:
                vals = [c for j, c in enumerate(cells[i + 1 : end], i + 1) if value_at[j]]
            entry = Entry(tbl, key, ordinal, norm, cells[i].line)
            entries.append(entry)
            if tbl == "t3group":
                continue
            if n + 1 < len(label_idx) and not vals:
                continue  # a group label with the row's own label beside it: no values of its own
            if _printed([c.text for c in vals]):
                entry.values, open_entry = vals, None
            elif pending is not None:
                entry.values, pending, open_entry = _beside(pending, i), None, None
            else:
                # blank cells of its own (all zeros printed blank) stand unless a value
                # row follows: then the conversion had moved the numbers below the label
                entry.values, open_entry, open_at = vals, entry, i
        pending = None
    return entries


def _printed(texts: list[str]) -> bool:
    """Whether any of the texts is more than blank (one join and strip, not one per cell)."""
    return bool("".join(texts).strip())


_NOTHING: dict = {}  # a row of prose or headers only: nothing in it to read


def _labels_in_place(row: Row) -> dict[int, tuple] | None:
    """{position: (hits, norm)} of a row's labels when every other cell reads as a value
    without scanning; `_NOTHING` for a row of plain text only (headings, column headers);
    None when some cell needs a closer look (then `_expand` reads the row)."""
    found: dict[int, tuple] = {}
    for i, cell in enumerate(row):
        text = cell.text
        if text and not text.isdigit():
            kind, hit = classify(text)
            if kind == "label" and hit is not None:
                found[i] = hit
            elif kind != "value":
                return _NOTHING if _all_plain_text(row) else None
    return found


def _all_plain_text(row: Row) -> bool:
    """Every cell printed, none a value or label, none with labels run into it to scan for."""
    for cell in row:
        text = cell.text
        if not text or text.isdigit():
            return False
        inert = _INERT.get(text)
        if inert is None:
            if classify(text)[0] != "text":
                inert = False
            elif text in _UNSCANNABLE or not L.looks_mixed(text):
                inert = True
            else:
                return False  # not scanned yet: `_expand` will, and remember the answer
            _remember(_INERT, text, inert)
        if not inert:
            return False
    return True


_INERT: dict[str, bool] = {}


_COLUMN_HEADS = {template.normalize(t) for t in ("自然人", "法人或其他组织", "申请人情况")} | {
    template.normalize(c.label) for c in template.T3_COLUMNS if c.label not in L.CONTEXTUAL
}


def _is_header(cells, label_idx: list[int]) -> bool:
    """A row of column headers: its only labels are short ones headers share (其他, 总计)."""
    if any(template.normalize(cells[i][1].text) not in L.CONTEXTUAL for i in label_idx):
        return False
    return any(k == "text" and h is not None and h[1] in _COLUMN_HEADS for k, _, h in cells)


def _beside(placed: list[tuple[int, Cell]], label_at: int) -> list[Cell]:
    """The cells of a detached value row that stand beside the label's position.

    A value row of its own keeps empty cells under the label columns; those are not blank
    values. Printed numbers are never dropped, whatever their position.
    """
    if any(i <= label_at and c.text.strip() for i, c in placed):
        return [c for _, c in placed]
    return [c for i, c in placed if i > label_at]


def _choose(hits, table: str, entries: list[Entry]) -> tuple[str, str, str]:
    """Pick the reading of a label that fits this table and the rows before it."""
    for tbl, key, ordinal in hits:
        if table == "t2" and tbl != "t2":
            continue
        if table == "t3" and tbl not in ("t3", "t3group"):
            continue
        if key == "total" and tbl == "t3":
            if template.ordinal_value(ordinal) != "七" and _previous_t3(entries) not in _OUTCOME_KEYS:
                continue
        if key == "other.other" and template.ordinal_value(ordinal) != "3" and _previous_t3(entries) != "other.unpaid_fee":
            continue
        if key == "other" and tbl == "t3group":
            # （六）其他处理 is a group in 2021 and a data row in 2019: decided by its values.
            return "t3", "other", ordinal
        return tbl, key, ordinal
    raise LookupError


def _previous_t3(entries: list[Entry]) -> str | None:
    """The key of the last table 三 row read so far (asked only for the two labels it decides)."""
    for e in reversed(entries):
        if e.table == "t3":
            return e.key
    return None


_OUTCOME_KEYS = set(template.t3_outcome_keys("2021")) | set(template.t3_outcome_keys("2019"))


# --- resolving readings -------------------------------------------------------------------


class BlankCells(NamedTuple):
    """Cells of one row printed blank and read as 0. The reader names all of a report's blank
    cells in one notice (assemble.py), so each row's are kept this light until then."""

    table: str
    row: str
    label: str
    columns: tuple  # the column keys
    names: str  # the column labels, joined for the message
    line: int

    def finding(self) -> Finding:
        return Finding(
            code="READ_BLANK_AS_ZERO",
            severity="notice",
            message=f"{self.label}：{self.names}单元格为空白，按惯例读作0",
            where={"table": self.table, "row": self.row, "columns": list(self.columns), "line": self.line},
        )


@dataclass
class Resolved:
    values: dict[str, dict[str, object]]
    notices: list[Finding]
    blanks: list[BlankCells]  # named by assemble, in one notice for the whole report


def _blank_cells(table: str, key: str, line: int, reading: V.Reading, columns, label: str) -> list[BlankCells]:
    if not reading.blanks:
        return []
    names = "、".join(columns[i].label for i in reading.blanks)
    return [BlankCells(table, key, label, tuple(columns[i].key for i in reading.blanks), names, line)]


def resolve_rows(
    table: str,
    rows: list[tuple[Entry, list[V.Reading]]],
    columns: tuple[template.Label, ...],
    constraints: tuple[S.Linear, ...] = (),
    printed: dict[str, tuple] | None = None,
) -> Resolved:
    """Choose one reading per row; where the arithmetic cannot decide, leave cells unknown.

    `constraints`: the table's identities (solve.linear); `printed`: rows the caller has
    already read plainly, by key (they take part in the arithmetic).
    """
    keys = [c.key for c in columns]
    notices: list[Finding] = []
    blanks: list[BlankCells] = []
    fixed: dict[str, tuple] = dict(printed) if printed else {}
    choices: dict[str, list[V.Reading]] = {}
    by_key: dict[str, Entry] = {}
    for entry, cands in rows:
        by_key[entry.key] = entry
        if len(cands) == 1 and not cands[0].blanks and not cands[0].how:
            fixed[entry.key] = cands[0].values  # printed plainly: nothing to say
            continue
        cands = V.distinct(cands)
        if not cands:
            fixed[entry.key] = tuple(None for _ in keys)
            notices.append(_unreadable(table, entry, "未能读出该行数字"))
        elif len(cands) == 1:
            fixed[entry.key] = cands[0].values
            blanks += _blank_cells(table, entry.key, entry.line, cands[0], columns, entry.label)
            if cands[0].how in ("run", "extra", "subtotal", "shifted"):
                notices.append(_repaired(table, entry, cands[0]))
            if cands[0].how == "lost":
                notices.append(_unreadable(table, entry, "单元格缺失，无法确定各数字所在列"))
        else:
            choices[entry.key] = cands
    if choices:
        notices += _decide(table, fixed, choices, by_key, keys, columns, constraints, blanks)
    return Resolved({k: dict(zip(keys, v)) for k, v in fixed.items()}, notices, blanks)


def _decide(table, fixed, choices, by_key, keys, columns, constraints, blanks: list[BlankCells]) -> list[Finding]:
    """Fix the rows of `choices` the arithmetic decides (into `fixed`, their blank cells into `blanks`)."""
    notices: list[Finding] = []
    why = "多种读法均符合表内勾稽关系"
    try:
        kept = S.viable(fixed, choices, constraints)
    except S.TooMany:
        kept, why = dict(choices), "可能的读法过多"
    if not all(kept.values()):
        kept, why = dict(choices), "没有一种读法符合表内勾稽关系"
    for n, readings in kept.items():
        if len(readings) == 1:  # the same reading in every way the table adds up
            r = readings[0]
            fixed[n] = r.values
            blanks += _blank_cells(table, n, by_key[n].line, r, columns, by_key[n].label)
            notices.append(
                Finding(
                    code="READ_BY_ARITHMETIC",
                    severity="notice",
                    message=f"{by_key[n].label}：原文单元格边界缺失，依表内勾稽关系确定唯一读法 {_fmt(r.values)}",
                    where={"table": table, "row": n, "line": by_key[n].line},
                )
            )
            continue
        merged = tuple(vals[0] if len(set(vals)) == 1 else None for vals in zip(*(r.values for r in readings)))
        fixed[n] = merged
        unknown = [keys[i] for i, v in enumerate(merged) if v is None]
        if unknown:
            notices.append(
                Finding(
                    code="READ_AMBIGUOUS",
                    severity="warning",
                    message=f"{by_key[n].label}：单元格边界缺失，{why}，无法确定的单元格留空（null）",
                    where={"table": table, "row": n, "columns": unknown, "line": by_key[n].line},
                )
            )
    return notices


def _fmt(values) -> str:
    return "、".join("?" if v is None else str(v) for v in values)


def _unreadable(table: str, entry: Entry, why: str) -> Finding:
    return Finding(
        code="READ_UNREADABLE",
        severity="warning",
        message=f"{entry.label}：{why}，单元格留空（null）",
        where={"table": table, "row": entry.key, "line": entry.line},
    )


def _repaired(table: str, entry: Entry, reading: V.Reading) -> Finding:
    how = {
        "run": "数字连在一起，按行内合计拆分",
        "extra": "多出的数字不属于本行，已舍去",
        "subtotal": "多出的“法人或其他组织”小计列已略去",
        "shifted": "合并单元格造成单元格错位，各种对齐方式读数相同",
    }[reading.how]
    return Finding(
        code="READ_REPAIRED",
        severity="notice",
        message=f"{entry.label}：{how}，读作 {_fmt(reading.values)}",
        where={"table": table, "row": entry.key, "line": entry.line},
    )
