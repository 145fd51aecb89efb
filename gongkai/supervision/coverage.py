"""Coverage: for each agency and year, whether the report was published, and on time (条例第四十九条).

A report not published by its deadline is missing; before the deadline it is not due yet.
A published report is on time, late (by so many days) or undated (the date could not be
read: it is never counted as on time).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .agencies import publication_deadline

MISSING, NOT_DUE, ON_TIME, LATE, UNDATED = "missing", "not_due", "on_time", "late", "undated"
STATUS_LABELS = {MISSING: "未发布", NOT_DUE: "未到期", ON_TIME: "按时发布", LATE: "逾期发布", UNDATED: "未注明日期"}


@dataclass(frozen=True)
class Cell:
    year: int
    status: str
    deadline: date
    published: date | None = None
    report_id: int | None = None
    errors: int = 0
    warnings: int = 0

    @property
    def late_days(self) -> int:
        return (self.published - self.deadline).days if self.status == LATE and self.published else 0

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def is_published(self) -> bool:
        return self.report_id is not None

    @property
    def on_time(self) -> int | None:
        """1 on time, 0 not (late, undated or missing after the deadline), None not due yet."""
        if self.status == NOT_DUE:
            return None
        return 1 if self.status == ON_TIME else 0


def cell(kind: str | None, name: str, year: int, today: date, report_id: int | None = None,
         published: date | None = None, errors: int = 0, warnings: int = 0) -> Cell:
    """The cell of one agency-year; `report_id` None when no report is stored."""
    deadline, _ = publication_deadline(kind, name, year)
    if report_id is None:
        return Cell(year, MISSING if today > deadline else NOT_DUE, deadline)
    if published is None:
        status = UNDATED
    else:
        status = LATE if published > deadline else ON_TIME
    return Cell(year, status, deadline, published, report_id, errors, warnings)
