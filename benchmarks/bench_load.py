"""Many clerks at once against `gongkai serve`: no server error, no lost write, every
registration numbered; latency of lists, registrations, events and edits.

    python benchmarks/bench_load.py                                   # SQLite, 50 users, 60 s
    python benchmarks/bench_load.py --database postgresql://postgres@127.0.0.1:54329/gk_load

A fresh register is made (a temporary SQLite file, or the named PostgreSQL database dropped
and created again: give it a scratch name) and served by `gongkai serve` on loopback. Each
user signs in (not timed), then loops for `--seconds`: the open requests list, a registration (form
token included), an event on a request of its own, and an edit of a request shared by ten
users (optimistic locking: a save is applied or told what changed, never lost). Afterwards
the database is checked against what every user was told. Exit status 1 on any violation.
Loopback only, bounded in time and count; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import threading
import time

from serving import ROOT, Session, Timings, scratch_register, server_arguments, start_server

sys.path.insert(0, str(ROOT))

PASSWORD = "Load-test-passw0rd!"
ITEMS = re.compile(r'<textarea name="items"[^>]*>\n?(.*?)</textarea>', re.S)


class Log(Timings):
    """Timings, and what each user was told."""

    def __init__(self):
        super().__init__()
        self.registered: list[tuple[int, str]] = []  # (request id, applicant name) as the user was told
        self.events: list[int] = []  # request ids whose event the user was told was recorded
        self.saves: list[tuple[int, str, str]] = []  # (request id, items seen, items saved)
        self.conflicts = 0
        self.problems: list[str] = []


FORM = {"applicant_kind": "natural_person", "id_number": "110105199001011234", "contact": "13812345678",
        "address": "测试区人民路1号", "channel": "online", "delivery_form": "paper", "delivery_channel": "post",
        "handler": ""}


def user_loop(s: Session, n: int, deadline: float, shared: list[int], today: str, delay: float) -> None:
    time.sleep(delay)  # users start over the first seconds, not all in the same instant
    log = s.log
    mine: list[int] = []
    step = 0
    while time.monotonic() < deadline:
        step += 1
        s.get("/requests/?view=open", "list")
        # a registration
        _, page, _ = s.get("/requests/new/")
        name = f"申请人{n:02d}-{step}"
        status, text, location = s.post("/requests/new/", {**FORM, **s.fields(page), "applicant_name": name,
                                                           "received": today, "items": f"负载测试{n}-{step}"},
                                        "registration")
        match = re.search(r"/requests/(\d+)/$", location)
        if status == 302 and match:
            mine.append(int(match.group(1)))
            with log.lock:
                log.registered.append((int(match.group(1)), name))
        else:
            with log.lock:
                log.problems.append(f"registration refused: {status} {text[:200]}")
        # an event on one of the user's own requests
        if mine:
            pk = mine.pop(0)
            _, page, _ = s.get(f"/requests/{pk}/")
            fields = s.fields(page)
            status, _, _ = s.post(f"/requests/{pk}/event/correction_requested/",
                                  {"csrfmiddlewaretoken": fields["csrfmiddlewaretoken"], "form_token": fields["form_token"],
                                   "correction_requested-on": today, "correction_requested-note": "负载测试"},
                                  "event")
            if status == 302:
                with log.lock:
                    log.events.append(pk)
        # an edit of a request shared with other users
        pk = shared[n % len(shared)]
        _, page, _ = s.get(f"/requests/{pk}/edit/")
        seen = html.unescape(ITEMS.search(page).group(1))
        value = f"共享申请内容，由{n:02d}第{step}次修改"
        status, text, _ = s.post(f"/requests/{pk}/edit/", {**FORM, **s.fields(page), "applicant_name": "共享申请人",
                                                           "received": today, "items": value}, "edit")
        with log.lock:
            if status == 302:
                log.saves.append((pk, seen, value))
            elif status == 400 and "他人已修改" in text:
                log.conflicts += 1
            else:
                log.problems.append(f"edit: {status} {text[:200]}")


def prepare(users: int, shared_count: int, today_text: str):
    """An agency, its clerks and the shared requests, written through the register's services."""
    from datetime import date

    from django.contrib.auth import get_user_model

    from gongkai.web import migrate
    from gongkai.web.models import Agency, Membership
    from gongkai.web.services import calendar, requests as svc

    migrate()
    calendar.seed()
    agency = Agency.objects.create(name="负载测试机关", number_prefix="负载")
    clerks = []
    for n in range(users):
        user = get_user_model().objects.create_user(f"clerk{n:02d}", password=PASSWORD)
        Membership.objects.create(user=user, agency=agency, role="clerk")
        clerks.append(user)
    shared = [
        svc.register(agency, clerks[0], applicant_kind="natural_person", applicant_name="共享申请人",
                     channel="online", received=date.fromisoformat(today_text), items="共享申请内容").pk
        for _ in range(shared_count)
    ]
    return agency, shared


