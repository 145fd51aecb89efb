"""`gongkai extract`: read reports and print their records (json, jsonl or long csv)."""

from __future__ import annotations

import csv
import io
import json
import sys

from . import batch
from .output import output_stream


def register(sub) -> None:
    p = sub.add_parser("extract", help="读取年度报告，输出结构化记录")
    batch.add_batch_arguments(p)
    p.add_argument("--format", choices=("json", "jsonl", "csv"), default="json", help="输出格式（默认 json）")
    p.add_argument("-o", "--output", metavar="FILE", help="写入文件（默认：标准输出）")
    p.set_defaults(func=run)


class _Serialise:
    def __init__(self, fmt: str):
        self.fmt = fmt

    def __call__(self, path: str) -> str:
        from ..readers import read
        from ..record import long_rows

        report = read(path)
        if self.fmt == "csv":
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerows(long_rows(report))
            return buf.getvalue()
        return json.dumps(report.record(), ensure_ascii=False, indent=1 if self.fmt == "json" else None)


def run(args) -> int:
    files = batch.collect(args.inputs)
    failed = 0
    written = 0
    with output_stream(args.output) as out:
        if args.format == "json":
            out.write("[")
        elif args.format == "csv":
            from ..record import LONG_CSV_HEADER

            out.write(",".join(LONG_CSV_HEADER) + "\n")
        for outcome in batch.run(_Serialise(args.format), files, args.jobs, batch.show_progress(args), "读取"):
            if outcome.error:
                failed += 1
                batch.report_error(outcome)
                continue
            if args.format == "json":
                out.write(("," if written else "") + "\n" + outcome.value)
            elif args.format == "jsonl":
                out.write(outcome.value + "\n")
            else:
                out.write(outcome.value)
            written += 1
        if args.format == "json":
            out.write("\n]\n" if written else "]\n")
    if not files:
        print("gongkai: 没有找到报告文件", file=sys.stderr)
        return 2
    return 2 if failed else 0
