"""The pages: sign-in, scoping by agency, roles, masking, and Chinese field errors instead of 500s."""

from __future__ import annotations

from datetime import date


from gongkai.web.models import AuditEntry, Event, Request

from .factory import OfficeTestCase


class PageTests(OfficeTestCase):
    def test_sign_in_is_required(self):
        for url in ("/", "/requests/", f"/requests/{self.req.pk}/", "/report/2025/", "/calendar/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertIn("/login/", response["Location"])

    def test_pages_render_in_chinese(self):
        self.login(self.clerk)
        for url, text in (("/", "本周到期"), ("/requests/", "申请编号"), ("/requests/new/", "收到申请日期"),
                          (f"/requests/{self.req.pk}/", "2025-10-30"), ("/report/2025/", "本年新收政府信息公开申请数量"),
                          ("/monthly/?year=2025&month=9", "本年新收"), ("/calendar/", "工作日历"),
                          ("/calendar/2025/", "国庆"), ("/figures/2025/", "行政规范性文件"), ("/cases/", "行政复议"),
                          ("/cases/new/", "立案"), ("/requests/?view=overdue", "已超期"),
                          ("/requests/?view=due_week", "本周到期"), ("/requests/?view=paused", "暂停计时"),
                          ("/requests/?q=张三", self.req.number)):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, text)

    def test_register_form_errors_are_fields_in_chinese(self):
        self.login(self.clerk)
        response = self.client.post("/requests/new/", {"applicant_kind": "robot", "received": "2025-13-45",
                                                         "channel": "online"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "请输入有效日期")
        self.assertContains(response, "请选择有效的选项")
        self.assertContains(response, "请填写“申请公开的信息内容”")
        self.assertEqual(Request.objects.count(), 1)

    def test_register_through_the_form(self):
        self.login(self.clerk)
        response = self.client.post("/requests/new/", {
            "applicant_kind": "commercial", "applicant_name": "某有限公司", "id_number": "91110000MA0000000X",
            "contact": "010-12345678", "address": "某路1号", "channel": "post_registered", "received": "2025-09-26",
            "items": "某项目环评批复", "delivery_form": "paper", "delivery_channel": "post", "handler": "",
        })
        req = Request.objects.get(applicant_name="某有限公司")
        self.assertRedirects(response, f"/requests/{req.pk}/")
        self.assertEqual(req.answer_due, date(2025, 10, 30))
        self.assertTrue(AuditEntry.objects.filter(action="register", target__contains=req.number).exists())

    def test_event_form_errors(self):
        self.login(self.clerk)
        url = f"/requests/{self.req.pk}/event/answered/"
        response = self.client.post(url, {"answered-on": "不是日期", "answered-outcome": ""})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "请输入有效日期", status_code=400)
        self.assertContains(response, "请选择", status_code=400)
        response = self.client.post(f"/requests/{self.req.pk}/event/corrected/", {"corrected-on": "2025-10-09"})
        self.assertContains(response, "告知补正", status_code=400)
        self.assertEqual(Event.objects.filter(request=self.req).count(), 1)

    def test_extension_needs_the_head(self):
        self.login(self.clerk)
        url = f"/requests/{self.req.pk}/event/extension_approved/"
        self.assertEqual(self.client.post(url, {"extension_approved-on": "2025-10-20"}).status_code, 403)
        self.assertNotContains(self.client.get(f"/requests/{self.req.pk}/"), "批准延期")
        self.client.logout()
        self.login(self.head)
        response = self.client.post(url, {"extension_approved-on": "2025-10-20", "extension_approved-days": "20"})
        self.assertEqual(response.status_code, 302)
        self.req.refresh_from_db()
        self.assertEqual(self.req.answer_due, date(2025, 11, 27))

    def test_agencies_are_walled_off(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(f"/requests/{self.req.pk}/").status_code, 404)
        self.assertNotContains(self.client.get("/requests/"), self.req.number)
        self.assertEqual(self.client.get(f"/requests/?agency={self.agency.pk}").status_code, 404)

    def test_supervisor_reads_below_with_contacts_masked(self):
        self.login(self.supervisor)
        response = self.client.get(f"/requests/{self.req.pk}/")
        self.assertContains(response, "110*************34")
        self.assertNotContains(response, "110105199001011234")
        self.assertNotContains(response, "确认答复")  # reads, does not act
        csv = self.client.get(f"/requests/?agency={self.agency.pk}&format=csv").content.decode("utf-8-sig")
        self.assertIn(self.req.number, csv)
        self.assertNotIn("13812345678", csv)
        self.assertEqual(self.client.post(f"/requests/{self.req.pk}/event/answered/", {}).status_code, 403)

    def test_clerk_sees_contacts_on_detail_but_not_in_lists(self):
        self.login(self.clerk)
        self.assertContains(self.client.get(f"/requests/{self.req.pk}/"), "13812345678")
        self.assertNotContains(self.client.get("/requests/"), "13812345678")

    def test_case_form(self):
        self.login(self.clerk)
        bad = self.client.post("/cases/new/", {"kind": "review", "filed": "2025-11-01", "closed": "2025-10-01",
                                               "result": "upheld", "request_number": "不存在"})
        self.assertContains(bad, "审结日期不能早于立案日期")
        ok = self.client.post("/cases/new/", {"kind": "review", "filed": "2025-11-01", "result": "pending",
                                              "request_number": self.req.number})
        self.assertEqual(ok.status_code, 302)
        self.assertContains(self.client.get("/report/2025/"), "行政复议")

    def test_figures_form(self):
        self.login(self.clerk)
        bad = self.client.post("/figures/2025/", {"normative__issued": "-1", "fees__amount": "abc"})
        self.assertContains(bad, "不能为负数")
        self.assertContains(bad, "请输入非负数字金额")
        ok = self.client.post("/figures/2025/", {"normative__issued": "3", "fees__amount": "12.3456"})
        self.assertEqual(ok.status_code, 302)

    def test_report_downloads(self):
        self.login(self.clerk)
        response = self.client.get("/report/2025/download/json/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["t3"]["new"]["natural_person"], 1)
        for fmt in ("html", "md", "docx", "xlsx"):
            with self.subTest(fmt=fmt):
                response = self.client.get(f"/report/2025/download/{fmt}/")
                self.assertIn(response.status_code, (200, 302))

    def test_head_approves_the_report(self):
        self.login(self.head)
        self.client.post("/report/2025/", {"action": "sections", "overview": "概述", "problems": "问题", "other": "无"})
        response = self.client.post("/report/2025/approve/", follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(AuditEntry.objects.filter(action__startswith="report.").exists())

    def test_calendar_admin_only(self):
        self.login(self.clerk)
        self.assertEqual(self.client.post("/calendar/import/", {"text": "year 2030"}).status_code, 403)

    def test_upload_type_is_checked(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        self.login(self.clerk)
        evil = SimpleUploadedFile("x.exe", b"MZ...", content_type="application/octet-stream")
        response = self.client.post(f"/requests/{self.req.pk}/attach/", {"file": evil}, follow=True)
        self.assertContains(response, "不支持的文件类型")
        good = SimpleUploadedFile("申请书.pdf", b"%PDF-1.4 test", content_type="application/pdf")
        response = self.client.post(f"/requests/{self.req.pk}/attach/", {"file": good}, follow=True)
        self.assertContains(response, "申请书.pdf")
