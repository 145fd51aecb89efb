"""A region's own annual report, compiled from the published reports of its agencies.

Tables 二, 三 and 四 are the cell-by-cell sums of the reports published for the year. A
region's cell is unknown (`None`) when any report's cell is unknown or was printed in
another layout (a 2019 table 二, a single （六） row): a sum that leaves an agency out
would be a wrong number. The text lists who did not publish, who published late, the
cells left unknown and why, and the main findings of the checks.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .. import template
from ..checks.registry import RULES
from ..record import Report
from .corrections import targets
from .coverage import LATE, MISSING, NOT_DUE, ON_TIME, UNDATED, Cell


@dataclass(frozen=True)
class Tables:
    """The tables of a published report as its record holds them (money may still be a decimal string)."""

    vintage: str | None
    t2: dict
    t3: dict
    t4: dict


@dataclass
class Part:
    """One agency of the region for the year: its coverage cell, its tables if published, its findings' codes."""

    agency: str
    cell: Cell
    report: Report | Tables | None = None
    codes: list[str] = field(default_factory=list)  # errors and warnings still reported, not ignored


@dataclass
class RegionReport:
    report: Report
    parts: list[Part]
    unknown: dict[str, list[str]]  # "t3.granted.total" → the agencies that left it unknown

    def by_status(self, *statuses: str) -> list[Part]:
        return [p for p in self.parts if p.cell.status in statuses]


def _add(values: list) -> int | Decimal | None:
    if any(v is None for v in values):
        return None
    return sum(values, Decimal(0)) if any(isinstance(v, Decimal) for v in values) else sum(values)


def sum_tables(reports: list[tuple[str, Report | Tables]], vintage: str) -> tuple[dict, dict, dict, dict[str, list[str]]]:
    """t2, t3, t4 summed cell by cell over (agency, report) pairs, and which agencies made which cells unknown."""
    unknown: dict[str, list[str]] = {}

    def total(table: str, row: str, col: str) -> int | Decimal | None:
        values = []
        for name, report in reports:
            other_layout = table == "t2" and report.vintage != vintage
            value = None if other_layout else (getattr(report, table).get(row) or {}).get(col)
            if isinstance(value, str):  # money in a record as stored: a decimal string
                value = Decimal(value)
            if value is None:
                unknown.setdefault(f"{table}.{row}.{col}", []).append(name)
            values.append(value)
        return _add(values) if reports else None

    t2 = {row.key: {c.key: total("t2", row.key, c.key) for c in cols} for row, cols in template.t2_rows(vintage)}
    t3 = {r.key: {c: total("t3", r.key, c) for c in template.T3_COLUMN_KEYS} for r in template.t3_rows(vintage)}
    t4 = {g: {c: total("t4", g, c) for c in template.T4_COLUMN_KEYS} for g in template.T4_GROUP_KEYS}
    return t2, t3, t4, unknown


def compile_region(name: str, year: int, parts: list[Part], published: date | None = None) -> RegionReport:
    vintage = "2021" if year >= 2021 else "2019"
    reports = [(p.agency, p.report) for p in parts if p.report is not None]
    t2, t3, t4, unknown = sum_tables(reports, vintage)
    result = RegionReport(Report(agency=name, year=year, vintage=vintage, published=published), parts, unknown)
    result.report = result.report.model_copy(update={"t2": t2, "t3": t3, "t4": t4, "sections": _sections(result, reports)})
    return result


def _names(parts: list[Part]) -> str:
    return "、".join(p.agency for p in parts) or "无"


def _sections(result: RegionReport, reports: list) -> dict[str, str]:
    parts = result.parts
    due = [p for p in parts if p.cell.status != NOT_DUE]
    on_time, late, undated, missing = (result.by_status(s) for s in (ON_TIME, LATE, UNDATED, MISSING))
    overview = (f"本地区纳入汇总的机关共{len(parts)}个，已到发布期限的{len(due)}个。已发布年度报告{len(reports)}份，"
                f"其中按时发布{len(on_time)}份、逾期发布{len(late)}份、未注明发布日期{len(undated)}份；未发布{len(missing)}个。"
                "本报告表二、表三、表四为各机关已发布年度报告的逐项合计。")
    tables = "下表为各机关已发布年度报告的合计。"
    if result.unknown:
        labels = {t.key: t.label for t in targets(result.report.vintage or "2021")}
        cells = sorted(result.unknown.items())
        listed = "；".join(f"{labels.get(key, key)}（{_join(names)}）" for key, names in cells[:20])
        tables += f"以下{len(cells)}项因部分机关的数值不详或格式不同，合计数不详：{listed}{'……' if len(cells) > 20 else ''}。"
    counts = Counter(code for p in parts for code in set(p.codes))
    lines = [f"{RULES[code].summary if code in RULES else code}（{code}）：{n}个机关" for code, n in counts.most_common(10)]
    problems = ("检查发现的主要问题：" + "；".join(lines) + "。") if lines else "检查未发现各机关年度报告存在错误或警告。"
    late_text = "、".join(f"{p.agency}（逾期{p.cell.late_days}天）" for p in late) or "无"
    other = (f"未发布年度报告的机关：{_names(missing)}。逾期发布的机关：{late_text}。"
             f"未注明发布日期的机关：{_names(undated)}。")
    return {"overview": overview, "proactive": tables, "requests": tables, "litigation": tables,
            "problems": problems, "other": other}


def _join(names: list[str]) -> str:
    return "、".join(names[:5]) + (f"等{len(names)}个机关" if len(names) > 5 else "")
