"""Publication deadline (条例 Art. 49): 31 January, or 31 March for people's governments."""

from __future__ import annotations

import re
from datetime import date

from .registry import Context, declare, rule

_TOWNSHIP = re.compile(r"(?:乡|镇|苏木|街道)(?:人民政府)?$|街道办事处$|街道$")
_GOVERNMENT = re.compile(r"人民政府$")

declare("TIMELINESS_UNKNOWN", "notice", "报告未注明发布日期，无法核对是否按时发布")


def deadline_for(agency: str | None, year: int) -> tuple[date, str]:
    """The statutory publication deadline and the rule assumed, from the agency's name."""
    name = (agency or "").strip()
    if name and _GOVERNMENT.search(name) and not _TOWNSHIP.search(name):
        return date(year + 1, 3, 31), "县级以上人民政府，应于次年3月31日前公布"
    if name and _TOWNSHIP.search(name):
        return date(year + 1, 1, 31), "乡镇人民政府、街道办事处，应于次年1月31日前公布"
    if name:
        return date(year + 1, 1, 31), f"按名称“{name}”视为政府部门，应于次年1月31日前公布"
    return date(year + 1, 1, 31), "发布机关不详，按政府部门的次年1月31日期限核对"


@rule("TIMELINESS_LATE", "warning", "晚于法定期限发布（部门、乡镇、街道1月31日；县级以上人民政府3月31日）")
def late(ctx: Context):
    r = ctx.report
    if r.year is None:
        return
    deadline, why = deadline_for(r.agency, r.year)
    if r.published is None:
        yield ctx.finding("TIMELINESS_UNKNOWN", f"报告末尾未注明日期，无法核对是否按时发布（{why}）")
        return
    if r.published > deadline:
        days = (r.published - deadline).days
        yield ctx.finding(
            "TIMELINESS_LATE",
            f"报告注明的日期{r.published.isoformat()}晚于法定期限{deadline.isoformat()}（{days}天；{why}）",
            published=r.published.isoformat(), deadline=deadline.isoformat(),
        )
    elif r.published.year <= r.year:
        yield ctx.finding(
            "TIMELINESS_LATE",
            f"报告注明的日期{r.published.isoformat()}早于报告年度结束，日期可能有误",
            published=r.published.isoformat(),
        )
