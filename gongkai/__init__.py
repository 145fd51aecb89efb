"""gongkai: read, check, keep and write China's government information disclosure annual reports."""

from . import compiled as _compiled

_compiled.use_sources_if_asked()  # GONGKAI_PURE_PYTHON: before any compiled module is imported

from .errors import GongkaiError, ReadError  # noqa: E402
from .record import Finding, Report  # noqa: E402

__version__ = "0.1.0"
__all__ = ["read", "check", "render", "Report", "Finding", "ReadError", "GongkaiError"]


def read(source, name: str | None = None) -> Report:
    """Read a published annual report (text, Markdown, HTML, DOCX, PDF or JSON record).

    `source` is a path, the file's bytes, or a binary file object (`open(path, "rb")`, an
    upload); `name` names the file in messages and tells text formats apart by its suffix.
    """
    from .readers import read as _read

    return _read(source, name)


def check(report: Report, previous: Report | None = None) -> list[Finding]:
    """Every finding about a report, optionally against the agency's previous year."""
    from .checks import check as _check

    return _check(report, previous)


def render(report: Report, fmt: str) -> bytes:
    """The report as a file: docx, html, md or xlsx in its statutory layout, or its json record."""
    from .writers import render as _render

    return _render(report, fmt)
