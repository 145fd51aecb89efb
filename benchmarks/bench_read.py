"""Throughput of extract + check on one core (text, HTML, PDF), and memory over many files.

    python benchmarks/bench_read.py [--seconds 5] [--rounds 5] [--files 10000]

Prints reports per second for each format (text: the corpus's reports, then generated
reports of each text layout family, alone and mixed) and the peak resident memory after 1,000 and
after N files read in one process (flat memory means the two are close).

Each format runs in several rounds; the best round is the figure to compare (as `timeit`
advises: slower rounds measure what else the machine was doing), the median is printed
beside it. Pin to one core for the one-core figure: `taskset -c 1 python …`. Each round is
timed by the clock and by the process's CPU time; on a machine busy with other work the CPU
figure is the one-core figure (the clock also counts the time others had the core).

The targets, for the default plain Python build on one core: the corpus's text reports at
1,000 reports/s or more, HTML at 300/s, PDF at 15/s. Each is printed with its figure.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # an installed gongkai (a compiled wheel) first; PYTHONPATH picks a tree

from gongkai import check, compiled  # noqa: E402
from gongkai.readers import read_bytes  # noqa: E402
from gongkai.readers.text import parse_text  # noqa: E402

from corpus_files import corpus_reports  # noqa: E402


def as_html(text: str) -> bytes:
    """A saved-page rendering of a text report: navigation, scripts, one table per row group."""
    rows = []
    for row in parse_text(text).rows:
        if len(row) == 1:
            rows.append(f"<p><span>{row[0].text}</span></p>")
        else:
            cells = "".join(f"<td><span>{c.text or '&nbsp;'}</span></td>" for c in row)
            rows.append(f"<table><tr>{cells}</tr></table>")
    page = (
        "<html><head><meta charset='utf-8'><title>年度报告</title><script>var x=1;</script></head><body>"
        "<div class='nav'><a href='/'>首页</a><a>政务公开</a></div><div class='article'>"
        + "\n".join(rows) + "</div><div class='footer'>版权所有</div></body></html>"
    )
    return page.encode("utf-8")


TEXT_FAMILIES = ("docx_text", "tabbed", "markdown", "crawler")


def family_texts(family: str) -> list[tuple[bytes, str]]:
    """Generated reports of one text layout family (tests/families), both vintages."""
    import random

    from tests.families import FAMILIES, make_report

    render, name = FAMILIES[family]
    out = []
    for seed in range(10):
        rng = random.Random(f"bench/{family}/{seed}")
        out.append((render(make_report(rng, ("2019", "2021")[seed % 2]), rng), name))
    return out


TARGETS = {"text": 1000, "html": 300, "pdf": 15}  # reports/s on one core, plain Python build


def rates(samples: list[tuple[bytes, str]], seconds: float, rounds: int) -> list[tuple[float, float]]:
    """(reports per second of the clock, per second of CPU) in each of `rounds` rounds sharing `seconds`."""
    out = []
    for _ in range(rounds):
        n, start, cpu = 0, time.perf_counter(), time.process_time()
        while time.perf_counter() - start < seconds / rounds:
            for data, name in samples:
                check(read_bytes(data, name))
                n += 1
        out.append((n / (time.perf_counter() - start), n / (time.process_time() - cpu)))
    return out


def show(label: str, samples: list[tuple[bytes, str]], args, target: str | None = None) -> None:
    got = rates(samples, args.seconds, args.rounds)
    wall, cpu = [w for w, _ in got], [c for _, c in got]
    line = (f"{label} extract+check: {max(wall):8.1f} reports/s best round, {statistics.median(wall):8.1f} median; "
            f"by CPU time {max(cpu):8.1f} best, {statistics.median(cpu):8.1f} median (one core)")
    if target:
        goal = TARGETS[target]
        line += f"  [target {goal:,}/s: {'met' if max(cpu) >= goal else 'NOT MET'}]"
    print(line)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--files", type=int, default=10_000)
    args = parser.parse_args()
    print(f"build: {compiled.require_current()}")
    texts = corpus_reports("seeds/*.txt")
    pdfs = corpus_reports("pdf/*.pdf", required=False)
    html = [(as_html(d.decode("utf-8")), n + ".html") for d, n in texts]
    show("text ", texts, args, "text")
    for family in TEXT_FAMILIES:
        show(f"text, {family} family", family_texts(family), args)
    show("text, the four families", [r for f in TEXT_FAMILIES for r in family_texts(f)], args)
    show("html ", html, args, "html")
    if pdfs:
        show("pdf  ", pdfs, args, "pdf")
    samples = texts + html
    first = min(1000, args.files)
    for i in range(args.files):
        data, name = samples[i % len(samples)]
        check(read_bytes(data, name))
        if i + 1 == first:
            at_first = peak_mb()
    print(f"peak RSS after {first:,} files: {at_first:.1f} MB; after {args.files:,} files: {peak_mb():.1f} MB")


if __name__ == "__main__":
    main()
