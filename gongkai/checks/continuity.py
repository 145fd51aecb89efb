"""Across years of one agency: carry-over, documents in force, and repeated text (年年雷同)."""

from __future__ import annotations

from difflib import SequenceMatcher

from .. import template
from .arithmetic import failures
from .registry import Context, declare, rule

SIMILAR = 0.8


def same_agency(a: str | None, b: str | None) -> bool:
    """Names of one agency as printed in two years: equal, or one the other with a prefix."""
    if not a or not b:
        return False
    a, b = template.normalize(a), template.normalize(b)
    return a == b or (min(len(a), len(b)) >= 4 and (a.endswith(b) or b.endswith(a)))


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
