"""Applicants and an office at once against `gongkai serve`: the public portal under load.

    python benchmarks/bench_portal.py --database postgresql://postgres@127.0.0.1:54329/gk_portal

A fresh register (the named PostgreSQL database is dropped and made again: give it a scratch
name; without --database a temporary SQLite file) with one agency whose portal is switched
on, served by `gongkai serve` on loopback. For `--seconds`, `--applicants` applicants, each
from its own loopback address (127.0.0.10, .11, …, so the portal's per-address limits apply
as they would to people on the internet, at their defaults), submit requests (sometimes the
same page twice, which must be merged), open them with number and code, follow them and
answer a 补正 when asked; meanwhile `--staff` clerks work the register: the list of requests
waiting for confirmation, confirming (every third with a 补正), answering corrected ones with a
letter. Bounded in time and in count (`--max-requests`); loopback only; the server is stopped
at the end. Afterwards the database is checked against what every applicant was told: each
accepted submission in the register exactly once, repeats merged, no server error. Prints the
median and 95th-percentile latency of each kind of page; exit status 1 on any violation.
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
import threading
import time

from serving import ROOT, Enough, Session, Timings, scratch_register, server_arguments, start_server

sys.path.insert(0, str(ROOT))

PASSWORD = "Load-test-passw0rd!"
SLUG = "load"
RECEIPT = re.compile(r'id="number">([^<]+)<.*?id="code">([A-Z0-9-]+)<', re.DOTALL)
STATUS = re.compile(r'id="status-label">([^<]+)<')
LINK = re.compile(r'href="/requests/(\d+)/"')
LETTER = re.compile(r'href="(/apply/[^"]+/letters/\d+/docx/)"')
THINK = (0.2, 1.0)  # seconds an applicant spends on a page before the next


class Log(Timings):
    """Timings, and what each user was told."""

    def __init__(self, budget: int):
        super().__init__(budget)
        self.accepted: dict[str, str] = {}  # number -> code, as the receipt page showed them
        self.merged: list[tuple[str, str]] = []  # (number first shown, number shown for the same page sent again)
        self.confirmed = self.answered = self.replies = self.refused_steps = self.throttled = self.downloaded = 0
        self.asked: set[str] = set()  # requests a clerk asked to correct, followed until answered
        self.problems: list[str] = []


def application(n: int, k: int, resident_id: str) -> dict:
    return {"applicant_type": "person", "name": f"申请人{n:02d}", "id_type": "resident_id", "id_number": resident_id,
            "phone": f"139{n:04d}{k:04d}", "email": f"applicant{n}@example.com", "address": f"某区某路{n}号",
            "description": f"负载测试：第{n}位申请人的第{k}项申请所需的政府信息", "delivery_form": "electronic",
            "delivery_channel": "online", "declaration": "on"}


def applicant_loop(s: Session, n: int, deadline: float, per_applicant: int, delay: float) -> None:
    """Submit up to `per_applicant` requests (every third page sent twice), and follow them: open one
    with its number and code, look at it a few times, answer a 补正 when asked, go on to the next."""
    from gongkai.identifiers import resident_id_check

    time.sleep(delay)
    log, mine, fetched, k, turn = s.log, [], set(), 0, 0
    body = f"32010519800101{n:03d}"
    resident_id = body + resident_id_check(body)
    try:
        while time.monotonic() < deadline:
            if k < per_applicant:
                k += 1
                submit(s, n, k, resident_id, mine)
            if not mine:
                time.sleep(1)  # nothing accepted (throttled): come back later, as a person would
                continue
            turn += 1
            number, code = mine[turn % len(mine)]
            _, page, _ = s.get(f"/apply/{SLUG}/track/", "track_form")
            status, _, _ = s.post(f"/apply/{SLUG}/track/", {**s.fields(page), "number": number, "code": code},
                                  "track")
            if status != 302:
                with log.lock:
                    if status == 429:
                        log.throttled += 1
                    else:
                        log.problems.append(f"tracking {number} refused: {status}")
                time.sleep(1)
                continue
            for _ in range(4):
                time.sleep(random.uniform(*THINK))
                _, page, _ = s.get(f"/apply/{SLUG}/status/", "status")
                label = STATUS.search(page)
                if label and label.group(1) == "等待补正":
                    reply = {**s.fields(page), "text": f"补正：第{n}位申请人补充的内容"}
                    status, _, _ = s.post(f"/apply/{SLUG}/status/reply/", reply, "reply")
                    with log.lock:
                        log.replies += status == 302
                letter = LETTER.search(page)
                if letter and number not in fetched:  # the answer letter, once
                    fetched.add(number)
                    status, _, _ = s.get(letter.group(1), "download")
                    with log.lock:
                        if status == 200:
                            log.downloaded += 1
                        else:
                            log.problems.append(f"letter of {number}: {status}")
    except Enough:
        pass


def submit(s: Session, n: int, k: int, resident_id: str, mine: list) -> None:
    log = s.log
    _, page, _ = s.get(f"/apply/{SLUG}/", "form")
    time.sleep(random.uniform(*THINK))
    data = {**s.fields(page), **application(n, k, resident_id)}
    status, text, _ = s.post(f"/apply/{SLUG}/", data, "submit")
    found = RECEIPT.search(text) if status == 200 else None
    if found is None:
        with log.lock:
            if status == 429:
                log.throttled += 1
            else:
                log.problems.append(f"submission refused: {status} {text[-300:]}")
        return
    number, code = html.unescape(found.group(1)), found.group(2)
    with log.lock:
        log.accepted[number] = code
    mine.append((number, code))
    if k % 3 == 0:  # the same page sent again (a double click): the same request, the same code
        status, text, _ = s.post(f"/apply/{SLUG}/", data, "submit")
        again = RECEIPT.search(text) if status == 200 else None
        with log.lock:
            log.merged.append((number, html.unescape(again.group(1)) if again else f"HTTP {status}"))


def staff_loop(s: Session, username: str, deadline: float, today: str, delay: float) -> None:
    """Confirm what waits (every third with a 补正), and answer a corrected request with a letter."""
    time.sleep(delay)
    log, turn = s.log, 0
    try:
        s.login(username, PASSWORD)
        while time.monotonic() < deadline:
            turn += 1
            _, page, _ = s.get("/requests/?view=submitted", "staff_list")
            waiting = LINK.findall(page)
            if waiting:
                pk = random.choice(waiting[:10])
                _, page, _ = s.get(f"/requests/{pk}/", "staff_request")
                step = {**s.fields(page), "received-on": today}
                if turn % 3 == 0:
                    step["received-correction"] = "请写明所需信息的文件名称"
                status, _, _ = s.post(f"/requests/{pk}/event/received/", step, "staff_confirm")
                with log.lock:
                    if status == 302:
                        log.confirmed += 1
                        if "received-correction" in step:
                            log.asked.add(pk)
                    elif status == 400:
                        log.refused_steps += 1  # another clerk confirmed it first: refused, not applied twice
                    else:
                        log.problems.append(f"confirming {pk}: {status}")
            with log.lock:  # the requests this clerk's office asked to correct: answer one the applicant has corrected
                followed = random.sample(sorted(log.asked), min(3, len(log.asked)))
            for pk in followed:
                _, page, _ = s.get(f"/requests/{pk}/", "staff_request")
                if 'id="answer-letter"' not in page or 'data-kind="corrected"' not in page:
                    continue
                with log.lock:
                    if pk not in log.asked:
                        continue  # another clerk is answering it
                    log.asked.discard(pk)
                answer = {**s.fields(page), "answer-letter-on": today, "answer-letter-outcome": "granted",
                          "answer-letter-provided": "所申请的信息见附件"}
                status, _, _ = s.post(f"/requests/{pk}/answer-letter/", answer, "staff_answer")
                with log.lock:
                    if status == 302:
                        log.answered += 1
                    else:
                        log.problems.append(f"answering {pk}: {status}")
                break
    except Enough:
        pass


def prepare(staff: int):
    """An agency with its portal switched on, letter settings, and its clerks."""
    from django.contrib.auth import get_user_model

    from gongkai.web import migrate
    from gongkai.web.models import Agency, Membership
    from gongkai.web.services import calendar, portal
    from gongkai.web.services import letters as letter_svc

    migrate()
    calendar.seed()
    agency = Agency.objects.create(name="负载测试机关", number_prefix="负载")
    users = []
    for n in range(staff + 1):
        role = "head" if n == staff else "clerk"
        user = get_user_model().objects.create_user(f"{role}{n:02d}", password=PASSWORD)
        Membership.objects.create(user=user, agency=agency, role=role)
        users.append(user)
    letter_svc.save_settings(agency, users[-1], {}, letterhead="负载测试机关", short_name="负载",
                             review_body="负载测试区人民政府", court="负载测试区人民法院")
    portal.save_settings(agency, users[-1], enabled=True, slug=SLUG, public_url="http://127.0.0.1",
                         office_email="office@example.gov.cn", intro="")
    return agency, [u.username for u in users[:staff]]


def verify(log: Log, agency) -> list[str]:
    """The register against what the applicants were told."""
    from collections import Counter

    from gongkai.web.models import Request, Submission
    from gongkai.web.services import codes

    problems = []
    numbers = Counter(Request.objects.filter(agency=agency).values_list("number", flat=True))
    for number, code in log.accepted.items():
        if numbers[number] != 1:
            problems.append(f"accepted submission {number} is in the register {numbers[number]} times")
            continue
        sub = Submission.objects.get(request__agency=agency, request__number=number)
        if not codes.matches(codes.cleaned(code), sub.code_hash):
            problems.append(f"the code shown for {number} does not open it")
    if sum(numbers.values()) != len(log.accepted):
        problems.append(f"{sum(numbers.values())} requests stored, {len(log.accepted)} accepted")
    problems += [f"repeat of {first} answered {second}" for first, second in log.merged if first != second]
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    server_arguments(parser, port=18500)
    parser.add_argument("--applicants", type=int, default=50)
    parser.add_argument("--staff", type=int, default=5)
    parser.add_argument("--per-applicant", type=int, default=4, help="requests each applicant submits at most")
    parser.add_argument("--max-requests", type=int, default=30000, help="HTTP requests in all, at most")
    args = parser.parse_args()
    if not 0 < args.applicants <= 200:
        raise SystemExit("--applicants: 1 to 200 (one loopback address each)")
    home, url = scratch_register(args.database, "gongkai-portal-load-")
    from django.db import connections

    from gongkai.web.services.requests import today

    agency, clerks = prepare(args.staff)
    connections.close_all()
    server, base = start_server(url, home, args.port, args.threads)
    log = Log(args.max_requests)
    try:
        deadline = time.monotonic() + args.seconds
        threads = [threading.Thread(target=applicant_loop, daemon=True,
                                    args=(Session(base, log, f"127.0.0.{10 + n}"), n, deadline, args.per_applicant,
                                          n * args.ramp / args.applicants))
                   for n in range(args.applicants)]
        threads += [threading.Thread(target=staff_loop, daemon=True,
                                     args=(Session(base, log), name, deadline, today().isoformat(),
                                           i * args.ramp / args.staff))
                    for i, name in enumerate(clerks)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=args.seconds + 180)
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    problems = log.problems + [f"server error: {e}" for e in log.server_errors] + verify(log, agency)
    engine = "PostgreSQL" if args.database else "SQLite"
    total = sum(log.statuses.values())
    print(f"{engine}: {args.applicants} applicants (each its own loopback address) and {args.staff} clerks for "
          f"{elapsed:.0f} s, {args.threads} server threads: {total} requests, {total / elapsed:.0f}/s; "
          f"status {dict(sorted(log.statuses.items()))}")
    print("\n".join(log.latency_lines(("form", "submit", "track_form", "track", "status", "reply", "staff_list",
                                        "staff_request", "staff_confirm", "staff_answer", "download"))))
    print(f"  5xx: {len(log.server_errors)}; submissions accepted {len(log.accepted)} (each in the register once: "
          f"{not any('times' in p or 'stored' in p for p in problems)}), repeats merged {len(log.merged)}, "
          f"throttled {log.throttled}; confirmed {log.confirmed} (refused as already confirmed {log.refused_steps}), "
          f"corrections answered online {log.replies}, answered with a letter {log.answered}, "
          f"letters downloaded {log.downloaded}")
    for p in problems[:20]:
        print("  PROBLEM", p)
    print(f"targets: no 5xx, every accepted submission in the register exactly once, repeats merged: "
          f"{'met' if not problems else f'NOT met ({len(problems)} problems)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
