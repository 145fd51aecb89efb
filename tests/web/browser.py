"""Headless Chromium for the register's page tests: Debian's browser driven by Playwright.

Importing this module skips the test module when Playwright or Chromium is missing.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

import pytest

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

sync_api = pytest.importorskip("playwright.sync_api")
if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
    pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)


@contextmanager
def chromium_page(**context):
    """A new page in a fresh headless Chromium, closed afterwards."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the browser's event loop shares the test's thread
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser.new_context(**context).new_page()
        finally:
            browser.close()


def login(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/")


def logout(page) -> None:
    page.click("button.link")
    page.wait_for_load_state()


def record_event(page, kind: str, on: str, **fields) -> None:
    """Record one step of a request from its page's action form, and see it accepted."""
    page.click(f"#action-{kind} summary")
    page.fill(f"#id_{kind}-on", on)
    for name, value in fields.items():
        selector = f"#id_{kind}-{name}"
        if page.locator(selector).evaluate("e => e.tagName") == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    page.click(f"button[name=submit-{kind}]")
    page.wait_for_load_state()
    assert page.locator(".messages .success").count() == 1, page.content()
