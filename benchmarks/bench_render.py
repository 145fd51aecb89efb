"""How fast gongkai writes reports: 1,000 DOCX (the bar is under 10 s on one core) and the
other formats, from varied records. Prints figures; asserts nothing.

    python benchmarks/bench_render.py [COUNT]
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date
from decimal import Decimal

from gongkai import render, template
from gongkai.record import Report


def record(rng: random.Random) -> Report:
    """A report of a random vintage with consistent random tables and a page or two of prose."""
    vintage = rng.choice(template.VINTAGES)
    year = rng.randint(2019, 2030)
    t3 = {r.key: {} for r in template.t3_rows(vintage)}
    outcomes = template.t3_outcome_keys(vintage)
    for col in template.T3_APPLICANT_COLUMNS:
        for k in outcomes:
            t3[k][col] = rng.choice((0, 0, 0, rng.randint(0, 300)))
        total = sum(t3[k][col] for k in outcomes)
        forward = rng.randint(0, 20)
        carried = rng.randint(0, total + forward)
        t3["total"][col], t3["carry_forward"][col], t3["carried_over"][col] = total, forward, carried
        t3["new"][col] = total + forward - carried
    for row in t3.values():
        row["total"] = sum(row.values())
    t2: dict[str, dict] = {}
    for row, col in template.t2_cell_keys(vintage):
        value = Decimal(rng.randint(0, 10**8)) / 10000 if (row, col) in template.T2_DECIMAL_CELLS else rng.randint(0, 5000)
        t2.setdefault(row, {})[col] = value
    t4 = {}
    for g in template.T4_GROUP_KEYS:
        parts = {c: rng.randint(0, 9) for c in template.T4_PARTS}
        t4[g] = parts | {"total": sum(parts.values())}
    sentence = "本机关坚持以人民为中心，深入推进“政务公开”标准化规范化建设（含基层），全年主动公开政府信息{n}条。"
    prose = lambda k: "\n".join(sentence.format(n=rng.randint(1, 9999)) for _ in range(k))  # noqa: E731
    return Report(
        agency=f"某省某市第{rng.randint(1, 99)}区人民政府", year=year, vintage=vintage,
        published=date(year + 1, 1, rng.randint(1, 31)),
        sections={"overview": prose(12), "problems": prose(4), "other": prose(2)},
        t2=t2, t3=t3, t4=t4,
    )


def main(count: int = 1000) -> None:
    rng = random.Random(20190515)
    reports = [record(rng) for _ in range(count)]
    print(f"{count} reports, Python {sys.version.split()[0]}")
    for fmt, n in (("docx", count), ("html", count), ("md", count), ("xlsx", max(count // 10, 1))):
        render(reports[0], fmt)  # warm up: caches of the table layouts
        start = time.perf_counter()
        size = sum(len(render(r, fmt)) for r in reports[:n])
        seconds = time.perf_counter() - start
        print(f"{fmt:5} {n:5} reports  {seconds:7.2f} s  {seconds / n * 1000:6.2f} ms each  {size / n / 1024:6.1f} KiB each")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
