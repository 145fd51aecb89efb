"""A workbook for supervisors: the three tables in their official layout, the record in
long form (one cell a row, for pivoting) and every identity with whether it holds.

The sheet 报告 and the long sheet 数据 carry the whole record, so gongkai reads the
workbook back exactly. Counts are integers, the fee amount a decimal in 万元; an unknown
cell is left empty and its row in 数据 says null.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from .. import template
from ..record import Report
from . import layout as L
from . import ooxml as X
from .identities import identities

INFO_SHEET = "报告"
DATA_SHEET = "数据"
CHECK_SHEET = "勾稽关系"
INFO_HEADER = ("键", "项目", "内容")
DATA_HEADER = ("机关", "年度", "表", "行", "列", "项目", "数值", "单位", "说明")
UNKNOWN_NOTE = "null（不详）"
MONEY_FORMAT = '0.0000"万元"'
MONEY_UNITS = {("fees", "amount"): "万元"}

_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD = Font(name="黑体", size=10)
_BODY = Font(name="仿宋", size=10)
_HEAD_FILL = PatternFill("solid", fgColor="F2F2F2")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_TABLE_WIDTHS = {"t2": [26, 16, 16, 16], "t3": [5, 8, 28] + [9] * 7, "t4": [8] * 15}
_TABLE_SHEETS = {"t2": "表二", "t3": "表三", "t4": "表四"}


def render_xlsx(report: Report) -> bytes:
    wb = Workbook()
    _info(wb.active, report)
    for table in (b for b in L.blocks(report) if isinstance(b, L.Table)):
        _layout(wb.create_sheet(_TABLE_SHEETS[table.key]), table, report)
    _data(wb.create_sheet(DATA_SHEET), report)
    _checks(wb.create_sheet(CHECK_SHEET), report)
    wb.properties.title = L.title(report)
    wb.properties.creator = report.agency or ""
    buf = io.BytesIO()
    wb.save(buf)
    return X.repackaged(buf.getvalue())


def _text(cell: XCell, text: str | None) -> None:
    """Text stays text, even when it starts with '=' (never a formula)."""
    cell.value = None if text is None else _INVALID.sub("", text)
    if text:
        cell.data_type = "s"


def _header(ws, labels) -> None:
    ws.append(list(labels))
    for cell in ws[1]:
        cell.font, cell.fill, cell.border = _HEAD, _HEAD_FILL, _BORDER
    ws.freeze_panes = "A2"


def _info(ws, report: Report) -> None:
    ws.title = INFO_SHEET
    _header(ws, INFO_HEADER)
    rows = [
        ("title", "标题", L.title(report)),
        ("agency", "机关", report.agency),
        ("year", "年度", report.year),
        ("vintage", "格式", report.vintage),
        ("published", "成文日期", report.published),
    ]
    headings = {s.key: s.printed for s in template.SECTIONS}
    order = [k for k in template.SECTION_KEYS if k in report.sections]
    order += [k for k in report.sections if k not in order]
    rows += [(f"sections.{k}", headings.get(k, k), report.sections[k]) for k in order]
    for n, (key, label, value) in enumerate(rows, 2):
        ws.cell(n, 1, key)
        ws.cell(n, 2, label)
        cell = ws.cell(n, 3)
        if isinstance(value, str) or value is None:
            _text(cell, value)
        else:
            cell.value = value
            if key == "published":
                cell.number_format = "yyyy-mm-dd"
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 30
    ws.column_dimensions["C"].width = 100


def _typed(value):
    """A record value as a spreadsheet number: ints stay ints, money a decimal number."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and abs(value) < 2**53 else float(value)
    return value


def _layout(ws, table: L.Table, report: Report) -> None:
    for n, width in enumerate(_TABLE_WIDTHS[table.key], 1):
        ws.column_dimensions[get_column_letter(n)].width = width
    for r, row in enumerate(L.grid(table), 1):
        col = 1
        for cell, continues in row:
            if not continues:
                target = ws.cell(r, col)
                if cell.key is None:
                    _text(target, cell.text)
                    target.font = _HEAD if cell.scope in ("col", "colgroup", "") else _BODY
                    target.alignment = _LEFT if cell.scope == "row" else _CENTER
                else:
                    target.value = _typed(L.value(report, cell.key))
                    target.font, target.alignment = _BODY, _CENTER
                    if cell.key[1:] in MONEY_UNITS:
                        target.number_format = MONEY_FORMAT
                if cell.rows > 1 or cell.cols > 1:
                    ws.merge_cells(start_row=r, start_column=col, end_row=r + cell.rows - 1,
                                   end_column=col + cell.cols - 1)
            for c in range(col, col + cell.cols):
                ws.cell(r, c).border = _BORDER
            col += cell.cols
    if table.header_rows:
        ws.freeze_panes = ws.cell(table.header_rows + 1, 1)


def _label(table: str, row: str, col: str) -> str:
    if table == "t2":
        return template.t2_label(row, col)
    if table == "t3":
        return f"{template.t3_label(row).printed}（{template.t3_column_label(col)}）"
    return template.t4_label(row, col)


def _unit(table: str, row: str, col: str) -> str:
    if table == "t2" and (row, col) in template.T2_DECIMAL_CELLS:
        return MONEY_UNITS.get((row, col), "")  # the 2019 procurement amount states no unit
    return "项" if col in ("prev_items", "change", "items") else "件"


def _data(ws, report: Report) -> None:
    _header(ws, DATA_HEADER)
    for table, row, col, value in report.cells():
        ws.append([
            report.agency, report.year, table, row, col, _label(table, row, col),
            _typed(value), _unit(table, row, col), UNKNOWN_NOTE if value is None else None,
        ])
        if (row, col) in MONEY_UNITS and value is not None:
            ws.cell(ws.max_row, 7).number_format = "0.0000"
    for letter, width in zip("ABCDEFGHI", (30, 8, 6, 26, 16, 60, 12, 6, 14)):
        ws.column_dimensions[letter].width = width
    ws.auto_filter.ref = ws.dimensions


def _checks(ws, report: Report) -> None:
    _header(ws, ("代码", "勾稽关系", "左边", "右边", "是否成立"))
    verdict = {True: "成立", False: "不成立", None: "无法判断（有不详单元格）"}
    bad = PatternFill("solid", fgColor="F8CBAD")
    for item in identities(report):
        ws.append([item.code, item.text, item.left, item.right, verdict[item.holds]])
        if item.holds is False:
            ws.cell(ws.max_row, 5).fill = bad
    for letter, width in zip("ABCDE", (18, 60, 8, 8, 26)):
        ws.column_dimensions[letter].width = width
