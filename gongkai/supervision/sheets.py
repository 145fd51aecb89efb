"""Tables out: XLSX (one sheet per table, header bold and frozen) and CSV (UTF-8 with a BOM, as Excel opens it)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Text that a spreadsheet would take for a formula (an agency's name typed as "=…"): kept as text.
FORMULA_START = ("=", "+", "-", "@")


@dataclass
class Sheet:
    title: str
    header: list[str]
    rows: list[list]


def _plain(value):
    if isinstance(value, str):
        return _INVALID.sub("", value)
    if isinstance(value, Decimal):
        return value  # openpyxl writes a Decimal as a number
    return value


def _text_cell(ws, value: str):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=_plain(value))
    cell.data_type = "s"
    return cell


def xlsx(sheets: list[Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    for sheet in sheets:
        ws = book.create_sheet(sheet.title[:31])
        ws.freeze_panes = "A2"
        bold = Font(bold=True)
        header = []
        for text in sheet.header:
            cell = WriteOnlyCell(ws, value=text)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for row in sheet.rows:
            ws.append([_text_cell(ws, v) if isinstance(v, str) and v.startswith(FORMULA_START) else _plain(v)
                       for v in row])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _csv(value):
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value  # Excel shows it as text, never runs it
    return value


def csv_bytes(sheet: Sheet) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(sheet.header)
    for row in sheet.rows:
        writer.writerow([_csv(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
