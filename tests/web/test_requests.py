"""A request's life through the services: events, derived deadlines, status, outcome, audit."""

from __future__ import annotations

from datetime import date

from django.test import TestCase

from gongkai.web.errors import Refused
from gongkai.web.models import AuditEntry, Event, Request
from gongkai.web.services import requests as svc

from .factory import PASSWORD, make_office, register


class RequestLifeTests(TestCase):
    def setUp(self):
        self.agency, self.clerk, self.head = make_office()

    def test_full_life_moves_the_deadlines(self):
        req = register(self.agency, self.clerk, date(2025, 9, 26))
        self.assertEqual(req.number, "测试〔2025〕0001号")
        self.assertEqual(req.status, "registered")
        # 20 working days across the 2025 National Day holiday (10-01..10-08; 09-28, 10-11 worked).
        self.assertEqual(req.answer_due, date(2025, 10, 30))
        self.assertEqual(req.correction_notice_due, date(2025, 10, 13))

        svc.add_event(req, self.clerk, "correction_requested", date(2025, 9, 29), note="请明确项目名称")
        self.assertEqual((req.status, req.answer_due), ("awaiting_correction", None))

        svc.add_event(req, self.clerk, "corrected", date(2025, 10, 9))
        self.assertEqual((req.status, req.answer_due), ("in_progress", date(2025, 11, 5)))

        svc.add_event(req, self.clerk, "consultation_started", date(2025, 10, 15))
        self.assertEqual((req.status, req.paused, req.answer_due), ("paused", True, None))
        self.assertEqual(req.third_party_reply_due, date(2025, 11, 5))

        svc.add_event(req, self.clerk, "consultation_ended", date(2025, 10, 22))
        self.assertEqual((req.status, req.paused, req.answer_due), ("in_progress", False, date(2025, 11, 12)))

        svc.add_event(req, self.head, "extension_approved", date(2025, 11, 10), days=20)
        self.assertEqual(req.answer_due, date(2025, 12, 10))

        svc.add_event(req, self.clerk, "answered", date(2025, 11, 20), outcome="partial",
                      legal_basis="《政府信息公开条例》第三十七条")
        req = Request.objects.get(pk=req.pk)
        self.assertEqual((req.status, req.outcome, req.answered), ("answered", "partial", date(2025, 11, 20)))
        explanation = svc.deadlines(req).explanation
        self.assertTrue(any("2025-10-01" in line for line in explanation) or any("补正" in line for line in explanation))
        self.assertEqual(
            list(Event.objects.filter(request=req).values_list("kind", flat=True)),
            ["received", "correction_requested", "corrected", "consultation_started", "consultation_ended",
             "extension_approved", "answered"],
        )
        self.assertEqual(
            AuditEntry.objects.filter(agency=self.agency).count(), 7,
            "one audit row per write (register + six events)",
        )

        svc.add_event(req, self.clerk, "archived", date(2025, 11, 25))
        self.assertEqual(Request.objects.get(pk=req.pk).status, "archived")
        with self.assertRaises(Refused):
            svc.add_event(req, self.clerk, "consultation_started", date(2025, 11, 26))

    def test_lapsed_correction_closes_as_no_correction(self):
        req = register(self.agency, self.clerk, date(2025, 3, 3))
        svc.add_event(req, self.clerk, "correction_requested", date(2025, 3, 5))
        svc.add_event(req, self.clerk, "correction_lapsed", date(2025, 3, 28))
        req.refresh_from_db()
        self.assertEqual((req.status, req.outcome, req.answered), ("lapsed", "other.no_correction", date(2025, 3, 28)))

    def test_refusals_are_explained(self):
        req = register(self.agency, self.clerk, date(2025, 3, 3))
        cases = [
            dict(kind="answered", on=date(2025, 3, 10), outcome="", legal_basis="x"),  # no outcome
            dict(kind="answered", on=date(2025, 3, 10), outcome="granted", legal_basis=" "),  # no basis
            dict(kind="corrected", on=date(2025, 3, 10)),  # no correction asked: the library refuses
            dict(kind="archived", on=date(2025, 3, 10)),  # not answered yet
            dict(kind="answered", on=date(2025, 3, 1), outcome="granted", legal_basis="x"),  # before receipt
            dict(kind="answered", on=date(2999, 1, 1), outcome="granted", legal_basis="x"),  # future
        ]
        for c in cases:
            kind, on = c.pop("kind"), c.pop("on")
            with self.subTest(kind=kind, on=on), self.assertRaises(Refused) as ctx:
                svc.add_event(req, self.clerk, kind, on, **c)
            self.assertRegex(str(ctx.exception), r"[\u4e00-\u9fff]")
        self.assertEqual(Event.objects.filter(request=req).count(), 1)

    def test_extension_is_capped_at_twenty_workdays(self):
        req = register(self.agency, self.clerk, date(2025, 3, 3))
        svc.add_event(req, self.head, "extension_approved", date(2025, 3, 20), days=15)
        with self.assertRaises(Refused):
            svc.add_event(req, self.head, "extension_approved", date(2025, 3, 21), days=10)

    def test_other_agencies_cannot_write(self):
        other, other_clerk, _ = make_office("另一机关")
        req = register(self.agency, self.clerk, date(2025, 3, 3))
        self.assertTrue(self.client.login(username=other_clerk.username, password=PASSWORD))
        response = self.client.post(f"/requests/{req.pk}/event/consultation_started/",
                                    {"consultation_started-on": "2025-03-05"})
        self.assertEqual(response.status_code, 404)
        event = req.events.get()
        self.assertEqual(self.client.get(f"/events/{event.pk}/correct/").status_code, 404)
        self.assertEqual(Event.objects.filter(request=req).count(), 1)

    def test_numbers_count_up_per_year(self):
        a = register(self.agency, self.clerk, date(2025, 3, 3))
        b = register(self.agency, self.clerk, date(2025, 3, 4))
        c = register(self.agency, self.clerk, date(2024, 12, 30))
        self.assertEqual([a.number, b.number, c.number], ["测试〔2025〕0001号", "测试〔2025〕0002号", "测试〔2024〕0001号"])
