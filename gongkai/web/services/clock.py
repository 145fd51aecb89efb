"""The register's today, which a demo build or a test can fix without touching the system clock.

Every rule that asks "is this date in the future?" or "is this request overdue?" asks
`today()`. `fixed(day)` sets it for the whole process (the live server of a browser test runs
in a thread of the test's process) until the block ends.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

from django.utils import timezone

_fixed: list[date] = []


def today() -> date:
    return _fixed[-1] if _fixed else timezone.localdate()


@contextmanager
def fixed(day: date):
    """Make `day` the register's today inside the block."""
    _fixed.append(day)
    try:
        yield day
    finally:
        _fixed.pop()
