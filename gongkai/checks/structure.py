"""The template: six sections, the rows and groups of the vintage, and a vintage that fits the year."""

from __future__ import annotations

from .. import template
from .registry import Context, declare, rule

TABLE_SECTIONS = {"proactive": "t2", "requests": "t3", "litigation": "t4"}

declare("TEMPLATE_SECTION_EMPTY", "warning", "某一部分只有标题、没有内容")


@rule("TEMPLATE_SECTION_MISSING", "error", "年度报告应有六个部分，缺少其中之一")
def sections(ctx: Context):
    r = ctx.report
    unsure = r.uncertain()
    for s in template.SECTIONS:
        table = TABLE_SECTIONS.get(s.key)
        if table and getattr(r, table) or ("section", s.key) in unsure:
            continue  # its table was read, or the reader could not tell (a reading notice says so)
        if s.key not in r.sections:
            yield ctx.finding("TEMPLATE_SECTION_MISSING", f"缺少第{s.number}部分“{s.heading}”", section=s.key)
        elif not r.sections[s.key].strip() and not table:
            yield ctx.finding("TEMPLATE_SECTION_EMPTY", f"第{s.number}部分“{s.heading}”没有内容", section=s.key)


declare("TEMPLATE_ROW_EXTRA", "warning", "表格中有格式以外的行")
declare("TEMPLATE_OTHER_SINGLE_ROW", "warning", "2021年版格式的（六）其他处理应分三行填报，报告只有一行")
declare("TEMPLATE_TABLE_MISSING", "error", "缺少表二、表三或表四")


@rule("TEMPLATE_ROW_MISSING", "error", "表格缺少格式规定的行")
def rows(ctx: Context):
    r = ctx.report
    vintage = r.vintage or "2021"
    unsure = r.uncertain()
    for name, key in (("表二", "t2"), ("表三", "t3"), ("表四", "t4")):
        if not getattr(r, key) and ("table", key) not in unsure:
            yield ctx.finding("TEMPLATE_TABLE_MISSING", f"报告没有{name}", table=key)
    if r.t3:
        expected = [row.key for row in template.t3_rows(vintage)]
        single_other = vintage == "2021" and "other" in r.t3 and not any(k.startswith("other.") for k in r.t3)
        if single_other:
            expected = [k for k in expected if not k.startswith("other.")] + ["other"]
            yield ctx.finding(
                "TEMPLATE_OTHER_SINGLE_ROW",
                "表三按2021年版格式填报，但“（六）其他处理”只有一行，未分为“1.申请人无正当理由逾期不补正…”“2.申请人逾期未按收费通知要求缴纳费用…”“3.其他”三行",
                table="t3", row="other",
            )
        for key in expected:
            if key not in r.t3 and ("row", "t3", key) not in unsure:
                yield ctx.finding("TEMPLATE_ROW_MISSING", f"表三缺少“{template.t3_label(key).printed}”行", table="t3", row=key)
        allowed = set(expected)
        for key in r.t3:
            if key not in allowed:
                yield ctx.finding("TEMPLATE_ROW_EXTRA", f"表三“{template.t3_label(key).printed}”不属于{vintage}年版格式", table="t3", row=key)
    if r.t2:
        for row, cols in template.t2_rows(vintage):
            if row.key not in r.t2 and ("row", "t2", row.key) not in unsure:
                yield ctx.finding("TEMPLATE_ROW_MISSING", f"表二缺少“{row.label}”行", table="t2", row=row.key)
    if r.t4:
        for group in template.T4_GROUPS:
            if group.key not in r.t4:
                yield ctx.finding("TEMPLATE_ROW_MISSING", f"表四缺少“{group.label}”一组", table="t4", row=group.key)


@rule("TEMPLATE_VINTAGE_YEAR", "error", "表格版本与报告年度不符（2021年度起应使用2021年版格式）")
def vintage_year(ctx: Context):
    r = ctx.report
    if r.year is None or r.vintage is None:
        return
    if r.vintage == "2019" and r.year >= 2021:
        yield ctx.finding(
            "TEMPLATE_VINTAGE_YEAR",
            f"{r.year}年度报告使用了2019年试行格式的表格；2021年度起应使用国办公开办函〔2021〕30号印发的格式",
            table="t2",
        )


declare("META_AGENCY_UNKNOWN", "warning", "未能从标题读出发布机关")


@rule("META_YEAR_UNKNOWN", "warning", "未能读出报告年度")
def metadata(ctx: Context):
    if ctx.report.year is None:
        yield ctx.finding("META_YEAR_UNKNOWN", "未能从标题或正文读出报告年度")
    if not ctx.report.agency:
        yield ctx.finding("META_AGENCY_UNKNOWN", "未能从标题读出发布机关名称")
