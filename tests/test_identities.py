"""The tables' arithmetic is written once (template.IDENTITIES), and the reader needs every
identity in it: taking any one out leaves some damaged table undecided."""

from __future__ import annotations

import pytest

from gongkai import template
from gongkai.readers import solve
from gongkai.readers.resolve import resolve_rows
from gongkai.readers.tables import Entry
from gongkai.readers.values import Reading

from .builders import consistent_report


T4_CELLS = tuple(template.Label(f"{g}.{c}", "") for g in template.T4_GROUP_KEYS for c in template.T4_COLUMN_KEYS)


def _truth(shape: str) -> tuple[dict[str, tuple], dict[str, tuple]]:
    """A consistent table 三 and 四 with every cell at least 1 (so a cell can be one less)."""
    report = consistent_report(vintage=shape)
    t3 = {}
    for row in template.t3_rows(shape):
        t3[row.key] = [report.t3[row.key][c] for c in template.T3_COLUMN_KEYS]
    # add one request of each applicant kind to every outcome, answered this year
    for key in [*template.t3_outcome_keys(shape), "total", "new"]:
        n = len(template.t3_outcome_keys(shape)) if key in ("total", "new") else 1
        t3[key] = [v + n for v in t3[key][:-1]] + [t3[key][-1] + n * 6]
    for key in ("carried_over", "carry_forward"):
        t3[key] = [v + 1 for v in t3[key][:-1]] + [t3[key][-1] + 6]
    t4 = [n for g in template.T4_GROUP_KEYS for n in (1, 2, 3, 4, 10)]
    return {k: tuple(v) for k, v in t3.items()}, {"t4": tuple(t4)}


def _place(term: template.Term) -> tuple[str, int]:
    if term.table == "t4":
        return "t4", solve.T4_CELL_INDEX[(term.row, term.column)]
    return term.row, template.T3_COLUMN_KEYS.index(term.column)


def _value(table: dict[str, tuple], term: template.Term):
    row, col = _place(term)
    return table[row][col]


def _holds(identity: template.Identity, table: dict[str, tuple]) -> bool:
    sides = [sum(t.sign * _value(table, t) for t in terms) for terms in (identity.left, identity.right)]
    return sides[0] == sides[1]


def _case(identity: template.Identity, shape: str):
    """(fixed rows, the damaged row, its true and its other reading): the other reading
    breaks `identity` and only identities that some unknown cell keeps from being checked."""
    t3, t4 = _truth(shape)
    table = {**t3, **t4}
    first = identity.left[0]
    row, col = _place(first)
    changed = list(table[row])
    changed[col] += 1
    if identity.code == "T3_BALANCE" or identity.code == "T3_OUTCOME_SUM":
        # an applicant column and the row total one more: the row's own total still holds
        changed[6 if col < 6 else 0] += 1
    other_reading = tuple(changed)
    trial = {**table, row: other_reading}
    ids = [i for i in template.identities(shape) if i.code != "CONTINUITY_CARRY_OVER"]
    assert not _holds(identity, trial)
    unknown: set[tuple[str, int]] = set()
    mine = {_place(t) for t in identity.terms}
    for broken in ids:
        if broken is identity or _holds(broken, trial):
            continue
        spoil = next(_place(t) for t in broken.terms if _place(t)[0] != row and _place(t) not in mine)
        unknown.add(spoil)
    fixed = {}
    for key, values in table.items():
        if key != row:
            fixed[key] = tuple(None if (key, c) in unknown else v for c, v in enumerate(values))
    return fixed, row, table[row], other_reading


def _resolve(shape: str, fixed: dict, row: str, readings: list[tuple]) -> tuple:
    rules = solve.arithmetic(shape)
    if row == "t4":
        columns, constraints, printed = T4_CELLS, rules.t4, {}
    else:
        columns, constraints, printed = template.T3_COLUMNS, rules.t3, fixed
    entry = Entry("t3", row, "", row, 1)
    resolved = resolve_rows("t3", [(entry, [Reading(r, (), "run") for r in readings])], columns, constraints, printed)
    return tuple(resolved.values[row].values())


@pytest.mark.parametrize("shape", template.VINTAGES)
def test_each_identity_is_needed_by_the_reader(shape, monkeypatch):
    identities = template.identities(shape)
    assert {i.code for i in identities} == {"T3_BALANCE", "T3_OUTCOME_SUM", "T3_ROW_TOTAL", "T4_GROUP_TOTAL"}
    for identity in identities:
        fixed, row, truth, other = _case(identity, shape)
        monkeypatch.setitem(template.IDENTITIES, shape, identities)
        assert _resolve(shape, fixed, row, [truth, other]) == truth, identity.text
        monkeypatch.setitem(template.IDENTITIES, shape, tuple(i for i in identities if i is not identity))
        undecided = _resolve(shape, fixed, row, [truth, other])
        assert undecided != truth and None in undecided, identity.text
