"""How fast gongkai writes letters: 1,000 DOCX letters of every kind and outcome (the bar is
under 10 s on one core), composed from requests and their events and rendered. Prints
figures; asserts nothing.

    python benchmarks/bench_letters.py [COUNT]
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from gongkai import deadlines as dl, fees, letters
from gongkai.letters import grounds
from gongkai.workdays import load_calendar

OFFICE = letters.Office(name="某市某区人民政府办公室", short_name="某区府办", review_body="某区人民政府",
                        court="某市某区人民法院", address="某区人民路1号", contact="010-12345678")
INPUTS = letters.Inputs(provided="相关文件复印件一份", withheld="其中个人身份信息涉及个人隐私，不予公开",
                        referral="某区自然资源局，电话010-00000000", third_party="某有限公司", note="其他处理")


def job(rng: random.Random, n: int):
    """(kind, facts, inputs) of a random request: an answer of a random outcome, or an earlier letter."""
    received = date(2025, 1, 2) + timedelta(days=rng.randint(0, 300))
    E, K = dl.Event, dl.EventKind
    events = [E(K.received, received)]
    kind = rng.choice(("answer",) * 6 + ("receipt", "correction", "extension", "consultation", "fee_notice"))
    outcome, variant, fee = "", "", None
    if kind == "answer":
        outcome = rng.choice(grounds.outcomes())
        variant = rng.choice(grounds.VARIANTS[outcome])
        if outcome in ("unable.unclear", "other.no_correction"):
            events.append(E(K.correction_requested, received + timedelta(days=2), note="请写明文件名称"))
        if outcome == "other.unpaid_fee":
            events.append(E(K.fee_notice_sent, received + timedelta(days=3)))
        ends = K.correction_lapsed if outcome == "other.no_correction" else K.answered
        events.append(E(ends, received + timedelta(days=40)))
    elif kind == "correction":
        events.append(E(K.correction_requested, received + timedelta(days=2), note="请写明文件名称"))
    elif kind == "extension":
        events.append(E(K.extension_approved, received + timedelta(days=20), days=rng.randint(1, 20)))
    elif kind == "consultation":
        events.append(E(K.consultation_started, received + timedelta(days=5)))
    elif kind == "fee_notice":
        events.append(E(K.fee_notice_sent, received + timedelta(days=5)))
        fee = fees.per_page(rng.randint(0, 400)) if rng.random() < 0.5 else fees.per_request(rng.randint(0, 60))
    facts = letters.Facts(
        number=f"依申请〔2025〕{n:04d}号", applicant=f"申请人{n}", applicant_kind="自然人", received=received,
        channel="网络/在线平台", receipt_rule="以双方确认之日为收到申请之日", items="某项目的规划许可文件" * rng.randint(1, 5),
        form="纸质文本", route="邮寄", events=events, outcome=outcome,
        legal_basis="《中华人民共和国政府信息公开条例》第四十四条" if outcome == "other.other" else "", fee=fee,
    )
    return kind, facts, letters.Inputs(**{**INPUTS.__dict__, "variant": variant})


def main(count: int = 1000) -> None:
    rng = random.Random(20201117)
    calendar = load_calendar()
    jobs = [job(rng, n) for n in range(count)]
    letters.render_docx(letters.compose(*jobs[0][:2], OFFICE, calendar, inputs=jobs[0][2]))  # warm up
    start = time.perf_counter()
    composed = [letters.compose(k, f, OFFICE, calendar, number=f"某区府办依〔2025〕{i}号", inputs=inp)
                for i, (k, f, inp) in enumerate(jobs)]
    mid = time.perf_counter()
    size = sum(len(letters.render_docx(letter)) for letter in composed)
    end = time.perf_counter()
    print(f"{count} letters, Python {sys.version.split()[0]}")
    print(f"compose (events, deadlines, template): {mid - start:6.2f} s")
    print(f"render DOCX:                           {end - mid:6.2f} s  ({size / count / 1024:.1f} KiB a letter)")
    print(f"total: {end - start:.2f} s, {count / (end - start):.0f} letters/s (goal: {count} in under 10 s on one core)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
