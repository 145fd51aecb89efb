"""Table 三's printed rows put in the template's places.

A row sits where its label says. Where a conversion detached the labels from their numbers
(a block of label rows, then a block of number rows), lost a label or cut it beyond
recognition, or where two rows claim one place, the rows of numbers take the places the
template's order leaves them. Where the order leaves a choice, every choice is a `Layout`,
and the table's arithmetic chooses among them (assemble.py), or the cells stay unknown.
"""

from __future__ import annotations

from itertools import product
from typing import NamedTuple

from .. import template
from .tables import Entry, Piece, ValueRow, _beside, pair

MAX_MAPS = 64  # ways to place the number rows of one stretch between labelled rows
MAX_LAYOUTS = 256  # ways to lay out the whole table


class Layout(NamedTuple):
    """One way to read table 三's rows: each row's entry, and how sure its place is."""

    rows: dict[str, Entry]  # row key → its entry (label and value cells), in template order
    placed: tuple[str, ...]  # rows whose numbers took their place by the template's order
    dropped: int  # printed rows of numbers no place was left for
    missing: int  # template rows with nothing printed for them
    by_labels: bool = False  # the layout the labels give, each taking the numbers beside it
    blanked: int = 0  # labels that keep blank cells of their own (zeros printed blank), not a row of numbers


def layouts(pieces: list[Piece], vintage: str) -> list[Layout]:
    """Every way to lay out table 三 that its labels and the template's order allow."""
    paired = pair(pieces)
    simple = _by_label(paired.entries)
    if simple is not None and not paired.left:
        if not paired.detached:
            return [simple]  # nearly every report: every row labelled, in order, once, with its numbers
        # numbers beside their labels: the nearest label's unless the arithmetic says otherwise
        blanked = sum(1 for e in simple.rows.values() if e.values and not _printed(e))
        return [simple._replace(blanked=blanked)] + _by_order(pieces, vintage)
    return _by_order(pieces, vintage)


def _by_label(entries: list[Entry]) -> Layout | None:
    """The layout the labels give when they are in the template's order, each once."""
    rows: dict[str, Entry] = {}
    split_other = any(e.key.startswith("other.") for e in entries)
    last = -1
    for e in entries:
        if e.table != "t3":
            continue
        if e.key == "other" and (not e.values or split_other and not _printed(e)):
            continue  # the （六） group heading of the 2021 layout
        if e.key in rows:
            if _printed(e) and not _printed(rows[e.key]):
                rows[e.key] = e  # the label printed again with its numbers
                continue
            if not _printed(e):
                continue  # printed again without numbers
            return None  # two rows claim one place
        at = _INDEX.get(e.key, -1)
        if at <= last:
            return None
        rows[e.key] = e
        last = at
        if e.key == "carry_forward" and e.values:
            break
    shape = template.t3_shape(rows)
    return Layout(rows, (), 0, len(template.t3_rows(shape)) - len(rows), True)


# every row key of both vintages in printed order: the 2019 （六） where the 2021 （六）1 is
_INDEX = {r.key: i for i, r in enumerate(template.t3_rows("2021"))}
_INDEX["other"] = _INDEX["other.no_correction"]


def _printed(e: Entry) -> bool:
    return any(c.text.strip() for c in e.values)


class _Item(NamedTuple):
    kind: str  # "E" a label with its numbers, "L" a label alone, "R" numbers alone
    entry: Entry | None
    at: int  # the label's position in its row
    own: list  # the label's own cells (E, L) or the number row's (R: (position, cell) pairs)
    line: int


def _items(pieces: list[Piece]) -> list[_Item]:
    """The rows of table 三's zone in printed order, up to its last row 四、结转下年度继续办理."""
    labelled = [x[0] for p in pieces if not isinstance(p, ValueRow) for x in p]
    split_other = any(e.key.startswith("other.") for e in labelled)
    out: list[_Item] = []
    for piece in pieces:
        if isinstance(piece, ValueRow):
            if piece.printed and not _page_number(piece):
                out.append(_Item("R", None, -1, piece.placed, piece.line))
            elif not piece.printed and out and out[-1].kind == "L" and not out[-1].own:
                # a label row that lost its cells, then a row of blank cells: zeros printed blank
                last = out[-1]
                out[-1] = last._replace(own=_beside(piece.placed, last.at))
            continue
        for e, at, own, printed, grouped in piece:
            if grouped or e.table != "t3" or e.key == "other" and split_other and not printed:
                continue
            out.append(_Item("E" if printed else "L", e, at, own, e.line))
            if e.key == "carry_forward" and printed:
                return out
    return out


