"""The real job queue in separate processes: `gongkai import` killed mid-batch, `gongkai worker` finishing it.

Nothing is lost (every file ends stored) and nothing is done twice (one report per file).
Runs on a scratch database of the same kind as the suite's (PostgreSQL in CI).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

from tests.families import region

ROOT = Path(__file__).resolve().parents[2]


@contextlib.contextmanager
def scratch_database(tmp_path: Path):
    """A database URL for the processes under test, and a function running one SQL query on it."""
    if connection.vendor == "postgresql":
        import psycopg

        s = connection.settings_dict
        name = f"{s['NAME']}_worker"
        admin = dict(host=s["HOST"], port=s["PORT"] or None, user=s["USER"], password=s["PASSWORD"] or None,
                     dbname="postgres", autocommit=True)
        with psycopg.connect(**admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        url = f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT']}/{name}"

        def query(sql):
            with psycopg.connect(**{**admin, "dbname": name}) as conn:
                return conn.execute(sql).fetchall()
        try:
            yield url, query
        finally:
            with psycopg.connect(**admin) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        import sqlite3

        path = tmp_path / "register.sqlite3"

        def query(sql):
            with contextlib.closing(sqlite3.connect(path, timeout=30)) as conn:
                return conn.execute(sql).fetchall()
        yield f"sqlite:///{path}", query


def _env(tmp_path: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), GONGKAI_HOME=str(tmp_path / "home"), GONGKAI_FILE_TIMEOUT="60",
               GONGKAI_QUEUE_RETRY="5")
    env.pop("DATABASE_URL", None)
    return env


def _wait(query, sql, until, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = query(sql)[0][0]
        except Exception:  # the tables are not there yet: the command is still migrating
            value = None
        if value is not None and until(value):
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting on: {sql}")


def _stop(process: subprocess.Popen, sig=signal.SIGTERM) -> None:
    """SIGTERM to the command (it stops its own workers), SIGKILL to all its processes at once."""
    with contextlib.suppress(ProcessLookupError):
        if sig == signal.SIGKILL:
            os.killpg(process.pid, sig)
        else:
            process.send_signal(sig)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_a_killed_import_is_finished_by_the_worker_without_loss_or_repetition(tmp_path):
    manifest = region.write(tmp_path / "region", size=14, years=(2023, 2024))
    files = [e for e in manifest["entries"] if e["file"]]
    (tmp_path / "home").mkdir()
    with scratch_database(tmp_path) as (url, query):
        cli = [sys.executable, "-m", "gongkai.cli"]
        importing = subprocess.Popen(
            cli + ["import", str(tmp_path / "region" / "reports"), "--agency-tree", str(tmp_path / "region" / "tree.xlsx"),
                   "--database", url, "--workers", "1", "--no-progress"],
            env=_env(tmp_path), start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait(query, "SELECT count(*) FROM console_importitem WHERE state = 'stored'", lambda n: n >= 3, 240)
        finally:
            _stop(importing, signal.SIGKILL)  # the machine goes down mid-batch
        left = query("SELECT count(*) FROM console_importitem WHERE state IN ('queued', 'reading')")[0][0]
        assert left > 0, "the batch finished before it could be interrupted"
        worker = subprocess.Popen(cli + ["worker", "--database", url, "--workers", "2"], env=_env(tmp_path),
                                  start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait(query, "SELECT count(*) FROM console_importitem WHERE state IN ('queued', 'reading')",
                  lambda n: n == 0, 300)
        finally:
            _stop(worker)
        states = dict(query("SELECT state, count(*) FROM console_importitem GROUP BY state"))
        assert states == {"stored": len(files)}
        assert query("SELECT count(*) FROM office_publishedreport")[0][0] == len(files)
        assert query("SELECT count(DISTINCT report_id) FROM console_importitem")[0][0] == len(files)
        assert query("SELECT max(attempts) FROM console_importitem")[0][0] <= 2
