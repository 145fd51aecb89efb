"""Records as data rather than as the printed report: one JSON record, or many in one output.

`render_json` writes one record (a download, `gongkai render --to json`); the streams write
the records of many reports as `gongkai extract` reads them: a JSON array, JSON Lines, or
the long CSV of report-format.md. Each record is serialised on its own (in a worker
process), and the stream puts the separators around them.
"""

from __future__ import annotations

from ..record import LONG_CSV_HEADER, Report, to_long_csv


def render_json(report: Report) -> bytes:
    return (report.to_json() + "\n").encode("utf-8")


class Stream:
    """Records one after another: nothing around or between them unless a format says so."""

    def head(self) -> str:
        return ""

    def item(self, report: Report) -> str:
        raise NotImplementedError

    def before(self, index: int) -> str:
        return ""

    def tail(self, count: int) -> str:
        return ""


class JsonArray(Stream):
    """A JSON array of records, one indented record after another (what `gongkai render` reads back)."""

    def head(self) -> str:
        return "["

    def item(self, report: Report) -> str:
        return report.to_json(indent=1)

    def before(self, index: int) -> str:
        return ",\n" if index else "\n"

    def tail(self, count: int) -> str:
        return "\n]\n" if count else "]\n"


class JsonLines(Stream):
    """One record a line."""

    def item(self, report: Report) -> str:
        return report.to_json(indent=None) + "\n"


class LongCsv(Stream):
    """One table cell a line, under one header."""

    def head(self) -> str:
        return ",".join(LONG_CSV_HEADER) + "\n"

    def item(self, report: Report) -> str:
        return to_long_csv([report], header=False)
