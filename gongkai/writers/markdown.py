"""Markdown for plain-text channels: pipe tables without merged cells, read back by gongkai.

A pipe table cannot merge cells, so each table is flattened: group labels such as
（三）不予公开 get a row of their own with empty value cells, and table 二 is one pipe table
per article item.
"""

from __future__ import annotations

from .. import template
from ..record import Report
from . import layout as L


def render_markdown(report: Report) -> bytes:
    out = [f"# {L.title(report)}", ""]
    for block in L.blocks(report):
        if isinstance(block, L.Heading):
            out += [f"## {block.text}", ""]
        elif isinstance(block, L.Paragraph):
            out += [block.text, ""]
        elif isinstance(block, L.Signature):
            out += [line for line in (block.agency, block.date) if line for line in (line, "")]
        else:
            vin = L.t3_shape(report) if block.key == "t3" else L.vintage(report)
            out += _TABLES[block.key](report, vin) + [""]
    return ("\n".join(out).rstrip("\n") + "\n").encode("utf-8")


def _row(cells) -> str:
    return "| " + " | ".join(_escape(c) for c in cells) + " |"


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [_row(header), "|" + "|".join(["---"] * len(header)) + "|"] + [_row(r) for r in rows]


def _t2(report: Report, vin: str) -> list[str]:
    out: list[str] = []
    for block in template.T2_BLOCKS[vin]:
        rows = [
            [row.label] + [L.cell_text(report.t2.get(row.key, {}).get(c.key)) for c in block.columns]
            for row in block.rows
        ]
        out += [f"**{block.item}**", ""] + _table(["信息内容"] + [c.label for c in block.columns], rows) + [""]
    return out[:-1]


def _t3(report: Report, vin: str) -> list[str]:
    columns = template.T3_COLUMN_KEYS
    blank = [""] * len(columns)
    rows: list[list[str]] = []
    groups: set[str] = set()
    for label in template.t3_rows(vin):
        if label.key == "granted":
            rows.append([template.T3_OUTCOME_GROUP] + blank)
        if label.group and label.group not in groups:
            groups.add(label.group)
            rows.append([label.group] + blank)
        values = report.t3.get(label.key, {})
        rows.append([label.printed] + [L.cell_text(values.get(c)) for c in columns])
    return _table([template.T3_NOTE] + [c.label for c in template.T3_COLUMNS], rows)


def _t4(report: Report, vin: str) -> list[str]:
    keys = [(g.key, c.key) for g in template.T4_GROUPS for c in template.T4_COLUMNS]
    header = [template.t4_label(g, c) for g, c in keys]
    return _table(header, [[L.cell_text(report.t4.get(g, {}).get(c)) for g, c in keys]])


_TABLES = {"t2": _t2, "t3": _t3, "t4": _t4}
