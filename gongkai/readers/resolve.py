"""One reading per row of a table: the rows printed plainly as they are, the damaged rows'
readings chosen by the table's identities (solve.py), the rest unknown, each said in a notice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .. import template
from ..record import Finding
from . import solve as S
from . import values as V
from .tables import Entry


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
    notices = _implied(table, fixed, by_key, constraints, notices)
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


def _implied(table, fixed: dict[str, tuple], by_key: dict[str, Entry], constraints, notices: list[Finding]) -> list[Finding]:
    """Rows left with unknown cells whose printed digits, run together, are exactly the values
    the other rows' arithmetic implies: a row of 28 digits admits thousands of splits that add
    up within the row, but only one is what the column totals say."""
    for key, values in list(fixed.items()):
        entry = by_key.get(key)
        if entry is None or None not in values:
            continue
        digits = "".join("".join(c.text.split()) for c in entry.values)
        if not digits.isdigit():
            continue
        implied = tuple(v if v is not None else S.implied(fixed, key, col, constraints) for col, v in enumerate(values))
        if None in implied or "".join(str(v) for v in implied) != digits:
            continue
        if not S.holds({**fixed, key: implied}, constraints):
            continue
        fixed[key] = implied
        notices = [n for n in notices if n.where.get("row") != key or n.code not in ("READ_UNREADABLE", "READ_AMBIGUOUS")]
        notices.append(
            Finding(
                code="READ_BY_ARITHMETIC",
                severity="notice",
                message=f"{entry.label}：原文数字连在一起、拆法过多，按其他各行的勾稽关系唯一确定为 {_fmt(implied)}，与原文数字逐位相符",
                where={"table": table, "row": key, "line": entry.line},
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
