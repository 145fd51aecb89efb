"""What the load benchmarks share: a scratch register served by `gongkai serve` on loopback,
browser-like sessions that time what they ask, and percentiles of what they saw."""

from __future__ import annotations

import functools
import html
import http.client
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = ("127.0.0.1", "localhost", "::1")
HIDDEN = re.compile(r'<input type="hidden" name="(csrfmiddlewaretoken|form_token|seen|token)" value="([^"]*)"')


class Enough(Exception):
    """The run's budget of requests is spent."""


class Timings:
    """Statuses, server errors and latencies by kind, shared by a run's threads; at most `budget` requests."""

    def __init__(self, budget: int | None = None):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[int, int] = defaultdict(int)
        self.server_errors: list[str] = []
        self.budget = budget
        self.sent = 0

    def spend(self) -> None:
        with self.lock:
            self.sent += 1
            if self.budget is not None and self.sent > self.budget:
                raise Enough

    def status(self, status: int, path: str) -> None:
        with self.lock:
            self.statuses[status] += 1
            if status >= 500:
                self.server_errors.append(f"{status} {path}")

    def time(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.times[kind].append(seconds)

    def latency_lines(self, kinds) -> list[str]:
        """The median and 95th percentile of each kind seen, one line each."""
        return [f"  {kind:<14} n={len(v):<6} p50 {statistics.median(v) * 1000:6.0f} ms   "
                f"p95 {percentile(v, 0.95) * 1000:6.0f} ms" for kind in kinds if (v := self.times[kind])]


class Session:
    """One browser: a cookie jar, redirects not followed, from `source` (a loopback address) if given."""

    def __init__(self, base: str, log: Timings, source: str | None = None):
        self.base, self.log = base, log
        handlers = [urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()]
        if source:
            handlers.append(_BoundHandler(source))
        self.opener = urllib.request.build_opener(*handlers)

    def get(self, path: str, kind: str | None = None) -> tuple[int, str, str]:
        return self._send(path, None, kind)

    def post(self, path: str, data: dict, kind: str | None = None) -> tuple[int, str, str]:
        return self._send(path, urllib.parse.urlencode(data).encode(), kind)

    def _send(self, path: str, body: bytes | None, kind: str | None) -> tuple[int, str, str]:
        self.log.spend()
        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        start = time.perf_counter()
        try:
            with self.opener.open(request, timeout=120) as response:
                status, text, location = response.status, response.read().decode(errors="replace"), ""
        except urllib.error.HTTPError as exc:
            status, text, location = exc.code, exc.read().decode(errors="replace"), exc.headers.get("Location", "")
        self.log.status(status, path)
        if kind:
            self.log.time(kind, time.perf_counter() - start)
        return status, text, location

    @staticmethod
    def fields(page: str) -> dict:
        """The hidden fields a form sends back: the CSRF token, the one-time form token, what was seen."""
        return {name: html.unescape(value) for name, value in HIDDEN.findall(page)}

    def login(self, username: str, password: str) -> None:
        _, page, _ = self.get("/login/")
        status, _, _ = self.post("/login/", {**self.fields(page), "username": username, "password": password})
        if status != 302:
            raise SystemExit(f"{username} could not sign in ({status})")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class _BoundHandler(urllib.request.HTTPHandler):
    """Connections from one loopback address: to the server, a user of its own."""

    def __init__(self, source: str):
        super().__init__()
        self.source = source

    def http_open(self, req):
        return self.do_open(functools.partial(http.client.HTTPConnection, source_address=(self.source, 0)), req)


def server_arguments(parser, port: int) -> None:
    """The options every load benchmark takes: where the scratch register is, for how long, on which port."""
    parser.add_argument("--database", help="postgresql://…/scratch_name (dropped and made again); default SQLite")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--port", type=int, default=port)
    parser.add_argument("--threads", type=int, default=8, help="server threads")
    parser.add_argument("--ramp", type=float, default=5, help="seconds over which the users arrive")


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p * (len(values) - 1)))]


def on_loopback(url: str | None) -> None:
    if url and urllib.parse.urlparse(url).hostname not in LOOPBACK:
        raise SystemExit("the load test runs against a database on this machine only")


def scratch_register(database: str | None, prefix: str) -> tuple[str, str]:
    """A fresh register for a run, Django set up on it: (home folder, database URL).

    The named PostgreSQL database (on this machine only) is dropped and made again; without
    one, a SQLite file in a new temporary folder.
    """
    import tempfile

    on_loopback(database)
    home = tempfile.mkdtemp(prefix=prefix)
    url = database or f"sqlite:///{home}/register.sqlite3"
    if database:
        fresh_postgres(database)
    sys.path.insert(0, str(ROOT))
    from gongkai.web import setup

    setup(url, home)
    return home, url


def fresh_postgres(url: str) -> None:
    """The named PostgreSQL database dropped and made again (a scratch database)."""
    import psycopg

    parts = urllib.parse.urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def start_server(url: str, home: str, port: int, threads: int = 8):
    """`gongkai serve` on loopback over the register, once it answers: (process, base URL)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": url, "GONGKAI_HOME": home,
           "GONGKAI_SECRET_KEY": "benchmark-secret-key"}
    server = subprocess.Popen([sys.executable, "-c", "import sys; from gongkai.cli import main; sys.exit(main())",
                               "serve", f"127.0.0.1:{port}", "--threads", str(threads), "--no-worker"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/login/", timeout=2).read()
            return server, base
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server did not start")
