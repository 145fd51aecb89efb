"""Reading one file of a batch: the one place to change how the console reads (bounds, a worker process)."""

from __future__ import annotations

from gongkai.errors import ReadError
from gongkai.readers import MAX_BYTES, read_bytes
from gongkai.record import Report


def read(data: bytes, name: str) -> tuple[Report, dict]:
    """The report a file holds, and where each table row was printed (for messages after a re-check)."""
    if len(data) > MAX_BYTES:
        raise ReadError(f"文件过大（{len(data) / 1048576:.0f} MB，上限 {MAX_BYTES / 1048576:.0f} MB）")
    report = read_bytes(data, name)
    return report, dict(report._lines or {})
