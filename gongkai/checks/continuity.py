"""Across years of one agency: carry-over, documents in force, and repeated text (年年雷同)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from .. import template
from ..record import Report
from .arithmetic import failures
from .registry import Context, declare, rule

SIMILAR = 0.8


def same_agency(a: str | None, b: str | None) -> bool:
    """Names of one agency as printed in two years: the same once normalised, or one the
    other with the province or city above it named first (洪泽区人民政府, 淮安市洪泽区人民政府)."""
    if not a or not b:
        return False
    a, b = template.normalize(a), template.normalize(b)
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.endswith(short) and bool(_REGIONS.fullmatch(long_[: -len(short)]))


# the places above an agency's own region, as a name may print them first
_REGIONS = re.compile(r"(?:[\u4e00-\u9fff]{2,10}?(?:省|自治区|特别行政区))?(?:[\u4e00-\u9fff]{1,10}?(?:市|自治州|州|盟|地区))?")


def pairable(report: Report, previous: Report) -> bool:
    """Whether `previous` is the same agency's report of the year before, known for certain:
    both names the reports' own (not a page's title), the same, and the years consecutive."""
    if report.year is None or previous.year != report.year - 1:
        return False
    if ("agency",) in report.uncertain() or ("agency",) in previous.uncertain():
        return False
    return same_agency(report.agency, previous.agency)


declare("CONTINUITY_IN_FORCE", "warning", "现行有效件数与上年现行有效＋本年制发－本年废止不符")


@rule("CONTINUITY_CARRY_OVER", "error", "本年“上年结转”应等于上年“结转下年度继续办理”", needs_previous=True)
def across_years(ctx: Context):
    """The identities between two years' reports (template.cross_year_identities)."""
    r, p = ctx.report, ctx.previous
    if p is None:
        return
    vintage = r.vintage or "2021"
    same_tables = p.vintage == vintage  # table 二 is compared only within one vintage
    chosen = tuple(i for i in template.cross_year_identities(vintage) if same_tables or i.at.table != "t2")
    for identity, message in failures(chosen, r, p):
        at = identity.at
        yield ctx.finding(identity.code, message, table=at.table, row=at.row, column=at.column)


@rule("CONTINUITY_PROBLEMS_REPEATED", "warning", "第五部分与上年几乎相同（年年雷同）", needs_previous=True)
def repeated(ctx: Context):
    r, p = ctx.report, ctx.previous
    if p is None:
        return
    a, b = r.sections.get("problems", ""), p.sections.get("problems", "")
    if len(a) >= 20 and len(b) >= 20:
        ratio = similarity(a, b)
        if ratio >= SIMILAR:
            yield ctx.finding(
                "CONTINUITY_PROBLEMS_REPEATED",
                f"第五部分“存在的主要问题及改进情况”与{p.year}年度报告的相似度为{ratio:.0%}，不应年年雷同",
                section="problems", similarity=round(ratio, 3),
            )


def similarity(a: str, b: str) -> float:
    a, b = template.normalize(a), template.normalize(b)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
        return matcher.quick_ratio()
    return matcher.ratio()
