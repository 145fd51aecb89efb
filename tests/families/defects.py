"""One defect a check must find, planted in a consistent record: one per check code.

`DEFECTS[code]` is (the vintage it needs, or None for either; a function that takes the
record and returns the record with the defect, and last year's record where the check
compares two years). The record is then printed in a layout family and read back, so that
the defect must survive the reading to be found.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Callable

from gongkai import template
from gongkai.record import Report

Plant = Callable[[Report], tuple[Report, Report | None]]


def _copy(record: Report, **changes) -> Report:
    out = record.model_copy(deep=True)
    for key, value in changes.items():
        setattr(out, key, value)
    return out


def _add(record: Report, row: str, n: int, column: str = "natural_person") -> None:
    """n more in one cell of table 三 and its row's total (the row still adds up)."""
    record.t3[row][column] += n
    record.t3[row]["total"] += n


def _answered(record: Report, row: str, n: int = 1) -> None:
    """n more requests received this year and answered as `row`: every identity still holds."""
    for key in (row, "total", "new"):
        _add(record, key, n)


def _say(record: Report, section: str, text: str) -> Report:
    out = _copy(record)
    out.sections[section] = text
    return out


def _last_year(record: Report) -> Report:
    """The same agency's report of the year before, its carry-forward this year's carry-over
    and its documents in force what this year's began from (`record` may be changed to fit)."""
    before = _copy(record, year=record.year - 1, published=None)
    before.t3["carry_forward"] = dict(record.t3["carried_over"])
    for col in template.T3_COLUMN_KEYS:
        before.t3["new"][col] = before.t3["total"][col] + before.t3["carry_forward"][col] - before.t3["carried_over"][col]
    if min(before.t3["new"].values()) < 0:  # carried over more than answered: carry nothing over the year before
        before.t3["carried_over"] = {c: 0 for c in template.T3_COLUMN_KEYS}
        before.t3["new"] = {c: before.t3["total"][c] + before.t3["carry_forward"][c] for c in template.T3_COLUMN_KEYS}
    if record.vintage == "2021":
        for row in ("rules", "normative"):
            now = record.t2[row]
            before.t2[row]["in_force"] = now["in_force"] - now["issued"] + now["repealed"]
            if before.t2[row]["in_force"] < 0:
                now["in_force"] += -before.t2[row]["in_force"]
                before.t2[row]["in_force"] = 0
    before.sections["problems"] = "上年的问题是政策解读不够及时，改进措施是建立解读与文件同步起草的机制。"
    return before


def _carry_over(record: Report):
    record = _copy(record)
    before = _last_year(record)
    for key in ("carry_forward", "new"):
        _add(before, key, 1)  # one more carried forward last year than was carried over this year
    return record, before


def _in_force(record: Report):
    record = _copy(record)
    before = _last_year(record)
    before.t2["normative"]["in_force"] += 3
    return record, before


def _repeated(record: Report):
    record = _copy(record)
    before = _last_year(record)
    before.sections["problems"] = record.sections["problems"]
    return record, before


def _balance(record: Report):
    out = _copy(record)
    _add(out, "carry_forward", 1)  # carried forward one more than was received and not answered
    return out, None


def _outcome_sum(record: Report):
    out = _copy(record)
    for key in ("granted", "new"):
        _add(out, key, 1)  # an answer counted in （一） but not in （七）总计
    return out, None


def _row_total(record: Report):
    out = _copy(record)
    out.t3["partial"]["total"] += 1
    return out, None


def _group_total(record: Report):
    out = _copy(record)
    out.t4["review"]["total"] += 1
    return out, None


def _unpaid(record: Report, text: str) -> Report:
    out = _copy(record)
    _answered(out, "other.unpaid_fee")
    out.sections["other"] = text
    return out


