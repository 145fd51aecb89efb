"""The tables' own arithmetic: the printed 勾稽关系 and the totals it implies."""

from __future__ import annotations

from operator import itemgetter
from typing import Sequence

from .. import template
from .registry import Context, known_sum, rule


_applicants = itemgetter(*template.T3_APPLICANT_COLUMNS)
_all_columns = itemgetter(*template.T3_COLUMN_KEYS)


def _cell(report, row, col):
    cells = report.t3.get(row)
    return None if cells is None else cells.get(col)


def _col_name(col: str) -> str:
    return template.t3_column_label(col) + "列"


@rule("T3_BALANCE", "error", "表三每列：一＋二 应等于（七）总计＋四（格式印明的勾稽关系）")
def balance(ctx: Context):
    r = ctx.report
    for col in template.T3_COLUMN_KEYS:
        a, b = _cell(r, "new", col), _cell(r, "carried_over", col)
        t, f = _cell(r, "total", col), _cell(r, "carry_forward", col)
        if None in (a, b, t, f):
            continue
        if a + b != t + f:
            yield ctx.finding(
                "T3_BALANCE",
                f"{_col_name(col)}：一＋二（{a}+{b}={a + b}）不等于（七）总计＋四（{t}+{f}={t + f}）",
                table="t3", row="total", column=col,
            )


@rule("T3_OUTCOME_SUM", "error", "表三每列：（七）总计应等于各项办理结果之和")
def outcome_sum(ctx: Context):
    r = ctx.report
    rows = [cells for k, cells in r.t3.items() if k not in template.T3_NON_OUTCOME]
    totals = r.t3.get("total")
    if not rows or not totals:
        return
    by_column: list[Sequence[int | None]]
    try:
        by_column = list(zip(*map(_all_columns, rows)))  # complete rows, read column-wise
    except KeyError:
        by_column = [[cells.get(col) for cells in rows] for col in template.T3_COLUMN_KEYS]
    for col, parts in zip(template.T3_COLUMN_KEYS, by_column):
        total, got = totals.get(col), known_sum(parts)
        if total is None or got is None:
            continue
        if got != total:
            yield ctx.finding(
                "T3_OUTCOME_SUM",
                f"{_col_name(col)}：各项办理结果之和为{got}，而（七）总计为{total}",
                table="t3", row="total", column=col,
            )


@rule("T3_ROW_TOTAL", "error", "表三每行：总计列应等于自然人与五类法人或其他组织之和")
def row_total(ctx: Context):
    for row, cells in ctx.report.t3.items():
        try:
            parts, total = _applicants(cells), cells["total"]  # a complete row: one C-level lookup
        except KeyError:
            parts, total = tuple(map(cells.get, template.T3_APPLICANT_COLUMNS)), cells.get("total")
        got = known_sum(parts)
        if total is None or got is None:
            continue
        if got != total:
            label = template.t3_label(row).printed
            yield ctx.finding(
                "T3_ROW_TOTAL",
                f"“{label}”行：各申请人列之和为{got}，而总计列为{total}",
                table="t3", row=row, column="total",
            )


@rule("T4_GROUP_TOTAL", "error", "表四：行政复议、未经复议直接起诉、复议后起诉各自的总计应等于四项结果之和")
def t4_totals(ctx: Context):
    for group in template.T4_GROUPS:
        cells = ctx.report.t4.get(group.key)
        if not cells:
            continue
        parts = [cells.get(c) for c in template.T4_PARTS]
        total, got = cells.get("total"), known_sum(parts)
        if total is None or got is None:
            continue
        if got != total:
            shown = "+".join(str(p) for p in parts)
            yield ctx.finding(
                "T4_GROUP_TOTAL",
                f"表四“{group.label}”：结果维持、结果纠正、其他结果、尚未审结之和（{shown}={got}）不等于总计{total}",
                table="t4", row=group.key, column="total",
            )
