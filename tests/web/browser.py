"""Headless Chromium for the register's page tests: Debian's browser driven by Playwright.

Importing this module skips the test module when Playwright or Chromium is missing.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

import pytest
from django.test import LiveServerTestCase

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

sync_api = pytest.importorskip("playwright.sync_api")
if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
    pytest.skip(f"Chromium not found at {CHROMIUM}", allow_module_level=True)


class LiveServer(LiveServerTestCase):
    """A live server whose static files WhiteNoise serves, as under `gongkai serve`."""

    static_handler = staticmethod(lambda app: app)


# A phone: the viewport of a 6-inch handset, touch, and the mobile layout's meta viewport honoured.
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@contextmanager
def chromium():
    """A fresh headless Chromium, closed afterwards (several contexts: an applicant and a clerk)."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the browser's event loop shares the test's thread
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def chromium_page(**context):
    """A new page in a fresh headless Chromium, closed afterwards."""
    with chromium() as browser:
        yield browser.new_context(**context).new_page()


def fits_width(page) -> bool:
    """Whether the page fits its viewport's width (nothing to scroll sideways)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


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
