"""The applicant's side: a request submitted online, confirmed by the office, followed with its
number and code, a 补正 answered online, the answer letter downloaded, and the mails of each step."""

from __future__ import annotations

from datetime import date, timedelta

from django.core import mail
from django.test import TestCase
from django.utils import timezone

from gongkai import letters
from gongkai.web.models import Attachment, AuditEntry, Event, Notification, Request, Submission
from gongkai.web.services import clock, compiling, codes
from gongkai.web.services import letters as letter_svc
from gongkai.web.services import requests as svc

from .factory import make_office, make_user, open_portal, submit_online
from .portal_steps import ORGANISATION, PERSON, form, pdf, png, receipt

SUBMITTED = date(2025, 9, 26)  # a Friday before the National Day holiday


class PortalTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.agency, cls.clerk, cls.head = make_office("网上申请测试机关")
        cls.portal = open_portal(cls.agency, "wangshang", office_email="office@agency.example.gov.cn")
        letter_svc.save_settings(cls.agency, cls.head, {}, letterhead="网上申请测试机关", short_name="网测",
                                 review_body="测试区人民政府", court="测试区人民法院")

    def setUp(self):
        self.today = self.enterContext(clock.fixed(SUBMITTED))

    def apply(self, data, files=None, **extra):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post("/apply/wangshang/", {**data, **(files or {})}, **extra)

    def track(self, number, code):
        return self.client.post("/apply/wangshang/track/", {"number": number, "code": code})

    def staff_step(self, user, req, kind, data):
        self.client.force_login(user)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(f"/requests/{req.pk}/event/{kind}/", data)
        self.client.logout()
        return response


