"""Every arithmetic identity of a report's tables, with whether it holds.

The checks report the identities that fail; a spreadsheet for supervisors shows all of
them, so that a filled-in table can be seen to balance. Both walk the template's one list
(template.IDENTITIES); codes are those of the checks.
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


def identities(report: Report) -> list[Identity]:
    shape = template.t3_shape(report.t3, report.vintage or "2021")
    out = []
    for identity in template.identities(shape):
        left, right = (
            template.side_sum(terms, [report.value(t.table, t.row, t.column) for t in terms])
            for terms in (identity.left, identity.right)
        )
        out.append(Identity(identity.code, identity.text, left, right))  # type: ignore[arg-type]
    return out
