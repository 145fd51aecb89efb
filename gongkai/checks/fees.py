"""信息处理费 (section 六) against （六）2 unpaid-fee cases; never confused with 行政事业性收费 (table 二)."""

from __future__ import annotations

import re
from decimal import Decimal

from .registry import Context, declare, rule

_FEE_AMOUNT = re.compile(r"信息处理费[^。；，,]{0,12}?(\d+(?:\.\d+)?)\s*(万元|元)")
_COLLECTED_AMOUNT = re.compile(r"(?:收取|收缴|收费)[^。；，,]{0,10}?(\d+(?:\.\d+)?)\s*(万元|元)")
_NOTICES = re.compile(r"(?:发出|送达|出具)收费通知[^。；，,]{0,6}?(\d+)\s*(?:件|份|次)")
_ZERO = re.compile(r"(?:未|没有|无)(?:发出|送达)?(?:收取|收费通知|收费|发生收费)|均为0|均为零|(?<![\d.])0(?:\.0+)?元|零元")
_FEE_WORDS = ("信息处理费", "收费通知", "收费")

declare("FEE_NOT_REPORTED", "notice", "第六部分未报告信息处理费的收取情况（2021年版格式要求在此报告）")
declare("FEE_TOTAL_DISAGREES", "warning", "第六部分所述信息处理费收取金额与表三（六）2逾期未缴费件数不相符")
declare("FEE_CONFUSED", "warning", "表二“行政事业性收费”金额与第六部分的信息处理费金额相同，可能把两者混淆")


def _other_text(ctx: Context) -> str:
    return re.sub(r"\s+", "", ctx.report.sections.get("other", ""))


@rule("FEE_UNPAID_WITHOUT_NOTICE", "warning", "表三（六）2“逾期未缴纳费用”有件数，而第六部分称未发出收费通知或未收费")
def unpaid(ctx: Context):
    r = ctx.report
    text = _other_text(ctx)
    unpaid_cases = (r.t3.get("other.unpaid_fee") or {}).get("total")
    if r.vintage == "2021" and (r.year or 0) >= 2021 and "other" in r.sections and not any(w in text for w in _FEE_WORDS):
        yield ctx.finding("FEE_NOT_REPORTED", "第六部分“其他需要报告的事项”未报告信息处理费的收取情况", section="other")
    notices = _NOTICES.search(text)
    said_no_fee = bool(_ZERO.search(text)) and "收费" in text
    if unpaid_cases:
        if (notices and int(notices.group(1)) == 0) or (said_no_fee and not notices):
            yield ctx.finding(
                "FEE_UNPAID_WITHOUT_NOTICE",
                f"表三“（六）2.申请人逾期未按收费通知要求缴纳费用”为{unpaid_cases}件，但第六部分称未发出收费通知或未收费",
                table="t3", row="other.unpaid_fee", column="total",
            )
        elif notices and int(notices.group(1)) < unpaid_cases:
            yield ctx.finding(
                "FEE_UNPAID_WITHOUT_NOTICE",
                f"表三“（六）2”逾期未缴费{unpaid_cases}件，多于第六部分所称发出的收费通知{notices.group(1)}件",
                table="t3", row="other.unpaid_fee", column="total",
            )
    m = _FEE_AMOUNT.search(text) or (_COLLECTED_AMOUNT.search(text) if "信息处理费" in text else None)
    if m is not None and notices is not None and Decimal(m.group(1)) > 0 and int(notices.group(1)) <= (unpaid_cases or 0):
        # every notice ended unpaid as （六）2, so nothing can have been collected on them
        yield ctx.finding(
            "FEE_TOTAL_DISAGREES",
            f"第六部分称收取信息处理费{m.group(1)}{m.group(2)}，但所称发出的收费通知{notices.group(1)}件"
            f"均已按“（六）2.逾期未缴纳费用”办结（表三为{unpaid_cases}件），收费金额与件数不相符",
            table="t3", row="other.unpaid_fee", column="total",
        )
    fee_table = (r.t2.get("fees") or {}).get("amount")
    if m and isinstance(fee_table, Decimal) and fee_table > 0:
        amount = Decimal(m.group(1))
        in_wan = amount if m.group(2) == "万元" else amount / 10000
        if amount > 0 and (in_wan == fee_table or amount == fee_table):
            yield ctx.finding(
                "FEE_CONFUSED",
                f"表二“行政事业性收费”为{fee_table}万元，与第六部分所述信息处理费{m.group(1)}{m.group(2)}相同；"
                "表二填报的是本机关全部行政事业性收费，不是信息处理费，请核实",
                table="t2", row="fees", column="amount",
            )
