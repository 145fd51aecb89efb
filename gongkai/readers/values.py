"""From the value cells of one table row to its possible readings.

A row printed cleanly has one reading. Conversions lose cell boundaries: blank merged
cells shift values, crawlers run a row's digits together (`21710000218` = 217,1,0,0,0,0,218),
page furniture adds stray numbers. This module lists every reading such a row admits; the
table parser then keeps those that satisfy the table's own arithmetic.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import combinations
from typing import Callable, Iterable, NamedTuple

from ..template import UNKNOWN_MARK
from .grid import Cell

BLANK, NUMBER, BAD, UNKNOWN = "blank", "number", "bad", "unknown"

# Printed in place of zero or of nothing: read like a blank cell.
_EMPTY_MARKS = {"", "-", "—", "——", "–", "/", "无", "－", "--", "、", "\\"}
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_SPLIT = re.compile(r"\s+")
_UNKNOWN = unicodedata.normalize("NFKC", UNKNOWN_MARK)  # a cell gongkai wrote as unknown: reads as None

_SMALL = {str(i): i for i in range(10_000)}  # the canonical spelling of each small count

MAX_CANDIDATES = 2000
MAX_PART_DIGITS = 7


@dataclass(slots=True)
class Token:
    kind: str
    text: str
    line: int


def tokens(cells: Iterable[tuple[str, int]]) -> list[Token]:
    """Value tokens of a row's cells; a cell holding several space-separated numbers gives several."""
    out: list[Token] = []
    for text, line in cells:
        t = text.strip()
        if t.isascii() and t.isdigit():
            out.append(Token(NUMBER, t, line))
            continue
        t = unicodedata.normalize("NFKC", t).strip().replace("\u3000", "")
        if t in _EMPTY_MARKS:
            out.append(Token(BLANK, t, line))
            continue
        if t == _UNKNOWN:
            out.append(Token(UNKNOWN, t, line))
            continue
        t = t.rstrip("件条个项次元")
        if _NUMBER.match(t):
            out.append(Token(NUMBER, t, line))
        elif _GROUPED.match(t):
            out.append(Token(NUMBER, t.replace(",", ""), line))
        else:
            parts = _SPLIT.split(t)
            if len(parts) > 1 and all(_NUMBER.match(p) for p in parts):
                out.extend(Token(NUMBER, p, line) for p in parts)
            else:
                out.append(Token(BAD, text.strip(), line))
    return out


def printed_counts(cells: list[Cell], width: int) -> tuple[int, ...] | None:
    """The counts of a row whose `width` cells each print one plainly (nearly every row)."""
    if len(cells) != width:
        return None
    counts = []
    for c in cells:
        n = _SMALL.get(c.text)  # one lookup per cell, cheaper than int()
        if n is None:
            return None
        counts.append(n)
    return tuple(counts)


def plain_counts(cells: list[Cell], width: int) -> "Reading | None":
    """The common case without the machinery: exactly `width` cells, plain digits or blank.

    Callers try `printed_counts` first where rows are mostly printed in full (tables 三, 四).
    """
    if len(cells) != width:
        return None
    texts = [c.text for c in cells]
    counts: list[int] = []
    blanks: list[int] = []
    for i, t in enumerate(texts):
        if not t.isdigit():
            t = t.strip()
            if not t:
                counts.append(0)
                blanks.append(i)
                continue
            if not (t.isascii() and t.isdigit()):
                return None
        elif not t.isascii():
            return None
        counts.append(int(t))
    if len(blanks) == width:
        return None  # a row of nothing: let the general reader decide what it is
    return Reading(tuple(counts), tuple(blanks))


def parse_count(text: str) -> int | None:
    if text.isascii() and text.isdigit():
        return int(text)
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if value != value.to_integral_value():
        return None
    return int(value)


def parse_decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


class Reading(NamedTuple):
    """One way to read a row: a value per column, and what had to be assumed for it.

    A tuple, not a dataclass: a report makes dozens, and a tuple is the cheapest to make.
    """

    values: tuple
    blanks: tuple[int, ...] = ()  # columns read from a blank cell (as 0)
    how: str = ""  # "" when printed plainly; else a short description of the repair


# A row's own identities (solve.local): (column index, coefficient) terms summing to zero.
Local = tuple[tuple[tuple[int, int], ...], ...]


def readings(
    toks: list[Token],
    width: int,
    convert: Callable[[int, str], object],
    local: Local = (),
) -> list[Reading]:
    """Every reading of `toks` as `width` cells; `convert(col, text)` parses one printed value.

    Digits run together are cut only where the row's own identities (`local`) hold.
    """
    filled = [t for t in toks if t.kind != BLANK]
    if not filled:
        if toks and len(toks) >= width:
            return [Reading(tuple(convert(i, "0") for i in range(width)), tuple(range(width)), "")]
        return []
    if len(filled) == width:
        return [_plain(filled, convert)]
    if len(filled) < width:
        windows = _blank_windows(toks, width, convert)
        if windows:
            return windows
        runs = _run_readings(filled, width, convert, local)
        if runs:
            return runs
        return _sparse_placements(filled, width, convert)
    return _extra_readings(filled, width, convert)


def _value(tok: Token, col: int, convert) -> object:
    return None if tok.kind in (BAD, UNKNOWN) else convert(col, tok.text)


