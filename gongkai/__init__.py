"""gongkai: read, check, keep and write China's government information disclosure annual reports."""

from . import compiled as _compiled

_compiled.use_sources_if_asked()  # GONGKAI_PURE_PYTHON: before any compiled module is imported

from .errors import GongkaiError, ReadError  # noqa: E402
from .record import Finding, Report  # noqa: E402

__version__ = "0.1.0"
__all__ = ["read", "check", "render", "Report", "Finding", "ReadError", "GongkaiError"]


def read(path) -> Report:
    """Read a published annual report (text, Markdown, HTML, DOCX, PDF or JSON record)."""
    from .readers import read as _read

    return _read(path)


def check(report: Report, previous: Report | None = None) -> list[Finding]:
    """Every finding about a report, optionally against the agency's previous year."""
    from .checks import check as _check

    return _check(report, previous)


def render(report: Report, fmt: str) -> bytes:
    """The report in its statutory layout as a docx, html, md or xlsx file."""
    from .writers import render as _render

    return _render(report, fmt)