def _appeals_without_refusal(record: Report):
    out = _copy(record)
    shape = template.t3_shape(out.t3)
    for key in template.t3_outcome_keys(shape):
        if key != "granted":
            out.t3[key] = {c: 0 for c in template.T3_COLUMN_KEYS}
    out.t3["granted"] = dict(out.t3["total"])
    out.t4["review"] = {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    return out, None


def _other_share(record: Report):
    out = _copy(record)
    shape = template.t3_shape(out.t3)
    other = "other" if shape == "2019" else "other.other"
    for key in template.t3_outcome_keys(shape):
        out.t3[key] = {c: 0 for c in template.T3_COLUMN_KEYS}
    out.t3[other] = dict(out.t3["total"])
    _answered(out, other, 10)
    return out, None


def _with_total(record: Report) -> Report:
    """The record with at least a few answers, so that a narrative can misstate them."""
    out = _copy(record)
    if out.t3["total"]["total"] < 3:
        _answered(out, "granted", 3)
    return out


def _narrative(text: Callable[[Report], str]) -> Plant:
    def plant(record: Report):
        out = _with_total(record)
        out.sections["overview"] = out.sections["overview"] + text(out)
        return out, None

    return plant


def _total(record: Report, row: str) -> int:
    return record.t3[row]["total"]


DEFECTS: dict[str, tuple[str | None, Plant]] = {
    "T3_BALANCE": (None, _balance),
    "T3_OUTCOME_SUM": (None, _outcome_sum),
    "T3_ROW_TOTAL": (None, _row_total),
    "T4_GROUP_TOTAL": (None, _group_total),
    "CONTINUITY_CARRY_OVER": (None, _carry_over),
    "CONTINUITY_IN_FORCE": ("2021", _in_force),
    "CONTINUITY_PROBLEMS_REPEATED": (None, _repeated),
    "FEE_NOT_REPORTED": ("2021", lambda r: (_say(r, "other", "无。"), None)),
    "FEE_CONFUSED": (
        "2021",
        lambda r: (_say(_copy(r, t2={**r.t2, "fees": {"amount": Decimal("1.2500")}}), "other", "本年度收取信息处理费12500元。"), None),
    ),
    "FEE_UNPAID_WITHOUT_NOTICE": ("2021", lambda r: (_unpaid(r, "本年度未收取信息处理费，未发出收费通知。"), None)),
    "FEE_TOTAL_DISAGREES": ("2021", lambda r: (_unpaid(r, "本年度发出收费通知1件，收取信息处理费100元。"), None)),
    "NARRATIVE_RECEIVED": (None, _narrative(lambda r: f"本年度共收到政府信息公开申请{_total(r, 'new') + _total(r, 'carried_over') + 7}件。")),
    "NARRATIVE_CARRY_FORWARD": (None, _narrative(lambda r: f"结转下年度继续办理{_total(r, 'carry_forward') + 3}件。")),
    "NARRATIVE_OUTCOME": (None, _narrative(lambda r: f"其中“予以公开”{_total(r, 'granted') + 2}件。")),
    "NARRATIVE_PERCENT": (
        None,
        _narrative(lambda r: f"“予以公开”{_total(r, 'granted')}件，占总数的{(round(100 * _total(r, 'granted') / _total(r, 'total')) + 37) % 100}%。"),
    ),
    "NARRATIVE_REVIEW": (None, _narrative(lambda r: f"本年度收到行政复议申请{r.t4['review']['total'] + 2}件。")),
    "NARRATIVE_ANSWERED": (None, _narrative(lambda r: f"已答复的{_total(r, 'total') + 3}件均按期办结。")),
    "PLAUSIBLE_APPEALS_WITHOUT_REFUSAL": (None, _appeals_without_refusal),
    "PLAUSIBLE_OVERVIEW_LONG": ("2021", lambda r: (_say(r, "overview", r.sections["overview"] + "本机关持续深化政务公开工作，不断完善制度机制。" * 50), None)),
    "PLAUSIBLE_OTHER_SHARE": (None, _other_share),
    "TEMPLATE_SECTION_EMPTY": (None, lambda r: (_say(r, "problems", ""), None)),
    "TEMPLATE_SECTION_MISSING": (None, lambda r: (_copy(r, sections={k: v for k, v in r.sections.items() if k != "problems"}), None)),
    "TEMPLATE_ROW_EXTRA": ("2019", lambda r: (_copy(r, t3=_rows_of_2021(r)), None)),
    "TEMPLATE_OTHER_SINGLE_ROW": ("2021", lambda r: (_copy(r, t3=_single_other(r)), None)),
    "TEMPLATE_TABLE_MISSING": (None, lambda r: (_copy(r, t4={}), None)),
    "TEMPLATE_ROW_MISSING": (None, lambda r: (_copy(r, t3=_without(r, "rejected.excessive")), None)),
    "TEMPLATE_VINTAGE_YEAR": ("2019", lambda r: (_copy(r, year=2022, published=date(2023, 1, 10)), None)),
    "META_AGENCY_UNKNOWN": (None, lambda r: (_copy(r, agency=None), None)),
    "META_YEAR_UNKNOWN": (None, lambda r: (_copy(r, year=None, published=None), None)),
    "TIMELINESS_UNKNOWN": (None, lambda r: (_copy(r, published=None), None)),
    "TIMELINESS_LATE": (None, lambda r: (_copy(r, published=date(r.year + 1, 6, 30)), None)),
    "VALUE_NEGATIVE": (None, lambda r: (_negative(r), None)),
    "VALUE_UNKNOWN": (None, lambda r: (_unknown(r), None)),
}

# Codes no printed report can give a reader: a rule's own name when it reports under other
# codes, and a count that is not whole (a reader reads such a cell as unknown, never as a fraction).
NOT_PLANTABLE = {"PLAUSIBLE_CHECKS", "VALUE_NOT_INTEGER"}


def _rows_of_2021(record: Report) -> dict:
    """Table 三 with the 2021 rows of （六） in a report whose tables otherwise follow 2019."""
    t3 = {k: dict(v) for k, v in record.t3.items() if k != "other"}
    zero = {c: 0 for c in template.T3_COLUMN_KEYS}
    t3.update({"other.no_correction": dict(record.t3["other"]), "other.unpaid_fee": dict(zero), "other.other": dict(zero)})
    return {r.key: t3[r.key] for r in template.t3_rows("2021")}


def _single_other(record: Report) -> dict:
    """Table 三 with the single 2019 （六）其他处理 row in a 2021 report."""
    t3 = {k: dict(v) for k, v in record.t3.items() if not k.startswith("other.")}
    t3["other"] = {c: sum(record.t3[k][c] for k in record.t3 if k.startswith("other.")) for c in template.T3_COLUMN_KEYS}
    return {r.key: t3[r.key] for r in template.t3_rows("2019")}


def _without(record: Report, row: str) -> dict:
    """Table 三 without one row, its counts moved to the row before it (so the rest adds up)."""
    t3 = {k: dict(v) for k, v in record.t3.items()}
    keys = list(t3)
    before = keys[keys.index(row) - 1]
    for c in template.T3_COLUMN_KEYS:
        t3[before][c] += t3[row][c]
    del t3[row]
    return t3


def _negative(record: Report) -> Report:
    out = _copy(record)
    row = "rules"
    column = template.t2_rows(record.vintage or "2021")[0][1][0].key  # 本年制发件数 / 本年新制作数量
    out.t2[row][column] = -1
    return out


def _unknown(record: Report) -> Report:
    out = _copy(record)
    out.t3["partial"]["research"] = None
    return out
