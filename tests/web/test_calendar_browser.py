"""In Chromium: a provisional deadline, the 2027 notice imported through the page, the date made final."""

from __future__ import annotations

from datetime import date


from gongkai.web.services import calendar as cal
from gongkai.web.services import clock

from .browser import LiveServer, chromium_page, login, logout
from .factory import PASSWORD, make_office, make_user, register
from .test_calendar import NOTICE_2027, PROVISIONAL


class ProvisionalCalendarInTheBrowser(LiveServer):
    def setUp(self):
        cal.seed()
        self.agency, self.clerk, _ = make_office("暂定期限测试机关")
        self.admin = make_user("calendar-admin", self.agency, "admin")
        self._today = clock.fixed(date(2027, 1, 15))  # the live server's thread sees the same today
        self._today.__enter__()
        self.december = register(self.agency, self.clerk, date(2026, 12, 10))
        self.january = register(self.agency, self.clerk, date(2027, 1, 8))

    def tearDown(self):
        self._today.__exit__(None, None, None)

    def test_provisional_until_the_notice_is_imported(self):
        url = self.live_server_url
        with chromium_page() as page:
            login(page, url, self.clerk.username, PASSWORD)
            assert "2027年的节假日安排通知尚未导入" in page.inner_text("#provisional-notice")
            page.goto(f"{url}/requests/{self.december.pk}/")
            assert page.inner_text("#answer-due").startswith("2027-01-08 暂定")
            assert page.get_attribute("#answer-due .provisional", "title") == PROVISIONAL
            assert "期间按推算计入的节假日：2027-01-01（元旦）" in page.inner_text("#explanation")
            page.goto(f"{url}/requests/?view=open")
            assert page.locator("td .provisional").count() == 2
            logout(page)

            login(page, url, self.admin.username, PASSWORD)
            page.goto(f"{url}/calendar/")
            assert page.inner_text('#calendar-years tr[data-year="2027"]').split("\t")[1].strip() == "暂定"
            page.fill("#id_text", NOTICE_2027)
            page.click("#notice-form button[type=submit]")
            page.wait_for_selector("#confirm-import")
            preview = page.inner_text("#deadline-changes")
            assert "2027-02-11 暂定" in preview and "2027-02-14" in preview
            assert "上班（春节调休）" in page.inner_text("#day-changes")
            page.click("#confirm-import")
            page.wait_for_selector("h1:has-text('导入结果')")
            result = page.inner_text("#deadline-changes")
            assert self.december.number in result and self.january.number in result
            assert "2027-02-11 暂定\t2027-02-14" in result
            page.goto(f"{url}/audit/")
            assert "calendar.import" in page.inner_text("table.list")
            assert self.january.number in page.inner_text("table.list")
            logout(page)

            login(page, url, self.clerk.username, PASSWORD)
            page.goto(f"{url}/requests/{self.january.pk}/")
            assert page.inner_text("#answer-due") == "2027-02-14"
            page.goto(f"{url}/requests/{self.december.pk}/")
            assert page.inner_text("#answer-due") == "2027-01-08 已超期"  # final now; and today is 2027-01-15
            page.goto(f"{url}/")
            assert page.locator("#provisional-notice").count() == 0
