"""Recognising row labels in cells, including labels run together with their numbers."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from .. import template
from .grid import Cell

# a run of white space, unless it stands between two numbers (taken whole: never split)
_NON_DIGIT_SPACE = re.compile(r"(?<![\d+\-\s])\s+|\s+(?![\d+\-\s])")
_ANY_SPACE = re.compile(r"\s")  # a plain character class: the engine skips to the first one
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
_HAS_DIGIT = re.compile(r"\d")
_NOTE = re.compile(r"^\([^()\d]*\)?")  # closed, or cut short by the cell's edge

# Short labels that also occur as column headers; accepted as rows only in context.
CONTEXTUAL: frozenset[str] = frozenset({"其他", "总计", "其他处理"})


def fold(text: str) -> str:
    """NFKC, straight quotes, and no spaces except those that separate two numbers."""
    text = template.half_width(text)
    return (_NON_DIGIT_SPACE.sub("", text) if _ANY_SPACE.search(text) else text).strip()


def lookup(norm: str) -> list[tuple[str, str, str]]:
    """Candidate (table, key, ordinal) for one normalised cell text."""
    ordinal, rest = template.split_ordinal(norm)
    rest = rest.rstrip("。:;,")
    hits = template.LABELS.get(rest)
    if hits is None and ordinal:
        hits = template.LABELS.get(norm)
        ordinal = "" if hits else ordinal
    if hits is None:
        # 部分公开（区分处理的…） printed with other bracket text, or the note broken differently
        if rest.startswith("部分公开") and not _HAS_DIGIT.search(rest):
            hits = [("t3", "partial")]
        else:
            m = _LOOSE_ORDINAL.match(norm)  # "3危及…", "l.信访…": a number OCR or a typist spoilt
            hits = template.LABELS.get(norm[m.end() :]) if m else None
            if hits is None:
                return []
            ordinal = ("1" if m.group(1) in "lI|" else m.group(1)) + "."  # type: ignore[union-attr]
    return [(t, k, ordinal) for t, k in hits]


_LOOSE_ORDINAL = re.compile(r"^([lI|]|\d{1,2})[.、．,，]?")


# --- labels printed with OCR's look-alikes or cut short --------------------------------------

# What else a table 三 row's cell may hold: the group cells, the column headers, the note.
_NOT_ROWS = tuple(
    template.normalize(t)
    for t in (
        *(template.split_ordinal(template.normalize(g))[1] for g in template.T3_GROUPS.values()),
        "本年度办理结果", "申请人情况", "法人或其他组织", *(c.label for c in template.T3_COLUMNS), template.T3_NOTE,
    )
)
_ROWS = tuple(
    (template.normalize(text), row.key, template.ordinal_value(row.ordinal))
    for v in template.VINTAGES
    for row in template.t3_rows(v)
    for text in (row.label, *row.aliases)
)
FUZZY = 0.75  # the least likeness of a printed label to the template's
MARGIN = 0.1  # by which it must be likelier that row than anything else


_NUMBERED = re.compile(r"^\s*(?:[(（][一二三四五六七八九十][)）]|[0-9０-９lI|]{1,2}\s*[.、．,，]|[一二三四五六七八九十]、)")


def numbered(text: str) -> bool:
    """Whether a cell's text begins with an item's number, as table 三's row labels do."""
    return bool(_NUMBERED.match(text))


@lru_cache(maxsize=8192)
def fuzzy_text(text: str) -> tuple[str, str] | None:
    """`fuzzy` of a cell's text as printed (the same texts recur: cached)."""
    return fuzzy(template.normalize(text))


@lru_cache(maxsize=8192)
def fuzzy(norm: str) -> tuple[str, str] | None:
    """(row key, ordinal) of a table 三 label printed unlike any of the template's wordings,
    when one row is clearly meant: its label cut short (a prefix of one row's label only),
    or a few characters read as look-alikes. A weak match: None when in doubt, and never a
    row when the text is likelier a group cell, a column header, or another row.
    """
    m = _LOOSE_ORDINAL.match(norm)
    ordinal, rest = "", ""
    if m is not None and m.end() < len(norm):
        ordinal = "1" if m.group(1) in "lI|" else m.group(1)
        rest = norm[m.end() :]
    if not ordinal:
        head, rest = template.split_ordinal(norm)
        ordinal = template.ordinal_value(head)
    rest = rest.strip("。:;,()（）")
    if len(rest) < 3 or _HAS_DIGIT.search(rest):
        return None
    fits = {key for text, key, o in _ROWS if len(rest) >= 4 and text.startswith(rest) and (not ordinal or o == ordinal)}
    if len(fits) == 1:
        return fits.pop(), ordinal
    scores: dict[str, float] = {}
    for text, key, o in _ROWS:
        if ordinal and o and o != ordinal:
            continue
        scores[key] = max(scores.get(key, 0.0), SequenceMatcher(None, rest, text, autojunk=False).ratio())
    for n, text in enumerate(_NOT_ROWS):
        scores[f"#{n}"] = SequenceMatcher(None, rest, text, autojunk=False).ratio()
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, score), second = ranked[0], ranked[1][1] if len(ranked) > 1 else 0.0
    if best.startswith("#") or score < FUZZY or score - second < MARGIN:
        return None
    return best, ordinal


