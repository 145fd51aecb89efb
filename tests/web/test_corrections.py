"""Correcting a recorded event: the correction supersedes it, both are kept and audited, and the
deadlines, the status, the outcome and the report's cells follow."""

from __future__ import annotations

from datetime import date

from gongkai.web.errors import Refused
from gongkai.web.models import AuditEntry, Event, ReportChange, Request
from gongkai.web.services import compiling, corrections, versions
from gongkai.web.services import requests as svc

from .factory import OfficeTestCase
from .test_versions import SECTIONS, t2

BASIS = "《政府信息公开条例》第二十七条"


def values(event, **changes) -> dict:
    out = {f: getattr(event, f) for f in corrections.CORRECTED_FIELDS}
    out.update(changes)
    return out


class CorrectionTests(OfficeTestCase):
    def answer(self, outcome="granted", on=date(2025, 10, 20)) -> Event:
        return svc.add_event(self.req, self.clerk, "answered", on, outcome=outcome, legal_basis=BASIS)

    def test_a_wrong_outcome_is_corrected_and_the_cell_moves(self):
        wrong = self.answer("granted")
        self.assertEqual(compiling.compile_year(self.agency, 2025).t3["granted"]["natural_person"], 1)
        right = corrections.correct(wrong, self.clerk, **values(wrong, outcome="withheld.third_party"),
                                    reason="答复书为不予公开，登记时选错")
        req = Request.objects.get(pk=self.req.pk)
        self.assertEqual((req.outcome, req.answered, req.status), ("withheld.third_party", date(2025, 10, 20), "answered"))
        t3 = compiling.compile_year(self.agency, 2025).t3
        self.assertEqual((t3["granted"]["natural_person"], t3["withheld.third_party"]["natural_person"]), (0, 1))
        # Nothing erased: both events stand, the correction names the one it corrects and why.
        self.assertEqual(Event.objects.filter(request=req, kind="answered").count(), 2)
        self.assertEqual(Event.objects.get(pk=wrong.pk).outcome, "granted")
        self.assertEqual((right.corrects, right.reason, right.by), (wrong, "答复书为不予公开，登记时选错", self.clerk))
        self.assertEqual(list(Event.objects.filter(request=req).effective()), [req.events.get(kind="received"), right])
        entry = AuditEntry.objects.get(action="event.correct")
        self.assertEqual((entry.detail["event"], entry.detail["correction"]), (wrong.pk, right.pk))
        self.assertEqual((entry.detail["before"]["outcome"], entry.detail["after"]["outcome"]),
                         ("granted", "withheld.third_party"))
        self.assertEqual(entry.detail["reason"], "答复书为不予公开，登记时选错")

    def test_a_wrong_date_moves_the_deadlines(self):
        started = svc.add_event(self.req, self.clerk, "consultation_started", date(2025, 10, 15))
        ended = svc.add_event(self.req, self.clerk, "consultation_ended", date(2025, 10, 22))
        self.req.refresh_from_db()
        # 10-30 and the five working days paused in (10-15, 10-22]: 10-31, 11-03..06.
        self.assertEqual(self.req.answer_due, date(2025, 11, 6))
        corrections.correct(ended, self.clerk, **values(ended, on=date(2025, 10, 24)), reason="回函日期登记错误")
        self.req.refresh_from_db()
        self.assertEqual(self.req.answer_due, date(2025, 11, 10))  # two more paused working days
        # A correction that leaves the history unlawful is refused: the consultation's end needs its start.
        with self.assertRaisesMessage(Refused, "没有进行中的征求意见，不能记录“征求意见结束”"):
            corrections.correct(started, self.clerk, **values(started, kind="fee_notice_sent"), reason="事项登记错误")
        self.req.refresh_from_db()
        self.assertEqual(self.req.answer_due, date(2025, 11, 10))

    def test_a_kind_corrected_changes_the_status(self):
        asked = svc.add_event(self.req, self.clerk, "correction_requested", date(2025, 9, 29))
        self.req.refresh_from_db()
        self.assertEqual(self.req.status, "awaiting_correction")
        corrections.correct(asked, self.clerk, **values(asked, kind="consultation_started"), reason="误点了告知补正")
        self.req.refresh_from_db()
        self.assertEqual((self.req.status, self.req.paused), ("paused", True))

    def test_corrections_chain_and_the_page_shows_them_all(self):
        first = self.answer("granted")
        second = corrections.correct(first, self.clerk, **values(first, outcome="partial"), reason="第一次更正")
        third = corrections.correct(second, self.clerk, **values(second, on=date(2025, 10, 21)), reason="第二次更正")
        self.assertEqual(list(Event.objects.filter(request=self.req).effective().values_list("pk", flat=True)),
                         [self.req.events.get(kind="received").pk, third.pk])
        self.client.force_login(self.clerk)
        page = self.client.get(f"/requests/{self.req.pk}/").content.decode()
        self.assertEqual(page.count('class="superseded"'), 2)
        self.assertIn("第二次更正", page)
        self.assertIn(f'href="/events/{third.pk}/correct/"', page)
        self.assertNotIn(f'href="/events/{first.pk}/correct/"', page)

    def test_refusals(self):
        answered = self.answer()
        cases = [
            (dict(values(answered), reason=" "), "请填写更正理由"),
            (dict(values(answered), reason="无变化"), "与原记录相同"),
            (dict(values(answered, on=date(2025, 9, 20)), reason="x"), "日期不能早于收到申请日期（2025-09-26）"),
            (dict(values(answered, on=date(2999, 1, 1)), reason="x"), "不能晚于今天"),
            (dict(values(answered, kind="received"), reason="x"), "“收到申请”只能更正日期"),
            (dict(values(answered, outcome=""), reason="x"), "请选择办理结果"),
            (dict(values(answered, kind="fee_paid"), reason="x"), "没有待缴费的收费通知"),
        ]
        for changes, message in cases:
            with self.subTest(message=message), self.assertRaisesMessage(Refused, message):
                corrections.correct(answered, self.clerk, **changes)
        corrections.correct(answered, self.clerk, **values(answered, outcome="partial"), reason="选错")
        with self.assertRaisesMessage(Refused, "已经更正过"):
            corrections.correct(answered, self.clerk, **values(answered, outcome="granted"), reason="再改")
        self.assertEqual(Event.objects.filter(request=self.req).count(), 3)

    def test_the_receipt_date_is_corrected_like_any_event(self):
        received = self.req.events.get(kind="received")
        svc.add_event(self.req, self.clerk, "consultation_started", date(2025, 10, 9))
        with self.assertRaisesMessage(Refused, "收到申请日期不能晚于已记录的“开始征求意见”（2025-10-09）"):
            corrections.correct(received, self.clerk, **values(received, on=date(2025, 10, 10)), reason="x")
        corrections.correct(received, self.clerk, **values(received, on=date(2025, 9, 29)), reason="签收日期登记错误")
        self.req.refresh_from_db()
        self.assertEqual((self.req.received, self.req.paused), (date(2025, 9, 29), True))
        self.assertIn("2025-09-29收到申请", svc.deadlines(self.req).explanation[0])

    def test_an_archived_request_is_corrected_too(self):
        answered = self.answer("granted")
        svc.add_event(self.req, self.clerk, "archived", date(2025, 10, 25))
        corrections.correct(answered, self.clerk, **values(answered, outcome="unable.not_held"), reason="选错")
        self.req.refresh_from_db()
        self.assertEqual((self.req.status, self.req.outcome), ("archived", "unable.not_held"))


