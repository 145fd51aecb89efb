"""The public form under attack: each attempt gets a clear refusal and changes nothing.

Wrong codes and a lock-out, another request's number, no enumeration by number alone, a
20 MB upload, an HTML page named .pdf, scripts in every text field (escaped in the portal, the
staff pages, the letters, the export and the mails), a post without CSRF, a flood from one
address, the honeypot, and no personal data in URLs or logs.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from lxml import etree

from gongkai import letters
from gongkai.web.models import Attachment, AuditEntry, Request
from gongkai.web.services import clock
from gongkai.web.services import letters as letter_svc
from gongkai.web.services import requests as svc

from .factory import make_office, open_portal, submit_online
from .portal_steps import ORGANISATION, PERSON, form, pdf, png, receipt, resident_id
from .test_portal import SUBMITTED, PortalTestCase

SCRIPT = '<script>alert("x")</script>'
WRONG = "申请编号或查询码不正确"


class CodeTests(PortalTestCase):
    def setUp(self):
        super().setUp()
        self.req, self.code = submit_online(self.agency, SUBMITTED)
        self.other, self.other_code = submit_online(self.agency, SUBMITTED, description="另一申请")

    def assert_not_opened(self):
        self.assertRedirects(self.client.get("/apply/wangshang/status/"), "/apply/wangshang/track/")

    def test_a_wrong_code_another_requests_number_and_an_unknown_number_say_the_same(self):
        for number, code in ((self.req.number, "ABCD-EFGH-JKMN"), (self.other.number, self.code),
                             ("测试〔2025〕0999号", self.code), (self.req.number, "")):
            with self.subTest(number=number, code=code):
                response = self.track(number, code)
                self.assertEqual(response.status_code, 400)
                if code:
                    self.assertContains(response, WRONG, status_code=400)
                self.assert_not_opened()

    def test_twenty_wrong_codes_lock_the_number_even_against_the_right_code(self):
        for i in range(19):
            self.assertContains(self.track(self.req.number, f"WRONG{i}"), WRONG, status_code=400)
        locked = self.track(self.req.number, "WRONG19")
        self.assertContains(locked, "查询码输入错误次数过多", status_code=429)
        self.assertContains(self.track(self.req.number, self.code), "查询码输入错误次数过多", status_code=429)
        self.assert_not_opened()
        self.assertEqual(AuditEntry.objects.filter(action="portal.locked").count(), 1)
        # Another request from the same address still opens; a number that does not exist locks
        # the same way, so the lock tells nothing about which numbers exist.
        self.assertEqual(self.track(self.other.number, self.other_code).status_code, 302)
        for i in range(20):
            response = self.track("测试〔2025〕0999号", f"WRONG{i}")
        self.assertContains(response, "查询码输入错误次数过多", status_code=429)

    def test_too_many_wrong_codes_from_one_address_lock_the_address(self):
        for i in range(settings.PORTAL_LIMITS["code_address"][0]):
            self.track(f"测试〔2025〕{i + 10:04d}号", "WRONG")
        self.assertContains(self.track(self.req.number, self.code), "查询码输入错误次数过多", status_code=429)
        other_address = Client(REMOTE_ADDR="10.0.0.2")
        response = other_address.post("/apply/wangshang/track/", {"number": self.req.number, "code": self.code})
        self.assertEqual(response.status_code, 302)

    def test_a_code_opens_nothing_at_another_agency(self):
        elsewhere, _, _ = make_office("别处机关")
        open_portal(elsewhere, "biechu")
        response = self.client.post("/apply/biechu/track/", {"number": self.req.number, "code": self.code})
        self.assertContains(response, WRONG, status_code=400)

    def test_what_is_counted_keeps_no_address_number_or_contact(self):
        self.track(self.req.number, "WRONG")
        self.track(self.req.number, self.code)
        failed = AuditEntry.objects.get(action="portal.code_failed")
        opened = AuditEntry.objects.get(action="portal.open")
        self.assertEqual(set(failed.detail), {"number", "address"})
        self.assertRegex(failed.detail["number"], r"^[0-9a-f]{64}$")
        self.assertEqual(failed.detail["address"], opened.detail["address"])
        submitted = AuditEntry.objects.filter(action="portal.submit").first().detail
        for row in AuditEntry.objects.filter(action__startswith="portal."):
            text = str(row.detail) + row.target
            for value in ("127.0.0.1", "13812345678", "zhangsan@example.com", "11010519491231002X", "张三"):
                self.assertNotIn(value, text)
        self.assertEqual(set(submitted) - {"number", "files"}, {"address", "phone", "email", "id"})


class UploadTests(PortalTestCase):
    def test_a_20_mb_upload_is_refused_before_it_is_read(self):
        big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024), content_type="application/pdf")
        response = self.apply(form(PERSON), {"proof": big})
        self.assertContains(response, "提交的内容过大", status_code=413)
        self.assertFalse(Request.objects.exists())
        self.assertFalse(Attachment.objects.exists())

    @override_settings(MAX_REQUEST_BYTES=30 * 1024 * 1024)
    def test_a_file_over_the_portals_own_limit_is_refused_with_its_name(self):
        big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024), content_type="application/pdf")
        response = self.apply(form(PERSON), {"proof": big})
        self.assertContains(response, "“scan.pdf”过大", status_code=400)
        self.assertFalse(Request.objects.exists())

    def test_files_whose_content_is_not_what_their_name_says_are_refused(self):
        cases = [
            (SimpleUploadedFile("id.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"),
             "“id.pdf”的内容不是PDF"),
            (SimpleUploadedFile("id.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, content_type="image/png"),
             "“id.png”无法作为图片打开"),
            (pdf(extra=b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >> "), "含有脚本"),
            (SimpleUploadedFile("page.html", b"<html></html>", content_type="text/html"), "不是可接受的文件类型"),
            (SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf"), "空文件"),
        ]
        for upload, message in cases:
            with self.subTest(message=message):
                response = self.apply(form(PERSON), {"proof": upload})
                self.assertContains(response, message, status_code=400)
        self.assertFalse(Request.objects.exists())
        self.assertFalse(Attachment.objects.exists())

    def test_a_correction_sent_with_a_disguised_file_is_refused_and_changes_nothing(self):
        req, code = submit_online(self.agency, SUBMITTED)
        svc.confirm(req, self.clerk, SUBMITTED, correction="请写明文件名称")
        self.track(req.number, code)
        disguised = SimpleUploadedFile("scan.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
        response = self.client.post("/apply/wangshang/status/reply/", {"text": "补充", "files": [disguised]})
        self.assertContains(response, "“scan.pdf”的内容不是PDF", status_code=400)
        req.refresh_from_db()
        self.assertEqual(req.status, "awaiting_correction")
        self.assertFalse(req.events.filter(kind="corrected").exists())
        self.assertFalse(Attachment.objects.exists())

    def test_more_than_three_files_are_refused(self):
        response = self.apply(form(PERSON), {"proof": [png(f"{i}.png") for i in range(4)]})
        self.assertContains(response, "最多上传3个文件", status_code=400)

    def test_an_applicants_file_goes_back_to_the_office_only_as_a_download_of_its_type(self):
        number, _ = receipt(self.apply(form(PERSON), {"proof": [png()]}).content.decode())
        att = Attachment.objects.get(request__number=number)
        self.assertNotIn("id.png", att.file.name)  # stored under a random name
        self.client.force_login(self.clerk)
        response = self.client.get(f"/attachments/{att.pk}/")
        self.assertEqual(response["Content-Type"], "image/png")
        self.assertTrue(response["Content-Disposition"].startswith("attachment"))
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertIn("sandbox", response["Content-Security-Policy"])


class ScriptTests(PortalTestCase):
    """A script typed into every text field is text everywhere it is shown."""

    def assert_escaped(self, page: str, where: str):
        self.assertNotIn("<script>alert", page, where)
        self.assertIn("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;", page, where)

    def test_scripts_in_every_free_text_field_are_shown_as_text(self):
        texts = {k: SCRIPT for k in ("name", "id_number", "address", "description", "document_name",
                                     "document_number", "other_features")}
        response = self.apply(form(PERSON, id_type="other", **texts))
        self.assertEqual(response.status_code, 200, response.content.decode()[-2000:])
        number, _ = receipt(response.content.decode())
        req = Request.objects.get(number=number)
        self.assertNotIn("<script>alert", self.client.get("/apply/wangshang/status/").content.decode())
        self.assert_escaped(self.client.get("/apply/wangshang/status/copy/").content.decode(), "copy")
        org = self.apply(form(ORGANISATION, **{k: SCRIPT for k in ("org_name", "legal_representative",
                                                                   "contact_person", "address", "description")}))
        self.assertEqual(org.status_code, 200)
        self.assert_escaped(self.client.get("/apply/wangshang/status/copy/").content.decode(), "organisation copy")

        self.client.force_login(self.clerk)
        for path in (f"/requests/{req.pk}/", "/requests/", f"/requests/{req.pk}/edit/", "/audit/"):
            page = self.client.get(path).content.decode()
            self.assertNotIn("<script>alert", page, path)
        self.assert_escaped(self.client.get(f"/requests/{req.pk}/").content.decode(), "request page")
        export = self.client.get("/requests/?format=csv")
        self.assertEqual(export["Content-Type"], "text/csv; charset=utf-8")
        self.assertTrue(export["Content-Disposition"].startswith("attachment"))
        self.assertIn(SCRIPT.replace('"', '""'), export.content.decode("utf-8-sig"))  # text in a CSV cell

        svc.confirm(req, self.clerk, SUBMITTED)
        issued = [letter_svc.issue(req, self.clerk, "receipt"),
                  letter_svc.answer_with_letter(req, self.clerk, SUBMITTED, "partial", inputs=letters.Inputs(
                      provided=SCRIPT, withheld=SCRIPT))]
        for row in issued:
            with zipfile.ZipFile(io.BytesIO(bytes(row.docx))) as z:
                xml = z.read("word/document.xml")
            tree = etree.fromstring(xml)  # well-formed: the script did not break out of its text
            texts = "".join(tree.itertext())
            self.assertIn(SCRIPT, texts, row.kind)
            self.assertIn(b"&lt;script&gt;", xml)
            self.assertNotIn(b"<script>", xml)
        page = self.client.get(f"/requests/{req.pk}/").content.decode()
        self.assertNotIn("<script>alert", page)

    def test_scripts_stay_text_in_every_letter_the_reply_and_the_mails(self):
        """Each letter to the applicant and the 补正 typed online, with a script in every field they carry."""
        texts = {k: SCRIPT for k in ("name", "id_number", "address", "description", "document_name",
                                     "document_number", "other_features")}
        number, _ = receipt(self.apply(form(PERSON, id_type="other", **texts)).content.decode())
        req = Request.objects.get(number=number)
        with self.captureOnCommitCallbacks(execute=True):
            svc.confirm(req, self.clerk, SUBMITTED, correction=SCRIPT)
        issued = [letter_svc.issue(req, self.clerk, "receipt"), letter_svc.issue(req, self.clerk, "correction")]
        self.assert_escaped(self.client.get("/apply/wangshang/status/").content.decode(), "the 补正 asked")
        with self.captureOnCommitCallbacks(execute=True):
            reply = self.client.post("/apply/wangshang/status/reply/", {"text": SCRIPT})
        self.assertEqual(reply.status_code, 302)
        self.assertNotIn("<script>alert", self.client.get("/apply/wangshang/status/").content.decode())
        on = SUBMITTED + timedelta(days=10)
        self.enterContext(clock.fixed(on + timedelta(days=4)))
        svc.add_event(req, self.clerk, "extension_requested", on, days=10, note=SCRIPT)
        svc.add_event(req, self.head, "extension_approved", on, days=10)
        issued.append(letter_svc.issue(req, self.clerk, "extension"))
        svc.add_event(req, self.clerk, "consultation_started", on, note=SCRIPT)
        issued.append(letter_svc.issue(req, self.clerk, "consultation_notice"))
        svc.add_event(req, self.clerk, "consultation_ended", on + timedelta(days=3))
        issued.append(letter_svc.answer_with_letter(req, self.clerk, on + timedelta(days=4), "partial",
                                                    inputs=letters.Inputs(provided=SCRIPT, withheld=SCRIPT)))
        self.assertEqual([row.kind for row in issued],
                         ["receipt", "correction", "extension", "consultation_notice", "answer"])
        for row in issued:
            with zipfile.ZipFile(io.BytesIO(bytes(row.docx))) as z:
                xml = z.read("word/document.xml")
            texts = "".join(etree.fromstring(xml).itertext())  # well-formed: no script broke out of its text
            self.assertIn(SCRIPT, texts, row.kind)  # the applicant's name at least, as typed
            self.assertNotIn(b"<script>", xml, row.kind)
        self.client.force_login(self.clerk)
        page = self.client.get(f"/requests/{req.pk}/").content.decode()
        self.assertNotIn("<script>alert", page)
        self.assert_escaped(page, "request page with the reply")
        self.assertTrue(mail.outbox)
        for message in mail.outbox:  # plain text: the name as typed, neither escaped nor mangled
            self.assertNotIn("&lt;", message.body + message.subject)
        self.assertIn(SCRIPT, next(m.body for m in mail.outbox if m.to == ["lisi@example.com"]))

    def test_a_formula_typed_into_the_form_is_text_in_the_export(self):
        formula = '=HYPERLINK("http://evil.example.com","点击")'
        self.apply(form(PERSON, name=formula, address="+1+1", id_type="other", id_number="@SUM(A1)"))
        self.client.force_login(self.clerk)
        rows = list(csv.reader(io.StringIO(self.client.get("/requests/?format=csv").content.decode("utf-8-sig"))))
        row = dict(zip(rows[0], rows[1]))
        self.assertEqual(row["申请人"], "'" + formula)
        self.assertTrue(row["通信地址"].startswith("'+") and row["身份证件号码"].startswith("'@"))  # masked for a clerk

    def test_scripts_in_checked_fields_are_refused_and_echoed_as_text(self):
        data = form(PERSON, phone=SCRIPT, email=SCRIPT, id_number=SCRIPT)
        response = self.apply(data)
        page = response.content.decode()
        self.assertEqual(response.status_code, 400)
        self.assertNotIn("<script>alert", page)
        for message in ("联系电话只能包含数字", "请输入有效的电子邮箱地址", "公民身份号码应为18位"):
            self.assertIn(message, page)
        response = self.apply(form(ORGANISATION, credit_code=SCRIPT[:18]))
        self.assertContains(response, "统一社会信用代码应为18位", status_code=400)
        self.assertFalse(Request.objects.exists())

    def test_a_script_in_the_office_intro_and_the_tracking_form_is_text(self):
        self.portal.intro = SCRIPT
        self.portal.save()
        self.assert_escaped(self.client.get("/apply/wangshang/").content.decode(), "intro")
        page = self.client.post("/apply/wangshang/track/", {"number": SCRIPT, "code": SCRIPT}).content.decode()
        self.assertNotIn("<script>alert", page)


class FormSafetyTests(PortalTestCase):
    def test_a_post_without_csrf_is_refused_and_changes_nothing(self):
        client = Client(enforce_csrf_checks=True)
        response = client.post("/apply/wangshang/", form(PERSON))
        self.assertContains(response, "提交未被接受", status_code=403)
        req, code = submit_online(self.agency, SUBMITTED)
        response = client.post("/apply/wangshang/track/", {"number": req.number, "code": code})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Request.objects.count(), 1)
        # With the page's token the same post is taken.
        page = client.get("/apply/wangshang/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
        response = client.post("/apply/wangshang/", {**form(PERSON, description="带令牌"), "csrfmiddlewaretoken": token})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(Request.objects.count(), 2)

    def test_a_hundred_submissions_from_one_address_in_a_minute_are_throttled(self):
        statuses = []
        for i in range(100):
            response = self.apply(form(PERSON, description=f"第{i}项信息", phone=f"1390000{i:04d}", email="",
                                       id_number=resident_id(i)))
            statuses.append(response.status_code)
            if response.status_code == 429:
                self.assertContains(response, "提交过于频繁", status_code=429)
                self.assertContains(response, "本次提交未作任何处理", status_code=429)
        accepted = settings.PORTAL_LIMITS["submit"][0]
        self.assertEqual(statuses, [200] * accepted + [429] * (100 - accepted))
        self.assertEqual(Request.objects.count(), accepted)
        self.assertEqual(AuditEntry.objects.filter(action="portal.submit").count(), accepted)
        # Another address is not held back by this one.
        other = Client(REMOTE_ADDR="10.0.0.3")
        response = other.post("/apply/wangshang/", form(PERSON, description="别处", id_number=resident_id(999),
                                                        phone="13700000000", email=""))
        self.assertEqual(response.status_code, 200)

    def test_a_flood_of_anything_from_one_address_is_held_back(self):
        most = settings.PORTAL_LIMITS["post"][0]
        for i in range(most):
            self.apply(form(PERSON, name=""))  # refused, and counted
        response = self.track("测试〔2025〕0001号", "X")
        self.assertContains(response, "提交过于频繁", status_code=429)
        self.assertContains(self.apply(form(PERSON)), "提交过于频繁", status_code=429)
        self.assertFalse(Request.objects.exists())

    def test_one_contact_is_limited_from_any_address(self):
        limit = settings.PORTAL_LIMITS["submit_contact"][0]
        for i in range(limit + 1):
            client = Client(REMOTE_ADDR=f"10.0.1.{i + 1}")
            response = client.post("/apply/wangshang/", form(PERSON, description=f"第{i}项"))
        self.assertContains(response, "提交过于频繁", status_code=429)
        self.assertEqual(Request.objects.count(), limit)

    def test_the_honeypot_turns_a_robot_away(self):
        response = self.apply(form(PERSON, homepage="http://spam.example.com"))
        self.assertContains(response, "此栏请留空", status_code=400)
        self.assertFalse(Request.objects.exists())

    def test_a_portal_not_switched_on_is_not_there(self):
        self.portal.enabled = False
        self.portal.save()
        for path in ("/apply/wangshang/", "/apply/wangshang/track/", "/apply/nobody/"):
            self.assertEqual(self.client.get(path).status_code, 404, path)
        self.assertEqual(self.client.post("/apply/wangshang/", form(PERSON)).status_code, 404)
        self.assertFalse(Request.objects.exists())


class PrivacyTests(PortalTestCase):
    def test_no_personal_data_in_urls_or_logs(self):
        personal = ("李四", "11010519491231002X", "13900001111", "lisi@example.com", "人民路2号")
        records = []
        handler = logging.Handler(level=logging.DEBUG)
        handler.emit = lambda record: records.append(handler.format(record))
        root = logging.getLogger()
        root.addHandler(handler)
        old_level = root.level
        root.setLevel(logging.DEBUG)
        urls = []
        try:
            self.apply(form(PERSON, name=""))  # a 400, logged
            response = self.apply(form(PERSON), {"proof": [png()]})
            number, code = receipt(response.content.decode())
            urls += re.findall(r'(?:href|action)="([^"]*)"', response.content.decode())
            self.client.post("/apply/wangshang/leave/")
            self.track(number, "WRONG")  # a 400, logged
            response = self.track(number, code)
            urls.append(response["Location"])
            for path in ("/apply/wangshang/status/", "/apply/wangshang/status/copy/"):
                urls += re.findall(r'(?:href|action)="([^"]*)"', self.client.get(path).content.decode())
        finally:
            root.removeHandler(handler)
            root.setLevel(old_level)
        self.assertTrue(urls)
        for text in urls + records:
            for value in personal + (code, code.replace("-", "")):
                self.assertNotIn(value, text)
        self.assertEqual(len(mail.outbox), 2)
