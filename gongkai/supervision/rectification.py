"""The 整改 list: the findings a supervisor confirmed in an agency's report, sent to the agency as DOCX or XLSX."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from .sheets import Sheet, xlsx

HEADER = ["序号", "级别", "问题代码", "问题描述", "位置", "核实情况"]


@dataclass(frozen=True)
class Item:
    severity: str  # 错误, 警告, 提示
    code: str
    message: str
    where: str
    status: str


def title(agency: str, year: int) -> str:
    return f"关于{agency}{year}年政府信息公开工作年度报告问题的整改通知"


def to_xlsx(agency: str, year: int, items: list[Item]) -> bytes:
    rows = [[n, i.severity, i.code, i.message, i.where, i.status] for n, i in enumerate(items, start=1)]
    return xlsx([Sheet("整改清单", HEADER, rows)])


def to_docx(agency: str, year: int, items: list[Item], issuer: str, issued: date) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "仿宋", Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    doc.add_heading(title(agency, year), level=1)
    doc.add_paragraph(f"{agency}：")
    doc.add_paragraph(
        f"经核查，贵单位发布的{year}年政府信息公开工作年度报告存在以下{len(items)}项问题。请对照《中华人民共和国政府信息公开条例》"
        "和《中华人民共和国政府信息公开工作年度报告格式》逐项核实整改，更正后重新发布，并将整改情况报送我单位。"
        if items else f"经核查，贵单位发布的{year}年政府信息公开工作年度报告未发现需要整改的问题。")
    if items:
        table = doc.add_table(rows=1, cols=len(HEADER))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, HEADER):
            cell.text = text
        for n, item in enumerate(items, start=1):
            cells = table.add_row().cells
            for cell, text in zip(cells, [str(n), item.severity, item.code, item.message, item.where, item.status]):
                cell.text = text
    doc.add_paragraph("")
    doc.add_paragraph(issuer).alignment = 2
    doc.add_paragraph(f"{issued.year}年{issued.month}月{issued.day}日").alignment = 2
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
