"""An extension is asked for by the clerk, with a reason, and decided by the head within the period;
the lists an office works from are the Request manager's own queries."""

from __future__ import annotations

from datetime import date

from gongkai.web.models import Event, Request
from gongkai.web.services import requests as svc

from .factory import OfficeTestCase, register

REASON = "涉及档案调取，需要延期"


class ExtensionTests(OfficeTestCase):
    """self.req: received 2025-09-26, due 2025-10-30."""

    def ask(self, days="10", note=REASON, on="2025-10-20"):
        self.client.force_login(self.clerk)
        return self.client.post(f"/requests/{self.req.pk}/event/extension_requested/",
                                {"extension_requested-on": on, "extension_requested-days": days,
                                 "extension_requested-note": note})

    def test_clerk_asks_and_head_approves(self):
        self.client.force_login(self.clerk)
        page = self.client.get(f"/requests/{self.req.pk}/").content.decode()
        self.assertIn('id="action-extension_requested"', page)
        self.assertNotIn('id="action-extension_approved"', page)
        self.assertIn('max="2025-10-30"', page)  # the date field stops at the period in force
        self.assertEqual(self.ask().status_code, 302)
        page = self.client.get(f"/requests/{self.req.pk}/").content.decode()
        self.assertIn("已申请延长答复期限10个工作日，待负责人批准", page)
        self.assertNotIn('id="action-extension_requested"', page)  # one request at a time

        self.client.force_login(self.head)
        page = self.client.get(f"/requests/{self.req.pk}/").content.decode()
        self.assertIn('id="action-extension_approved"', page)
        self.assertIn('id="action-extension_refused"', page)
        self.assertIn('name="extension_approved-days" value="10"', page)  # proposes what was asked
        response = self.client.post(f"/requests/{self.req.pk}/event/extension_approved/",
                                    {"extension_approved-on": "2025-10-22", "extension_approved-days": "10"})
        self.assertEqual(response.status_code, 302)
        self.req.refresh_from_db()
        self.assertEqual(self.req.answer_due, date(2025, 11, 13))  # 10-30 + 10 working days
        self.assertEqual(list(self.req.events.values_list("kind", "by__username")),
                         [("received", self.clerk.username), ("extension_requested", self.clerk.username),
                          ("extension_approved", self.head.username)])

    def test_head_refuses(self):
        self.ask()
        self.client.force_login(self.head)
        response = self.client.post(f"/requests/{self.req.pk}/event/extension_refused/",
                                    {"extension_refused-on": "2025-10-21", "extension_refused-note": "可以按期答复"})
        self.assertEqual(response.status_code, 302)
        self.req.refresh_from_db()
        self.assertEqual(self.req.answer_due, date(2025, 10, 30))
        self.assertIn("2025-10-21负责人不同意延长答复期限，答复期限不变。", svc.deadlines(self.req).explanation)

    def test_a_request_needs_a_reason_and_a_date_within_the_period(self):
        self.assertContains(self.ask(note=""), "请填写理由", status_code=400)
        self.assertContains(self.ask(on="2025-10-31"), "答复期限已于2025-10-30届满", status_code=400)
        self.assertContains(self.ask(days="21"), "20", status_code=400)
        self.assertFalse(Event.objects.filter(request=self.req, kind="extension_requested").exists())


class RequestListTests(OfficeTestCase):
    """Open, overdue, due this week and paused, as the Request manager answers them."""

    def test_the_lists(self):
        day = date(2025, 10, 31)  # a Friday: self.req (due 10-30) is a day overdue
        fresh = register(self.agency, self.clerk, date(2025, 10, 27))
        paused = register(self.agency, self.clerk, date(2025, 10, 20))
        svc.add_event(paused, self.clerk, "consultation_started", date(2025, 10, 21))
        answered = register(self.agency, self.clerk, date(2025, 3, 3))
        svc.add_event(answered, self.clerk, "answered", date(2025, 3, 10), outcome="granted", legal_basis="第二十七条")
        mine = Request.objects.filter(agency=self.agency)
        self.assertEqual(set(mine.open()), {fresh, paused, self.req})
        self.assertEqual(list(mine.overdue(day)), [self.req])
        self.assertEqual(list(mine.paused()), [paused])
        self.assertEqual(fresh.answer_due, date(2025, 11, 24))  # a Monday
        self.assertEqual(list(mine.due_this_week(date(2025, 11, 24))), [fresh])
        self.assertEqual(list(mine.due_this_week(date(2025, 11, 23))), [])  # Sunday: next week's
        self.assertEqual(list(mine.due_this_week(date(2025, 11, 25))), [])  # already overdue
        # The pages ask the same queries, with today's date.
        self.client.force_login(self.clerk)
        overdue = list(mine.overdue(svc.today()).order_by("answer_due", "id"))
        self.assertEqual(list(self.client.get("/requests/?view=overdue").context["page"].object_list), overdue)
        self.assertEqual(list(self.client.get("/requests/?view=paused").context["page"].object_list), [paused])
        self.assertContains(self.client.get("/"), f'<b id="overdue-count">{len(overdue)}</b>')
