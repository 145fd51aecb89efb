"""In headless Chromium, at a desktop's width and at a phone's, with the applicant's JavaScript off:
submit as a natural person and as an organisation → the office confirms → the applicant sees
the deadline; the office asks for a 补正 → the applicant answers online → the deadline restarts;
the office answers with a letter → the applicant downloads it."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core import mail

from gongkai.web.letter_models import IssuedLetter
from gongkai.web.models import Request
from gongkai.web.services import clock
from gongkai.web.services import letters as letter_svc

from .browser import PHONE, LiveServer, chromium, fits_width, login, record_event
from .factory import PASSWORD, make_office, open_portal
from .portal_steps import png

SCRIPT = '<script>alert("x")</script>'


@dataclass
class Seen:
    """What the walk saw in the browser, checked against the database once the browser is closed."""

    number: str = ""
    code: str = ""
    downloaded: bytes = b""
    dialogs: list = field(default_factory=list)


class PortalBrowserTests(LiveServer):
    def setUp(self):
        self.agency, self.clerk, self.head = make_office("端到端网上申请机关")
        open_portal(self.agency, "duan", office_email="office@example.gov.cn")
        letter_svc.save_settings(self.agency, self.head, {}, letterhead="端到端网上申请机关", short_name="端网",
                                 review_body="测试区人民政府", court="测试区人民法院")
        self.png = png().read()

    # --- the applicant's side -------------------------------------------------------------------

    def fill_person(self, page):
        page.check("#id_applicant_type_0")
        assert not page.is_visible("#id_org_name")  # the other kind's fieldset is hidden, by CSS alone
        page.fill("#id_name", "李四")
        page.select_option("#id_id_type", "resident_id")
        page.fill("#id_id_number", "11010519491231002X")
        page.fill("#id_phone", "13900001111")
        page.fill("#id_email", "lisi@example.com")
        page.fill("#id_description", "2025年某道路拓宽工程的规划许可文件")
        page.check("#id_delivery_channel_3")  # 网上获取

    def fill_organisation(self, page):
        page.check("#id_applicant_type_1")
        assert not page.is_visible("#id_name")
        page.select_option("#id_org_kind", "legal_service")
        page.fill("#id_org_name", "某某律师事务所")
        page.fill("#id_credit_code", "91330100716105852F")
        page.fill("#id_legal_representative", "王五")
        page.fill("#id_contact_person", "赵六")
        page.fill("#id_phone", "0571-88880000")
        page.fill("#id_email", "office@lawfirm.example.com")
        page.fill("#id_address", "某市某路1号")
        page.fill("#id_description", "某区2025年度行政处罚决定书目录")
        page.fill("#id_document_name", "行政处罚决定书")
        page.check("#id_delivery_channel_1")  # 邮寄

    def submit(self, page, fill, seen: Seen, phone: bool):
        page.goto(f"{self.live_server_url}/apply/duan/")
        assert fits_width(page) or not phone
        # A form sent with a mistake comes back saying where, with what was typed kept.
        fill(page)
        page.fill("#id_phone", "call me")
        page.click("#apply-submit")
        page.wait_for_selector("#form-errors")
        assert "联系电话只能包含数字" in page.inner_text("#field-phone")
        page.fill("#id_phone", "13900001111")
        page.set_input_files("#id_proof", [{"name": "id.png", "mimeType": "image/png", "buffer": self.png}])
        page.check("#id_declaration")
        page.click("#apply-submit")
        page.wait_for_selector("#code")
        seen.number, seen.code = page.inner_text("#number"), page.inner_text("#code")
        assert "待确认" in page.inner_text("main")
        assert fits_width(page) or not phone
        page.click("#copy-link")
        page.wait_for_selector("#number")
        assert page.inner_text("#number") == seen.number
        assert "id.png" in page.inner_text("main")

    def track(self, page, seen: Seen):
        page.goto(f"{self.live_server_url}/apply/duan/track/")
        page.fill("#id_number", seen.number)
        page.fill("#id_code", "WRONG-CODE")
        page.click("#track-submit")
        page.wait_for_selector("#track-errors")
        assert "申请编号或查询码不正确" in page.inner_text("#track-errors")
        page.fill("#id_number", seen.number)
        page.fill("#id_code", seen.code.lower())
        page.click("#track-submit")
        page.wait_for_selector("#status-label")

    # --- the office's side ------------------------------------------------------------------------

    def open_request(self, staff, seen: Seen):
        staff.goto(f"{self.live_server_url}/requests/?view=submitted")
        staff.click(f"text={seen.number}")
        staff.wait_for_selector("#status")

    def confirm(self, staff, on: str, correction: str = ""):
        staff.click("#action-received summary")
        staff.fill("#id_received-on", on)
        if correction:
            staff.fill("#id_received-correction", correction)
        staff.click("button[name=submit-received]")
        staff.wait_for_load_state()
        assert staff.locator(".messages .success").count() == 1, staff.content()

    def answer(self, staff, on: str):
        staff.click("#answer-letter summary")
        staff.fill("#id_answer-letter-on", on)
        staff.select_option("#id_answer-letter-outcome", "partial")
        staff.fill("#id_answer-letter-provided", "规划许可证正本复印件一份")
        staff.fill("#id_answer-letter-withheld", "许可证附件中的身份证号码属于个人隐私")
        staff.click("button[name=submit-answer-letter]")
        staff.wait_for_load_state()
        assert staff.inner_text("#status") == "已答复", staff.inner_text(".messages")

    # --- the walk -------------------------------------------------------------------------------------

    def walk(self, fill, phone: bool, correction_with_confirmation: bool) -> Seen:
        seen = Seen()
        applicant_context = dict(PHONE if phone else {}, java_script_enabled=False, accept_downloads=True)
        with chromium() as browser:
            applicant = browser.new_context(**applicant_context).new_page()
            applicant.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))
            staff = browser.new_context().new_page()
            with clock.fixed(date(2025, 9, 26)):
                self.submit(applicant, fill, seen, phone)
            with clock.fixed(date(2025, 9, 29)):
                login(staff, self.live_server_url, self.clerk.username, PASSWORD)
                self.open_request(staff, seen)
                assert "待确认" in staff.inner_text("#received")
                if correction_with_confirmation:
                    self.confirm(staff, "2025-09-29", correction="请写明道路名称和许可文件的文号")
                else:
                    self.confirm(staff, "2025-09-29")
                    self.track(applicant, seen)
                    # Confirmed on Monday 09-29: 20 working days from 09-30, over the National Day holiday.
                    assert applicant.inner_text("#received-on") == "2025年9月29日"
                    assert applicant.inner_text("#answer-due").startswith("2025年11月3日前")
                    assert fits_width(applicant) or not phone
                    record_event(staff, "correction_requested", "2025-09-29", note="请写明道路名称和许可文件的文号")
            with clock.fixed(date(2025, 10, 9)):
                self.track(applicant, seen) if correction_with_confirmation else applicant.reload()
                assert applicant.inner_text("#status-label") == "等待补正"
                assert "请写明道路名称" in applicant.inner_text("#correction-matters")
                assert applicant.inner_text("#correction-due") == "2025年10月27日"
                assert applicant.inner_text("#received-on") == "2025年9月29日"  # confirmed, and the clock waits
                assert applicant.inner_text("#answer-due") == "收到您的补正后重新计算"
                applicant.fill("#id_text", "人民路拓宽工程，许可证文号见附件")
                applicant.set_input_files("#id_files", [{"name": "permit.png", "mimeType": "image/png",
                                                          "buffer": self.png}])
                applicant.click("#reply-submit")
                applicant.wait_for_selector(".messages .success")
                # The corrected request restarts the clock: 20 working days from 10-10.
                assert applicant.inner_text("#corrected-on").startswith("2025年10月9日")
                assert applicant.inner_text("#answer-due").startswith("2025年11月5日前")
                assert applicant.inner_text("#status-label") == "办理中"
            with clock.fixed(date(2025, 10, 30)):
                staff.reload()
                assert "permit.png" in staff.inner_text("#attachments")
                self.answer(staff, "2025-10-30")
                applicant.reload()
                assert applicant.inner_text("#status-label") == "已答复"
                assert "部分公开" in applicant.inner_text("#outcome")
                assert fits_width(applicant) or not phone
                with applicant.expect_download() as info:
                    applicant.locator('#letters li[data-kind="answer"] a.download-docx').click()
                seen.downloaded = Path(info.value.path()).read_bytes()
        return seen

    def check(self, seen: Seen, kind: str, email: str):
        """The register after the walk (read outside the browser's greenlet)."""
        req = Request.objects.get(number=seen.number)
        self.assertEqual((req.applicant_kind, req.channel, req.status), (kind, "online", "answered"))
        self.assertEqual(req.received, date(2025, 9, 29))
        self.assertEqual([e.kind for e in req.events.all()],
                         ["submitted", "received", "correction_requested", "corrected", "answered"])
        self.assertEqual(seen.downloaded, bytes(IssuedLetter.objects.get(request=req, kind="answer").docx))
        with zipfile.ZipFile(io.BytesIO(seen.downloaded)) as z:
            self.assertIn("第三十七条", z.read("word/document.xml").decode())
        self.assertEqual(sorted(req.attachments.values_list("origin", flat=True)), ["application", "correction"])
        told = [m for m in mail.outbox if m.to == [email]]
        self.assertIn(seen.code, told[0].body)
        self.assertTrue(any("本机关已作出答复" in m.body for m in told))
        self.assertEqual(seen.dialogs, [])

    def test_a_natural_person_at_a_desktop(self):
        self.check(self.walk(self.fill_person, phone=False, correction_with_confirmation=False),
                   "natural_person", "lisi@example.com")

    def test_an_organisation_at_a_desktop(self):
        self.check(self.walk(self.fill_organisation, phone=False, correction_with_confirmation=True),
                   "legal_service", "office@lawfirm.example.com")

    def test_a_natural_person_on_a_phone(self):
        self.check(self.walk(self.fill_person, phone=True, correction_with_confirmation=False),
                   "natural_person", "lisi@example.com")

    def test_an_organisation_on_a_phone(self):
        self.check(self.walk(self.fill_organisation, phone=True, correction_with_confirmation=True),
                   "legal_service", "office@lawfirm.example.com")

    def test_scripts_typed_into_the_form_never_run(self):
        dialogs = []
        with chromium() as browser:
            applicant = browser.new_context().new_page()  # JavaScript on: a script that got through would run
            applicant.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            with clock.fixed(date(2025, 9, 26)):
                applicant.goto(f"{self.live_server_url}/apply/duan/")
                self.fill_person(applicant)
                applicant.select_option("#id_id_type", "other")
                for selector in ("#id_name", "#id_id_number", "#id_address", "#id_description", "#id_document_name",
                                 "#id_document_number", "#id_other_features"):
                    applicant.fill(selector, SCRIPT)
                applicant.check("#id_declaration")
                applicant.click("#apply-submit")
                applicant.wait_for_selector("#code")
                applicant.click("#copy-link")
                applicant.wait_for_selector("#number")
                shown = applicant.inner_text("main")
                staff = browser.new_context().new_page()
                staff.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
                login(staff, self.live_server_url, self.clerk.username, PASSWORD)
                staff.goto(f"{self.live_server_url}/requests/")
                staff.click("tbody a")
                staff.wait_for_selector("#submission")
                staff_shown = staff.inner_text("main")
        self.assertEqual(dialogs, [])
        self.assertIn(SCRIPT, shown)
        self.assertIn(SCRIPT, staff_shown)
