"""Benchmark of the supervisor's console on PostgreSQL: a batch of 1,000 reports imported through the job
queue (reading included), then the matrix and rankings pages over 5,000 agency-years.

    DATABASE_URL=postgresql://user@host:port/gongkai_bench python benchmarks/bench_console.py [--files 1000] [--agency-years 5000]

The reports are generated once (tests/families/region.py, every layout family) into
--cache (default /tmp/gongkai-bench-console) and reused. The database is emptied of
console data first. The import runs the queue's workers (--workers, default 2) in
this process and prints files per second from queueing the first file to storing the
last. The pages are then timed over a tree of agencies filled to --agency-years with
copies of the imported reports: best and median wall time of warm runs, and the median CPU
time the request took in this process. It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
YEARS = (2022, 2023, 2024)


def timed(func, runs: int = 9) -> tuple[float, float, float]:
    """Best and median wall time of warm runs, and the median CPU time of this process (the web
    server's share, steadier than wall time on a machine others are using)."""
    func()
    wall, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        func()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return min(wall), statistics.median(wall), statistics.median(cpu)


def generated(cache: Path, files: int) -> Path:
    """At least `files` generated reports and their agency sheet under `cache`."""
    from tests.families import region

    size = files // len(YEARS) * 30 // 29 + 4  # one agency-year in 29 is not published
    marker = cache / f"made-{size}"
    if not marker.exists():
        t0 = time.perf_counter()
        region.write(cache, size=size, years=YEARS)
        marker.write_text("")
        print(f"generated {len(list((cache / 'reports').iterdir())):,} reports in {time.perf_counter() - t0:.0f} s")
    return cache


def clear() -> None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("TRUNCATE console_correction, console_reportfinding, console_importitem, console_importbatch, "
                    "office_publishedreport, django_q_ormq, django_q_task CASCADE")


def import_batch(folder: Path, files: int) -> None:
    from django.db import connections, transaction
    from django.db.models import Count
    from django_q.cluster import Cluster

    from gongkai.web.console import batches, tree
    from gongkai.web.console.models import ImportItem

    tree.import_tree((folder / "tree.xlsx").read_bytes(), "tree.xlsx", None, None)
    paths = sorted((folder / "reports").iterdir())[:files]
    t0 = time.perf_counter()
    with transaction.atomic():
        batch = batches.create("benchmark", None, None)
        for path in paths:
            batches.add_bytes(batch, path.name, path.read_bytes())
    queued = time.perf_counter() - t0
    connections.close_all()
    cluster = Cluster()
    cluster.start()
    try:
        while not batches.progress(batch).finished:
            time.sleep(0.2)
    finally:
        elapsed = time.perf_counter() - t0
        cluster.stop()
    states = dict(ImportItem.objects.filter(batch=batch).values_list("state").annotate(n=Count("pk")).order_by())
    print(f"import: {len(paths):,} files in {elapsed:.1f} s = {len(paths) / elapsed:.1f} files/s "
          f"(queueing {queued:.1f} s; {os.environ.get('GONGKAI_WORKERS', '2')} workers); outcome {states}")


def fill(agency_years: int) -> int:
    """Agencies under one top, each with a report for each year (copies of the imported ones): `agency_years` in all."""
    from django.db import transaction

    from gongkai.web.models import Agency, PublishedReport

    top, _ = Agency.objects.get_or_create(name="基准测试市人民政府", defaults={"kind": "city"})
    wanted = -(-agency_years // len(YEARS))
    have = Agency.objects.filter(parent=top).count()
    sources = list(PublishedReport.objects.filter(current=True).values("record", "basis", "lines", "errors", "warnings", "published"))
    rng = random.Random(5000)
    kinds = ("department", "township", "county")
    with transaction.atomic():
        for n in range(have, wanted - 1):
            Agency.objects.create(name=f"基准测试第{n}机关", parent=top, kind=kinds[n % 3], region_code=f"98{n:07d}")
        agencies = [top] + list(Agency.objects.filter(parent=top))
        PublishedReport.objects.filter(agency__in=agencies).delete()
        rows = []
        for a in agencies:
            for y in YEARS:
                s = rng.choice(sources)
                rows.append(PublishedReport(agency=a, year=y, record=s["record"], basis=s["basis"], lines=s["lines"],
                                            errors=s["errors"], warnings=s["warnings"], published=s["published"],
                                            source_name="copy"))
        PublishedReport.objects.bulk_create(rows, batch_size=1000)
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE office_publishedreport")
        cur.execute("VACUUM ANALYZE office_agency")
    return top.pk


def pages(top: int) -> None:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from gongkai.web.models import Agency, Membership

    settings.ALLOWED_HOSTS = ["*"]
    user, _ = get_user_model().objects.get_or_create(username="bench-supervisor")
    Membership.objects.update_or_create(user=user, defaults={"agency": Agency.objects.get(pk=top), "role": "supervisor"})
    client = Client()
    client.force_login(user)
    agencies = Agency.objects.get(pk=top).subtree_ids()
    print(f"pages over {len(agencies):,} agencies × {len(YEARS)} years = {len(agencies) * len(YEARS):,} agency-years")
    urls = [("matrix, 3 years", f"/console/matrix/?from={YEARS[0]}&to={YEARS[-1]}"),
            ("matrix, filtered to errors", f"/console/matrix/?from={YEARS[0]}&to={YEARS[-1]}&show=errors"),
            ("rankings, one year", f"/console/rankings/?year={YEARS[-1]}&indicator=granted_rate"),
            ("rankings, on-time rate", f"/console/rankings/?year={YEARS[-1]}&indicator=on_time_rate"),
            ("trends, 3 years", "/console/trends/?indicator=granted_rate"),
            ("overview", "/console/")]
    width = max(len(label) for label, _ in urls)
    print(f"{'':<{width}}  {'best':>8}  {'median':>8}  {'CPU':>8}   (ms)")
    for label, url in urls:
        def get(url=url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        best, median, cpu = timed(get)
        print(f"{label:<{width}}  {best * 1000:8.1f}  {median * 1000:8.1f}  {cpu * 1000:8.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--agency-years", type=int, default=5000)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/gongkai-bench-console"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pages-only", action="store_true", help="time the pages on what an earlier run imported")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("set DATABASE_URL to a PostgreSQL database (the figures are for PostgreSQL)", file=sys.stderr)
        return 2
    os.environ["GONGKAI_WORKERS"] = str(args.workers)
    os.environ.setdefault("GONGKAI_HOME", str(args.cache / "home"))
    sys.path.insert(0, str(ROOT))
    from gongkai import compiled
    from gongkai.web import migrate, setup

    setup()
    migrate()
    print(f"build: {compiled.describe()}")
    if not args.pages_only:
        folder = generated(args.cache, args.files)
        clear()
        import_batch(folder, args.files)
    pages(fill(args.agency_years))
    return 0


if __name__ == "__main__":
    sys.exit(main())
