from pathlib import Path

import pytest

from gongkai.web.database import database_from_url


def test_no_url_is_a_sqlite_file_in_home(tmp_path):
    db = database_from_url(None, home=tmp_path)
    assert (db["ENGINE"], db["NAME"]) == ("django.db.backends.sqlite3", str(tmp_path / "gongkai.sqlite3"))


def test_sqlite_is_set_up_for_several_writers(tmp_path):
    """WAL, a write lock taken when a transaction begins, and a wait instead of "database is locked"."""
    import sqlite3

    options = database_from_url(None, home=tmp_path)["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 10
    connection = sqlite3.connect(tmp_path / "x.db")
    for command in options["init_command"].split(";"):
        connection.execute(command)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_postgresql_url():
    db = database_from_url("postgresql://gk:p%40ss@db.example:5433/register?sslmode=require")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == ("register", "gk", "p@ss", "db.example", "5433")
    assert db["OPTIONS"] == {"sslmode": "require"}


def test_sqlite_urls():
    assert database_from_url("sqlite:////var/lib/gk.db")["NAME"] == "/var/lib/gk.db"
    assert database_from_url("sqlite:///gk.db")["NAME"] == "gk.db"


def test_unknown_scheme_is_refused():
    with pytest.raises(ValueError):
        database_from_url("mysql://x/y")


def test_migrations_are_complete():
    """The models and the committed migrations agree (no missing migration)."""
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "office", "console", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
    assert Path(__file__).exists()
