"""The register web app: a Django client of the gongkai library (the rules live in gongkai/)."""

from __future__ import annotations

import os


def setup(database_url: str | None = None, home: str | None = None) -> None:
    """Configure and start Django for the register (CLI commands and scripts call this first)."""
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    if home:
        os.environ["GONGKAI_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()


def migrate(verbosity: int = 0) -> None:
    """Bring the database schema up to date (idempotent)."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)