class CorrectionPageTests(OfficeTestCase):
    def setUp(self):
        self.answered = svc.add_event(self.req, self.clerk, "answered", date(2025, 10, 20), outcome="granted",
                                      legal_basis=BASIS)
        self.url = f"/events/{self.answered.pk}/correct/"

    def form(self, **changes) -> dict:
        data = {"on": "2025-10-20", "kind": "answered", "outcome": "granted", "legal_basis": BASIS, "note": "",
                "days": "", "reason": "登记时选错"}
        data.update(changes)
        return data

    def test_the_form_corrects_and_shows_errors(self):
        self.client.force_login(self.clerk)
        page = self.client.get(self.url)
        self.assertContains(page, "原记录保留")
        self.assertContains(page, 'value="2025-10-20"')
        bad = self.client.post(self.url, self.form(reason="", on="2025-13-01"))
        self.assertContains(bad, "请填写“更正理由”", status_code=400)
        self.assertContains(bad, "请输入有效日期", status_code=400)
        refused = self.client.post(self.url, self.form(on="2025-09-01"))
        self.assertContains(refused, "日期不能早于收到申请日期", status_code=400)
        refused = self.client.post(self.url, self.form(kind="fee_paid"))
        self.assertContains(refused, "更正后办理过程不符合规定：没有待缴费的收费通知", status_code=400)
        done = self.client.post(self.url, self.form(outcome="partial"), follow=True)
        self.assertContains(done, "已更正：答复（原记录保留）")
        self.assertContains(done, "部分公开")
        self.assertEqual(Request.objects.get(pk=self.req.pk).outcome, "partial")

    def test_who_may_correct(self):
        self.client.force_login(self.supervisor)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.assertEqual(self.client.post(self.url, self.form(outcome="partial")).status_code, 403)
        self.client.force_login(self.stranger)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(Request.objects.get(pk=self.req.pk).outcome, "granted")

    def test_in_an_approved_year_a_correction_that_moves_a_cell_needs_the_head(self):
        from gongkai.web.services import office

        office.save_sections(self.agency, self.clerk, 2025, SECTIONS, published=date(2026, 1, 20))
        office.save_figures(self.agency, self.clerk, 2025, t2())
        version = versions.approve(self.agency, self.head, 2025)
        self.client.force_login(self.clerk)
        refused = self.client.post(self.url, self.form(outcome="partial"))
        self.assertContains(refused, "此更正将改变已审核通过的2025年度报告，须由本机关负责人更正", status_code=400)
        self.assertEqual(Request.objects.get(pk=self.req.pk).outcome, "granted")
        # A note changes no cell: the clerk may correct it.
        self.assertEqual(self.client.post(self.url, self.form(note="已邮寄")).status_code, 302)
        self.assertFalse(ReportChange.objects.exists())
        note_fixed = Event.objects.filter(request=self.req, kind="answered").effective().get()
        self.client.force_login(self.head)
        response = self.client.post(f"/events/{note_fixed.pk}/correct/", self.form(outcome="partial"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual([e.action for e in versions.changes(version)], ["event.correct"])
        report = self.client.get("/report/2025/")
        self.assertContains(report, "审核后登记有变动")
        self.assertContains(report, 'data-cell="t3.partial.natural_person"')
        self.assertContains(report, "更正办理事项")

    def test_in_an_approved_year_a_detail_that_moves_a_cell_needs_the_head(self):
        from gongkai.web.services import office

        from .test_request_edit import FORM

        office.save_sections(self.agency, self.clerk, 2025, SECTIONS, published=date(2026, 1, 20))
        office.save_figures(self.agency, self.clerk, 2025, t2())
        version = versions.approve(self.agency, self.head, 2025)
        url = f"/requests/{self.req.pk}/edit/"
        self.client.force_login(self.clerk)
        for change in ({"applicant_kind": "research"}, {"received": "2024-12-30"}):
            with self.subTest(change=change):
                response = self.client.post(url, dict(FORM, **change))
                self.assertContains(response, "须由本机关负责人更正", status_code=400)
        self.assertEqual(self.client.post(url, dict(FORM, applicant_name="李四")).status_code, 302)  # no cell
        self.assertEqual(self.client.post(url, dict(FORM, received="2025-09-29")).status_code, 302)  # same cells
        self.client.force_login(self.head)
        self.assertEqual(self.client.post(url, dict(FORM, received="2025-09-29", applicant_kind="research"))
                         .status_code, 302)
        self.assertEqual([e.action for e in versions.changes(version)], ["update"])
