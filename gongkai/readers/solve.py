"""Choosing among the readings of damaged rows by the tables' identities.

The identities are the template's (template.IDENTITIES), turned here into linear sums over
(row, column index) that must be zero. Given the rows read for certain and, for each
damaged row, its possible readings, `viable` keeps the readings that take part in at least
one way of reading the whole table that satisfies every identity it can evaluate. It walks
the rows once forward, keeping the distinct partial sums, and once back; so twenty damaged
rows of three readings each cost a few thousand steps, not three to the twentieth.
"""

from __future__ import annotations

from typing import Callable, Sequence

from .. import template
from .values import Local, Reading

# One identity as (row key, column index, coefficient) terms whose sum must be zero.
Linear = tuple[tuple[str, int, int], ...]

MAX_STATES = 200_000  # distinct partial sums kept per step; beyond it the table is left undecided


def linear(identities: Sequence[template.Identity], place: Callable[[template.Term], tuple[str, int] | None]) -> tuple[Linear, ...]:
    """The identities as linear sums; `place` gives a term's (row, column index), or None
    for a cell outside the table read (such an identity is left out)."""
    out: list[Linear] = []
    for identity in identities:
        terms: list[tuple[str, int, int]] = []
        for side, terms_of_side in ((1, identity.left), (-1, identity.right)):
            for term in terms_of_side:
                at = place(term)
                if at is None or term.previous:
                    break
                terms.append((at[0], at[1], side * term.sign))
            else:
                continue
            break
        else:
            out.append(tuple(terms))
    return tuple(out)


def local(constraints: tuple[Linear, ...], row: str) -> tuple[tuple[tuple[int, int], ...], ...]:
    """The identities that lie within one row, as (column index, coefficient) terms."""
    return tuple(tuple((c, k) for _, c, k in lin) for lin in constraints if all(r == row for r, _, _ in lin))


def holds_locally(values: tuple, constraints: tuple[tuple[tuple[int, int], ...], ...]) -> bool:
    """Whether a row's values satisfy its own identities (an unknown cell satisfies any)."""
    for lin in constraints:
        total = 0
        for col, coef in lin:
            v = values[col]
            if v is None:
                break
            total += coef * v
        else:
            if total != 0:
                return False
    return True


def _known(lin: Linear, fixed: dict[str, tuple], cell: tuple[str, int] | None = None) -> tuple[int, int] | None:
    """(the coefficient of `cell`, the sum of the identity's other terms) when every other cell is
    a known count; None when one is unknown."""
    coef, rest = 0, 0
    for row, col, k in lin:
        if (row, col) == cell:
            coef += k
            continue
        values = fixed.get(row)
        v = values[col] if values is not None and col < len(values) else None
        if not isinstance(v, int):
            return None
        rest += k * v
    return coef, rest


def implied(fixed: dict[str, tuple], row: str, col: int, constraints: tuple[Linear, ...]) -> int | None:
    """The count an identity in which this cell is the only unknown gives it, or None."""
    for lin in constraints:
        known = _known(lin, fixed, (row, col))
        if known is not None and known[0] and known[1] % known[0] == 0 and -known[1] // known[0] >= 0:
            return -known[1] // known[0]
    return None


def holds(fixed: dict[str, tuple], constraints: tuple[Linear, ...]) -> bool:
    """Whether every identity whose cells are all known adds up."""
    return all(known is None or known[1] == 0 for known in (_known(lin, fixed) for lin in constraints))


class TooMany(Exception):
    """The readings admit too many partial sums to follow: leave the table undecided."""


