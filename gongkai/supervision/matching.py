"""Which agency of the tree published a report, and how sure that is.

Reports print their agency's name in many forms: with or without the names of the places
above it (北京市西城区什刹海街道 for 什刹海街道办事处 under 西城区人民政府 under 北京市人民政府),
政府 for 人民政府, without 办事处. Each agency is known by its name and by its name behind
the place names of its ancestors; a printed name that folds to exactly one of those forms is
certain. A name that only ends like one, or is close to one, is a guess a person confirms.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from .. import template

CERTAIN, PROBABLE, NONE = "certain", "probable", "none"
_PLACE_SUFFIX = re.compile(r"(?:人民政府|政府|办事处)$")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
MIN_SUFFIX = 4  # a shorter tail (教育局) says too little to name one agency


def fold(name: str) -> str:
    """One comparable form of an agency's name: half-width, no spaces, 政府 for 人民政府, no trailing 办事处."""
    text = template.normalize(name).replace("人民政府", "政府")
    text = re.sub(r"[()（）·,，、]", "", text)
    return text[:-3] if text.endswith("办事处") else text


def place(name: str) -> str:
    """The place a government's name stands for (北京市人民政府 → 北京市): what a child's name may be prefixed with."""
    return _PLACE_SUFFIX.sub("", template.normalize(name))


@dataclass(frozen=True)
class Node:
    id: int
    name: str
    parent_id: int | None


@dataclass
class Match:
    agency_id: int | None
    certainty: str  # certain, probable or none
    how: str  # what the match rests on, for the person who confirms it
    candidates: list[int] = field(default_factory=list)


class AgencyIndex:
    """Every agency of a tree under each form of its name."""

    def __init__(self, nodes: list[Node]):
        self.nodes = {n.id: n for n in nodes}
        self.forms: dict[str, set[int]] = {}
        for node in nodes:
            for form in self._forms(node):
                self.forms.setdefault(form, set()).add(node.id)
        self._names = sorted(self.forms)

    def _forms(self, node: Node) -> set[str]:
        chain, seen, cur = [], set(), self.nodes.get(node.parent_id) if node.parent_id else None
        while cur is not None and cur.id not in seen:
            seen.add(cur.id)
            chain.append(cur)
            cur = self.nodes.get(cur.parent_id) if cur.parent_id else None
        own = fold(node.name)
        forms, prefixes = {own}, [""]
        for ancestor in chain:  # nearest first: 西城区 + 什刹海街道, then 北京市 + 西城区 + 什刹海街道
            written = {fold(place(ancestor.name)), fold(ancestor.name)}  # 朝阳区 or 朝阳区人民政府
            if any(own.startswith(w) for w in written):
                continue  # the name already carries this place
            prefixes = [w + p for p in prefixes for w in written]
            forms.update(p + own for p in prefixes)
        return forms

    def match(self, printed: str | None) -> Match:
        """The agency a printed name stands for."""
        if not printed or not printed.strip():
            return Match(None, NONE, "报告中没有署名机关")
        key = fold(printed)
        exact = self.forms.get(key, set())
        if len(exact) == 1:
            return Match(next(iter(exact)), CERTAIN, f"报告署名“{printed}”与机关名称一致")
        if len(exact) > 1:
            return Match(None, PROBABLE, f"报告署名“{printed}”与多个机关同名", sorted(exact))
        tails = {i for form, ids in self.forms.items() if len(form) >= MIN_SUFFIX
                 and (key.endswith(form) or form.endswith(key) and len(key) >= MIN_SUFFIX) for i in ids}
        if len(tails) == 1:
            return Match(next(iter(tails)), PROBABLE, f"报告署名“{printed}”与机关名称部分一致", sorted(tails))
        close = difflib.get_close_matches(key, self._names, n=5, cutoff=0.8)
        near = sorted({i for form in close for i in self.forms[form]} | tails)
        if near:
            return Match(near[0] if len(near) == 1 else None, PROBABLE, f"报告署名“{printed}”与机关名称相近", near)
        return Match(None, NONE, f"报告署名“{printed}”不在机关表中")

    def match_filename(self, filename: str) -> Match:
        """The agency a file's name holds in full (the longest such name, when only one agency has it)."""
        stem = fold(PurePath(filename).stem)
        found: dict[int, int] = {}
        for form, ids in self.forms.items():
            if len(form) >= MIN_SUFFIX and form in stem:
                for i in ids:
                    found[i] = max(found.get(i, 0), len(form))
        if not found:
            return Match(None, NONE, f"文件名“{filename}”中没有机关名称")
        longest = max(found.values())
        best = sorted(i for i, n in found.items() if n == longest)
        if len(best) == 1:
            return Match(best[0], CERTAIN, f"文件名“{filename}”含机关名称")
        return Match(None, PROBABLE, f"文件名“{filename}”含多个机关的名称", best)


def decide(index: AgencyIndex, printed: str | None, filename: str) -> Match:
    """The text's name first; the file's name when the text names no agency or names one not in the tree."""
    by_text = index.match(printed)
    if by_text.certainty == CERTAIN:
        return by_text
    by_file = index.match_filename(filename)
    if by_file.certainty == CERTAIN:
        if by_text.certainty == NONE and not (printed or "").strip():
            return by_file
        suggestions = [by_file.agency_id] + [c for c in by_text.candidates if c != by_file.agency_id]
        return Match(by_file.agency_id, PROBABLE, f"{by_text.how}；{by_file.how}", suggestions)
    if by_text.certainty == PROBABLE:
        return by_text
    if by_file.candidates:
        return Match(None, PROBABLE, f"{by_text.how}；{by_file.how}", by_file.candidates)
    return by_text


def year_from_filename(filename: str) -> int | None:
    """The one report year a file's name holds (2019–2099), or None when it holds none or several."""
    years = {int(y) for y in _YEAR.findall(PurePath(filename).name)}
    return years.pop() if len(years) == 1 else None
