"""The record of one annual report: the project's interchange format.

Every reader produces a `Report`, every writer consumes one, the checks run on it and the
database stores it. Counts are ints, money is Decimal, and `None` means unknown (never 0).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from itertools import chain
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from . import template

Severity = Literal["error", "warning", "notice"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "notice": 2}


class Finding(BaseModel):
    """One thing a check or a reader has to say about a report."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    message: str
    where: dict[str, Any] = Field(default_factory=dict)


def place(where: dict[str, Any]) -> str:
    """Where a finding points in the printed report: 第N行 (text) or 第N页 (PDF), or nothing."""
    if where.get("line"):
        return f"第{where['line']}行"
    if where.get("page"):
        return f"第{where['page']}页"
    return ""


class Source(BaseModel):
    path: str | None = None
    format: str | None = None
    sha256: str | None = None


Count = int | None
T2Cell = int | Decimal | None


class Report(BaseModel):
    """One 政府信息公开工作年度报告 as structured data (see docs/report-format.md)."""

    model_config = ConfigDict(extra="forbid")

    agency: str | None = None
    year: int | None = None
    vintage: Literal["2019", "2021"] | None = None
    published: date | None = None
    sections: dict[str, str] = Field(default_factory=dict)
    t2: dict[str, dict[str, T2Cell]] = Field(default_factory=dict)
    t3: dict[str, dict[str, Count]] = Field(default_factory=dict)
    t4: dict[str, dict[str, Count]] = Field(default_factory=dict)
    source: Source | None = None
    notices: list[Finding] = Field(default_factory=list, description="what the reader noticed")

    # where each table row was printed ("t3.total" → line), for messages; not part of the record.
    # A plain default: pydantic inspects a default_factory's signature on every instance.
    _lines: dict[str, int] | None = PrivateAttr(default=None)

    def line_of(self, table: str, row: str) -> int | None:
        return self._lines.get(f"{table}.{row}") if self._lines else None

    @field_validator("t2", mode="before")
    @classmethod
    def _t2_types(cls, value: Any) -> Any:
        """Money cells are Decimal (from a string, never a float); every other cell is an int."""
        if not isinstance(value, dict):
            return value
        out: dict[str, dict[str, Any]] = {}
        for row, cells in value.items():
            if not isinstance(cells, dict):
                return value
            out[row] = {}
            for col, cell in cells.items():
                if cell is None or isinstance(cell, bool):
                    out[row][col] = cell
                elif (row, col) in template.T2_DECIMAL_CELLS:
                    if isinstance(cell, float):
                        raise ValueError(f"t2.{row}.{col}: money must be a decimal string, not a float")
                    out[row][col] = Decimal(str(cell))
                else:
                    out[row][col] = _as_int(cell, f"t2.{row}.{col}")
        return out

    @model_validator(mode="after")
    def _counts_are_ints(self) -> "Report":
        for name in ("t3", "t4"):
            table = getattr(self, name)
            if bool not in set(map(type, chain.from_iterable(map(dict.values, table.values())))):
                continue  # one C-level pass over the cells; the loop below only names the culprit
            for row, cells in table.items():
                for col, cell in cells.items():
                    if isinstance(cell, bool):
                        raise ValueError(f"{name}.{row}.{col}: not a count")
        return self

    # --- views -------------------------------------------------------------------------

    def record(self) -> dict[str, Any]:
        """The JSON-ready record (Decimal as string, date as ISO)."""
        return self.model_dump(mode="json")

    def core(self) -> dict[str, Any]:
        """The record without sections, source and notices: what corpus expectations hold."""
        return self.model_dump(mode="json", exclude={"sections", "source", "notices"})

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.record(), ensure_ascii=False, indent=indent)

    def cells(self):
        """Every table cell as (table, row, column, value), in printed order."""
        for table in ("t2", "t3", "t4"):
            for row, cols in getattr(self, table).items():
                for col, value in cols.items():
                    yield table, row, col, value


def _as_int(cell: Any, where: str) -> int:
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    if isinstance(cell, str) and cell.strip().lstrip("+-").isdigit():
        return int(cell)
    if isinstance(cell, Decimal) and cell == cell.to_integral_value():
        return int(cell)
    raise ValueError(f"{where}: {cell!r} is not a whole number")


LONG_CSV_HEADER = ("file", "agency", "year", "table", "row", "column", "value")


def long_rows(report: Report) -> list[tuple]:
    """The record flattened to one cell a line (the long CSV of report-format.md)."""
    name = report.source.path if report.source and report.source.path else ""
    return [
        (name, report.agency or "", "" if report.year is None else report.year, table, row, col,
         "" if value is None else str(value))
        for table, row, col, value in report.cells()
    ]


def to_long_csv(reports: list[Report], header: bool = True) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if header:
        writer.writerow(LONG_CSV_HEADER)
    for report in reports:
        writer.writerows(long_rows(report))
    return buf.getvalue()


def json_schema() -> dict[str, Any]:
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "gongkai annual report record"
    return schema
