"""Table 三 from the ways its printed rows can be laid out (placement.py).

Each row has the readings its cells admit (values.py); the one layout its labels give is
read as it stands, and the identities choose among a damaged row's readings (resolve.py).
Where the labels leave several layouts, those in which the table can add up are kept, the
fullest first; a cell they all read alike is known, any other unknown.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from .. import template
from ..record import Finding
from . import placement as P
from . import solve as S
from . import values as V
from .resolve import BlankCells, resolve_rows
from .tables import Entry
from .values import Reading


def _count(col: int, text: str):
    return V.parse_count(text)


class Table3(NamedTuple):
    values: dict[str, dict]
    notices: list[Finding]
    blanks: list[BlankCells]
    entries: list[Entry]  # where each row was printed
    left_over: int  # printed rows of numbers that found no place (or several)


def read_t3(layouts: list[P.Layout], vintage: str) -> Table3:
    """Table 三 from the ways its rows can be laid out: the one the labels give, or those the
    template's order leaves, of which the arithmetic keeps what it can."""
    why = "按表格格式的行序"
    if len(layouts) > 1:
        why += "和表内勾稽关系"
        candidates = [_candidates(layout, vintage) for layout in layouts]
        # the rows the layouts read differently: by them the arithmetic chooses
        keys = {k for rows in candidates for k in rows}
        contested = {k for k in keys if len({frozenset(r.values for r in rows.get(k, ())) for rows in candidates}) > 1}
        trials = [_try_layout(layout, rows, contested, vintage) for layout, rows in zip(layouts, candidates)]
        # the fullest layouts (a layout that leaves a row out adds up by not being asked);
        # of those, the ones that add up (all, when the report's own error fails them all);
        # of those, the one the labels give
        fullest = min(_fullness(t[0]) for t in trials)
        fitting = [t for t in trials if _fullness(t[0]) == fullest]
        fitting = [t for t in fitting if t[3]] or fitting
        fitting = [t for t in fitting if t[0].by_labels] or fitting
        if len(fitting) != 1:
            return _merge_layouts(fitting)
        layouts = [fitting[0][0]]
    layout = layouts[0]
    entries = list(layout.rows.values())
    t3, notices, blanks = _read_t3(entries, vintage)
    notices += [_placed(layout.rows[k], why) for k in layout.placed]
    return Table3(t3, notices, blanks, entries, layout.dropped)


def _fullness(layout: P.Layout) -> tuple[int, int, int]:
    """How little a layout leaves unread: rows of numbers without a place, labels keeping
    blank cells while numbers went to a row without a label, template rows without either."""
    return layout.dropped, layout.blanked, layout.missing


def _t3_readings(entries: list[Entry], rules: S.Arithmetic) -> tuple[dict[str, tuple], list]:
    """Rows printed plainly (by key), and each other row with its readings."""
    width = len(template.T3_COLUMNS)
    printed: dict[str, tuple] = {}
    rows = []
    for e in entries:
        values = V.printed_counts(e.values, width)
        if values is not None:
            printed[e.key] = values
            continue
        plain = V.plain_counts(e.values, width)
        if plain is not None:
            rows.append((e, [plain]))
        else:
            rows.append((e, _t3_row_readings(tuple(c.text for c in e.values), rules.t3_row(e.key))))
    return printed, rows


def _read_t3(entries: list[Entry], vintage: str):
    rules = S.arithmetic(template.t3_shape((e.key for e in entries), vintage))
    printed, rows = _t3_readings(entries, rules)
    resolved = resolve_rows("t3", rows, template.T3_COLUMNS, rules.t3, printed)
    ordered = {e.key: resolved.values[e.key] for e in entries if e.key in resolved.values}
    return ordered, resolved.notices, resolved.blanks


def _candidates(layout: P.Layout, vintage: str) -> dict[str, list[Reading]]:
    """Each row of a layout with its distinct readings (one for a row printed plainly)."""
    rules = S.arithmetic(template.t3_shape(layout.rows, vintage))
    printed, rows = _t3_readings(list(layout.rows.values()), rules)
    out = {k: [Reading(v)] for k, v in printed.items()}
    for e, cands in rows:
        out[e.key] = V.distinct(cands)
    return out


def _try_layout(layout: P.Layout, rows: dict[str, list[Reading]], contested: set[str], vintage: str):
    """(layout, rows read for certain, each other row's readings that fit, whether the table
    can add up so laid out). The identities are asked of the rows whose readings are in
    doubt or that other layouts read differently: a defect of the report elsewhere does not
    make every layout fail."""
    rules = S.arithmetic(template.t3_shape(layout.rows, vintage))
    fixed: dict[str, tuple] = {}
    choices: dict[str, list[Reading]] = {}
    for key, cands in rows.items():
        if not cands:
            fixed[key] = (None,) * len(template.T3_COLUMNS)
        elif len(cands) == 1 and key not in contested:
            fixed[key] = cands[0].values
        else:
            choices[key] = cands
    try:
        kept = S.viable(fixed, choices, rules.t3)
    except S.TooMany:
        return layout, fixed, choices, False
    return layout, fixed, kept, all(kept.values())


def _merge_layouts(trials: list):
    """Several layouts remain: each cell they all read alike is known, any other unknown."""
    unknown = (None,) * len(template.T3_COLUMNS)
    keys = [r.key for v in ("2021", "2019") for r in template.t3_rows(v)]
    t3: dict[str, dict] = {}
    notices: list[Finding] = []
    lines: dict[str, Entry] = {}
    for key in dict.fromkeys(keys):
        seen: set[tuple] = set()
        for layout, fixed, kept, _ in trials:
            if key in fixed:
                seen.add(fixed[key])
            elif key in kept:
                seen.update(r.values for r in kept[key] or [])
            else:
                seen.add(unknown)
            if key in layout.rows:
                lines.setdefault(key, layout.rows[key])
        if seen == {unknown} and key not in lines:
            continue
        merged = tuple(v[0] if len(set(v)) == 1 else None for v in zip(*seen))
        t3[key] = dict(zip(template.T3_COLUMN_KEYS, merged))
        gaps = [c for c, v in t3[key].items() if v is None]
        if gaps:
            e = lines.get(key)
            notices.append(
                Finding(
                    code="READ_AMBIGUOUS",
                    severity="warning",
                    message=f"{template.t3_label(key).printed}：行名缺失或残缺，表格格式的行序和表内勾稽关系不能唯一确定各行数字的位置，无法确定的单元格留空（null）",
                    where={"table": "t3", "row": key, "columns": gaps, "line": e.line if e else 0},
                )
            )
    entries = [lines[k] for k in t3 if k in lines]
    return Table3(t3, notices, [], entries, max(1, *(t[0].dropped for t in trials)))


def _placed(e: Entry, why: str) -> Finding:
    return Finding(
        code="READ_PLACED",
        severity="notice",
        message=f"{e.label}：这一行数字没有可识别的行名，{why}定为此行",
        where={"table": "t3", "row": e.key, "line": e.line},
    )


@lru_cache(maxsize=8192)
def _t3_row_readings(texts: tuple[str, ...], local: V.Local) -> list[Reading]:
    """The readings of a table 三 row from its cells' texts, those that satisfy the row's own
    identities first.

    Rows a conversion shifted repeat within a report and across reports of one layout: cached.
    Callers must not change the list.
    """
    cands = V.readings(V.tokens([(t, 0) for t in texts]), len(template.T3_COLUMNS), _count, local)
    return [r for r in cands if S.holds_locally(r.values, local)] or cands