def verify(log: Log, agency, shared: list[int]) -> list[str]:
    """What the database holds against what each user was told."""
    from gongkai.web.models import AuditEntry, Event, Request

    problems = []
    rows = {r.pk: r for r in Request.objects.filter(agency=agency)}
    for pk, name in log.registered:
        if pk not in rows or rows[pk].applicant_name != name:
            problems.append(f"registration {pk} ({name}) lost")
    if len(rows) != len(log.registered) + len(shared):
        problems.append(f"{len(rows)} requests stored, {len(log.registered) + len(shared)} registered")
    numbers = sorted(int(re.search(r"(\d+)号$", r.number).group(1)) for r in rows.values())
    if numbers != list(range(1, len(rows) + 1)):
        problems.append("request numbers are not 1..N without gaps or repeats")
    recorded = set(Event.objects.filter(request__agency=agency, kind="correction_requested")
                   .values_list("request_id", flat=True))
    problems += [f"event on {pk} lost" for pk in log.events if pk not in recorded]
    chain = {}
    for entry in AuditEntry.objects.filter(agency=agency, action="update").order_by("id"):
        items = entry.detail.get("changes", {}).get("items")
        if items:
            chain[items[1]] = items[0]
    for pk, seen, value in log.saves:
        if value not in chain:
            problems.append(f"save of {pk} to {value!r} lost")
        elif chain[value] != seen:
            problems.append(f"save of {pk} to {value!r} overwrote {chain[value]!r} unseen (the user saw {seen!r})")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    server_arguments(parser, port=18110)
    parser.add_argument("--users", type=int, default=50)
    args = parser.parse_args()
    home, url = scratch_register(args.database, "gongkai-load-")
    from gongkai.web.services.requests import today

    today_text = today().isoformat()
    agency, shared = prepare(args.users, max(1, args.users // 10), today_text)
    server, base = start_server(url, home, args.port, args.threads)
    try:
        log = Log()
        sessions = [Session(base, log) for _ in range(args.users)]
        signing_in = [threading.Thread(target=s.login, args=(f"clerk{n:02d}", PASSWORD))
                      for n, s in enumerate(sessions)]
        for t in signing_in:  # signing in (slow password hashing by design) is not what is measured
            t.start()
        for t in signing_in:
            t.join()
        deadline = time.monotonic() + args.seconds
        threads = [threading.Thread(target=user_loop, daemon=True,
                                    args=(s, n, deadline, shared, today_text, n * args.ramp / args.users))
                   for n, s in enumerate(sessions)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=args.seconds + 120)
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    problems = log.problems + [f"server error: {e}" for e in log.server_errors] + verify(log, agency, shared)
    engine = "PostgreSQL" if args.database else "SQLite"
    total = sum(log.statuses.values())
    print(f"{engine}: {args.users} users (signed in first, starting over {args.ramp:.0f} s) for {elapsed:.0f} s, "
          f"{args.threads} server threads: {total} requests, "
          f"{total / elapsed:.0f}/s; status {dict(sorted(log.statuses.items()))}")
    print("\n".join(log.latency_lines(("list", "registration", "event", "edit"))))
    print(f"  5xx: {len(log.server_errors)}; registrations {len(log.registered)}, all numbered 1..N: "
          f"{not any('numbers' in p for p in problems)}; events {len(log.events)}; edits saved {len(log.saves)}, "
          f"told of another's change {log.conflicts}; lost writes: "
          f"{sum('lost' in p or 'overwrote' in p for p in problems)}")
    for p in problems[:20]:
        print("  PROBLEM", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
