"""How fast gongkai reads PDF reports on one core, and whether memory stays flat.

    python benchmarks/bench_pdf.py                # the corpus PDFs, 20 rounds
    python benchmarks/bench_pdf.py -n 50 a.pdf b.pdf
    python benchmarks/bench_pdf.py --plumber      # the pdfplumber-only reading, for comparison

Prints reports/s for `read_bytes` (PDF reading plus assembling the record) and for the PDF
reading alone, then the process's resident memory after the first round and at the end,
and its peak. The process is pinned to one CPU where the system allows it.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # an installed gongkai (a compiled wheel) first; PYTHONPATH picks a tree

from gongkai.errors import ReadError  # noqa: E402
from gongkai.readers import read_bytes  # noqa: E402
from gongkai.readers.pdf import parse_pdf  # noqa: E402

from corpus_files import corpus_dir  # noqa: E402


def rss_mb() -> float:
    """Resident memory now (Linux /proc), in MB."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1048576
    except OSError:
        return float("nan")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus_pdfs() -> list[Path]:
    return sorted(corpus_dir().rglob("*.pdf"))


def rate(label: str, files: list[tuple[str, bytes]], rounds: int, fn) -> None:
    count = 0
    started_wall, started_cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for name, data in files:
            try:
                fn(data, name)
            except ReadError:
                pass
            count += 1
    wall = time.perf_counter() - started_wall
    cpu = time.process_time() - started_cpu
    print(
        f"{label:<28} {count} reads: {count / wall:6.1f} reports/s wall, "
        f"{count / cpu:6.1f} reports/s CPU, {1000 * cpu / count:6.1f} ms CPU per report"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="PDF files (default: the corpus PDFs)")
    parser.add_argument("-n", "--rounds", type=int, default=20, help="times each file is read")
    parser.add_argument("--plumber", action="store_true", help="read with pdfplumber only")
    args = parser.parse_args()

    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        except OSError:
            pass
    paths = args.files or corpus_pdfs()
    if not paths:
        sys.exit("no PDF files: name some, or set GONGKAI_CORPUS")
    files = [(str(p), p.read_bytes()) for p in paths]
    fast = not args.plumber
    print(f"{len(files)} file(s), {args.rounds} round(s), {'PDFium' if fast else 'pdfplumber'} reading")

    def extract(data: bytes, name: str) -> None:
        read_bytes(data, name) if fast else _read_plumber(data, name)

    def parse(data: bytes, name: str) -> None:
        parse_pdf(data, fast=fast)

    for name, data in files:  # warm up: imports, first-use setup
        extract(data, name)
    after_warmup = rss_mb()
    rate("extract (read_bytes)", files, args.rounds, extract)
    rate("PDF reading only", files, args.rounds, parse)
    rate("extract, second pass", files, args.rounds, extract)
    print(
        f"memory: {after_warmup:.0f} MB after warm-up, {rss_mb():.0f} MB at the end "
        f"({3 * args.rounds * len(files)} more reads), peak {peak_rss_mb():.0f} MB"
    )


def _read_plumber(data: bytes, name: str) -> None:
    from gongkai.readers import pdf

    original = pdf.parse_pdf
    pdf.parse_pdf = lambda d, fast=True: original(d, fast=False)
    try:
        read_bytes(data, name)
    finally:
        pdf.parse_pdf = original


if __name__ == "__main__":
    main()