class SubmissionTests(PortalTestCase):
    def test_a_natural_person_submits_and_gets_a_number_and_a_code_once(self):
        response = self.apply(form(PERSON), {"proof": [png(), pdf()]})
        self.assertEqual(response.status_code, 200, response.content.decode()[-3000:])
        self.assertEqual(response["Cache-Control"].split(",")[0], "max-age=0")
        number, code = receipt(response.content.decode())
        req = Request.objects.get(number=number)
        self.assertEqual((req.channel, req.status, req.received, req.applicant_kind, req.applicant_name),
                         ("online", "submitted", None, "natural_person", "李四"))
        self.assertEqual(req.id_number, "11010519491231002X")
        self.assertEqual(req.items, PERSON["description"])
        self.assertEqual([e.kind for e in req.events.all()], ["submitted"])
        self.assertIsNone(req.answer_due)
        sub = req.submission
        self.assertNotIn(codes.cleaned(code), sub.code_hash)
        self.assertTrue(codes.matches(codes.cleaned(code), sub.code_hash))
        self.assertEqual(sorted(a.content_type for a in req.attachments.all()), ["application/pdf", "image/png"])
        self.assertEqual({a.origin for a in req.attachments.all()}, {"application"})
        # The applicant's mail carries the code; the record of it does not. The office's names no one.
        to_applicant, to_office = mail.outbox
        self.assertEqual((to_applicant.to, to_office.to), (["lisi@example.com"], ["office@agency.example.gov.cn"]))
        self.assertIn(code, to_applicant.body)
        self.assertIn("https://xxgk.example.gov.cn/apply/wangshang/track/", to_applicant.body)
        self.assertNotIn("李四", to_office.body)
        self.assertNotIn("13900001111", to_office.body)
        kept = Notification.objects.get(request=req, recipient="applicant")
        self.assertTrue(kept.sent)
        self.assertNotIn(code, kept.body)
        self.assertIn("查询码已隐去", kept.body)
        # The receipt says what comes next; the page showing the code is never shown again.
        self.assertContains(response, "待确认")
        again = self.client.get("/apply/wangshang/status/")
        self.assertNotContains(again, code)
        self.assertContains(again, "等待本机关确认收到")

    def test_an_organisation_submits_with_its_credit_code(self):
        response = self.apply(form(ORGANISATION))
        number, _ = receipt(response.content.decode())
        req = Request.objects.get(number=number)
        self.assertEqual((req.applicant_kind, req.applicant_name, req.id_number, req.contact),
                         ("legal_service", "某某律师事务所", "91330100716105852F", "0571-88880000"))
        self.assertEqual(req.items, "某区2025年度行政处罚决定书目录\n文件名称：行政处罚决定书\n其他特征：2025年1月至6月")
        self.assertEqual((req.delivery_form, req.delivery_channel), ("paper", "post"))
        self.assertEqual(req.submission.form["legal_representative"], "王五")
        self.assertNotIn("name", req.submission.form)  # the other kind's fields are not kept

    def test_a_form_that_is_wrong_says_where_and_registers_nothing(self):
        cases = [
            (form(PERSON, id_number="110105194912310021"), "公民身份号码校验位不符"),
            (form(PERSON, name=""), "请填写“姓名”"),
            (form(ORGANISATION, credit_code="91330100716105852A"), "统一社会信用代码校验位不符"),
            (form(ORGANISATION, legal_representative=""), "请填写“法定代表人或负责人”"),
            (form(PERSON, delivery_channel="email", email=""), "请填写电子邮箱"),
            (form(PERSON, delivery_channel="post", address=""), "请填写通信地址"),
            (form(PERSON, description=""), "请填写“所需信息的内容描述”"),
            (form(PERSON, declaration=""), "请确认所填信息真实、准确"),
            (form(PERSON, phone="call me"), "联系电话只能包含数字"),
            (form(PERSON, applicant_type="robot"), "请选择有效的选项"),
        ]
        for data, message in cases:
            with self.subTest(message=message):
                response = self.apply(data)
                self.assertContains(response, message, status_code=400)
        self.assertFalse(Request.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_the_same_submission_sent_twice_is_registered_once(self):
        data = form(PERSON)
        first = receipt(self.apply(data).content.decode())
        # The same page sent again (a double click, a resent form): the same request, the same code.
        again = self.apply(data)
        self.assertEqual(receipt(again.content.decode()), first)
        # The same content from a new page minutes later: merged, and the code is not shown again.
        self.client.post("/apply/wangshang/leave/")
        later = self.apply(form(PERSON))
        self.assertContains(later, "没有重复登记")
        self.assertNotContains(later, first[1])
        # Sending the same content does not open the earlier request: that takes its code.
        self.assertRedirects(self.client.get("/apply/wangshang/status/"), "/apply/wangshang/track/")
        self.assertEqual(Request.objects.count(), 1)
        self.assertEqual(AuditEntry.objects.filter(action="portal.merge").count(), 2)
        self.assertEqual(len([m for m in mail.outbox if m.to == ["lisi@example.com"]]), 1)
        # Changed content, or the same content after the merge window, is a new request.
        self.apply(form(PERSON, description="另一项信息"))
        Submission.objects.update(at=timezone.now() - timedelta(minutes=11))
        self.apply(form(PERSON))
        self.assertEqual(Request.objects.count(), 3)

    def test_numbers_follow_the_register(self):
        svc.register(self.agency, self.clerk, applicant_kind="natural_person", applicant_name="甲", channel="in_person",
                     received=SUBMITTED, items="x")
        number, _ = receipt(self.apply(form(PERSON)).content.decode())
        self.assertEqual(number, "测试〔2025〕0002号")


class TrackingTests(PortalTestCase):
    def setUp(self):
        super().setUp()
        self.req, self.code = submit_online(self.agency, SUBMITTED)

    def test_number_and_code_open_the_request_in_any_spelling_of_the_number(self):
        self.assertEqual(self.req.number, "测试〔2025〕0001号")
        for typed in (self.req.number, "测试[2025]1号", " 测试（2025）0001 ", "测试【２０２５】０００１号"):
            with self.subTest(typed=typed):
                self.client.post("/apply/wangshang/leave/")
                response = self.track(typed, self.code.lower().replace("-", " "))
                self.assertRedirects(response, "/apply/wangshang/status/", fetch_redirect_response=False)
                page = self.client.get("/apply/wangshang/status/")
                self.assertContains(page, self.req.number)

    def test_the_status_page_without_an_opened_request_asks_for_the_number(self):
        response = self.client.get("/apply/wangshang/status/")
        self.assertRedirects(response, "/apply/wangshang/track/")

    def test_an_opened_request_closes_after_a_while(self):
        self.track(self.req.number, self.code)
        session = self.client.session
        held = session["portal"]
        held[str(self.agency.pk)][1] -= 31 * 60
        session["portal"] = held
        session.save()
        self.assertRedirects(self.client.get("/apply/wangshang/status/"), "/apply/wangshang/track/")

    def test_only_the_applicants_own_things_are_shown(self):
        with clock.fixed(date(2025, 9, 30)):
            svc.confirm(self.req, self.clerk, date(2025, 9, 29))
            svc.add_event(self.req, self.clerk, "consultation_started", date(2025, 9, 30), note="征求某某公司意见（内部）")
        self.track(self.req.number, self.code)
        page = self.client.get("/apply/wangshang/status/").content.decode()
        self.assertIn("暂停计时", page)
        for private in ("内部", "某某公司", self.clerk.username, "clerk-"):
            self.assertNotIn(private, page)


class OfficeSideTests(PortalTestCase):
    def setUp(self):
        super().setUp()
        self.req, self.code = submit_online(self.agency, SUBMITTED)
        mail.outbox.clear()

    def test_the_office_sees_what_waits_for_confirmation(self):
        self.client.force_login(self.clerk)
        home = self.client.get("/")
        self.assertContains(home, 'id="submitted-count">1<')
        listed = self.client.get("/requests/?view=submitted")
        self.assertContains(listed, self.req.number)
        page = self.client.get(f"/requests/{self.req.pk}/")
        self.assertContains(page, "待确认（网上提交的申请")
        self.assertContains(page, 'id="action-received"')
        self.assertContains(page, "确认收到（或同时告知补正）")
        self.assertContains(page, "zhangsan@example.com")  # the whole application, to its clerk
        self.assertNotContains(page, 'id="action-correction_requested"')  # not before it is confirmed
        supervisor = make_user("portal-supervisor", self.agency, "supervisor")
        self.client.force_login(supervisor)
        self.assertNotContains(self.client.get(f"/requests/{self.req.pk}/"), "zhangsan@example.com")

    def test_confirming_fixes_the_receipt_date_and_tells_the_applicant(self):
        with clock.fixed(date(2025, 9, 29)):
            response = self.staff_step(self.clerk, self.req, "received", {"received-on": "2025-09-29"})
        self.assertEqual(response.status_code, 302)
        self.req.refresh_from_db()
        self.assertEqual((self.req.status, self.req.received), ("registered", date(2025, 9, 29)))
        self.assertEqual(self.req.answer_due, date(2025, 11, 3))  # from 09-30, over the National Day holiday
        (message,) = mail.outbox
        self.assertIn("本机关已确认收到您的申请", message.body)
        self.assertIn("答复期限：2025年11月3日", message.body)
        self.assertIn("收到申请日期：2025年9月29日", message.body)
        self.assertNotIn(self.code, message.body)
        self.assertEqual(list(self.req.notifications.values_list("about", flat=True)), ["本机关已确认收到您的申请"])

    def test_confirming_with_a_correction_asks_for_it_in_the_same_mail(self):
        with clock.fixed(date(2025, 9, 29)):
            self.staff_step(self.clerk, self.req, "received",
                            {"received-on": "2025-09-29", "received-correction": "请写明道路名称"})
        self.req.refresh_from_db()
        self.assertEqual(self.req.status, "awaiting_correction")
        self.assertEqual([e.kind for e in self.req.events.all()], ["submitted", "received", "correction_requested"])
        (message,) = mail.outbox
        self.assertIn("需要补正的内容：请写明道路名称", message.body)
        self.assertIn("请于2025年10月27日前补正", message.body)  # 15 working days from 09-29

    def test_a_pause_is_told_and_shown_with_the_working_days_left(self):
        with clock.fixed(date(2025, 10, 13)), self.captureOnCommitCallbacks(execute=True):
            svc.confirm(self.req, self.clerk, date(2025, 9, 29))
            svc.add_event(self.req, self.clerk, "consultation_started", date(2025, 10, 13), note="征求第三方意见")
        told = mail.outbox[-1].body
        self.assertIn("本机关正在征求第三方或其他机关的意见，期间暂停计时", told)
        self.assertNotIn("征求第三方意见（", told)
        self.track(self.req.number, self.code)
        page = self.client.get("/apply/wangshang/status/")
        # 09-30, 10-09, 10-10, 10-11 (a working Saturday) and 10-13, the day the pause began: 15 left.
        self.assertContains(page, "暂停计时中：恢复计时后尚余15个工作日")
        self.assertContains(page, 'id="status-label">暂停计时<')
        self.assertContains(page, "自2025年10月13日起征求第三方或其他机关的意见")

    def test_a_deadline_in_a_year_without_a_holiday_notice_is_shown_as_provisional(self):
        with clock.fixed(date(2026, 12, 10)):
            late, code = submit_online(self.agency, date(2026, 12, 10), description="年末申请")
            svc.confirm(late, self.clerk, date(2026, 12, 10))
            self.track(late.number, code)
            page = self.client.get("/apply/wangshang/status/")
        self.assertContains(page, "2027年1月8日前")
        self.assertContains(page, "此日期为暂定：2027年的节假日安排尚未公布，目前按法定节假日推算，公布后可能调整。")

    def test_a_confirmation_cannot_come_before_the_submission(self):
        response = self.staff_step(self.clerk, self.req, "received", {"received-on": "2025-09-25"})
        self.assertContains(response, "事件顺序有误", status_code=400)
        self.req.refresh_from_db()
        self.assertEqual(self.req.status, "submitted")

    def test_an_unconfirmed_request_is_in_no_report_and_counts_in_the_year_it_is_confirmed(self):
        with clock.fixed(date(2025, 12, 31)):
            late, _ = submit_online(self.agency, date(2025, 12, 31), description="年末提交")
        self.assertEqual(compiling.compile_year(self.agency, 2025).t3["new"]["total"], 0)
        with clock.fixed(date(2026, 1, 4)):
            svc.confirm(late, self.clerk, date(2026, 1, 4))
        self.assertEqual(compiling.compile_year(self.agency, 2025).t3["new"]["total"], 0)
        self.assertEqual(compiling.compile_year(self.agency, 2026).t3["new"]["total"], 1)

    def test_details_of_an_unconfirmed_request_are_edited_without_a_receipt_date(self):
        self.client.force_login(self.clerk)
        page = self.client.get(f"/requests/{self.req.pk}/edit/")
        self.assertNotContains(page, 'name="received"')
        with self.assertRaisesMessage(Exception, "须先确认收到"):
            svc.update_details(self.req, self.clerk, received=SUBMITTED)

    def test_the_portal_settings_are_the_heads(self):
        self.client.force_login(self.clerk)
        self.assertContains(self.client.get("/portal/settings/"), "由本机关负责人维护")
        self.assertEqual(self.client.post("/portal/settings/", {"slug": "x"}).status_code, 403)
        self.client.force_login(self.head)
        response = self.client.post("/portal/settings/", {"enabled": "", "slug": "wangshang",
                                                          "public_url": "xxgk.example.gov.cn", "office_email": ""})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.get("/apply/wangshang/").status_code, 404)
        other, _, other_head = make_office("另一机关")
        self.client.force_login(other_head)
        response = self.client.post("/portal/settings/", {"enabled": "on", "slug": "wangshang"})
        self.assertContains(response, "已被其他机关使用", status_code=400)
        response = self.client.post("/portal/settings/", {"enabled": "on", "slug": "lingyi"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.get("/apply/").status_code, 302)  # one portal open: straight to it
        self.assertContains(self.client.get("/portal/settings/"), "/apply/lingyi/")


class WholeLifeTests(PortalTestCase):
    def test_confirm_correct_online_extend_answer_and_download(self):
        with self.captureOnCommitCallbacks(execute=True):
            req, code = submit_online(self.agency, SUBMITTED)
        with clock.fixed(date(2025, 9, 29)), self.captureOnCommitCallbacks(execute=True):
            svc.confirm(req, self.clerk, date(2025, 9, 29), correction="请写明道路名称")
        self.track(req.number, code)
        page = self.client.get("/apply/wangshang/status/")
        self.assertContains(page, 'id="correction-matters">请写明道路名称<')
        self.assertContains(page, "收到您的补正后重新计算")
        with clock.fixed(date(2025, 10, 9)):
            with self.captureOnCommitCallbacks(execute=True):
                response = self.client.post("/apply/wangshang/status/reply/",
                                            {"text": "人民路拓宽工程", "files": [png("map.png")]})
        self.assertRedirects(response, "/apply/wangshang/status/", fetch_redirect_response=False)
        req.refresh_from_db()
        corrected = req.events.get(kind="corrected")
        self.assertEqual((corrected.on, corrected.note, corrected.by), (date(2025, 10, 9), "人民路拓宽工程", None))
        self.assertEqual(req.answer_due, date(2025, 11, 5))  # 20 working days from 10-10, 10-11 a working Saturday
        self.assertEqual(req.attachments.get(origin="correction").name, "map.png")
        self.assertIn("申请人在线补正", [n.about for n in req.notifications.all()])
        # A second reply is refused: the request no longer awaits one.
        again = self.client.post("/apply/wangshang/status/reply/", {"text": "再次补正"}, follow=True)
        self.assertContains(again, "本申请现在不需要补正")
        self.assertEqual(req.events.filter(kind="corrected").count(), 1)

        with clock.fixed(date(2025, 11, 5)), self.captureOnCommitCallbacks(execute=True):
            svc.add_event(req, self.clerk, "extension_requested", date(2025, 11, 5), days=10, note="档案调取")
            svc.add_event(req, self.head, "extension_approved", date(2025, 11, 5), days=10)
        page = self.client.get("/apply/wangshang/status/")
        self.assertContains(page, 'id="extension">已延长10个工作日')
        self.assertContains(page, "2025年11月19日前")
        with clock.fixed(date(2025, 11, 10)), self.captureOnCommitCallbacks(execute=True):
            issued = letter_svc.answer_with_letter(req, self.clerk, date(2025, 11, 10), "partial",
                                                   inputs=letters.Inputs(provided="规划许可证复印件",
                                                                         withheld="身份证号码属于个人隐私"))
        page = self.client.get("/apply/wangshang/status/")
        self.assertContains(page, "已答复")
        self.assertContains(page, 'id="outcome">（二）部分公开')
        self.assertContains(page, issued.number)
        download = self.client.get(f"/apply/wangshang/status/letters/{issued.pk}/docx/")
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download.content, bytes(issued.docx))
        self.assertIn("attachment", download["Content-Disposition"])
        told = [n.about for n in req.notifications.filter(recipient="applicant")]
        self.assertEqual(told, ["网上提交申请", "本机关已确认收到您的申请、本机关请您补正申请内容",
                                "本机关延长了答复期限", "本机关已作出答复"])

    def test_letters_to_a_third_party_and_superseded_letters_are_not_the_applicants(self):
        req, code = submit_online(self.agency, SUBMITTED)
        svc.confirm(req, self.clerk, SUBMITTED)
        svc.add_event(req, self.clerk, "consultation_started", SUBMITTED)
        to_third_party = letter_svc.issue(req, self.clerk, "consultation", letters.Inputs(third_party="某某公司"))
        notice = letter_svc.issue(req, self.clerk, "consultation_notice")
        replacement = letter_svc.supersede(notice, self.clerk, "日期写错")
        self.track(req.number, code)
        page = self.client.get("/apply/wangshang/status/").content.decode()
        self.assertIn(replacement.number, page)
        self.assertNotIn(notice.number, page)
        self.assertNotIn(to_third_party.number, page)
        for letter in (to_third_party, notice):
            self.assertEqual(self.client.get(f"/apply/wangshang/status/letters/{letter.pk}/docx/").status_code, 404)
        other, other_code = submit_online(self.agency, SUBMITTED, description="另一申请")
        svc.confirm(other, self.clerk, SUBMITTED)
        receipt_letter = letter_svc.issue(other, self.clerk, "receipt")
        self.assertEqual(self.client.get(f"/apply/wangshang/status/letters/{receipt_letter.pk}/docx/").status_code, 404)
        self.assertFalse(Attachment.objects.exists())
        self.assertEqual(Event.objects.filter(request=req, by__isnull=True).count(), 1)  # the submission itself
