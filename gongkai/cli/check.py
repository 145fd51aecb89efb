"""`gongkai check`: every finding about each report, across years too; exit 1 on any error."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field

from . import batch
from .output import printable

SEVERITY_ZH = {"error": "错误", "warning": "警告", "notice": "提示"}


def register(sub) -> None:
    p = sub.add_parser("check", help="检查年度报告：模板、勾稽关系、正文与表格、发布期限、与上年衔接")
    batch.add_batch_arguments(p)
    p.add_argument("--previous", nargs="+", metavar="PATH", help="上一年度的报告（文件或文件夹），用于跨年度核对")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    p.add_argument("--quiet-notices", action="store_true", help="不显示“提示”级别的内容")
    p.set_defaults(func=run)


@dataclass
class Checked:
    """What the parent keeps of one report: its findings and what cross-year checks need."""

    path: str
    agency: str | None
    year: int | None
    findings: list = field(default_factory=list)
    slim: object = None  # the record without narrative except section 五


def _check_one(path: str) -> Checked:
    from ..checks import check
    from ..readers import read

    report = read(path)
    findings = check(report)
    slim = report.model_copy(update={"sections": {k: v for k, v in report.sections.items() if k == "problems"}, "notices": []})
    return Checked(path, report.agency, report.year, [f.model_dump(mode="json") for f in findings], slim)


def _slim_only(path: str):
    from ..readers import read

    report = read(path)
    return report.model_copy(update={"sections": {k: v for k, v in report.sections.items() if k == "problems"}, "notices": []})


def run(args) -> int:
    from ..checks.registry import Context, RULES

    files = batch.collect(args.inputs)
    if not files:
        print("gongkai: 没有找到报告文件", file=sys.stderr)
        return 2
    progress = batch.show_progress(args)
    unreadable = []
    checked: list[Checked] = []
    for outcome in batch.run(_check_one, files, args.jobs, progress, "检查"):
        if outcome.error:
            unreadable.append(outcome)
            batch.report_error(outcome)
        else:
            checked.append(outcome.value)
    pool = [c.slim for c in checked]
    if args.previous:
        for outcome in batch.run(_slim_only, batch.collect(args.previous), args.jobs, progress, "读取上年"):
            if outcome.error:
                unreadable.append(outcome)
                batch.report_error(outcome)
            else:
                pool.append(outcome.value)
    cross = [r for r in RULES.values() if r.needs_previous and r.func is not None]
    for item in checked:
        previous = _previous_of(item.slim, pool)
        if previous is None:
            continue
        ctx = Context(item.slim, previous)
        for r in cross:
            item.findings.extend(f.model_dump(mode="json") for f in r.func(ctx))
        item.findings.sort(key=lambda f: {"error": 0, "warning": 1, "notice": 2}[f["severity"]])
    if args.format == "json":
        _print_json(checked, unreadable)
    else:
        _print_text(checked, unreadable, args.quiet_notices)
    if unreadable:
        return 2
    return 1 if any(f["severity"] == "error" for c in checked for f in c.findings) else 0


def _previous_of(report, pool):
    from ..checks.continuity import same_agency

    if report.year is None:
        return None
    for other in pool:
        if other.year == report.year - 1 and same_agency(other.agency, report.agency):
            return other
    return None


def _print_json(checked, unreadable) -> None:
    items = [
        {"file": c.path, "agency": c.agency, "year": c.year, "findings": c.findings} for c in checked
    ] + [{"file": o.path, "error": o.error, "findings": []} for o in unreadable]
    json.dump(items, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def _print_text(checked, unreadable, quiet_notices: bool) -> None:
    counts = {"error": 0, "warning": 0, "notice": 0}
    with_errors = 0
    for c in checked:
        shown = [f for f in c.findings if not (quiet_notices and f["severity"] == "notice")]
        for f in c.findings:
            counts[f["severity"]] += 1
        with_errors += any(f["severity"] == "error" for f in c.findings)
        title = " ".join(x for x in (c.agency or "（机关不详）", f"{c.year}年度" if c.year else "") if x)
        print(printable(f"{c.path}  {title}"))
        if not shown:
            print("  未发现问题")
        for f in shown:
            where = _where(f["where"])
            print(f"  {SEVERITY_ZH[f['severity']]} {f['code']} {f['message']}{where}")
    print(
        f"共检查 {len(checked) + len(unreadable)} 份：{with_errors} 份有错误；"
        f"错误 {counts['error']} 条，警告 {counts['warning']} 条，提示 {counts['notice']} 条；"
        f"无法读取 {len(unreadable)} 份"
    )


def _where(where: dict) -> str:
    from ..record import place

    text = place(where)
    return f"（{text}）" if text else ""
