"""What the reader could not find, said as reading notices (读取不确定：…).

A check may say the report lacks a section, a table or a row only when the reader is sure
it is not there: its words appear nowhere in the document, or every printed row of the
table found its place. Where the words are there but the reader could not place them, or
rows of numbers were left over, the reader says so here (READ_UNCERTAIN), and the checks
report nothing about the report for it (checks/structure.py). Likewise for an agency named
only by a page's title: a supervisor pairs two years of one agency only when its name is
the report's own.
"""

from __future__ import annotations

from .. import template
from ..record import Finding
from .grid import Row

CODE = "READ_UNCERTAIN"

# Words of each table's headers, printed above its numbers in every layout.
TABLE_WORDS = {
    "t2": ("第二十条", "信息内容"),
    "t3": ("本年新收", "申请人情况", "予以公开"),
    "t4": ("结果维持", "尚未审结", "复议后起诉"),
}
TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}


def _notice(message: str, **where) -> Finding:
    return Finding(code=CODE, severity="notice", message="读取不确定：" + message, where=where)


def document_text(rows: list[Row]) -> str:
    """The document's text, normalised, to look for words the reader did not place."""
    return template.normalize("".join(c.text for row in rows for c in row))


def sections(text: str, headings: dict[str, int], tables: dict[str, dict]) -> list[Finding]:
    """A section whose heading was not found although its words are in the document."""
    out = []
    for s in template.SECTIONS:
        if s.key in headings:
            continue
        table = {"proactive": "t2", "requests": "t3", "litigation": "t4"}.get(s.key)
        if table and tables.get(table):
            continue  # its table was read: the section is there
        if any(template.normalize(h) in text for h in (s.heading, *s.aliases)):
            out.append(_notice(f"文中有第{s.number}部分“{s.heading}”的标题文字，但未能确定其位置，不按缺少该部分处理", section=s.key))
    return out


def tables(text: str, found: dict[str, dict]) -> list[Finding]:
    """A table of which no number was read although its headers are in the document."""
    return [
        _notice(f"文中有{TABLE_NAMES[t]}的表头，但未能读出{TABLE_NAMES[t]}的数字，不按缺少该表处理", table=t)
        for t, words in TABLE_WORDS.items()
        if not found.get(t) and any(w in text for w in words)
    ]


def rows(table: str, expected: list[str], found: dict[str, dict], left_over: int) -> list[Finding]:
    """Rows not found in a table where printed rows of numbers were left without a place."""
    if not left_over or not found:
        return []
    out = []
    for key in expected:
        if key in found:
            continue
        label = template.t3_label(key).printed if table == "t3" else template.t2_label(key)
        out.append(
            _notice(
                f"{TABLE_NAMES[table]}未找到“{label}”行，而有{left_over}行数字未能确定位置，不按缺少该行处理",
                table=table, row=key,
            )
        )
    return out


def agency(name: str | None, from_page: bool) -> list[Finding]:
    """An agency named by the page's title only: not enough to pair two years' reports."""
    if name and from_page:
        return [_notice(f"发布机关“{name}”取自网页标题，报告标题中没有，不据此与其他年度的报告对照", field="agency")]
    return []
