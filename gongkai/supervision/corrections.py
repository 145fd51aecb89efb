"""Correcting what was read from a report: which items can be corrected, their labels, and the new value's type.

A target names one item of the record: `t3.<row>.<column>`, `t4.<group>.<column>`,
`t2.<row>.<column>` or `published`. Counts are whole numbers (never negative, except a
2019 table 二 增/减), money is a decimal, a date is a date, and an empty value means unknown.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from .. import template
from ..errors import GongkaiError
from ..record import Report


class CorrectionError(GongkaiError):
    """A correction that cannot be applied (unknown item, a value of the wrong kind)."""


@dataclass(frozen=True)
class Target:
    key: str
    label: str


def targets(vintage: str, t3_rows: list[str] | None = None) -> list[Target]:
    """Every correctable item of a record of `vintage` (table 三 rows as read, when given)."""
    out = [Target("published", "发布日期")]
    for row, cols in template.t2_rows(vintage):
        out += [Target(f"t2.{row.key}.{col.key}", f"表二 {template.t2_label(row.key, col.key)}") for col in cols]
    rows = t3_rows or [r.key for r in template.t3_rows(vintage)]
    for key in rows:
        row = template.t3_label(key)
        out += [Target(f"t3.{key}.{c.key}", f"表三 {row.group}{row.printed}（{c.label}）") for c in template.T3_COLUMNS]
    for g in template.T4_GROUPS:
        out += [Target(f"t4.{g.key}.{c.key}", f"表四 {template.t4_label(g.key, c.key)}") for c in template.T4_COLUMNS]
    return out


def label_of(record: dict, key: str) -> str:
    for t in targets(record.get("vintage") or "2021", list((record.get("t3") or {}).keys()) or None):
        if t.key == key:
            return t.label
    raise CorrectionError(f"无法更正的项目：{key}")


def current_value(record: dict, key: str):
    if key == "published":
        return record.get("published")
    table, row, col = key.split(".", 2)
    return ((record.get(table) or {}).get(row) or {}).get(col)


def parse(key: str, text: str):
    """The JSON value a typed text stands for at `key` (None when left empty)."""
    text = re.sub(r"\s+", "", text or "")
    if not text:
        return None
    if key == "published":
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise CorrectionError(f"发布日期“{text}”应为有效日期，格式为YYYY-MM-DD") from None
    table, row, col = key.split(".", 2)
    if table == "t2" and (row, col) in template.T2_DECIMAL_CELLS:
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise CorrectionError(f"“{text}”不是金额（万元，可带小数）") from None
        if amount < 0 or not amount.is_finite():
            raise CorrectionError("金额不能为负数")
        return str(amount)
    signed = table == "t2" and col in template.T2_SIGNED_COLUMNS
    if not re.fullmatch(r"[+-]?\d{1,9}" if signed else r"\d{1,9}", text):
        raise CorrectionError(f"“{text}”不是{'整数' if signed else '非负整数'}")
    return int(text)


def apply(record: dict, key: str, text: str) -> tuple[str, object, object, dict]:
    """(label, value as read, new value, the corrected record); the record must stay valid."""
    label = label_of(record, key)
    new = parse(key, text)
    old = current_value(record, key)
    if old == new:
        raise CorrectionError(f"“{label}”已是{'（不详）' if new is None else new}，无需更正")
    out = deepcopy(record)
    if key == "published":
        out["published"] = new
    else:
        table, row, col = key.split(".", 2)
        out.setdefault(table, {}).setdefault(row, {})[col] = new
    try:
        Report.model_validate(out)
    except ValueError as exc:
        raise CorrectionError(f"更正后的报告数据无效：{exc}") from None
    return label, old, new, out
