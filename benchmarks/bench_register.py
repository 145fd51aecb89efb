"""Benchmark of the register on PostgreSQL: compile a year from N requests, and the request lists.

    DATABASE_URL=postgresql://user@host:port/gongkai_bench python benchmarks/bench_register.py [--requests 1000000]

The database is migrated and filled (once; reused on later runs) with N requests of one
agency spread over 2023–2026, then the script prints how long the compile and the list pages
take (median of several runs, warm cache), the search by number, applicant and content
among them. It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date

AGENCY = "基准测试机关"


def timed(func, runs: int = 5) -> float:
    func()  # warm up
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        func()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def fill(agency, n: int) -> None:
    """N requests by one INSERT … SELECT generate_series (outcomes, kinds and dates spread)."""
    from django.db import connection

    from gongkai import template

    kinds = list(template.T3_APPLICANT_COLUMNS)
    outcomes = list(template.t3_outcome_keys("2021"))
    sql = f"""
    INSERT INTO office_request (agency_id, number, applicant_kind, applicant_name, id_number, contact, address,
        channel, received, items, delivery_form, delivery_channel, status, paused, outcome, legal_basis, answered,
        answer_due, deadline_problem, created_at, updated_at)
    SELECT %s, 'B' || g, (ARRAY{kinds!r})[1 + g %% {len(kinds)}], '申请人' || g, '', '', '', 'online', r,
        '申请公开第' || g || '号文件', 'paper', 'post',
        CASE WHEN g %% 50 = 0 THEN 'in_progress' ELSE 'answered' END, false,
        CASE WHEN g %% 50 = 0 THEN '' ELSE (ARRAY{outcomes!r})[1 + g %% {len(outcomes)}] END, '',
        CASE WHEN g %% 50 = 0 THEN NULL ELSE r + (g %% 40) END,
        r + 28, '', now(), now()
    FROM (SELECT g, DATE '2023-01-01' + (g %% 1400) AS r FROM generate_series(1, %s) AS g) AS s
    """
    with connection.cursor() as cur:
        cur.execute(sql, [agency.pk, n])
        cur.execute("VACUUM ANALYZE office_request")  # what autovacuum does after a bulk load


def search_urls(n: int) -> list[tuple[str, str]]:
    """The list searched by number, applicant and content (words `fill` put in one request each)."""
    from urllib.parse import quote

    g = n // 2 + 7
    return [
        ("search by number", f"/requests/?q=B{g}"),
        ("search by applicant", f"/requests/?q={quote(f'申请人{g}')}"),
        ("search by content", f"/requests/?q={quote(f'第{g}号')}"),
        ("search matching every request", f"/requests/?q={quote('申请公开')}"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--year", type=int, default=2025)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("set DATABASE_URL to a PostgreSQL database (the figures are for PostgreSQL)", file=sys.stderr)
        return 2
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from gongkai.web import migrate, setup

    setup()
    migrate()
    from django.conf import settings
    from django.test import Client

    from gongkai.web.models import Agency, Membership, Request
    from gongkai.web.services import compiling

    settings.ALLOWED_HOSTS = ["*"]
    agency, _ = Agency.objects.get_or_create(name=AGENCY)
    have = Request.objects.filter(agency=agency).count()
    if have != args.requests:
        Request.objects.filter(agency=agency).delete() if have else None
        t0 = time.perf_counter()
        fill(agency, args.requests)
        print(f"loaded {args.requests:,} requests in {time.perf_counter() - t0:.1f} s")
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(username="bench")
    Membership.objects.get_or_create(user=user, defaults={"agency": agency, "role": "clerk"})
    client = Client()
    client.force_login(user)

    report = compiling.compile_year(agency, args.year)
    print(f"requests: {Request.objects.filter(agency=agency).count():,}; "
          f"{args.year}: new {report.t3['new']['total']:,}, answered {report.t3['total']['total']:,}, "
          f"carried forward {report.t3['carry_forward']['total']:,}")
    figures = {
        f"compile {args.year} (tables 三 and 四)": timed(lambda: compiling.compile_year(agency, args.year)),
        "monthly statistics (one month)": timed(lambda: compiling.monthly(agency, args.year, 6)),
    }
    pages = [("request list, page 1", "/requests/"), ("request list, page 200", "/requests/?page=200"),
             ("overdue list", "/requests/?view=overdue"), ("due this week", "/requests/?view=due_week")]
    for label, url in search_urls(args.requests):
        pages.append((label, url))
    for label, url in pages:
        def get(url=url):
            response = client.get(url)
            assert response.status_code == 200, response.status_code
        figures[label] = timed(get)
    width = max(map(len, figures))
    for label, seconds in figures.items():
        print(f"{label:<{width}}  {seconds * 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
