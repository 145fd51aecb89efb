"""Cell values: counts are non-negative integers, the fee a decimal, unknown cells named."""

from __future__ import annotations

from decimal import Decimal

from .. import template
from .registry import Context, declare, rule

declare("VALUE_NEGATIVE", "error", "件数不能为负数")
declare("VALUE_NOT_INTEGER", "error", "件数必须是整数（只有收费金额可以有小数）")


def _label(table: str, row: str, col: str) -> str:
    if table == "t3":
        return f"表三“{template.t3_label(row).printed}”{template.t3_column_label(col)}列"
    if table == "t4":
        return f"表四{template.t4_label(row, col)}"
    return f"表二{template.t2_label(row, col)}"


@rule("VALUE_UNKNOWN", "warning", "单元格无法读出或缺失（null），相关核对无法进行")
def values(ctx: Context):
    """One pass over every cell: unknown, negative, or a fraction where a count belongs."""
    r = ctx.report
    for table, rows in (("t2", r.t2), ("t3", r.t3), ("t4", r.t4)):
        for row, cols in rows.items():
            for col, value in cols.items():
                if type(value) is int and value >= 0:
                    continue  # a plain count, nearly every cell: nothing to say
                if value is None:
                    yield ctx.finding("VALUE_UNKNOWN", f"{_label(table, row, col)}无法读出", table=table, row=row, column=col)
                elif value < 0 and col not in template.T2_SIGNED_COLUMNS:
                    yield ctx.finding("VALUE_NEGATIVE", f"{_label(table, row, col)}为负数（{value}）", table=table, row=row, column=col)
                elif type(value) is Decimal and (row, col) not in template.T2_DECIMAL_CELLS and value != value.to_integral_value():
                    yield ctx.finding("VALUE_NOT_INTEGER", f"{_label(table, row, col)}不是整数（{value}）", table=table, row=row, column=col)
