"""One agency's report against its report of the year before: every table cell, and each text section.

Tables are compared cell by cell on the template's rows (a row only one year printed shows
as missing in the other). Text sections are compared sentence by sentence; section 五
copied from last year is a known defect (年年雷同), so its similarity is given with the
checks' own measure and threshold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .. import template
from ..checks.continuity import SIMILAR
from ..record import Report


@dataclass(frozen=True)
class Cell:
    before: object
    after: object

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def delta(self):
        if isinstance(self.before, (int, float)) and isinstance(self.after, (int, float)) \
                and not isinstance(self.before, bool) and not isinstance(self.after, bool):
            return self.after - self.before
        return None


@dataclass
class Row:
    key: str
    label: str
    cells: list[Cell]
    group: str = ""

    @property
    def changed(self) -> bool:
        return any(c.changed for c in self.cells)


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[Row]

    @property
    def changed_cells(self) -> int:
        return sum(c.changed for r in self.rows for c in r.cells)


@dataclass(frozen=True)
class Piece:
    tag: str  # equal, insert (only this year), delete (only last year), replace
    before: str
    after: str


@dataclass
class Section:
    key: str
    heading: str
    similarity: float | None  # None when either year has no text
    pieces: list[Piece] = field(default_factory=list)

    @property
    def repeated(self) -> bool:
        return self.similarity is not None and self.similarity >= SIMILAR


@dataclass
class Comparison:
    year: int | None
    previous_year: int | None
    tables: list[Table]
    sections: list[Section]

    @property
    def changed_cells(self) -> int:
        return sum(t.changed_cells for t in self.tables)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


def compare(report: Report, previous: Report) -> Comparison:
    return Comparison(report.year, previous.year, [_t2(report, previous), _t3(report, previous), _t4(report, previous)],
                      [_section(s, report, previous) for s in template.SECTIONS if s.key in template.NARRATIVE_SECTIONS])


def _get(report: Report, table: str, row: str, col: str):
    return (getattr(report, table).get(row) or {}).get(col)


def _t2(report: Report, previous: Report) -> Table:
    rows = []
    vintage = report.vintage or "2021"
    for row, cols in template.t2_rows(vintage):
        for col in cols:
            rows.append(Row(f"{row.key}.{col.key}", template.t2_label(row.key, col.key),
                            [Cell(_get(previous, "t2", row.key, col.key), _get(report, "t2", row.key, col.key))]))
    return Table("t2", "二、主动公开政府信息情况", ["数值"], rows)


def _t3(report: Report, previous: Report) -> Table:
    keys = list(dict.fromkeys([*report.t3.keys(), *previous.t3.keys()]))
    order = {r.key: i for v in template.VINTAGES for i, r in enumerate(template.t3_rows(v))}
    keys.sort(key=lambda k: order.get(k, 99))
    rows = [Row(k, template.t3_label(k).printed,
                [Cell(_get(previous, "t3", k, c), _get(report, "t3", k, c)) for c in template.T3_COLUMN_KEYS],
                template.t3_label(k).group) for k in keys]
    return Table("t3", "三、收到和处理政府信息公开申请情况", [c.label for c in template.T3_COLUMNS], rows)


def _t4(report: Report, previous: Report) -> Table:
    rows = [Row(g.key, g.label, [Cell(_get(previous, "t4", g.key, c), _get(report, "t4", g.key, c))
                                 for c in template.T4_COLUMN_KEYS]) for g in template.T4_GROUPS]
    return Table("t4", "四、政府信息公开行政复议、行政诉讼情况", [c.label for c in template.T4_COLUMNS], rows)


def exact_similarity(a: str, b: str) -> float:
    """The checks' measure of repeated text (normalised characters), computed in full for display."""
    return SequenceMatcher(None, template.normalize(a), template.normalize(b), autojunk=False).ratio()


_SENTENCE = re.compile(r"[^。；！？!?\n]+[。；！？!?]?")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text or "") if s.strip()]


def _section(section: template.Section, report: Report, previous: Report) -> Section:
    now, before = report.sections.get(section.key, ""), previous.sections.get(section.key, "")
    ratio = round(exact_similarity(now, before), 3) if now.strip() and before.strip() else None
    a, b = sentences(before), sentences(now)
    pieces = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        pieces.append(Piece(tag, "".join(a[i1:i2]), "".join(b[j1:j2])))
    return Section(section.key, section.printed, ratio, pieces)
