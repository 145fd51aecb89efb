"""How a rule is declared: `@rule(code, severity, summary)` on a function yielding findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from .. import template
from ..record import Finding, Report, Severity


@dataclass
class Context:
    report: Report
    previous: Report | None = None
    _blanks: set | None = field(default=None, repr=False)  # the report's blank cells, once asked

    def quoted(self, table: str, rows, column: str, value) -> str:
        """Cells as a message quotes them: "为N件", or "总计列空白" when all were printed blank
        (read as 0 by the template's convention, but blank is what the report shows)."""
        if self._blanks is None:
            self._blanks = self.report.blank_cells()
        keys = [rows] if isinstance(rows, str) else list(rows)
        if keys and all((table, row, column) in self._blanks for row in keys):
            label = template.t3_column_label(column) if table == "t3" else next(c.label for c in template.T4_COLUMNS if c.key == column)
            return f"{label}列空白"
        return f"为{value}件"

    def finding(self, code: str, message: str, **where) -> Finding:
        rule_ = RULES[code]
        if "row" in where and "line" not in where and "table" in where:
            line = self.report.line_of(where["table"], where["row"])
            if line and line > 0:
                where["line"] = line
            elif line:
                where["page"] = -line  # PDF rows are located by page
        return Finding(code=code, severity=rule_.severity, message=message, where=where)


@dataclass
class Rule:
    code: str
    severity: Severity
    summary: str
    func: Callable[[Context], Iterable[Finding]] | None  # None: reported by another rule's function
    needs_previous: bool = False


RULES: dict[str, Rule] = {}


def rule(code: str, severity: Severity, summary: str, needs_previous: bool = False):
    """Register a check; the function yields findings through `ctx.finding(code, …)`."""

    def wrap(func):
        RULES[code] = Rule(code, severity, summary, func, needs_previous)
        return func

    return wrap


def known_sum(values: Iterable[int | None]) -> int | None:
    """The sum of counts, or None when any of them is unknown."""
    total = 0
    for v in values:
        if v is None:
            return None
        total += v
    return total


def declare(code: str, severity: Severity, summary: str) -> None:
    """A code emitted by a rule that reports under several codes."""
    RULES.setdefault(code, Rule(code, severity, summary, None, False))