def _page_number(row: ValueRow) -> bool:
    """A lone short number between the rows of a table: a page number, not a row."""
    printed = [c.text.strip() for _, c in row.placed if c.text.strip()]
    return len(printed) == 1 and printed[0].isdigit() and len(printed[0]) <= 3


def _by_order(pieces: list[Piece], vintage: str) -> list[Layout]:
    items = _items(pieces)
    keys = {i.entry.key for i in items if i.entry is not None}
    # the rows of （六） say which template the table follows; with none of them labelled, both
    shapes = [template.t3_shape(keys)] if keys & _OTHER else list(template.VINTAGES)
    out: list[Layout] = []
    choices = _claims(items)
    for shape in shapes:
        order = [r.key for r in template.t3_rows(shape)]
        for choice in choices:
            out += _lay_out(choice, order)
            if len(out) > MAX_LAYOUTS:
                break
    order = [r.key for r in template.t3_rows(template.t3_shape(keys, vintage))]
    left = min((layout.dropped for layout in out), default=0)
    if left:
        # rows of numbers no place was left for: perhaps a label that names another row
        # (its own row's label lost). Each labelled row in turn is read as numbers alone,
        # and such a reading is kept where it leaves fewer rows without a place.
        others: list[Layout] = []
        for n, item in enumerate(choices[0]):
            if item.kind == "E" and len(others) <= MAX_LAYOUTS:
                others += _lay_out([_numbers_only(x) if m == n else x for m, x in enumerate(choices[0])], order)
        out += [layout for layout in others if layout.dropped < left]
    return out


_OTHER = frozenset(r.key for r in template.t3_rows("2021") + template.t3_rows("2019") if r.key.startswith("other"))


def _claims(items: list[_Item]) -> list[list[_Item]]:
    """The items once for each way to settle places two printed rows claim: each claimant
    in turn keeps the place, the others keep only their numbers (a row printed twice alike
    then leaves its copy with no place, in every way alike)."""
    seen: dict[str, list[int]] = {}
    for n, i in enumerate(items):
        if i.kind == "E":
            seen.setdefault(i.entry.key, []).append(n)  # type: ignore[union-attr]
    contested = [claimants for claimants in seen.values() if len(claimants) > 1]
    choices: list[list[_Item]] = []
    for kept in product(*contested):
        losers = {n for claimants, k in zip(contested, kept) for n in claimants if n != k}
        choices.append([_numbers_only(i) if n in losers else i for n, i in enumerate(items)])
        if len(choices) >= MAX_MAPS:
            break
    return choices


def _numbers_only(i: _Item) -> _Item:
    """A labelled row whose label is not trusted: its numbers alone, where they were printed."""
    return _Item("R", None, -1, [(i.at + 1 + p, c) for p, c in enumerate(i.own)], i.line)


def _lay_out(items: list[_Item], order: list[str]) -> list[Layout]:
    """The layouts of one reading of the items: anchored by the labels in the template's
    order, the rows of numbers between them placed every way the order allows."""
    index = {k: n for n, k in enumerate(order)}
    labelled = [n for n, i in enumerate(items) if i.entry is not None and i.entry.key in index]
    kept = _increasing(items, labelled, index)
    # rows whose label is out of the template's order: their numbers alone
    items = [
        i if n in kept or i.kind != "E" else _numbers_only(i)
        for n, i in enumerate(items)
        if n in kept or i.kind == "E" or i.entry is None
    ]
    anchors = [n for n, i in enumerate(items) if i.kind == "E"]
    stretches = []  # (the keys between two anchors, the items between them)
    bounds = [-1] + anchors + [len(items)]
    for a, b in zip(bounds, bounds[1:]):
        low = index[items[a].entry.key] if a >= 0 else -1  # type: ignore[union-attr]
        high = index[items[b].entry.key] if b < len(items) else len(order)  # type: ignore[union-attr]
        stretches.append((order[low + 1 : high], items[a + 1 : b]))
    options = [_maps(gap, run) for gap, run in stretches]
    ways = 1
    for o in options:
        ways *= len(o)
    out: list[Layout] = []
    if ways > MAX_LAYOUTS:  # undecided stretches left unknown
        options = [o if len(o) == 1 else [_undecided(run)] for o, (_, run) in zip(options, stretches)]
    for combo in product(*options):
        rows: dict[str, Entry] = {}
        placed: list[str] = []
        dropped = blanked = 0
        for n in anchors:
            rows[items[n].entry.key] = items[n].entry  # type: ignore[union-attr]
        for got, by_order, lost, kept_blank in combo:
            rows.update(got)
            placed += by_order
            dropped += lost
            blanked += kept_blank
        ordered = {k: rows[k] for k in order if k in rows}
        out.append(Layout(ordered, tuple(placed), dropped, len(order) - len(ordered), False, blanked))
    return out


