"""Django for the register's tests: PostgreSQL when DATABASE_URL is set (CI), SQLite otherwise.

Each xdist worker gets its own test database; tests are Django TestCases (one transaction
per test, rolled back), so they run the same on both databases.
"""

from __future__ import annotations

import os
import tempfile

import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
os.environ.setdefault("GONGKAI_HOME", tempfile.mkdtemp(prefix="gongkai-test-"))
os.environ.setdefault("GONGKAI_SECRET_KEY", "gongkai-test-secret-key-not-for-production")

import django  # noqa: E402

django.setup()


@pytest.fixture(scope="session", autouse=True)
def _test_database():
    from django.db import connections
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    connection = connections["default"]
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if connection.vendor != "sqlite":
        # Named after the database DATABASE_URL names, so that two checkouts can test on one server.
        base = connection.settings_dict["NAME"]
        connection.settings_dict.setdefault("TEST", {})["NAME"] = f"test_{base}_{worker or 'main'}"
    else:
        # A file, as in use (WAL, several connections), not a shared in-memory database.
        home = os.environ["GONGKAI_HOME"]
        connection.settings_dict.setdefault("TEST", {})["NAME"] = os.path.join(home, f"test_{worker or 'main'}.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    yield
    connection.creation.destroy_test_db(old_name, verbosity=0)
    teardown_test_environment()
