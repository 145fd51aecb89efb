"""XLSX: a workbook gongkai wrote is read from the record it carries; any other workbook's
sheets are read like a document, one spreadsheet row a row of cells."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

from ..errors import ReadError
from ..record import Report
from ..writers.xlsx import DATA_HEADER, DATA_SHEET, INFO_HEADER, INFO_SHEET
from .grid import Cell, Document

MAX_UNPACKED = 200 * 1024 * 1024


def read_xlsx(data: bytes) -> Report:
    from openpyxl import load_workbook

    _refuse_bombs(data)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken package
        raise ReadError(f"XLSX 文件损坏或不是 Excel 工作簿（{type(exc).__name__}）") from None
    try:
        if _has(wb, INFO_SHEET, INFO_HEADER) and _has(wb, DATA_SHEET, DATA_HEADER):
            return _record(wb)
        from .assemble import assemble

        return assemble(_document(wb))
    finally:
        wb.close()


def _refuse_bombs(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            size = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError):
        raise ReadError("XLSX 文件损坏或不完整（不是有效的 zip 包）") from None
    if size > MAX_UNPACKED:
        raise ReadError(f"XLSX 解压后过大（{size / 1048576:.0f} MB），疑似压缩炸弹，拒绝读取")


def _has(wb, sheet: str, header: tuple[str, ...]) -> bool:
    if sheet not in wb.sheetnames:
        return False
    first = next(wb[sheet].iter_rows(min_row=1, max_row=1, values_only=True), ())
    return tuple(first[: len(header)]) == header


def _record(wb) -> Report:
    fields: dict = {"sections": {}, "t2": {}, "t3": {}, "t4": {}}
    for n, (key, _label, value, *_rest) in enumerate(wb[INFO_SHEET].iter_rows(min_row=2, values_only=True), 2):
        if not key:
            continue
        if key.startswith("sections."):
            fields["sections"][key[len("sections."):]] = "" if value is None else str(value)
        elif key == "published":
            fields["published"] = _date(value, n)
        elif key in ("agency", "vintage"):
            fields[key] = None if value is None else str(value)
        elif key == "year":
            fields["year"] = value
    for n, row in enumerate(wb[DATA_SHEET].iter_rows(min_row=2, values_only=True), 2):
        _agency, _year, table, key, column, _label, value, *_rest = (*row, *([None] * 9))[:9]
        if table not in ("t2", "t3", "t4") or not key or not column:
            continue
        if isinstance(value, float):
            value = Decimal(repr(value))
        elif value is not None and not isinstance(value, int):
            raise ReadError(f"{DATA_SHEET}工作表第 {n} 行：数值“{value}”不是数字")
        fields[table].setdefault(key, {})[column] = value
    from pydantic import ValidationError

    try:
        return Report(**fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ReadError(f"工作簿中的报告记录有误：{first.get('msg', '')}") from None


def _date(value, n: int) -> date | None:
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ReadError(f"{INFO_SHEET}工作表第 {n} 行：成文日期“{value}”不是日期") from None


def _document(wb) -> Document:
    rows = []
    for ws in wb.worksheets:
        for n, row in enumerate(ws.iter_rows(values_only=True), 1):
            cells = [Cell(_cell_text(v), n) for v in row if v is not None and str(v).strip()]
            if cells:
                rows.append(cells)
    return Document(rows, "xlsx")


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()
