"""Which database is the register: `DATABASE_URL`, or a SQLite file in `GONGKAI_HOME` (or here).

Kept apart from the settings so that the CLI can ask whether a register exists without
starting Django (and without the settings' side effects).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

HOME = Path(os.environ.get("GONGKAI_HOME") or Path.cwd())


# SQLite for several clerks at once, and for the job queue's workers beside the web server: readers never wait for the writer (WAL), a transaction
# takes the write lock when it begins (IMMEDIATE) rather than failing to upgrade a read lock
# half-way ("database is locked"), and a writer waits its turn for up to SQLITE_BUSY_SECONDS.
SQLITE_BUSY_SECONDS = 30
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": SQLITE_BUSY_SECONDS,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}


def _sqlite(name: str) -> dict:
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": name, "OPTIONS": dict(SQLITE_OPTIONS)}


def database_from_url(url: str | None, home: Path = HOME) -> dict:
    """A Django DATABASES entry from `postgresql://user:pw@host:port/name` or `sqlite:///path`."""
    if not url:
        return _sqlite(str(home / "gongkai.sqlite3"))
    parts = urlparse(url)
    if parts.scheme in ("sqlite", "sqlite3"):
        path = unquote(parts.path)[1:]  # sqlite:///relative.db, sqlite:////absolute.db
        return _sqlite(path or ":memory:")
    if parts.scheme in ("postgres", "postgresql", "pgsql"):
        options = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")) or "gongkai",
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": 60,
        }
    raise ValueError(f"unsupported DATABASE_URL scheme: {parts.scheme}")


def register_exists(url: str | None = None) -> bool:
    """Whether a register is named: a `DATABASE_URL`, or the default SQLite file already made."""
    url = url or os.environ.get("DATABASE_URL")
    if url:
        return True
    home = Path(os.environ.get("GONGKAI_HOME") or Path.cwd())
    return Path(database_from_url(None, home)["NAME"]).is_file()
