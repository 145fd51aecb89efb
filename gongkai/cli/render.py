"""`gongkai render`: write a record (or any readable report) in its statutory layout."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import formats


def register(sub) -> None:
    p = sub.add_parser(
        "render",
        help="按法定格式输出年度报告（DOCX、HTML、Markdown、XLSX）",
        description="把报告记录（JSON，包括 gongkai extract 的输出）或任何可读取的年度报告按法定格式输出。",
    )
    p.add_argument("source", help="报告记录（.json、.jsonl）或已发布的年度报告文件；“-”表示标准输入")
    p.add_argument("--to", dest="fmt", required=True, choices=formats.WRITABLE, help="输出格式")
    p.add_argument("-o", "--output", help="输出文件（默认：与输入同名、换用新扩展名；“-”表示标准输出）")
    p.add_argument("-q", "--quiet", action="store_true", help="不打印检查结果")
    p.set_defaults(func=run)


def run(args) -> int:
    from .. import read, render
    from ..errors import GongkaiError
    from .output import output_stream

    from_stdin = args.source == "-"
    if from_stdin and not args.output:
        raise GongkaiError("从标准输入读取时，请用 -o 指定输出文件（“-”表示标准输出）")
    report = read(sys.stdin.buffer, name="<标准输入>") if from_stdin else read(args.source)
    if not args.quiet:
        _print_findings(report)
    data = render(report, args.fmt)
    out = args.output or str(Path(args.source).with_suffix(formats.get(args.fmt).suffix))
    to_stdout = out == "-"
    if not (to_stdout or from_stdin) and Path(out).resolve() == Path(args.source).resolve():
        raise GongkaiError(f"输出文件与输入文件相同：{out}，请用 -o 指定其他文件")
    try:
        with output_stream(None if to_stdout else out, binary=True) as fh:
            fh.write(data)
    except OSError as exc:
        raise GongkaiError(f"无法写入 {out}：{exc.strerror or exc}") from None
    if not to_stdout:
        print(f"已写入 {out}", file=sys.stderr)
    return 0


def _print_findings(report) -> None:
    """The checks' findings on stderr: a report with errors still renders, but its agency should see them."""
    from .. import check

    findings = check(report)
    names = {"error": "错误", "warning": "警告", "notice": "提示"}
    for f in findings:
        where = f.where.get("line")
        at = f"（第 {where} 行）" if where else ""
        print(f"{names[f.severity]} {f.code}：{f.message}{at}", file=sys.stderr)
