"""Instructions per report for extract + check of the corpus's reports (valgrind).

    python benchmarks/bench_read_instructions.py [--reports 100] [--format text html pdf]

Timings on a shared machine drift by a fifth from one minute to the next; the number of
instructions executed does not. This runs the read+check loop twice under callgrind, with
few and with many reports, and prints the difference per report: the figure to compare
before and after a change to the reader or the checks, or between the plain and the
compiled build (run it with each build's Python). Text is the corpus's text reports, HTML
the same as saved web pages (bench_read.py), PDF the corpus's PDFs. Needs `valgrind`.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys

from corpus_files import ROOT, corpus_reports


def samples(fmt: str) -> list[tuple[bytes, str]]:
    if fmt == "pdf":
        return corpus_reports("pdf/*.pdf")
    texts = corpus_reports("seeds/*.txt")
    if fmt == "html":
        from bench_read import as_html

        return [(as_html(d.decode("utf-8")), n + ".html") for d, n in texts]
    return texts


def loop(fmt: str, rounds: int) -> None:
    sys.path.append(str(ROOT))
    from gongkai import check
    from gongkai.readers import read_bytes

    reports = samples(fmt)
    for _ in range(rounds):
        for data, name in reports:
            check(read_bytes(data, name))


def instructions(fmt: str, rounds: int) -> int:
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
         "--loop", str(rounds), "--format", fmt],
        capture_output=True, text=True, check=True,
    )
    return int(re.search(r"Collected : (\d+)", out.stderr).group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100, help="reports per format (PDF: a tenth as many)")
    parser.add_argument("--format", nargs="+", choices=("text", "html", "pdf"), default=["text"])
    parser.add_argument("--loop", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.loop is not None:
        loop(args.format[0], args.loop)
        return
    if not shutil.which("valgrind"):
        sys.exit("valgrind is not installed")
    sys.path.append(str(ROOT))
    from gongkai import compiled

    print(f"build: {compiled.require_current()}")
    for fmt in args.format:
        files = len(samples(fmt))
        wanted = args.reports // 10 if fmt == "pdf" else args.reports
        rounds = max(1, wanted // files)
        per_report = (instructions(fmt, 1 + rounds) - instructions(fmt, 1)) / (rounds * files)
        print(f"{fmt:<5} extract+check: {per_report / 1e6:.2f} million instructions per report ({rounds * files} reports)")


if __name__ == "__main__":
    main()
