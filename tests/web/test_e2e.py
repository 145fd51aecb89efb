"""End to end in headless Chromium: a request's whole life, its deadlines and the compiled report."""

from __future__ import annotations


from .browser import LiveServer, chromium_page, login, logout, record_event
from .factory import PASSWORD, make_office


class BrowserTestCase(LiveServer):
    """A live server, an agency with its clerk and head, and helpers that drive its pages."""

    def setUp(self):
        self.agency, self.clerk, self.head = make_office("端到端测试机关")

    def browse(self, walk) -> None:
        """Run `walk(page)` in a fresh headless Chromium."""
        with chromium_page() as page:
            walk(page)

    def _login(self, page, user):
        login(page, self.live_server_url, user.username, PASSWORD)

    def _logout(self, page):
        logout(page)

    def _event(self, page, kind, on, **fields):
        record_event(page, kind, on, **fields)

    def _cell(self, page, row, column_index):
        return page.locator(f'#t3 tr[data-row="{row}"] td').nth(column_index).inner_text()


class EndToEndTests(BrowserTestCase):
    def test_request_life_in_the_browser(self):
        self.browse(self._walk)

    def _walk(self, page):
        self._login(page, self.clerk)
        page.goto(f"{self.live_server_url}/requests/new/")
        page.select_option("#id_applicant_kind", "natural_person")
        page.fill("#id_applicant_name", "李四")
        page.fill("#id_id_number", "110105198801017777")
        page.fill("#id_contact", "13900001111")
        page.select_option("#id_channel", "online")
        page.fill("#id_received", "2025-09-26")
        page.fill("#id_items", "2025年某道路拓宽工程的规划许可文件")
        page.click("#register-submit")
        page.wait_for_selector("#answer-due")
        assert page.inner_text("#answer-due").startswith("2025-10-30")
        assert "2025-10-01" in page.inner_text("#explanation")  # the holiday it skipped is named

        self._event(page, "correction_requested", "2025-09-29", note="请明确道路名称")
        assert page.inner_text("#status") == "等待补正"
        assert page.locator("#answer-due").count() == 0
        self._event(page, "corrected", "2025-10-09")
        assert page.inner_text("#answer-due").startswith("2025-11-05")

        self._event(page, "consultation_started", "2025-10-15", note="征求第三方意见")
        assert page.inner_text("#status") == "暂停计时"
        assert page.inner_text("#third-party-due").startswith("2025-11-05")
        self._event(page, "consultation_ended", "2025-10-22")
        assert page.inner_text("#answer-due").startswith("2025-11-12")
        assert page.locator("#action-extension_approved").count() == 0  # a clerk cannot extend
        detail = page.url

        self._logout(page)
        self._login(page, self.head)
        page.goto(detail)
        self._event(page, "extension_approved", "2025-11-10", days="20")
        assert page.inner_text("#answer-due").startswith("2025-12-10")

        page.goto(f"{self.live_server_url}/report/2025/")
        assert self._cell(page, "new", 0) == "1"
        assert self._cell(page, "partial", 0) == "0"
        assert self._cell(page, "carry_forward", 0) == "1"

        page.goto(detail)
        self._event(page, "answered", "2025-11-20", outcome="partial", legal_basis="《政府信息公开条例》第三十七条")
        assert page.inner_text("#status") == "已答复"
        assert "部分公开" in page.inner_text("#outcome")

        page.goto(f"{self.live_server_url}/report/2025/")
        assert self._cell(page, "partial", 0) == "1"
        assert self._cell(page, "partial", 6) == "1"
        assert self._cell(page, "total", 0) == "1"
        assert self._cell(page, "carry_forward", 0) == "0"
        findings = page.inner_text("#findings")  # no t2 or text yet: those are reported, the counts balance
        assert "TEMPLATE_SECTION_MISSING" in findings
        assert "T3_BALANCE" not in findings and "T3_OUTCOME_SUM" not in findings
