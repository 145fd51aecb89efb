"""Small consistent records written by hand, for checks and CLI tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gongkai import template
from gongkai.record import Report


def t3_row(natural: int, commercial: int = 0) -> dict[str, int]:
    row = {c: 0 for c in template.T3_COLUMN_KEYS}
    row["natural_person"], row["commercial"] = natural, commercial
    row["total"] = natural + commercial
    return row


def consistent_report(year: int = 2023, vintage: str = "2021", **overrides) -> Report:
    """A report whose every identity holds: 10 new + 2 carried over = 11 answered + 1 carried forward."""
    outcomes = {row.key: t3_row(0) for row in template.t3_rows(vintage) if row.key not in template.T3_NON_OUTCOME}
    outcomes["granted"] = t3_row(5, 1)
    outcomes["partial"] = t3_row(2)
    outcomes["unable.not_held"] = t3_row(3)
    t3 = {"new": t3_row(9, 1), "carried_over": t3_row(2)}
    t3.update(outcomes)
    t3["total"] = t3_row(10, 1)
    t3["carry_forward"] = t3_row(1)
    t3 = {row.key: t3[row.key] for row in template.t3_rows(vintage)}
    t2 = {row.key: {c.key: 0 for c in cols} for row, cols in template.t2_rows(vintage)}
    if vintage == "2021":
        t2["normative"] = {"issued": 2, "repealed": 1, "in_force": 6}
        t2["fees"] = {"amount": Decimal("1.2500")}
    t4 = {g: {c: 0 for c in template.T4_COLUMN_KEYS} for g in template.T4_GROUP_KEYS}
    t4["review"] = {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}
    fields = dict(
        agency="某市某区人民政府办公室",
        year=year,
        vintage=vintage,
        published=None,
        sections={
            "overview": f"{year}年，本机关认真贯彻《政府信息公开条例》。全年收到政府信息公开申请10件，已答复的11件均按期办结。",
            "proactive": "",
            "requests": "",
            "litigation": "",
            "problems": "一是主动公开的深度不够，二是政策解读形式单一。下一步将加强培训，完善制度。",
            "other": "本年度未收取信息处理费，发出收费通知0件。",
        },
        t2=t2,
        t3=t3,
        t4=t4,
    )
    fields.update(overrides)
    return Report(**fields)


def assert_typed(report: Report) -> None:
    """The reader builds its record without revalidating it: hold it to the model's types.

    Counts are exact ints (not bool, not Decimal), money is Decimal, unknown is None, and the
    record validates as it stands.
    """
    for table, row, col, value in report.cells():
        money = table == "t2" and (row, col) in template.T2_DECIMAL_CELLS
        want = Decimal if money else int
        assert value is None or type(value) is want, f"{table}.{row}.{col} = {value!r}"
    assert type(report.year) in (int, type(None)) and type(report.published) in (date, type(None))
    assert Report.model_validate(report.model_dump()).model_dump() == report.model_dump()