def _increasing(items: list[_Item], labelled: list[int], index: dict[str, int]) -> set[int]:
    """The labelled items to trust: the heaviest run in the template's order (a label with
    its numbers outweighs one alone), each place claimed once."""
    best: list[tuple[int, int]] = []  # per labelled item: (weight of the best run ending there, previous)
    for j, n in enumerate(labelled):
        at = index[items[n].entry.key]  # type: ignore[union-attr]
        weight = 1 if items[n].entry.weak else 3 if items[n].kind == "E" else 2  # type: ignore[union-attr]
        top, prev = weight, -1
        for k in range(j):
            if index[items[labelled[k]].entry.key] < at and best[k][0] + weight > top:  # type: ignore[union-attr]
                top, prev = best[k][0] + weight, k
        best.append((top, prev))
    kept: set[int] = set()
    if best:
        k = max(range(len(best)), key=lambda j: (best[j][0], -j))
        while k >= 0:
            kept.add(labelled[k])
            k = best[k][1]
    return kept


def _maps(gap: list[str], run: list[_Item]) -> list[tuple[dict[str, Entry], list[str], int, int]]:
    """Every way to place a stretch's rows of numbers in the places between two labelled rows.

    Each row of numbers takes a place, in order; a label alone takes the numbers placed at
    its key, or keeps its own cells (blank ones: zeros printed blank). Ways that place more
    rows of numbers come first; of those, only ways that leave no label without numbers
    unless it has blank cells of its own.
    """
    labels = {i.entry.key: i for i in run if i.kind == "L"}  # type: ignore[union-attr]
    numbers = [i for i in run if i.kind == "R"]
    if not numbers:
        return [({k: _own(i) for k, i in labels.items()}, [], 0, sum(1 for i in labels.values() if i.own))]
    needed = {k for k, i in labels.items() if not i.own}
    found: list[tuple[int, ...]] = []

    def rec(r: int, start: int, acc: list[int]) -> None:
        if len(found) > MAX_MAPS:
            return
        if r == len(numbers):
            if needed <= {gap[p] for p in acc}:
                found.append(tuple(acc))
            return
        for p in range(start, len(gap) - (len(numbers) - r) + 1):
            rec(r + 1, p + 1, acc + [p])

    rec(0, 0, [])
    if not found:  # no place for every row of numbers: the labels keep their own cells
        return [({k: _own(i) for k, i in labels.items()}, [], len(numbers), 0)]
    if len(found) > MAX_MAPS:
        return [_undecided(run)]
    out = []
    for positions in found:
        got: dict[str, Entry] = {k: _own(i) for k, i in labels.items()}
        by_order: list[str] = []
        for p, row in zip(positions, numbers):
            key = gap[p]
            label = labels.get(key)
            if label is not None:
                got[key] = Entry("t3", key, label.entry.ordinal, label.entry.label, label.line, _beside(row.own, label.at))  # type: ignore[union-attr]
            else:
                printed = template.t3_label(key).printed
                got[key] = Entry("t3", key, "", printed, row.line, [c for _, c in row.own])
                by_order.append(key)
        taken = {gap[p] for p in positions}
        out.append((got, by_order, 0, sum(1 for k, i in labels.items() if k not in taken and i.own)))
    return out


def _undecided(run: list[_Item]) -> tuple[dict[str, Entry], list[str], int, int]:
    """A stretch laid out too many ways to follow: its labelled rows unknown, its numbers unused."""
    labels = {i.entry.key: Entry("t3", i.entry.key, i.entry.ordinal, i.entry.label, i.line) for i in run if i.kind == "L"}  # type: ignore[union-attr]
    return labels, [], sum(1 for i in run if i.kind == "R"), 0


def _own(item: _Item) -> Entry:
    e = item.entry
    return Entry("t3", e.key, e.ordinal, e.label, e.line, list(item.own))  # type: ignore[union-attr]