def viable(
    fixed: dict[str, tuple],
    choices: dict[str, list[Reading]],
    constraints: tuple[Linear, ...],
) -> dict[str, list[Reading]]:
    """For each row of `choices`, its readings that some solution of the whole table uses.

    An identity is used when every cell it names is known in `fixed` or in every reading of
    its damaged rows; one that names a row not read at all is left out. An empty list for a
    row means no reading of the table satisfies the identities. Raises TooMany.
    """
    names = list(choices)
    index = {n: i for i, n in enumerate(names)}
    usable: list[tuple[int, list[tuple[int, int, int]]]] = []  # (constant, [(row index, col, coef)])
    for lin in constraints:
        if not any(r in index for r, _, _ in lin):
            continue
        constant = 0
        varying: list[tuple[int, int, int]] = []
        for row, col, coef in lin:
            if row in index:
                if any(r.values[col] is None for r in choices[row]):
                    break
                varying.append((index[row], col, coef))
            else:
                vals = fixed.get(row)
                if vals is None or vals[col] is None:
                    break
                constant += coef * vals[col]
        else:
            usable.append((constant, varying))
    k = len(usable)
    last = [max(i for i, _, _ in varying) for _, varying in usable]
    # each reading's contribution to each identity, and the identities a row completes
    deltas: list[list[tuple[int, ...]]] = []
    for i, name in enumerate(names):
        mine = [[(col, coef) for j, col, coef in varying if j == i] for _, varying in usable]
        deltas.append([tuple(sum(coef * r.values[col] for col, coef in terms) for terms in mine) for r in choices[name]])
    done = [[c for c in range(k) if last[c] == i] for i in range(len(names))]

    start = tuple(constant for constant, _ in usable)
    layers: list[set[tuple[int, ...]]] = [{start}]
    for i in range(len(names)):
        nxt: set[tuple[int, ...]] = set()
        for state in layers[-1]:
            for d in deltas[i]:
                s = tuple(a + b for a, b in zip(state, d))
                if all(s[c] == 0 for c in done[i]):
                    nxt.add(s)
        if len(nxt) > MAX_STATES:
            raise TooMany
        layers.append(nxt)

    out: dict[str, list[Reading]] = {}
    reachable = layers[-1]  # every identity is complete here: the zero state, or nothing
    for i in range(len(names) - 1, -1, -1):
        keep: list[Reading] = []
        before: set[tuple[int, ...]] = set()
        for r, d in zip(choices[names[i]], deltas[i]):
            used = False
            for state in layers[i]:
                if tuple(a + b for a, b in zip(state, d)) in reachable:
                    before.add(state)
                    used = True
            if used:
                keep.append(r)
        out[names[i]] = keep
        reachable = before
    return {n: out[n] for n in names}


# --- the template's identities as the reader uses them ------------------------------------

_T3_COLUMN_INDEX = {k: i for i, k in enumerate(template.T3_COLUMN_KEYS)}
T4_CELL_INDEX = {
    (g, c): n * len(template.T4_COLUMN_KEYS) + i
    for n, g in enumerate(template.T4_GROUP_KEYS)
    for i, c in enumerate(template.T4_COLUMN_KEYS)
}


def _t3_place(term: template.Term) -> tuple[str, int] | None:
    return (term.row, _T3_COLUMN_INDEX[term.column]) if term.table == "t3" else None


def _t4_place(term: template.Term) -> tuple[str, int] | None:
    return ("t4", T4_CELL_INDEX[(term.row, term.column)]) if term.table == "t4" else None


class Arithmetic:
    """The template's identities for one shape of table 三, as the reader uses them."""

    def __init__(self, identities: tuple[template.Identity, ...]) -> None:
        self.identities = identities
        self.t3 = linear(identities, _t3_place)
        self.t4 = linear(identities, _t4_place)
        self.t4_row = local(self.t4, "t4")
        self.t3_rows: dict[str, Local] = {}

    def t3_row(self, key: str) -> Local:
        """A table 三 row's own identities (its row total)."""
        mine = self.t3_rows.get(key)
        if mine is None:
            mine = self.t3_rows[key] = local(self.t3, key)
        return mine


_ARITHMETIC: dict[str, Arithmetic] = {}


def arithmetic(shape: str) -> Arithmetic:
    """The identities of `shape` as the reader uses them, made again whenever the template's
    list is another object (tests take identities out of it to see each one is needed)."""
    identities = template.identities(shape)
    known = _ARITHMETIC.get(shape)
    if known is None or known.identities is not identities:
        known = _ARITHMETIC[shape] = Arithmetic(identities)
    return known
