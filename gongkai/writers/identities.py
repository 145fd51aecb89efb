"""Every arithmetic identity of a report's tables, with whether it holds.

The checks report the identities that fail; a spreadsheet for supervisors shows all of
them, so that a filled-in table can be seen to balance. Codes are those of the checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import template
from ..record import Report


@dataclass(frozen=True, slots=True)
class Identity:
    code: str
    text: str  # the identity in words, for people
    left: int | None
    right: int | None

    @property
    def holds(self) -> bool | None:
        """True or False; None when a cell it needs is unknown."""
        if self.left is None or self.right is None:
            return None
        return self.left == self.right


def _sum(values) -> int | None:
    values = list(values)
    return None if any(v is None for v in values) else sum(values)


def identities(report: Report) -> list[Identity]:
    t3 = report.t3

    def cell(row: str, col: str):
        return t3.get(row, {}).get(col)

    out: list[Identity] = []
    outcomes = [k for k in t3 if k not in template.T3_NON_OUTCOME]
    for col in template.T3_COLUMNS:
        c = col.key
        out.append(
            Identity(
                "T3_BALANCE",
                f"表三{col.label}列：一＋二＝（七）总计＋四",
                _sum([cell("new", c), cell("carried_over", c)]),
                _sum([cell("total", c), cell("carry_forward", c)]),
            )
        )
        out.append(
            Identity(
                "T3_OUTCOME_SUM",
                f"表三{col.label}列：（一）至（六）各项之和＝（七）总计",
                _sum(cell(k, c) for k in outcomes),
                cell("total", c),
            )
        )
    for row in t3:
        label = template.t3_label(row).printed
        out.append(
            Identity(
                "T3_ROW_TOTAL",
                f"表三“{label}”行：自然人＋五类法人或其他组织＝总计",
                _sum(cell(row, c) for c in template.T3_APPLICANT_COLUMNS),
                cell(row, "total"),
            )
        )
    for group in template.T4_GROUPS:
        cells = report.t4.get(group.key, {})
        out.append(
            Identity(
                "T4_GROUP_TOTAL",
                f"表四{group.label}：结果维持＋结果纠正＋其他结果＋尚未审结＝总计",
                _sum(cells.get(c) for c in template.T4_PARTS),
                cells.get("total"),
            )
        )
    return out
