"""What a correct reader makes of rows whose digits were run together: the test's own answer.

A run of digits admits every cut into counts without leading zeros; the template's
identities (evaluated here from `template.identities`, never written again) keep the ways
of reading the whole table that add up. A cell every such way reads alike is known; any
other cell is unknown (`None`). The families that run digits together give the record so
made as the one a reader must return.
"""

from __future__ import annotations

from itertools import product

from gongkai import template
from gongkai.record import Report

MAX_DIGITS = 7  # the longest count a cut may make, as the reader allows
MAX_TABLES = 200_000  # ways of reading a table the oracle follows; generators stay below


def cuts(digits: str, parts: int, keep=lambda prefix: True):
    """Every way to cut a digit string into `parts` counts without leading zeros; `keep`
    may refuse a prefix of counts, and then no cut that starts so is made."""

    def rec(start: int, prefix: tuple[int, ...]):
        if len(prefix) == parts:
            if start == len(digits):
                yield prefix
            return
        left = parts - len(prefix)
        for end in range(start + 1, min(len(digits) - left + 1, start + MAX_DIGITS) + 1):
            head = digits[start:end]
            if head != "0" and head[0] == "0":
                break
            if left == 1 and end != len(digits):
                continue
            if keep(prefix + (int(head),)):
                yield from rec(end, prefix + (int(head),))

    yield from rec(0, ())


# Where each cell of a row sits: table 三 rows by column, table 四 as one row of fifteen.
T3_CELLS = tuple(("t3", c) for c in template.T3_COLUMN_KEYS)
T4_CELLS = tuple((g, c) for g in template.T4_GROUP_KEYS for c in template.T4_COLUMN_KEYS)


def _lookup(table: dict, term: template.Term):
    if term.table == "t4":
        return table["t4"][T4_CELLS.index((term.row, term.column))]
    values = table.get(term.row)
    return None if values is None else values[template.T3_COLUMN_KEYS.index(term.column)]


def _holds(identity: template.Identity, table: dict) -> bool | None:
    sides = []
    for terms in (identity.left, identity.right):
        values = [_lookup(table, t) for t in terms]
        if None in values:
            return None
        sides.append(sum(t.sign * v for t, v in zip(terms, values)))
    return sides[0] == sides[1]


def _row_of(term: template.Term) -> str:
    return "t4" if term.table == "t4" else term.row


def readings(row: str, digits: str, width: int, shape: str, printed: tuple[str, ...] = ()) -> list[tuple[int, ...]]:
    """The cuts of one row's digits that keep the identities lying within that row; where
    the row printed some separators (`printed`: its pieces between them), those stay cuts."""
    own = [i for i in template.identities(shape) if {_row_of(t) for t in i.terms} == {row}]

    def keep(prefix: tuple[int, ...]) -> bool:
        padded = prefix + (None,) * (width - len(prefix))
        return all(_holds(i, {row: padded}) is not False for i in own)

    found = list(cuts(digits, width, keep))
    if not printed:
        return found
    bounds = {sum(len(p) for p in printed[:k]) for k in range(1, len(printed))}
    return [cut for cut in found if bounds <= {sum(len(str(v)) for v in cut[:k]) for k in range(1, width)}]


def table_values(record: Report) -> dict[str, tuple]:
    """Table 三 by row and table 四 as one row, as tuples of values in printed order."""
    out = {k: tuple(cells[c] for c in template.T3_COLUMN_KEYS) for k, cells in record.t3.items()}
    if record.t4:
        out["t4"] = tuple(record.t4[g][c] for g, c in T4_CELLS)
    return out


def decided(record: Report, choices: dict[str, list[tuple[int, ...]]]) -> Report:
    """The record a reader must return when the rows of `choices` were printed run together
    and had these readings: each of their cells known where every way of reading the whole
    table that satisfies the identities agrees, else None."""
    shape = template.t3_shape(record.t3, record.vintage or "2021")
    fixed = table_values(record)
    names = [n for n in choices if len(set(choices[n])) > 1]
    rows = [sorted(set(choices[n])) for n in names]
    ways = 1
    for r in rows:
        ways *= len(r)
    assert ways <= MAX_TABLES, ways
    identities = [i for i in template.identities(shape) if any(_row_of(t) in names for t in i.terms)]
    seen: dict[str, set[tuple]] = {n: set() for n in names}
    for combo in product(*rows):
        table = {**fixed, **dict(zip(names, combo))}
        if all(_holds(i, table) is not False for i in identities):
            for n, values in zip(names, combo):
                seen[n].add(values)
    out = record.model_copy(deep=True)
    for n in names:
        found = seen[n] or set(rows[names.index(n)])
        merged = tuple(v[0] if len(set(v)) == 1 else None for v in zip(*found))
        if n == "t4":
            for (g, c), v in zip(T4_CELLS, merged):
                out.t4[g][c] = v
        else:
            out.t3[n] = dict(zip(template.T3_COLUMN_KEYS, merged))
    return out
