"""In headless Chromium: the pages run under the Content-Security-Policy without a violation,
a double click registers once, and two tabs editing one request do not overwrite each other."""

from __future__ import annotations

import os


from gongkai.web.models import Request
from datetime import date

from .browser import ARGS, CHROMIUM, LiveServer, login, sync_api
from .factory import PASSWORD, make_office, make_user, register


class SafetyInTheBrowserTests(LiveServer):

    def setUp(self):
        self.parent, _, _ = make_office("上级机关")
        self.agency, self.clerk, self.head = make_office("浏览器测试机关", parent=self.parent)
        self.supervisor = make_user("supervisor", self.parent, "supervisor")
        self.req = register(self.agency, self.clerk, date(2025, 9, 26))

    def _browser(self, run):
        """`run(browser)` with a whole browser: some tests need two sessions at once."""
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the browser's event loop shares this thread
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                run(browser)
            finally:
                browser.close()

    def _login(self, page, user):
        login(page, self.live_server_url, user.username, PASSWORD)

    def test_pages_keep_the_policy_and_the_picker_still_works(self):
        def run(browser):
            page = browser.new_page()
            violations = []
            page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
            self._login(page, self.supervisor)
            for path in ("/", "/requests/", f"/requests/{self.req.pk}/", "/report/2025/", "/monthly/", "/calendar/",
                         "/figures/2025/", "/password/"):
                response = page.goto(self.live_server_url + path)
                assert "script-src 'self'" in response.headers["content-security-policy"]
            page.goto(f"{self.live_server_url}/monthly/")
            page.select_option("select[name=agency]", str(self.agency.pk))  # submits through site.js
            page.wait_for_url(f"**/monthly/?agency={self.agency.pk}")
            assert "浏览器测试机关" in page.inner_text("h1")
            assert violations == [], violations

        self._browser(run)

    def test_a_double_click_on_register_registers_once(self):
        def run(browser):
            page = browser.new_page()
            self._login(page, self.clerk)
            page.goto(f"{self.live_server_url}/requests/new/")
            page.select_option("#id_applicant_kind", "natural_person")
            page.fill("#id_applicant_name", "双击者")
            page.select_option("#id_channel", "online")
            page.fill("#id_received", "2025-09-26")
            page.fill("#id_items", "某文件")
            page.dblclick("#register-submit")
            page.wait_for_selector("#status")
            page.wait_for_load_state("networkidle")

        self._browser(run)
        self.assertEqual(Request.objects.filter(applicant_name="双击者").count(), 1)

    def test_two_tabs_editing_one_request(self):
        def run(browser):
            context = browser.new_context()  # one person, two tabs: the same conflict as two people
            first, second = context.new_page(), context.new_page()
            self._login(first, self.head)
            url = f"{self.live_server_url}/requests/{self.req.pk}/edit/"
            first.goto(url)
            second.goto(url)
            first.fill("#id_applicant_name", "张三丰")
            first.click("#edit-submit")
            first.wait_for_selector("#status")
            second.fill("#id_contact", "010-87654321")
            second.click("#edit-submit")
            second.wait_for_load_state()
            assert "他人已修改了申请人名称" in second.inner_text(".errorlist")
            assert "申请人名称现为：张三丰" in second.inner_text(".errorlist")
            first.goto(f"{self.live_server_url}/requests/{self.req.pk}/")  # the page, not the ORM: this is
            assert first.inner_text("#contact") == "13812345678"  # Playwright's greenlet, another connection
            second.fill("#id_applicant_name", "张三丰")
            second.click("#edit-submit")  # having seen the change, the head saves again
            second.wait_for_selector("#status")

        self._browser(run)
        req = Request.objects.get(pk=self.req.pk)
        self.assertEqual((req.applicant_name, req.contact), ("张三丰", "010-87654321"))
