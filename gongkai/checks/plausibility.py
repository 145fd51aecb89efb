"""Figures that are possible but worth a second look."""

from __future__ import annotations

from .registry import Context, declare, known_sum, rule

OTHER_SHARE = 0.2

declare("PLAUSIBLE_APPEALS_WITHOUT_REFUSAL", "notice", "有行政复议或诉讼，而本年没有任何不予公开、无法提供、不予处理的答复")
declare("PLAUSIBLE_OVERVIEW_LONG", "notice", "第一部分“总体情况”超过一千字（格式要求原则上不超过一千字）")


@rule("PLAUSIBLE_OTHER_SHARE", "notice", "（六）其他处理占办理结果的比例偏高（格式说明要求监督部门关注）")
def other_share(ctx: Context):
    r = ctx.report
    total = (r.t3.get("total") or {}).get("total")
    others = [cells.get("total") for key, cells in r.t3.items() if key == "other" or key.startswith("other.")]
    other = known_sum(others)
    if not total or total < 5 or not others or other is None:
        return
    share = other / total
    if share > OTHER_SHARE:
        yield ctx.finding(
            "PLAUSIBLE_OTHER_SHARE",
            f"（六）其他处理共{other}件，占（七）总计{total}件的{share:.0%}，比例偏高，请核实是否归类准确",
            table="t3", row="other", column="total",
        )


@rule("PLAUSIBLE_CHECKS", "notice", "其他合理性提示")
def appeals_without_refusal(ctx: Context):
    r = ctx.report
    appeals = [(r.t4.get(g) or {}).get("total") for g in ("review", "litigation_direct", "litigation_after_review")]
    refusal_keys = [k for k in r.t3 if k.split(".")[0] in ("withheld", "unable", "rejected", "other")] + ["partial"]
    appealed = known_sum(appeals)
    refused = known_sum((r.t3.get(k) or {}).get("total") for k in refusal_keys)
    if r.t3 and r.t4 and appealed is not None and refused is not None and appealed > 0 and refused == 0:
        carried = (r.t3.get("carried_over") or {}).get("total") or 0
        yield ctx.finding(
            "PLAUSIBLE_APPEALS_WITHOUT_REFUSAL",
            f"表四有行政复议、行政诉讼共{appealed}件，而表三本年没有部分公开、不予公开、无法提供、不予处理或其他处理的答复"
            + ("（可能涉及以前年度的答复）" if not carried else ""),
            table="t4",
        )
    overview = r.sections.get("overview", "")
    if r.vintage == "2021" and len(overview.replace("\n", "")) > 1000:
        yield ctx.finding(
            "PLAUSIBLE_OVERVIEW_LONG",
            f"第一部分“总体情况”约{len(overview.replace(chr(10), ''))}字，格式要求原则上不超过一千字",
            section="overview",
        )
