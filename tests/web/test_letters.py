"""Letters and fees in the register: settings, template versions, numbering, issued records, fees, section 六."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal
from unittest import mock

from django.db import connection
from django.test import TransactionTestCase

from gongkai import letters
from gongkai.web.errors import Refused
from gongkai.web.letter_models import FeeAssessment, ImmutableRecord, IssuedLetter, LetterSettings, LetterTemplate
from gongkai.web.models import AuditEntry, Event
from gongkai.web.services import compiling
from gongkai.web.services import fees as fee_svc
from gongkai.web.services import letters as svc
from gongkai.web.services import requests as req_svc

from .factory import OfficeTestCase, make_office, register

SETTINGS = dict(letterhead="测试机关", short_name="测机", review_body="测试区人民政府", court="测试市测试区人民法院",
                address="人民路1号", contact="010-1", payment="非税收入缴款平台")
TODAY = date(2026, 11, 30)


def configure(agency, head, **patterns):
    return svc.save_settings(agency, head, patterns, **SETTINGS)


class LetterServiceTests(OfficeTestCase):
    def setUp(self):
        configure(self.agency, self.head)

    def test_settings_are_the_heads_and_patterns_are_checked(self):
        self.login(self.clerk)  # the page's decorator lets only the head change them
        self.assertEqual(self.client.post("/letters/settings/", SETTINGS).status_code, 403)
        before = LetterSettings.objects.get(agency=self.agency).patterns
        with self.assertRaisesRegex(Refused, "序号字段"):
            configure(self.agency, self.head, answer="{机关简称}依复〔{year}〕号")
        with self.assertRaisesRegex(Refused, "文号格式相同"):
            configure(self.agency, self.head, receipt="{机关简称}依复〔{year}〕{n}号")
        with self.assertRaisesRegex(Refused, "管辖人民法院"):
            svc.save_settings(self.agency, self.head, {}, **{**SETTINGS, "court": " "})
        self.assertEqual(LetterSettings.objects.get(agency=self.agency).patterns, before)

    def test_letters_are_numbered_per_agency_kind_and_year(self):
        first = svc.issue(self.req, self.clerk, "receipt")
        second = svc.issue(self.req, self.clerk, "receipt")
        self.assertEqual((first.number, second.number), ("测机依受〔2025〕1号", "测机依受〔2025〕2号"))
        later = register(self.agency, self.clerk, date(2026, 1, 5))
        self.assertEqual(svc.issue(later, self.clerk, "receipt").number, "测机依受〔2026〕1号")
        other_agency, other_clerk, other_head = make_office("另一机关")
        configure(other_agency, other_head)
        theirs = register(other_agency, other_clerk, date(2025, 10, 9))
        self.assertEqual(svc.issue(theirs, other_clerk, "receipt").number, "测机依受〔2025〕1号")

    def test_an_issued_letter_is_a_record_that_never_changes(self):
        row = svc.issue(self.req, self.clerk, "receipt")
        import hashlib

        self.assertEqual(row.sha256, hashlib.sha256(bytes(row.docx)).hexdigest())
        self.assertEqual((row.by, row.dated), (self.clerk, date(2025, 9, 26)))
        row.number = "改"
        with self.assertRaises(ImmutableRecord):
            row.save()
        with self.assertRaises(ImmutableRecord):
            IssuedLetter.objects.get(pk=row.pk).delete()
        self.assertTrue(AuditEntry.objects.filter(action="letters.issue", target=str(self.req), user=self.clerk).exists())

    def test_superseding_keeps_both_with_a_new_number_and_the_reason(self):
        old = svc.issue(self.req, self.clerk, "receipt")
        new = svc.supersede(old, self.clerk, "收到日期写错")
        old.refresh_from_db()
        self.assertNotEqual(new.number, old.number)
        self.assertEqual((new.supersedes, new.reason, old.superseded_by), (old, "收到日期写错", new))
        with self.assertRaisesRegex(Refused, "已被替代"):
            svc.supersede(old, self.clerk, "再改")
        with self.assertRaisesRegex(Refused, "替代理由"):
            svc.supersede(new, self.clerk, " ")

    def test_answer_and_its_letter_in_one_step(self):
        inputs = letters.Inputs(provided="规划许可证复印件", withheld="附件中的身份证号码属于个人隐私")
        row = svc.answer_with_letter(self.req, self.clerk, date(2025, 10, 20), "partial", inputs=inputs)
        self.req.refresh_from_db()
        self.assertEqual((self.req.outcome, self.req.status), ("partial", "answered"))
        self.assertEqual(self.req.legal_basis, "《中华人民共和国政府信息公开条例》第三十七条")
        self.assertEqual(row.number, "测机依复〔2025〕1号")
        self.assertIn("第三十七条", row.text)
        self.assertIn("六十日内向测试区人民政府申请行政复议", row.text)
        self.assertIn("六个月内向测试市测试区人民法院提起行政诉讼", row.text)

    def test_an_answer_whose_letter_cannot_be_written_is_not_recorded(self):
        events = Event.objects.count()
        with self.assertRaisesRegex(Refused, "不予公开的内容及理由"):
            svc.answer_with_letter(self.req, self.clerk, date(2025, 10, 20), "partial",
                                   inputs=letters.Inputs(provided="x"))
        self.assertEqual(Event.objects.count(), events)
        self.req.refresh_from_db()
        self.assertEqual(self.req.outcome, "")
        self.assertFalse(IssuedLetter.objects.exists())

    def test_every_outcome_answered_with_its_letter(self):
        from tests.test_letters import ARTICLES

        for n, outcome in enumerate(ARTICLES):
            req = register(self.agency, self.clerk, date(2025, 9, 26))
            if outcome in ("unable.unclear", "other.no_correction"):
                req_svc.add_event(req, self.clerk, "correction_requested", date(2025, 9, 29), note="写明名称")
                req_svc.add_event(req, self.clerk, "corrected", date(2025, 10, 9))
            if outcome == "other.unpaid_fee":
                fee_svc.assess(req, self.clerk, "per_page", 120, on=date(2025, 10, 9))
                fee_svc.send_notice(req, self.clerk, date(2025, 10, 10))
            basis = "《中华人民共和国政府信息公开条例》第四十四条" if outcome == "other.other" else ""
            row = svc.answer_with_letter(req, self.clerk, date(2025, 11, 20), outcome, basis, inputs=letters.Inputs(
                provided="文件一份", withheld="涉及个人隐私", referral="某局，电话1", note="转为主动公开"))
            for article in ARTICLES[outcome]:
                self.assertIn(article, row.text, outcome)
            self.assertIn("六十日内向测试区人民政府申请行政复议", row.text)
            self.assertEqual(row.outcome, outcome)

    def test_letters_wait_for_their_step_and_the_settings(self):
        with self.assertRaisesRegex(Refused, "尚未记录“告知补正”"):
            svc.issue(self.req, self.clerk, "correction")
        bare, bare_clerk, _ = make_office("未设置机关")
        req = register(bare, bare_clerk, date(2025, 9, 26))
        with self.assertRaisesRegex(Refused, "尚未完成文书设置"):
            svc.issue(req, bare_clerk, "receipt")
        self.login(self.stranger)  # another agency's request is not found, let alone written to
        self.assertEqual(self.client.post(f"/requests/{self.req.pk}/letters/receipt/").status_code, 404)
        self.login(self.supervisor)
        self.assertEqual(self.client.post(f"/requests/{self.req.pk}/letters/receipt/").status_code, 403)


class TemplateTests(OfficeTestCase):
    def setUp(self):
        configure(self.agency, self.head)

    def test_edited_template_is_versioned_and_used(self):
        text = letters.default("answer").replace("{{ answer.decision }}", "特此告知。{{ answer.decision }}")
        v1 = svc.save_template(self.agency, self.head, "answer", text, "加一句")
        v2 = svc.save_template(self.agency, self.head, "answer", letters.default("answer"), "恢复默认")
        self.assertEqual((v1.version, v2.version), (1, 2))
        self.assertEqual(svc.active_template(self.agency, "answer"), v2)
        row = svc.answer_with_letter(self.req, self.clerk, date(2025, 10, 20), "unable.needs_creation")
        self.assertEqual(row.template, v2)
        self.assertNotIn("特此告知", row.text)

    def test_bad_templates_are_refused_and_nothing_is_saved(self):
        bad = {
            "{{ remedy }": "语法错误",
            "{{ applicant.__class__.__mro__ }}{{ remedy }}{{ answer.decision }}": "不允许的属性",
            "{{ request.received }}{{ answer.decision }}": "救济途径和期限",
        }
        for text, message in bad.items():
            with self.assertRaisesRegex(Refused, message):
                svc.save_template(self.agency, self.head, "answer", text)
        self.login(self.clerk)
        self.assertEqual(self.client.post("/letters/templates/answer/", {"body": letters.default("answer")})
                         .status_code, 403)
        self.assertFalse(LetterTemplate.objects.exists())


class FeeTests(OfficeTestCase):
    def setUp(self):
        configure(self.agency, self.head)

    def _month(self, n: int, **extra):
        return [register(self.agency, self.clerk, date(2025, 10, 9), **extra) for _ in range(n)]

    def test_per_request_fee_counts_the_applicants_month(self):
        reqs = self._month(12)
        stranger = register(self.agency, self.clerk, date(2025, 10, 9), id_number="110105199901010000")
        fee = fee_svc.assess(reqs[-1], self.clerk, "per_request", 1, on=date(2025, 10, 10))
        self.assertEqual((fee.prior, fee.amount), (11, Decimal("100.00")))  # the 12th of October
        self.assertEqual(fee_svc.assess(reqs[9], self.clerk, "per_request", 1, on=date(2025, 10, 10)).amount, 0)
        self.assertEqual(fee_svc.assess(stranger, self.clerk, "per_request", 1, on=date(2025, 10, 10)).prior, 0)
        # an earlier request split into 3 units counts as 3
        fee_svc.assess(reqs[0], self.clerk, "per_request", 3, on=date(2025, 10, 10))
        self.assertEqual(fee_svc.prior_units(reqs[-1]), 13)

    def test_bad_fees_are_refused_and_nothing_is_saved(self):
        with self.assertRaisesRegex(Refused, "页数不能为负数"):
            fee_svc.assess(self.req, self.clerk, "per_page", -5, on=TODAY)
        with self.assertRaisesRegex(Refused, "须说明理由"):
            fee_svc.assess(self.req, self.clerk, "per_page", 300, reduce_to=Decimal("10"), on=TODAY)
        with self.assertRaisesRegex(Refused, "只能选择一种"):
            fee_svc.assess(self.req, self.clerk, "both", 3, on=TODAY)
        self.assertFalse(FeeAssessment.objects.exists())

    def test_notice_payment_and_the_year_in_section_six(self):
        paid = register(self.agency, self.clerk, date(2025, 10, 9))
        fee_svc.assess(paid, self.clerk, "per_page", 120, on=date(2025, 10, 9))
        letter = fee_svc.send_notice(paid, self.clerk, date(2025, 10, 10))
        self.assertIn("人民币1100.00元", letter.text)
        self.assertIn("第101至第120页：20页×20.00元＝400.00元", letter.text)
        with self.assertRaisesRegex(Refused, "费用不能再修改"):
            fee_svc.assess(paid, self.clerk, "per_page", 10, on=date(2025, 10, 11))
        req_svc.add_event(paid, self.clerk, "fee_paid", date(2025, 10, 20))

        unpaid = register(self.agency, self.clerk, date(2025, 10, 9), id_number="110105199901010000")
        fee_svc.assess(unpaid, self.clerk, "per_page", 40, on=date(2025, 10, 9))
        fee_svc.send_notice(unpaid, self.clerk, date(2025, 10, 10))
        with mock.patch("gongkai.web.services.requests.today", return_value=TODAY):
            with self.assertRaisesRegex(Refused, "尚未届满"):
                fee_svc.end_unpaid(unpaid, self.clerk, date(2025, 11, 5))
            ended = fee_svc.end_unpaid(unpaid, self.clerk, date(2025, 11, 10))
        unpaid.refresh_from_db()
        self.assertEqual(unpaid.outcome, "other.unpaid_fee")
        self.assertIn("逾期未按收费通知要求缴纳费用", ended.text)

        waived = register(self.agency, self.clerk, date(2025, 10, 9), id_number="110105199901010001")
        fee_svc.assess(waived, self.clerk, "per_page", 50, reduce_to=Decimal("0"), reason="低保户", on=date(2025, 10, 9))
        with self.assertRaisesRegex(Refused, "无需发出收费通知"):
            fee_svc.send_notice(waived, self.clerk, date(2025, 10, 10))

        year = fee_svc.year_summary([self.agency.pk], 2025)
        self.assertEqual((year.notices, year.paid, year.collected, year.reduced, year.unpaid),
                         (2, 1, Decimal("1100.00"), 1, 1))
        report = compiling.compile_year(self.agency, 2025)
        self.assertTrue(report.sections["other"].startswith("2025年度，本机关依据《政府信息公开信息处理费管理办法》"))
        self.assertIn("收取信息处理费1100.00元（1件）", report.sections["other"])
        self.assertEqual(report.t3["other.unpaid_fee"]["total"], 1)
        codes = {f.code for f in compiling.findings(report)}
        self.assertFalse(codes & {"FEE_NOT_REPORTED", "FEE_UNPAID_WITHOUT_NOTICE", "FEE_TOTAL_DISAGREES"}, codes)


class ConcurrentNumberingTests(TransactionTestCase):
    """Two clerks issuing at once get two numbers, on SQLite and on PostgreSQL."""

    def test_simultaneous_issues_get_distinct_numbers(self):
        agency, clerk, head = make_office("并发机关")
        configure(agency, head)
        reqs = [register(agency, clerk, date(2025, 9, 26)) for _ in range(6)]
        barrier = threading.Barrier(len(reqs))
        numbers, errors = [], []

        def work(req):
            try:
                barrier.wait(timeout=10)
                numbers.append(svc.issue(req, clerk, "receipt").number)
            except Exception as exc:  # reported below
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=work, args=(r,)) for r in reqs]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        self.assertEqual(errors, [])
        self.assertEqual(sorted(numbers), sorted(f"测机依受〔2025〕{n}号" for n in range(1, 7)))


class LetterPageTests(OfficeTestCase):
    def setUp(self):
        configure(self.agency, self.head)

    def test_request_page_lists_letters_and_offers_the_answer_letter(self):
        self.login(self.clerk)
        page = self.client.get(f"/requests/{self.req.pk}/").content.decode()
        self.assertIn('id="answer-letter"', page)
        self.assertIn('id="issue-receipt"', page)
        response = self.client.post(f"/requests/{self.req.pk}/answer-letter/", {
            "answer-letter-on": "2025-10-20", "answer-letter-outcome": "unable.not_held",
            "answer-letter-variant": "not_found"}, follow=True)
        page = response.content.decode()
        self.assertIn("已答复并出具政府信息公开申请告知书，文号：测机依复〔2025〕1号", page)
        self.assertIn('<td class="letter-number">测机依复〔2025〕1号</td>', page)
        row = IssuedLetter.objects.get()
        download = self.client.get(f"/letters/{row.pk}/docx/")
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download.content, bytes(row.docx))
        self.assertIn("attachment", download["Content-Disposition"])
        self.assertTrue(AuditEntry.objects.filter(action="letters.download").exists())

    def test_only_the_agencys_clerks_and_head_read_its_letters(self):
        row = svc.issue(self.req, self.clerk, "receipt")
        for user in (self.supervisor, self.stranger):
            self.client.force_login(user)
            self.assertEqual(self.client.get(f"/letters/{row.pk}/docx/").status_code, 404)
        self.client.force_login(self.stranger)
        self.assertEqual(self.client.post(f"/requests/{self.req.pk}/letters/receipt/").status_code, 404)
        self.assertEqual(IssuedLetter.objects.count(), 1)

    def test_refusals_are_shown_and_nothing_is_saved(self):
        self.login(self.clerk)
        page = self.client.post(f"/requests/{self.req.pk}/fee/", {"fee-method": "per_page", "fee-quantity": "-3"},
                                follow=True).content.decode()
        self.assertIn("件数或页数不能为负数", page)
        page = self.client.post(f"/requests/{self.req.pk}/letters/correction/", follow=True).content.decode()
        self.assertIn("尚未记录“告知补正”", page)
        self.assertFalse(FeeAssessment.objects.exists() or IssuedLetter.objects.exists())

    def test_template_page_refuses_a_template_without_the_remedy(self):
        self.login(self.head)
        body = letters.default("answer").replace("{{ remedy }}", "")
        response = self.client.post("/letters/templates/answer/", {"body": body})
        self.assertEqual(response.status_code, 400)
        self.assertIn("模板缺少必备要素：救济途径和期限", response.content.decode())
        self.assertFalse(LetterTemplate.objects.exists())
        self.login(self.clerk)
        self.assertEqual(self.client.post("/letters/templates/answer/", {"body": letters.default("answer")}).status_code,
                         403)

    def test_settings_page_refuses_a_pattern_without_a_number(self):
        self.login(self.head)
        data = {**SETTINGS, **{f"pattern_{k}": spec.pattern for k, spec in letters.KINDS.items()}}
        data["pattern_answer"] = "{机关简称}依复〔{year}〕号"
        self.assertIn('id="settings-submit"', self.client.get("/letters/settings/").content.decode())
        response = self.client.post("/letters/settings/", data)
        self.assertEqual(response.status_code, 400)
        self.assertIn("须含且只含一个序号字段{n}", response.content.decode())
        self.assertEqual(LetterSettings.objects.get(agency=self.agency).patterns, {})
        self.login(self.clerk)
        page = self.client.get("/letters/settings/").content.decode()
        self.assertIn("文书设置由本机关负责人维护", page)
        self.assertIn("测试市测试区人民法院", page)
        self.assertEqual(self.client.post("/letters/settings/", data).status_code, 403)

    def test_a_days_letters_print_as_one_pdf(self):
        from gongkai.letters import pdf

        svc.issue(self.req, self.clerk, "receipt")
        svc.issue(self.req, self.clerk, "receipt")
        self.login(self.clerk)
        day = IssuedLetter.objects.first().at.astimezone().date()
        page = self.client.get(f"/letters/?day={day}").content.decode()
        self.assertIn("测机依受〔2025〕2号", page)
        if not pdf.available():
            self.skipTest("LibreOffice not installed")
        response = self.client.get(f"/letters/print/?day={day}")
        self.assertEqual(response["Content-Type"], "application/pdf")
        import pypdfium2

        self.assertGreaterEqual(len(pypdfium2.PdfDocument(response.content)), 2)
