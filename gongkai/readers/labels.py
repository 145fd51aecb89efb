"""Recognising row labels in cells, including labels run together with their numbers."""

from __future__ import annotations

import re

from .. import template
from .grid import Cell

_NON_DIGIT_SPACE = re.compile(r"(?<=[^\d+\-])\s+|\s+(?=[^\d+\-])")
_ANY_SPACE = re.compile(r"\s")  # a plain character class: the engine skips to the first one
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
_HAS_DIGIT = re.compile(r"\d")
_NOTE = re.compile(r"^\([^()\d]*\)")

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
        elif rest.startswith("本年收费金额"):
            return []
        else:
            return []
    return [(t, k, ordinal) for t, k in hits]


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
        return None
    pieces.append(("value", Cell(text[pos:], cell.line)))
    pieces = _split_values(pieces)
    # a bracketed note left after a label: 部分公开(区分处理的,只计这一情形,不计其他情形)
    pieces = [(k, Cell(_NOTE.sub("", c.text), c.line) if k == "value" else c) for k, c in pieces]
    if not any(k == "value" and _HAS_DIGIT.search(c.text) for k, c in pieces):
        return None
    return pieces


_VALUE_RUN = re.compile(r"^[\s\d.,+\-]*")


def _split_values(pieces: list[tuple[str, Cell]]) -> list[tuple[str, Cell]]:
    """A value piece ends where its numbers do: header text that follows is not a value."""
    out: list[tuple[str, Cell]] = []
    for kind, cell in pieces:
        if kind != "value":
            out.append((kind, cell))
            continue
        run = _VALUE_RUN.match(cell.text).group(0)  # type: ignore[union-attr]
        rest = cell.text[len(run) :]
        if run.strip() and rest.strip() and not rest.lstrip().startswith("("):
            out.append(("value", Cell(run, cell.line)))
            out.append(("text", Cell(rest, cell.line)))
        else:
            out.append((kind, cell))
    return out


def looks_mixed(text: str) -> bool:
    return bool(_HAS_DIGIT.search(text) and _HAS_CJK.search(text))
