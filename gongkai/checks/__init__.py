"""The checks: small named rules, each with a stable code, a severity and a Chinese message.

`check(report, previous)` runs every rule and returns the reader's notices followed by the
findings, most severe first. The list of codes with their meaning is `RULES` (and
docs/checks.md); a code never changes meaning once published.
"""

from __future__ import annotations

from ..record import SEVERITY_ORDER, Finding, Report
from .registry import RULES, Context, rule  # noqa: F401  (re-exported)
from . import arithmetic, continuity, fees, narrative, plausibility, structure, timeliness, values  # noqa: F401,E402


def check(report: Report, previous: Report | None = None) -> list[Finding]:
    """Every finding about `report`; `previous` is the same agency's report of the year before."""
    ctx = Context(report, previous)
    findings: list[Finding] = list(report.notices)
    for r in RULES.values():
        if r.func is None or r.needs_previous and previous is None:
            continue
        findings.extend(r.func(ctx))
    findings.sort(key=lambda f: SEVERITY_ORDER[f.severity])
    return findings


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)
