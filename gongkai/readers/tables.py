"""The labelled rows of tables 二 and 三 from a document's rows of cells.

The parser walks the rows of each table's zone and reads each as a `Piece`: the template's
row labels it holds (matched exactly, or for table 三 by likeness, labels.fuzzy) with the
cells after them, or a row of values alone. `pair` gives each label its values: those
beside it, or, when a conversion detached them, the value row just before or after it;
table 三's rows whose labels were lost or cut take their places in placement.py. Each row
then has one or more readings (values.py), among which the table's arithmetic chooses
(resolve.py).
"""

from __future__ import annotations

from typing import NamedTuple

from .. import template
from . import labels as L
from . import values as V
from .grid import Cell, Row


class Entry:
    """A labelled row of a table, with the value cells that belong to it.

    A plain class, not a dataclass: one per printed row of every report, and a hand-written
    `__init__` costs less.
    """

    __slots__ = ("table", "key", "ordinal", "label", "line", "values", "weak")

    def __init__(
        self, table: str, key: str, ordinal: str, label: str, line: int, values: list[Cell] | None = None, weak: bool = False
    ):
        self.table = table
        self.key = key
        self.ordinal = ordinal
        self.label = label
        self.line = line
        self.values: list[Cell] = [] if values is None else values
        self.weak = weak  # the label is like the template's, not one of its wordings (labels.fuzzy)

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


# A label printed in a row: (its entry, its position in the row, the cells after it up to
# the next label, whether any of those is printed, whether it is a group label with the
# row's own label beside it and so no values of its own). A plain tuple: one per printed row.
Labelled = tuple[Entry, int, list[Cell], bool, bool]


class ValueRow(NamedTuple):
    """A printed row without a label: its cells by position."""

    placed: list[tuple[int, Cell]]
    printed: bool
    line: int


Piece = list[Labelled] | ValueRow  # one printed row of a table's zone, as far as that row tells


def read_rows(rows: list[Row], table: str, scan: bool = True) -> list[Piece]:
    """The rows of one table's zone that hold labels or values, each as a `Piece`."""
    pieces: list[Piece] = []
    chosen_so_far: list[Entry] = []  # the labels so far, which decide 总计 and 其他
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
                    chosen[i] = _choose(hits, table, chosen_so_far)
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
                        chosen[i] = _choose(h[0], table, chosen_so_far)
                        hit_at[i] = h
                    except LookupError:
                        pass
            if chosen and _is_header(expanded, list(chosen)):
                continue  # the column headers repeated after a page break
        weak: dict[int, tuple[str, str]] = _NO_WEAK
        if value_at is not None and table == "t3":
            weak = _fuzzy_label(cells, value_at, chosen, hit_at)
        label_idx = sorted([*chosen, *weak]) if weak else list(chosen)
        if label_idx and table == "t3" and label_idx[-1] in chosen and chosen[label_idx[-1]][0] == "t3group":
            # the row's own label unread beside its group cell: its numbers are a row of their own
            group_at = label_idx.pop()
            placed = [(i, c) for i, c in enumerate(cells) if i > group_at and (value_at is None or value_at[i])]
            if _printed([c.text for _, c in placed]):
                pieces.append(ValueRow(placed, True, placed[0][1].line))
            if not label_idx:
                continue
        if not label_idx:
            placed = [(i, c) for i, c in enumerate(cells) if value_at is None or value_at[i]]
            if placed:
                line = placed[0][1].line
                pieces.append(ValueRow(placed, _printed([c.text for _, c in placed]), line))
            continue
        labelled: list[Labelled] = []
        for n, i in enumerate(label_idx):
            if i in weak:
                key, ordinal = weak[i]
                tbl, norm = "t3", template.normalize(cells[i].text)
            else:
                hits, norm = hit_at[i]
                tbl, key, ordinal = chosen[i] if n == 0 else _choose(hits, table, chosen_so_far)
            end = label_idx[n + 1] if n + 1 < len(label_idx) else len(cells)
            if value_at is None:
                vals = cells[i + 1 : end]
            else:
                vals = [c for j, c in enumerate(cells[i + 1 : end], i + 1) if value_at[j]]
            entry = Entry(tbl, key, ordinal, norm, cells[i].line, weak=i in weak)
            chosen_so_far.append(entry)
            grouped = tbl == "t3group" or (n + 1 < len(label_idx) and not vals)
            labelled.append((entry, i, vals, _printed([c.text for c in vals]), grouped))
        pieces.append(labelled)
    return pieces


_NO_WEAK: dict[int, tuple[str, str]] = {}


def _fuzzy_label(cells: list[Cell], value_at: list[bool], chosen: dict, hit_at: dict) -> dict[int, tuple[str, str]]:
    """{position: (row key, ordinal)} of a table 三 row label printed unlike the template's
    wordings (labels.fuzzy): the last text cell after the row's labels, in a row that has
    numbers or whose text begins as a row label does (a numbered item)."""
    last = -1
    for i, hit in chosen.items():
        if hit[0] != "t3group" and i > last:
            last = i
    texts = [i for i in range(last + 1, len(cells)) if not value_at[i] and i not in hit_at and cells[i].text.strip()]
    if not texts:
        return {}
    if not any(value_at[i] and cells[i].text.strip() for i in range(texts[-1] + 1, len(cells))):
        if not L.numbered(cells[texts[-1]].text):
            return {}
    found = L.fuzzy_text(cells[texts[-1]].text)
    return {texts[-1]: found} if found else {}


class Paired(NamedTuple):
    entries: list[Entry]
    left: int  # printed value rows no label took
    detached: int  # printed value rows a label took from beside it, not from its own row


def pair(pieces: list[Piece]) -> Paired:
    """Labels with their values, and how many printed value rows no label took.

    Values printed in the label's own row belong to it. A label whose values a conversion
    moved to a row of their own takes the value row right after it, or right before it when
    that row followed a complete row.
    """
    entries: list[Entry] = []
    left = detached = 0
    open_entry: Entry | None = None  # a label still waiting for its values
    open_at = -1  # the position of that label in its row
    pending: ValueRow | None = None  # a value row waiting for its label
    for piece in pieces:
        if isinstance(piece, ValueRow):
            if piece.printed:
                if open_entry is not None:
                    open_entry.values, open_entry = _beside(piece.placed, open_at), None
                    detached += 1
                elif pending is None:
                    pending = piece
                else:
                    left += 1
            elif open_entry is not None and not open_entry.values:
                # a label row that lost its cells, then a row of blank cells: zeros printed blank
                open_entry.values, open_entry = _beside(piece.placed, open_at), None
            continue
        for entry, at, own, printed, grouped in piece:
            entries.append(entry)
            if grouped:
                continue
            if printed:
                entry.values, open_entry = own, None
            elif pending is not None:
                entry.values, pending, open_entry = _beside(pending.placed, at), None, None
                detached += 1
            else:
                # blank cells of its own (all zeros printed blank) stand unless a value
                # row follows: then the conversion had moved the numbers below the label
                entry.values, open_entry, open_at = own, entry, at
        if pending is not None:
            left += 1
        pending = None
    return Paired(entries, left + (pending is not None), detached)


def segment(rows: list[Row], table: str, scan: bool = True) -> list[Entry]:
    """The labelled rows of one table's zone, each with its value cells (see `pair`)."""
    return pair(read_rows(rows, table, scan)).entries


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
            if classify(text)[0] != "text" or L.numbered(text):
                inert = False  # a label, a value, or a numbered item that may be a label unlike the template's
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
