"""In headless Chromium: a 补正 letter, the reply, a partial-disclosure answer with its letter
downloaded and listed; an answer template without the remedy clause refused."""

from __future__ import annotations

import io
import zipfile


from gongkai import letters
from gongkai.web.letter_models import IssuedLetter, LetterTemplate
from gongkai.web.services import letters as letter_svc

from .browser import LiveServer, chromium_page, login, logout, record_event
from .factory import PASSWORD, make_office


class LetterEndToEndTests(LiveServer):
    def setUp(self):
        self.agency, self.clerk, self.head = make_office("文书测试机关")
        letter_svc.save_settings(self.agency, self.head, {}, letterhead="文书测试机关", short_name="文测",
                                 review_body="文书测试区人民政府", court="文书测试区人民法院")

    def test_letters_in_the_browser(self):
        with chromium_page(accept_downloads=True) as page:
            downloaded = self._walk(page)
        # The database is read here, outside Playwright's greenlet, whose context would open
        # (and never close) a connection of its own.
        self.assertEqual(downloaded, bytes(IssuedLetter.objects.get(kind="answer").docx))
        self.assertFalse(LetterTemplate.objects.exists())

    def _login(self, page, user):
        login(page, self.live_server_url, user.username, PASSWORD)

    def _submit(self, page, button):
        page.click(f"button[name={button}]")
        page.wait_for_load_state()
        assert page.locator(".messages .error").count() == 0, page.inner_text(".messages")
        assert page.locator(".messages .success").count() == 1, page.content()

    def _walk(self, page):
        self._login(page, self.clerk)
        page.goto(f"{self.live_server_url}/requests/new/")
        page.select_option("#id_applicant_kind", "natural_person")
        page.fill("#id_applicant_name", "王五")
        page.select_option("#id_channel", "in_person")
        page.fill("#id_received", "2025-09-26")
        page.fill("#id_items", "某道路拓宽工程的规划许可文件")
        page.click("#register-submit")
        page.wait_for_selector("#answer-due")

        record_event(page, "correction_requested", "2025-09-29", note="请写明道路名称和许可文件的文号")
        page.click("#issue-correction summary")
        self._submit(page, "submit-issue-correction")
        assert "文号：文测依补〔2025〕1号" in page.inner_text(".messages")
        assert "文测依补〔2025〕1号" in page.inner_text("#letter-list")

        record_event(page, "corrected", "2025-10-09")

        page.click("#answer-letter summary")
        page.fill("#id_answer-letter-on", "2025-10-30")
        page.select_option("#id_answer-letter-outcome", "partial")
        page.fill("#id_answer-letter-provided", "规划许可证正本复印件一份")
        page.fill("#id_answer-letter-withheld", "许可证附件中的身份证号码属于个人隐私")
        self._submit(page, "submit-answer-letter")
        assert page.inner_text("#status") == "已答复"
        assert "部分公开" in page.inner_text("#outcome")
        row = page.locator('#letter-list tr[data-kind="answer"]')
        assert row.locator(".letter-number").inner_text() == "文测依复〔2025〕1号"
        with page.expect_download() as info:
            row.locator("a.download-docx").click()
        data = open(info.value.path(), "rb").read()
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            body = z.read("word/document.xml").decode()
        assert "第三十七条" in body and "文书测试区人民政府申请行政复议" in body and "文测依复〔2025〕1号" in body

        logout(page)
        self._login(page, self.head)
        page.goto(f"{self.live_server_url}/letters/templates/answer/")
        page.fill("#id_body", letters.default("answer").replace("{{ remedy }}", ""))
        page.click("#template-submit")
        page.wait_for_load_state()
        assert "模板缺少必备要素：救济途径和期限" in page.inner_text(".field-error")
        return data