def _label_pattern() -> re.Pattern:
    """One regex that finds any unambiguous row label inside running text.

    Every alternative starts with a literal character, an optional ordinal spelt out as
    alternatives of its own in the order a greedy `(?:…)?` would try them: the regex engine
    then skips at once the positions where no label can start, instead of trying a hundred
    alternatives at each character of a crawled page.
    """
    alternatives: list[tuple[int, list[str]]] = []
    for norm, hits in template.LABELS.items():
        ordinals = set()
        for table, key in hits:
            if table == "t3":
                ordinals.add(template.ordinal_value(template.t3_label(key).ordinal))
            elif table == "t3group":
                ordinals.add("三" if key == "outcomes" else template.ordinal_value(template.T3_GROUPS[key][:3]))
        numbered = [o for o in ordinals if o.isdigit()]
        words = [o for o in ordinals if o and not o.isdigit()]
        if norm in CONTEXTUAL or len(norm) < 4:
            if not numbered and not words:
                if norm not in CONTEXTUAL:
                    # a short table 二 label (规章) only where its numbers follow at once
                    alternatives.append((len(norm), [re.escape(norm) + r"(?=\s*[-+]?\d)"]))
                continue
            # a short label (其他, 总计) only with its printed number: (七)总计, 3.其他
            options = [re.escape(o) + r"[.、]" for o in numbered] + [r"\(" + re.escape(o) + r"\)" for o in words]
            alternatives.append((len(norm) + 2, [o + re.escape(norm) for o in options]))
            continue
        options = [re.escape(o) + r"[.、]" for o in numbered]
        for o in words:  # (五) 五、 五) 五. or 五 alone, with or without the opening bracket
            options += [r"\(" + re.escape(o) + r"[)、.]?", re.escape(o) + r"[)、.]?"]
        alternatives.append((len(norm), [o + re.escape(norm) for o in options] + [re.escape(norm)]))
    alternatives.sort(key=lambda a: -a[0])
    return re.compile("|".join(v for _, variants in alternatives for v in variants))


LABEL_RE = _label_pattern()


def scan(cell: Cell) -> list[tuple[str, Cell]] | None:
    """Split a cell that holds labels and numbers run together into label and value pieces.

    Returns None when the cell holds no recognisable label followed by numbers.
    """
    text = fold(cell.text)
    if not _HAS_DIGIT.search(text):
        return None
    pieces: list[tuple[str, Cell]] = []
    pos = 0
    found = False
    for m in LABEL_RE.finditer(text):
        between = text[pos : m.start()]
        if pieces:
            pieces.append(("value", Cell(between, cell.line)))
        elif between.strip():
            pieces.append(("text", Cell(between, cell.line)))
        pieces.append(("label", Cell(m.group(0), cell.line)))
        pos = m.end()
        found = True
    if not found:
        # text no label is found in, then a row of numbers: a label printed unlike the template's
        tail = _TRAILING_NUMBERS.search(text)
        if tail is None or not _HAS_CJK.search(text, 0, tail.start()):
            return None
        return [("text", Cell(text[: tail.start()], cell.line)), ("value", Cell(tail.group(0).strip(), cell.line))]
    pieces.append(("value", Cell(text[pos:], cell.line)))
    pieces = _split_values(pieces)
    # a bracketed note left after a label: 部分公开(区分处理的,只计这一情形,不计其他情形)
    pieces = [(k, Cell(_NOTE.sub("", c.text), c.line) if k == "value" else c) for k, c in pieces]
    if not any(k == "value" and _HAS_DIGIT.search(c.text) for k, c in pieces):
        return None
    return pieces


_VALUE_RUN = re.compile(r"^[\s\d.,+\-]*")
_TRAILING_NUMBERS = re.compile(r"(?<![\d.])\s*(?:[-+]?\d+(?:\.\d+)?\s+)+[-+]?\d+(?:\.\d+)?\s*$")


def _split_values(pieces: list[tuple[str, Cell]]) -> list[tuple[str, Cell]]:
    """A value piece holds numbers only: header text after them, or the rest of a label
    before them, is text."""
    out: list[tuple[str, Cell]] = []
    for kind, cell in pieces:
        if kind != "value":
            out.append((kind, cell))
            continue
        run = _VALUE_RUN.match(cell.text).group(0)  # type: ignore[union-attr]
        rest = cell.text[len(run) :]
        remnant = None if run.strip() else _REMNANT.match(cell.text)
        if run.strip() and rest.strip() and not rest.lstrip().startswith("("):
            out.append(("value", Cell(run, cell.line)))
            out.append(("text", Cell(rest, cell.line)))
        elif remnant:  # the rest of a label longer than the template's wording, then the numbers
            out.append(("text", Cell(remnant.group(1), cell.line)))
            out.append(("value", Cell(remnant.group(2), cell.line)))
        else:
            out.append((kind, cell))
    return out


_REMNANT = re.compile(r"^([^\d(]+?)\s*((?:[-+]?\d[\d.,]*\s*)+)$")


def looks_mixed(text: str) -> bool:
    return bool(_HAS_DIGIT.search(text) and _HAS_CJK.search(text))
