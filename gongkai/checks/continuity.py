"""Across years of one agency: carry-over, documents in force, and repeated text (年年雷同)."""

from __future__ import annotations

from difflib import SequenceMatcher

from .. import template
from .registry import Context, declare, rule

SIMILAR = 0.8

declare("CONTINUITY_PROBLEMS_REPEATED", "warning", "第五部分与上年几乎相同（年年雷同）")


def same_agency(a: str | None, b: str | None) -> bool:
    """Names of one agency as printed in two years: equal, or one the other with a prefix."""
    if not a or not b:
        return False
    a, b = template.normalize(a), template.normalize(b)
    return a == b or (min(len(a), len(b)) >= 4 and (a.endswith(b) or b.endswith(a)))


@rule("CONTINUITY_CARRY_OVER", "error", "本年“上年结转”应等于上年“结转下年度继续办理”", needs_previous=True)
def carry_over(ctx: Context):
    r, p = ctx.report, ctx.previous
    if p is None:
        return
    now, before = r.t3.get("carried_over"), p.t3.get("carry_forward")
    if not now or not before:
        return
    for col in template.T3_COLUMN_KEYS:
        a, b = now.get(col), before.get(col)
        if a is None or b is None or a == b:
            continue
        yield ctx.finding(
            "CONTINUITY_CARRY_OVER",
            f"{template.t3_column_label(col)}列：本年“上年结转”为{a}，而{p.year}年度报告“结转下年度继续办理”为{b}",
            table="t3", row="carried_over", column=col,
        )


@rule("CONTINUITY_IN_FORCE", "warning", "现行有效件数与上年现行有效＋本年制发－本年废止不符", needs_previous=True)
def continuity(ctx: Context):
    r, p = ctx.report, ctx.previous
    if p is None:
        return
    if r.vintage == "2021" and p.vintage == "2021":
        for row in ("rules", "normative"):
            now, before = r.t2.get(row, {}), p.t2.get(row, {})
            issued, repealed, in_force = now.get("issued"), now.get("repealed"), now.get("in_force")
            last = before.get("in_force")
            if issued is None or repealed is None or in_force is None or last is None:
                continue
            expected = last + issued - repealed
            if expected != in_force:
                yield ctx.finding(
                    "CONTINUITY_IN_FORCE",
                    f"{template.t2_label(row)}：上年现行有效{last}＋本年制发{issued}－本年废止{repealed}＝{expected}，"
                    f"而报告现行有效件数为{in_force}（修订、移交等也可能造成差异，请核实）",
                    table="t2", row=row, column="in_force",
                )
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
