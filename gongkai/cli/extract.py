"""`gongkai extract`: read reports and print their records (json, jsonl or long csv)."""

from __future__ import annotations

import sys

from .. import formats
from . import batch
from .output import output_stream


def register(sub) -> None:
    p = sub.add_parser("extract", help="读取年度报告，输出结构化记录")
    batch.add_batch_arguments(p)
    p.add_argument("--format", choices=formats.STREAMS, default="json", help="输出格式（默认 json）")
    p.add_argument("-o", "--output", metavar="FILE", help="写入文件（默认：标准输出）")
    p.set_defaults(func=run)


class _Serialise:
    """Read one file and serialise its record (in a worker process)."""

    def __init__(self, fmt: str):
        self.fmt = fmt

    def __call__(self, path: str) -> str:
        from ..readers import read

        return formats.get(self.fmt).records().item(read(path))


def run(args) -> int:
    files = batch.collect(args.inputs)
    stream = formats.get(args.format).records()
    failed = 0
    written = 0
    with output_stream(args.output) as out:
        out.write(stream.head())
        for outcome in batch.run(_Serialise(args.format), files, args.jobs, batch.show_progress(args), "读取"):
            if outcome.error:
                failed += 1
                batch.report_error(outcome)
                continue
            out.write(stream.before(written) + outcome.value)
            written += 1
        out.write(stream.tail(written))
    if not files:
        print("gongkai: 没有找到报告文件", file=sys.stderr)
        return 2
    return 2 if failed else 0
