"""Correcting a registered request's details: the form, the audit row, the roles, the receipt date."""

from __future__ import annotations

from datetime import date


from gongkai.web.errors import Refused
from gongkai.web.models import AuditEntry, Event, Request
from gongkai.web.services import requests as svc

from .factory import OfficeTestCase, make_office

FORM = {
    "applicant_kind": "natural_person", "applicant_name": "张三", "id_number": "110105199001011234",
    "contact": "13812345678", "address": "测试区人民路1号", "channel": "online", "received": "2025-09-26",
    "items": "申请公开某项目的规划许可", "delivery_form": "paper", "delivery_channel": "post", "handler": "",
}


class EditDetailsTests(OfficeTestCase):
    def url(self) -> str:
        return f"/requests/{self.req.pk}/edit/"

    def test_detail_page_links_to_the_form_which_shows_the_details(self):
        self.login(self.clerk)
        self.assertContains(self.client.get(f"/requests/{self.req.pk}/"), f'href="{self.url()}"')
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "修改申请信息")
        self.assertContains(response, 'value="110105199001011234"')
        self.assertContains(response, "申请公开某项目的规划许可")

    def test_edit_through_the_form_is_saved_and_audited(self):
        self.login(self.head)
        response = self.client.post(self.url(), dict(FORM, applicant_name="张三丰", contact="010-87654321",
                                                     channel="email", items="某项目规划许可及附图",
                                                     delivery_form="electronic", handler=str(self.clerk.pk)))
        self.assertRedirects(response, f"/requests/{self.req.pk}/")
        req = Request.objects.get(pk=self.req.pk)
        self.assertEqual((req.applicant_name, req.contact, req.channel, req.items, req.delivery_form, req.handler),
                         ("张三丰", "010-87654321", "email", "某项目规划许可及附图", "electronic", self.clerk))
        self.assertEqual(req.answer_due, date(2025, 10, 30))  # receipt date unchanged, deadlines too
        entry = AuditEntry.objects.get(action="update")
        self.assertEqual((entry.user, entry.agency), (self.head, self.agency))
        self.assertEqual(entry.detail["fields"],
                         ["applicant_name", "channel", "contact", "delivery_form", "handler", "items"])
        self.assertEqual(entry.detail["changes"]["channel"], ["online", "email"])
        self.assertEqual(entry.detail["changes"]["handler"], [None, self.clerk.pk])
        for personal in ("applicant_name", "contact"):  # personal data: named, never copied
            self.assertNotIn(personal, entry.detail["changes"])
        self.assertNotIn("010-87654321", str(entry.detail))

    def test_unchanged_form_writes_nothing(self):
        self.login(self.clerk)
        self.assertEqual(self.client.post(self.url(), FORM).status_code, 302)
        self.assertFalse(AuditEntry.objects.filter(action="update").exists())

    def test_receipt_date_moves_the_received_event_and_the_deadlines(self):
        self.login(self.clerk)
        self.assertEqual(self.client.post(self.url(), dict(FORM, received="2025-09-29")).status_code, 302)
        req = Request.objects.get(pk=self.req.pk)
        self.assertEqual(req.received, date(2025, 9, 29))
        # The received event is corrected, not overwritten: both stay, the correction says why.
        correction = Event.objects.effective().get(request=req, kind="received")
        self.assertEqual((correction.on, correction.corrects.on), (date(2025, 9, 29), date(2025, 9, 26)))
        self.assertIn("收到申请日期由2025-09-26改为2025-09-29", correction.reason)
        self.assertEqual(req.answer_due, date(2025, 11, 3))  # 20 working days over the National Day holiday
        entry = AuditEntry.objects.get(action="update")
        self.assertEqual(entry.detail["changes"]["received"], ["2025-09-26", "2025-09-29"])

    def test_receipt_date_after_a_recorded_event_is_refused(self):
        svc.add_event(self.req, self.clerk, "correction_requested", date(2025, 9, 30))
        self.login(self.clerk)
        response = self.client.post(self.url(), dict(FORM, received="2025-10-09", applicant_name="李四"))
        self.assertContains(response, "收到申请日期不能晚于已记录的“告知补正”（2025-09-30）", status_code=400)
        req = Request.objects.get(pk=self.req.pk)
        self.assertEqual((req.received, req.applicant_name), (date(2025, 9, 26), "张三"))
        self.assertEqual(Event.objects.get(request=req, kind="received").on, date(2025, 9, 26))
        self.assertFalse(AuditEntry.objects.filter(action="update").exists())
        # An earlier date keeps the sequence lawful and is accepted.
        self.assertEqual(self.client.post(self.url(), dict(FORM, received="2025-09-25")).status_code, 302)
        self.assertEqual(Request.objects.get(pk=self.req.pk).received, date(2025, 9, 25))

    def test_bad_input_gives_chinese_field_errors(self):
        self.login(self.clerk)
        _, other_clerk, _ = make_office("另一机关")
        response = self.client.post(self.url(), dict(FORM, applicant_name="", channel="robot", received="2025-13-45",
                                                     handler=str(other_clerk.pk), applicant_kind="x" * 30,
                                                     address="路" * 301))
        self.assertEqual(response.status_code, 400)
        for text in ("请填写“申请人姓名或名称”", "请选择有效的选项", "请输入有效日期", "300"):
            self.assertContains(response, text, status_code=400)
        response = self.client.post(self.url(), dict(FORM, received="2099-01-01"))
        self.assertContains(response, "收到申请日期不能晚于今天", status_code=400)
        self.assertEqual(Request.objects.get(pk=self.req.pk).applicant_name, "张三")
        self.assertFalse(AuditEntry.objects.filter(action="update").exists())

    def test_supervisor_may_not_edit(self):
        self.login(self.supervisor)
        self.assertNotContains(self.client.get(f"/requests/{self.req.pk}/"), self.url())
        self.assertEqual(self.client.get(self.url()).status_code, 403)
        self.assertEqual(self.client.post(self.url(), dict(FORM, applicant_name="李四")).status_code, 403)
        self.assertEqual(Request.objects.get(pk=self.req.pk).applicant_name, "张三")

    def test_another_agency_cannot_see_or_edit(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(self.client.post(self.url(), dict(FORM, applicant_name="李四")).status_code, 404)
        self.assertEqual(Request.objects.get(pk=self.req.pk).applicant_name, "张三")
        self.assertFalse(AuditEntry.objects.filter(action="update").exists())

    def test_archived_request_is_not_edited(self):
        svc.add_event(self.req, self.clerk, "answered", date(2025, 10, 10), outcome="granted", legal_basis="第二十七条")
        svc.add_event(self.req, self.clerk, "archived", date(2025, 10, 11))
        self.login(self.clerk)
        response = self.client.post(self.url(), dict(FORM, applicant_name="李四"), follow=True)
        self.assertContains(response, "该申请已归档，不能再修改申请信息")
        self.assertEqual(Request.objects.get(pk=self.req.pk).applicant_name, "张三")

    def test_service_refuses_what_the_form_would(self):
        for fields, message in ((dict(channel="robot"), "选项无效"), (dict(applicant_name=" "), "请填写"),
                                (dict(handler=self.stranger), "经办人须为本机关人员"),
                                (dict(applicant_name="名" * 201), "最多200个字")):
            with self.subTest(fields=fields), self.assertRaisesMessage(Refused, message):
                svc.update_details(self.req, self.clerk, **fields)
