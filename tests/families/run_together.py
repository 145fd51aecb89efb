"""Crawled text whose table rows kept no separators at all, however they can be cut.

Table 三's rows run their digits together even where a row's own total admits several
cuts (`111000012`: 1,11,… or 11,1,…), so the column totals, （七）总计 and 一＋二＝（七）＋四
must choose; table 四 is one run of 15 to 17 digits right after its header words. The
records are drawn so that such rows are common: small counts with a few of two digits.
What a correct reader returns is the record with the cells the arithmetic cannot choose
unknown (oracle.py).
"""

from __future__ import annotations

import random

from gongkai import template
from gongkai.record import Report

from . import oracle
from .layout import C, Style, blocks, encode
from .records import make_report

MAX_WAYS = 3000  # ways of reading the table the oracle follows (rows beyond keep their spaces)


def small_report(rng: random.Random, vintage: str) -> Report:
    """A record of small counts, as most agencies have: zeros, ones, a few of two digits."""
    record = make_report(rng, vintage, zero_share=rng.choice((0.5, 0.7, 0.85)))
    t3 = {}
    shape = template.t3_shape(record.t3)
    outcomes = template.t3_outcome_keys(shape)
    for c in template.T3_APPLICANT_COLUMNS:
        busy = c == "natural_person" or rng.random() < 0.4
        for k in outcomes:
            t3.setdefault(k, {})[c] = _small(rng) if busy and rng.random() < 0.5 else 0
        total = sum(t3[k][c] for k in outcomes)
        forward = _small(rng) if busy and rng.random() < 0.4 else 0
        carried = rng.randint(0, total + forward) if rng.random() < 0.4 else 0
        t3.setdefault("total", {})[c] = total
        t3.setdefault("carry_forward", {})[c] = forward
        t3.setdefault("carried_over", {})[c] = carried
        t3.setdefault("new", {})[c] = total + forward - carried
    for cells in t3.values():
        cells["total"] = sum(cells[c] for c in template.T3_APPLICANT_COLUMNS)
    t4 = {}
    for g in template.T4_GROUP_KEYS:
        parts = {c: (rng.randint(1, 9) if rng.random() < 0.3 else 0) for c in template.T4_PARTS}
        if rng.random() < 0.3:
            parts[rng.choice(template.T4_PARTS)] = rng.randint(10, 19)
        t4[g] = {**parts, "total": sum(parts.values())}
    return record.model_copy(update={"t3": {r.key: t3[r.key] for r in template.t3_rows(shape)}, "t4": t4})


def _small(rng: random.Random) -> int:
    return rng.choice((1, 1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9, rng.randint(10, 30)))


def render_run_together(report: Report, rng: random.Random, undecided_spaced: bool = False) -> tuple[bytes, Report]:
    """The report as crawled text with rows run together, and what a reader must make of it.

    `undecided_spaced`: a row whose digits its own identities do not decide keeps its
    spaces (a table with a planted error: run together, no reader could find it).
    """
    style = Style.random(rng, blanks=False, breaks=False)
    style.spaced_labels = 0.0
    shape = template.t3_shape(report.t3)
    choices: dict[str, list[tuple[int, ...]]] = {}
    ways = 1
    keys = iter(r.key for r in template.t3_rows(shape) if r.key in report.t3)  # table 三's rows, in printed order
    lines: list[str] = []
    for block in blocks(report, rng, style):
        if block.kind != "table":
            lines.append(block.text)
            continue
        table = block.table
        rows: list[str] = []
        for n, slots in enumerate(table.rows):
            labels = "".join(s.text.replace("\n", "") for s in slots if isinstance(s, C) and not s.value)
            values = [s.text for s in slots if isinstance(s, C) and s.value]
            if not values:
                rows.append(labels)
                continue
            digits = "".join(values)
            printed = all(v.isdigit() for v in values)
            if table.name == "t4":
                found = oracle.readings("t4", digits, len(values), shape) if printed else []
                if len(found) == 1 or found and not undecided_spaced:
                    choices["t4"] = found
                    rows[-1] += digits  # right after the header words
                else:
                    rows[-1] += " " + " ".join(values)
                continue
            if table.name == "t3":
                key = next(keys)
                found = oracle.readings(key, digits, len(values), shape) if printed else []
                if found and ways * len(found) <= MAX_WAYS and (len(found) == 1 or not undecided_spaced):
                    ways *= len(found)
                    choices[key] = found
                    rows.append(labels + digits)
                    continue
            rows.append(labels + " " + " ".join(values))
        lines += rows if rng.random() < 0.5 else ["".join(rows)]
    t4 = choices.pop("t4", None)
    expected = oracle.decided(report, choices)
    if t4 is not None:
        expected = oracle.decided(expected, {"t4": t4})  # table 四 has identities of its own
    return encode("\n".join(lines) + "\n", rng), expected

