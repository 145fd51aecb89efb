"""Where the time of reading and checking a text report goes, stage by stage (CPU ms per report).

    python benchmarks/bench_read_stages.py [--repeat 100]

Each stage runs alone on the corpus's text reports, its inputs prepared beforehand, so the
figures add up roughly to `read+check` (the rest is bytes → text and the record's source).
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # an installed gongkai (a compiled wheel) first; PYTHONPATH picks a tree

from gongkai import check, compiled  # noqa: E402
from gongkai.readers import metadata as M  # noqa: E402
from gongkai.readers import read_bytes  # noqa: E402
from gongkai.readers import placement  # noqa: E402
from gongkai.readers.table3 import read_t3  # noqa: E402
from gongkai.readers.table4 import read_t4  # noqa: E402
from gongkai.readers.tables import read_rows, segment  # noqa: E402
from gongkai.readers.text import parse_text  # noqa: E402

from corpus_files import corpus_reports  # noqa: E402

A = importlib.import_module("gongkai.readers.assemble")  # the package re-exports the function under this name


def cpu_ms(func, items, repeat: int) -> float:
    start = time.process_time()
    for _ in range(repeat):
        for item in items:
            func(item)
    return (time.process_time() - start) / repeat / len(items) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()
    print(f"build: {compiled.require_current()}")
    files = [data for data, _ in corpus_reports("seeds/*.txt")]
    docs = [parse_text(d.decode("utf-8")) for d in files]

    def zones(doc):
        rows = doc.rows
        headings = M.find_headings(rows)
        return rows, headings, A._zones(rows, headings)

    zoned = [zones(d) for d in docs]

    def part(z, table):
        start, end = z[2][table]
        return z[0][start:end]

    t3 = [placement.layouts(read_rows(part(z, "t3"), "t3"), "2021") for z in zoned]
    t2 = [segment(part(z, "t2"), "t2") for z in zoned]
    reports = [read_bytes(d, "x.txt") for d in files]
    stages = [
        ("parse_text", lambda d: parse_text(d.decode("utf-8")), files),
        ("headings+zones", zones, docs),
        ("lay out t3", lambda z: placement.layouts(read_rows(part(z, "t3"), "t3"), "2021"), zoned),
        ("segment t2", lambda z: segment(part(z, "t2"), "t2"), zoned),
        ("read t3", lambda e: read_t3(e, "2021"), t3),
        ("build t2", lambda e: A._build_t2(e, "2021"), t2),
        ("read t4", lambda z: read_t4(part(z, "t4")), zoned),
        ("sections", lambda z: M.section_texts(z[0], z[1], None), zoned),
        ("assemble", A.assemble, docs),
        ("read_bytes", lambda d: read_bytes(d, "x.txt"), files),
        ("check", check, reports),
        ("read+check", lambda d: check(read_bytes(d, "x.txt")), files),
    ]
    for name, func, items in stages:
        print(f"{name:15s} {cpu_ms(func, items, args.repeat):6.3f} ms")


if __name__ == "__main__":
    main()
