"""Instructions per report for extract + check of the corpus's text reports (valgrind).

    python benchmarks/bench_read_instructions.py [--reports 100]

Timings on a shared machine drift by a fifth from one minute to the next; the number of
instructions executed does not. This runs the read+check loop twice under callgrind, with
few and with many reports, and prints the difference per report: the figure to compare
before and after a change to the reader or the checks. Needs `valgrind` on the PATH.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys

from corpus_files import ROOT, corpus_reports


def loop(rounds: int) -> None:
    sys.path.append(str(ROOT))
    from gongkai import check
    from gongkai.readers import read_bytes

    texts = corpus_reports("seeds/*.txt")
    for _ in range(rounds):
        for data, name in texts:
            check(read_bytes(data, name))


def instructions(rounds: int) -> int:
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__, "--loop", str(rounds)],
        capture_output=True, text=True, check=True,
    )
    return int(re.search(r"Collected : (\d+)", out.stderr).group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--loop", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.loop is not None:
        loop(args.loop)
        return
    if not shutil.which("valgrind"):
        sys.exit("valgrind is not installed")
    files = len(corpus_reports("seeds/*.txt"))
    sys.path.append(str(ROOT))
    from gongkai import compiled

    print(f"build: {compiled.require_current()}")
    rounds = max(1, args.reports // files)
    per_report = (instructions(1 + rounds) - instructions(1)) / (rounds * files)
    print(f"text  extract+check: {per_report / 1e6:.2f} million instructions per report ({rounds * files} reports)")


if __name__ == "__main__":
    main()
