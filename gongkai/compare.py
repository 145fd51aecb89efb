"""Two records of one report, compared cell by cell and section by section.

An approved report is frozen; when the register changes afterwards, the office needs to
see exactly which printed cells would now read differently, named as the report prints
them ("表三 （三）不予公开 3.危及“三安全一稳定” · 自然人: 1 → 2"), and which sections' text
changed. Cells are compared in their JSON form, so a money cell is compared as its decimal
string and an unknown cell (None) differs from 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import template
from .record import Report


@dataclass(frozen=True)
class Difference:
    table: str  # "t2", "t3", "t4", "sections" or "published"
    row: str
    column: str
    label: str  # as printed: the table, the row and the column
    before: Any
    after: Any


def differences(before: Report, after: Report) -> list[Difference]:
    """What reads differently in `after` than in `before`, in printed order."""
    old, new = before.record(), after.record()
    vintage = after.vintage or before.vintage or "2021"
    out = []
    for row, cols in template.t2_rows(vintage):
        for col in cols:
            out += _cell(old, new, "t2", row.key, col.key, f"表二 {row.label} · {col.label}")
    for row in template.t3_rows(vintage):
        group = f"{row.group} " if row.group else ""
        for col in template.T3_COLUMNS:
            out += _cell(old, new, "t3", row.key, col.key, f"表三 {group}{row.printed} · {col.label}")
    for group in template.T4_GROUPS:
        for col in template.T4_COLUMNS:
            out += _cell(old, new, "t4", group.key, col.key, f"表四 {group.label} · {col.label}")
    for section in template.SECTIONS:
        a, b = old["sections"].get(section.key), new["sections"].get(section.key)
        if a != b:
            out.append(Difference("sections", section.key, "", f"正文 {section.printed}", a, b))
    if old["published"] != new["published"]:
        out.append(Difference("published", "", "", "发布日期", old["published"], new["published"]))
    return out


def _cell(old: dict, new: dict, table: str, row: str, col: str, label: str) -> list[Difference]:
    a = (old[table].get(row) or {}).get(col)
    b = (new[table].get(row) or {}).get(col)
    return [] if a == b else [Difference(table, row, col, label, a, b)]
