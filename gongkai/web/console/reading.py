"""Reading one file of a batch: the one place that says how the console reads.

It runs in a worker of the job queue (a process of its own, stopped after the queue's
timeout, its memory bounded by `gongkai worker`); the readers' own limits on decoded size
and glyphs apply, and a file whose content is not the type its name declares is refused.
"""

from __future__ import annotations

from gongkai import limits
from gongkai.errors import ReadError
from gongkai.readers import MAX_BYTES, read_bytes
from gongkai.record import Report


def read(data: bytes, name: str) -> tuple[Report, dict]:
    """The report a file holds, and where each table row was printed (for messages after a re-check)."""
    if len(data) > MAX_BYTES:
        raise ReadError(f"文件过大（{len(data) / 1048576:.0f} MB，上限 {MAX_BYTES / 1048576:.0f} MB）")
    limits.check_declared(data, name)
    report = read_bytes(data, name)
    return report, dict(report._lines or {})
