"""Indicators of an agency's year, each with the definition a reader sees beside it.

An indicator is a ratio of two figures of the `basis` (or a figure alone). The basis of a
report is taken from its record (`basis`), plus what the console knows beside the record:
whether it was published on time and how many errors the checks found. Over several
agencies an indicator is the ratio of the sums (not the mean of the ratios), and a count is
the mean per agency; an unknown figure (`None`) leaves the agency out, never counts as 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .. import template
from ..record import Report


@dataclass(frozen=True)
class Indicator:
    key: str
    name: str
    definition: str
    unit: str
    numerator: str
    denominator: str | None = None  # None: a count or amount, shown as is
    higher_is_better: bool | None = None  # None: neither way is better (ranked largest first)

    @property
    def is_ratio(self) -> bool:
        return self.denominator is not None


INDICATORS = (
    Indicator("requests", "新收申请数", "表三“一、本年新收政府信息公开申请数量”的总计列。多个机关合计时为每个已发布报告机关的平均数。",
              "件", "new"),
    Indicator("granted_rate", "予以公开率", "表三“（一）予以公开”总计 ÷ “（七）总计”（本年办理结果总数）。多个机关合计时为分子之和 ÷ 分母之和。",
              "%", "granted", "outcomes", True),
    Indicator("withheld_share", "不予公开占比", "表三“（三）不予公开”1—8项总计之和 ÷ “（七）总计”。",
              "%", "withheld", "outcomes", False),
    Indicator("unable_share", "无法提供占比", "表三“（四）无法提供”1—3项总计之和 ÷ “（七）总计”。",
              "%", "unable", "outcomes", False),
    Indicator("on_time_rate", "按时发布率", "按期（部门、乡镇、街道次年1月31日前，县级以上人民政府次年3月31日前）发布的报告数 ÷ 应发布报告的机关数；"
              "未发布的计为未按时，未注明发布日期的不计为按时。", "%", "on_time", "expected", True),
    Indicator("errors", "报告错误数", "检查发现的“错误”级问题条数（不含已忽略的）。多个机关合计时为每个已发布报告机关的平均数。",
              "条", "errors", None, False),
    Indicator("review_correction_rate", "行政复议纠错率", "表四行政复议“结果纠正” ÷ 已审结数（结果维持＋结果纠正＋其他结果）。",
              "%", "review_corrected", "review_concluded", False),
    Indicator("litigation_correction_rate", "行政诉讼纠错率",
              "表四行政诉讼（未经复议直接起诉与复议后起诉）“结果纠正”之和 ÷ 两者已审结数之和（结果维持＋结果纠正＋其他结果）。",
              "%", "litigation_corrected", "litigation_concluded", False),
    Indicator("fees", "行政事业性收费金额", "表二第二十条第（八）项“行政事业性收费 本年收费金额”（万元，2021年版格式）。"
              "这是本机关全部行政事业性收费，不是信息处理费。多个机关合计时为每个机关的平均数。", "万元", "fees"),
)
BY_KEY = {i.key: i for i in INDICATORS}
HUNDRED = Decimal(100)


def _total(report: Report, table: str, row: str, column: str = "total") -> int | None:
    return (getattr(report, table).get(row) or {}).get(column)


def _sum(values) -> int | None:
    values = list(values)
    if not values or any(v is None for v in values):
        return None
    return sum(values)


def basis(report: Report) -> dict:
    """The figures of a report the indicators are made of (JSON-ready; money as a string)."""
    vintage = report.vintage or "2021"
    rows = [r.key for r in template.t3_rows(vintage)]
    t4 = report.t4

    def concluded(group: str) -> int | None:
        return _sum((t4.get(group) or {}).get(c) for c in ("upheld", "corrected", "other"))

    fees = _total(report, "t2", "fees", "amount") if vintage == "2021" else None
    return {
        "new": _total(report, "t3", "new"),
        "outcomes": _total(report, "t3", "total"),
        "granted": _total(report, "t3", "granted"),
        "withheld": _sum(_total(report, "t3", r) for r in rows if r.startswith("withheld.")),
        "unable": _sum(_total(report, "t3", r) for r in rows if r.startswith("unable.")),
        "review_corrected": (t4.get("review") or {}).get("corrected"),
        "review_concluded": concluded("review"),
        "litigation_corrected": _sum((t4.get(g) or {}).get("corrected") for g in ("litigation_direct", "litigation_after_review")),
        "litigation_concluded": _sum(concluded(g) for g in ("litigation_direct", "litigation_after_review")),
        "fees": None if fees is None else str(fees),
    }


def _number(value) -> int | Decimal | None:
    """A figure as a number: counts stay ints (summed fast), money strings become Decimal."""
    if value is None or value == "":
        return None
    return value if isinstance(value, int) else Decimal(str(value))


def value(indicator: Indicator, figures: dict) -> Decimal | None:
    """The indicator of one agency-year; None when a figure is unknown or the ratio has no denominator."""
    return aggregate(indicator, [figures])


def aggregate(indicator: Indicator, many: list[dict]) -> Decimal | None:
    """The indicator over several agency-years: ratio of sums, or mean of a count."""
    if indicator.is_ratio:
        num = den = 0
        known = False
        for f in many:
            n, d = _number(f.get(indicator.numerator)), _number(f.get(indicator.denominator))
            if n is not None and d is not None:
                num, den, known = num + n, den + d, True
        if not known or den == 0:
            return None
        return (Decimal(num) * HUNDRED / Decimal(den)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    known = [n for n in (_number(f.get(indicator.numerator)) for f in many) if n is not None]
    if not known:
        return None
    mean = Decimal(sum(known)) / len(known)
    places = Decimal("0.0001") if indicator.unit == "万元" else Decimal("0.1")
    result = mean.quantize(places, ROUND_HALF_UP)
    return result.to_integral_value() if result == result.to_integral_value() else result


def ranked(indicator: Indicator, rows: list[tuple[object, Decimal | None]]) -> list[tuple[int | None, object, Decimal | None]]:
    """(rank, item, value), best first; equal values share a rank; unknown values last, unranked."""
    known = [(item, v) for item, v in rows if v is not None]
    unknown = [(item, v) for item, v in rows if v is None]
    known.sort(key=lambda iv: iv[1], reverse=indicator.higher_is_better is not False)
    out, rank, last = [], 0, object()
    for n, (item, v) in enumerate(known, start=1):
        if v != last:
            rank, last = n, v
        out.append((rank, item, v))
    return out + [(None, item, None) for item, _ in unknown]
