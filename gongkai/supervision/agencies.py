"""Agencies as a tree: their kinds, each kind's publication deadline, and the tree as a spreadsheet.

A spreadsheet (XLSX or CSV) lists one agency a row: 名称, 上级机关, 类型, 区划代码. Parents
may come before or after their children, or already be known (`known`); every problem is
reported with its row, never half-applied.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date

from ..errors import GongkaiError


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    government: bool  # a people's government of county level or above: its report is due 31 March
    aliases: tuple[str, ...] = ()


KINDS = (
    Kind("province", "省级人民政府", True, ("省", "省级", "省级政府", "自治区", "直辖市")),
    Kind("city", "市级人民政府", True, ("市", "市级", "地市", "地级市", "设区的市", "市级政府", "州", "盟")),
    Kind("county", "县级人民政府", True, ("县", "区", "县区", "县级", "县（区）", "县级市", "区县", "县级政府", "旗")),
    Kind("township", "乡镇人民政府、街道办事处", False, ("乡镇", "乡", "镇", "街道", "乡镇街道", "乡镇（街道）", "街道办事处")),
    Kind("department", "政府部门", False, ("部门", "政府部门", "工作部门", "单位", "机构")),
)
KIND_BY_KEY = {k.key: k for k in KINDS}
KIND_CHOICES = [(k.key, k.label) for k in KINDS]


def kind_of(text: str) -> str | None:
    """The kind a spreadsheet cell names (key, label or a common short form), or None."""
    value = re.sub(r"\s+", "", text or "").replace("(", "（").replace(")", "）")
    for kind in KINDS:
        if value.lower() == kind.key or value in (kind.label, *kind.aliases):
            return kind.key
    return None


def publication_deadline(kind: str | None, name: str | None, year: int) -> tuple[date, str]:
    """The date a report for `year` is due (条例第四十九条), and the rule applied.

    A known kind decides; without one the agency's name is read as the checks read it.
    """
    known = KIND_BY_KEY.get(kind or "")
    if known is None:
        from ..checks.timeliness import deadline_for

        return deadline_for(name, year)
    if known.government:
        return date(year + 1, 3, 31), f"{known.label}，应于次年3月31日前公布"
    return date(year + 1, 1, 31), f"{known.label}，应于次年1月31日前公布"


# --- the tree as a spreadsheet ---------------------------------------------------------

COLUMNS = {
    "name": ("名称", "机关名称", "单位名称", "机关", "name"),
    "parent": ("上级", "上级机关", "上级单位", "所属", "parent"),
    "kind": ("类型", "机关类型", "层级", "kind"),
    "region_code": ("区划代码", "行政区划代码", "代码", "region_code", "code"),
}
REGION_CODE = re.compile(r"^\d{6}(?:\d{3}|\d{6})?$")  # 6, 9 or 12 digits (行政区划代码 and 乡级代码)


class TreeError(GongkaiError):
    """The spreadsheet cannot be taken as a tree; the message lists every row at fault."""


@dataclass(frozen=True)
class TreeRow:
    line: int  # the spreadsheet row, for messages
    name: str
    parent: str
    kind: str | None
    region_code: str


def read_tree(data: bytes, filename: str, known: set[str] = frozenset()) -> list[TreeRow]:
    """The rows of an agency spreadsheet, parents before children; `known` names already in the register."""
    table = _table(data, filename)
    if not table:
        raise TreeError("表格为空")
    header = [_cell(c) for c in table[0]]
    where = {}
    for key, names in COLUMNS.items():
        for i, h in enumerate(header):
            if h.lower() in names:
                where[key] = i
                break
    if "name" not in where:
        raise TreeError(f"第1行应为表头，须有“名称”列（可有：上级机关、类型、区划代码），实为：{'、'.join(h for h in header if h)}")
    rows, problems, seen = [], [], {}
    for n, raw in enumerate(table[1:], start=2):
        cells = {k: _cell(raw[i]) if i < len(raw) else "" for k, i in where.items()}
        if not any(cells.values()):
            continue
        name, parent = cells.get("name", ""), cells.get("parent", "")
        kind_text, code = cells.get("kind", ""), cells.get("region_code", "")
        kind = kind_of(kind_text) if kind_text else None
        if not name:
            problems.append(f"第{n}行：缺少机关名称")
            continue
        if len(name) > 200:
            problems.append(f"第{n}行：机关名称过长（超过200字）")
            continue
        if name in seen:
            problems.append(f"第{n}行：机关“{name}”与第{seen[name]}行重复")
            continue
        if kind_text and kind is None:
            problems.append(f"第{n}行：无法识别的类型“{kind_text}”（可填：{'、'.join(k.aliases[0] for k in KINDS)}）")
        if code and not REGION_CODE.match(code):
            problems.append(f"第{n}行：区划代码“{code}”应为6、9或12位数字")
        if parent == name:
            problems.append(f"第{n}行：上级机关不能是其本身")
        seen[name] = n
        rows.append(TreeRow(n, name, parent, kind, code))
    for row in rows:
        if row.parent and row.parent not in seen and row.parent not in known:
            problems.append(f"第{row.line}行：上级机关“{row.parent}”既不在表中，也不在系统中")
    if problems:
        raise TreeError("机关表有误：" + "；".join(problems[:20]) + ("；……" if len(problems) > 20 else ""))
    return _parents_first(rows)


def _parents_first(rows: list[TreeRow]) -> list[TreeRow]:
    """Rows ordered so that each parent named in the sheet comes before its children; a cycle is an error."""
    by_name = {r.name: r for r in rows}
    ordered, done, visiting = [], set(), set()
    for row in rows:
        chain, cur = [], row
        while cur is not None and cur.name not in done:
            if cur.name in visiting:
                names = "→".join(r.name for r in chain)
                raise TreeError(f"机关表有误：上级关系成环（第{cur.line}行：{names}）")
            visiting.add(cur.name)
            chain.append(cur)
            cur = by_name.get(cur.parent)
        for r in reversed(chain):
            ordered.append(r)
            done.add(r.name)
    return ordered


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a region code typed as a number
    return re.sub(r"\s+", " ", str(value)).strip()


def _table(data: bytes, filename: str) -> list[list]:
    if data[:4] == b"PK\x03\x04":
        return _xlsx_rows(data)
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise TreeError("不是有效的 XLSX 文件")
    from ..readers.decode import decode

    try:
        text, _ = decode(data)
    except GongkaiError:
        raise TreeError("无法识别文件编码：机关表须为 XLSX 或 CSV（UTF-8 或 GBK）") from None
    if "\x00" in text:
        raise TreeError("这是二进制文件：机关表须为 XLSX 或 CSV")
    dialect = csv.excel_tab if text.count("\t") > text.count(",") else csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _xlsx_rows(data: bytes) -> list[list]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TreeError(f"无法打开 XLSX 文件（{type(exc).__name__}）") from None
    try:
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def tree_xlsx(rows: list[tuple[str, str, str, str]]) -> bytes:
    """An agency spreadsheet (名称, 上级机关, 类型, 区划代码) as gongkai reads it back."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "机关"
    sheet.append(["名称", "上级机关", "类型", "区划代码"])
    for name, parent, kind, code in rows:
        sheet.append([name, parent, KIND_BY_KEY[kind].aliases[0] if kind in KIND_BY_KEY else kind, code])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