def _plain(filled: list[Token], convert) -> Reading:
    return Reading(tuple(_value(t, i, convert) for i, t in enumerate(filled)))


def _blank_windows(toks: list[Token], width: int, convert) -> list[Reading]:
    """Contiguous runs of `width` cells holding every printed value; the blanks in them read 0."""
    first = next(i for i, t in enumerate(toks) if t.kind != BLANK)
    last = max(i for i, t in enumerate(toks) if t.kind != BLANK)
    out: list[Reading] = []
    for start in range(max(0, last - width + 1), min(first, len(toks) - width) + 1):
        window = toks[start : start + width]
        values, blanks = [], []
        for col, tok in enumerate(window):
            if tok.kind == BLANK:
                values.append(convert(col, "0"))  # a blank money cell is 0 money, not the count 0
                blanks.append(col)
            else:
                values.append(_value(tok, col, convert))
        out.append(Reading(tuple(values), tuple(blanks), "" if len(out) == 0 else "shifted"))
    if len(out) > 1:
        out = [Reading(r.values, r.blanks, "shifted") for r in out]
    return out


def _run_readings(filled: list[Token], width: int, convert, local: Local) -> list[Reading]:
    """Digits run together without separators: split them every way that makes `width` counts."""
    if any(t.kind == BAD or not t.text.isdigit() for t in filled):
        return []
    digits = "".join(t.text for t in filled)
    boundaries = set()
    pos = 0
    for t in filled[:-1]:
        pos += len(t.text)
        boundaries.add(pos)
    found: list[Reading] = []
    for parts in compositions(digits, width, local) or ():
        cuts = set()
        pos = 0
        for p in parts[:-1]:
            pos += len(p)
            cuts.add(pos)
        if not boundaries <= cuts:
            continue  # a printed separator must stay a cell boundary
        found.append(Reading(tuple(convert(i, p) for i, p in enumerate(parts)), (), "run"))
        if len(found) > MAX_CANDIDATES:
            return []
    return found


def compositions(digits: str, width: int, local: Local = ()) -> list[tuple[str, ...]] | None:
    """Every way to cut a digit string into `width` numbers without leading zeros that
    satisfies `local`; None when there are too many ways to follow (never a partial list).

    Each identity is tested as soon as its last cell is cut, so that table 四's fifteen
    numbers are cut group by group.
    """
    n = len(digits)
    if n < width:
        return []
    due: list[list[tuple[tuple[int, int], ...]]] = [[] for _ in range(width)]
    for lin in local:
        due[max(c for c, _ in lin)].append(lin)
    out: list[tuple[str, ...]] = []
    budget = [MAX_CANDIDATES * 50]
    parts: list[str] = []
    values: list[int] = []

    def rec(start: int) -> bool:
        """False when the budget ran out."""
        budget[0] -= 1
        if budget[0] < 0:
            return False
        at = len(parts)
        left = width - at
        stop = n if left == 1 else min(n - left + 1, start + MAX_PART_DIGITS)
        first = n if left == 1 else start + 1
        for end in range(first, stop + 1):
            part = digits[start:end]
            if not _ok_part(part):
                break  # a leading zero: longer parts have it too
            parts.append(part)
            values.append(int(part))
            if all(sum(coef * values[c] for c, coef in lin) == 0 for lin in due[at]):
                if left == 1:
                    out.append(tuple(parts))
                    if len(out) > MAX_CANDIDATES:
                        return False
                elif not rec(end):
                    return False
            parts.pop()
            values.pop()
        return True

    return out if rec(0) else None


def _ok_part(part: str) -> bool:
    return 0 < len(part) <= MAX_PART_DIGITS and (part == "0" or part[0] != "0")


def _sparse_placements(filled: list[Token], width: int, convert) -> list[Reading]:
    """Fewer values than cells and no blanks to place: every placement, the rest unknown."""
    out = []
    if width - len(filled) > 3:
        return [Reading(tuple(None for _ in range(width)), (), "lost")]
    for cols in combinations(range(width), len(filled)):
        values: list[object] = [None] * width
        for tok, col in zip(filled, cols):
            values[col] = _value(tok, col, convert)
        out.append(Reading(tuple(values), (), "lost"))
    return out


def _extra_readings(filled: list[Token], width: int, convert) -> list[Reading]:
    """More values than cells: a stray number at either end, or a subtotal column someone added."""
    out = []
    for start in range(0, len(filled) - width + 1):
        window = filled[start : start + width]
        out.append(Reading(tuple(_value(t, i, convert) for i, t in enumerate(window)), (), "extra"))
    if len(filled) == width + 1:
        # 自然人, 法人或其他组织 subtotal, five organisation kinds, 总计
        rest = filled[:1] + filled[2:]
        out.append(Reading(tuple(_value(t, i, convert) for i, t in enumerate(rest)), (), "subtotal"))
    return out


def distinct(candidates: list[Reading]) -> list[Reading]:
    """One reading per distinct set of values; alignments that agree on values merge."""
    merged: dict[tuple, Reading] = {}
    for r in candidates:
        seen = merged.get(r.values)
        if seen is None:
            merged[r.values] = r
        elif seen.blanks != r.blanks:
            common = tuple(sorted(set(seen.blanks) & set(r.blanks)))
            merged[r.values] = Reading(r.values, common, "shifted")
    return list(merged.values())
