"""Counting tables 三 and 四 of the annual report from the register.

Table 三 (申请情况) counts requests by applicant kind over a period, here a calendar year
(or a month, for 月报):

* 一、本年新收: received within the period;
* 二、上年结转: received before the period and not closed before it began;
* 三、本年度办理结果: closed within the period, by final outcome (one outcome a request,
  as the format's 最终处理结果 and its 部分公开 note require);
* 四、结转下年度继续办理: received by the end of the period and not closed by then.

So 一 + 二 = 三（七）总计 + 四 holds by construction, the identity the format prints.

Table 四 (复议、诉讼) counts the cases filed in the report year, each by its state on
31 December (the date the 2021 format, 国办公开办函〔2021〕30号, fixes for the year's
figures): decided cases under 结果维持/结果纠正/其他结果, the rest under 尚未审结. The
format says no more than that; a case decided in a later year stays counted, as pending,
in the year it was filed. Cases in which the agency is only the co-defendant
reconsideration body are left out, as the format requires.

The web app fills `RegisterCounts` from SQL (`GROUP BY` rows of (key, count)) and calls
`compile_report`; the functions here do the same from plain records.
"""

from __future__ import annotations

import calendar as _calendar
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from .. import template
from ..record import Report
from .records import APPLICANTS, CASE_KINDS, OUTCOMES, CaseRecord, RegisterError, RequestRecord

T4_COLUMNS = template.T4_PARTS  # upheld, corrected, other, pending


@dataclass
class RegisterCounts:
    """Plain counters: applicant → n, (outcome row, applicant) → n, (case group, column) → n."""

    new: Counter = field(default_factory=Counter)
    carried_over: Counter = field(default_factory=Counter)
    outcomes: Counter = field(default_factory=Counter)
    carry_forward: Counter = field(default_factory=Counter)
    cases: Counter = field(default_factory=Counter)

    @classmethod
    def from_rows(cls, new=(), carried_over=(), outcomes=(), carry_forward=(), cases=()) -> RegisterCounts:
        """Counts from rows as a GROUP BY returns them: (applicant, n) or (row, applicant, n)."""
        counts = cls()
        for name, rows in (
            ("new", new),
            ("carried_over", carried_over),
            ("outcomes", outcomes),
            ("carry_forward", carry_forward),
            ("cases", cases),
        ):
            target = getattr(counts, name)
            for *key, n in rows:
                target[key[0] if len(key) == 1 else tuple(key)] += n
        return counts


def count_period(requests: Iterable[RequestRecord], first: date, last: date) -> RegisterCounts:
    """Table 三 over the days first..last inclusive."""
    counts = RegisterCounts()
    for r in requests:
        if r.received > last:
            continue
        if r.received >= first:
            counts.new[r.applicant] += 1
        elif r.answered is None or r.answered >= first:
            counts.carried_over[r.applicant] += 1
        else:
            continue  # closed before the period began
        if r.answered is not None and r.answered <= last:
            counts.outcomes[(r.outcome, r.applicant)] += 1
        else:
            counts.carry_forward[r.applicant] += 1
    return counts


def count_requests(requests: Iterable[RequestRecord], year: int) -> RegisterCounts:
    return count_period(requests, date(year, 1, 1), date(year, 12, 31))


def monthly(requests: Iterable[RequestRecord], year: int, month: int) -> RegisterCounts:
    """Table 三 of one month (月报): the same rules over the month."""
    if not 1 <= month <= 12:
        raise RegisterError(f"月份应为1至12，而不是{month}")
    days = _calendar.monthrange(year, month)[1]
    return count_period(requests, date(year, month, 1), date(year, month, days))


def count_cases(cases: Iterable[CaseRecord], year: int, counts: RegisterCounts | None = None) -> RegisterCounts:
    """Table 四: the cases filed in `year`, each by its state on 31 December (added to `counts`)."""
    counts = counts if counts is not None else RegisterCounts()
    end = date(year, 12, 31)
    for c in cases:
        if c.filed.year != year or c.co_defendant:
            continue
        column = c.result if c.closed is not None and c.closed <= end else "pending"
        counts.cases[(c.kind, column)] += 1
    return counts


def altered_years(before: RequestRecord | CaseRecord | None, after: RequestRecord | CaseRecord | None,
                  years: Iterable[int]) -> list[int]:
    """The years among `years` whose tables 三 or 四 differ between two states of one record.

    `before` is None for a record that is new, `after` None for one that is gone; an approved
    report is frozen, so a change that alters one of its years is what the office must see.
    """

    def counts(record, year: int) -> RegisterCounts:
        if record is None:
            return RegisterCounts()
        if isinstance(record, CaseRecord):
            return count_cases([record], year)
        return count_requests([record], year)

    return [y for y in years if counts(before, y) != counts(after, y)]


def compile_report(
    year: int,
    agency: str,
    counts: RegisterCounts,
    t2: dict | None = None,
    sections: dict | None = None,
    vintage: str = "2021",
) -> Report:
    """The annual report record: every row of table 三 and 四, with totals computed."""
    if vintage not in template.VINTAGES:
        raise RegisterError(f"未知的报告格式版本“{vintage}”")
    _validate(counts)
    outcome = {key: [key] for key in template.t3_outcome_keys(vintage)}
    if vintage == "2019":  # the trial format has one （六）其他处理 row
        outcome["other"] = [k for k in OUTCOMES if k.startswith("other.")]
    t3: dict[str, dict[str, int]] = {}
    for label in template.t3_rows(vintage):
        key = label.key
        if key in ("new", "carried_over", "carry_forward"):
            cells = {a: getattr(counts, key)[a] for a in APPLICANTS}
        elif key == "total":
            cells = {a: sum(t3[k][a] for k in outcome) for a in APPLICANTS}
        else:
            cells = {a: sum(counts.outcomes[(k, a)] for k in outcome[key]) for a in APPLICANTS}
        t3[key] = {**cells, "total": sum(cells.values())}
    t4: dict[str, dict[str, int]] = {}
    for group in template.T4_GROUP_KEYS:
        cells = {c: counts.cases[(group, c)] for c in T4_COLUMNS}
        t4[group] = {**cells, "total": sum(cells.values())}
    return Report(
        agency=agency,
        year=year,
        vintage=vintage,
        sections=dict(sections or {}),
        t2=dict(t2 or {}),
        t3=t3,
        t4=t4,
    )


def _validate(counts: RegisterCounts) -> None:
    """Every key a known row or column, every count a whole number ≥ 0."""
    checks = (
        ("new", lambda k: k in APPLICANTS),
        ("carried_over", lambda k: k in APPLICANTS),
        ("carry_forward", lambda k: k in APPLICANTS),
        ("outcomes", lambda k: isinstance(k, tuple) and len(k) == 2 and k[0] in OUTCOMES and k[1] in APPLICANTS),
        ("cases", lambda k: isinstance(k, tuple) and len(k) == 2 and k[0] in CASE_KINDS and k[1] in T4_COLUMNS),
    )
    for name, known in checks:
        for key, n in getattr(counts, name).items():
            if not known(key):
                raise RegisterError(f"统计项{name}中有未知的行或列：{key!r}")
            if not isinstance(n, int) or isinstance(n, bool) or n < 0:
                raise RegisterError(f"统计项{name}中{key!r}的数量应为非负整数，而不是{n!r}")
