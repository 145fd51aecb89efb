from pathlib import Path

import pytest

from gongkai.web.settings import database_from_url


def test_no_url_is_a_sqlite_file_in_home(tmp_path):
    db = database_from_url(None, home=tmp_path)
    assert (db["ENGINE"], db["NAME"]) == ("django.db.backends.sqlite3", str(tmp_path / "gongkai.sqlite3"))
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"  # the web server and the workers write in turn


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
