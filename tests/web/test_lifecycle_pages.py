"""The buttons of a request's page and the register's service ask the same rules.

For every state a request can reach (told apart by status, the steps offered and a pending
extension), the page offers exactly the steps `gongkai.deadlines` allows that the user's role
may record; each one offered is accepted through the page's own form, and each one not
offered is refused by the service.
"""

from __future__ import annotations

import re

from django.db import transaction

from gongkai.web.errors import Refused
from gongkai.web.models import Event
from gongkai.web.services import access
from gongkai.web.services import requests as svc

from ..lifecycle_walk import DAY, K, REASON, coarse_key, walk
from .factory import OfficeTestCase, register, start

STATES = list(walk(key=coarse_key))
BUTTON = re.compile(r'id="action-([a-z_]+)"')


class Rollback(Exception):
    """Raised to undo one try inside a savepoint."""


def replay(req, head, events) -> None:
    for e in events[1:]:
        kw = {"outcome": "granted", "legal_basis": "《政府信息公开条例》第二十七条"} if e.kind is K.answered else {}
        svc.add_event(req, head, e.kind.value, e.on, days=e.days, note=e.note, **kw)


def post_data(step) -> dict:
    kind = step.kind.value
    data = {f"{kind}-on": step.earliest.isoformat(), f"{kind}-note": REASON if step.note_required else ""}
    if step.kind is K.received:  # confirming an online request, and asking for a 补正 with it
        data[f"{kind}-correction"] = "请写明项目名称"
    if step.days:
        data[f"{kind}-days"] = str(step.days)
    if step.kind is K.answered:
        data.update({"answered-outcome": "granted", "answered-legal_basis": "《政府信息公开条例》第二十七条"})
    return data


class LifecyclePageTests(OfficeTestCase):
    def buttons(self, user, req) -> set[str]:
        self.client.force_login(user)
        return set(BUTTON.findall(self.client.get(f"/requests/{req.pk}/").content.decode()))

    def test_every_state_offers_what_the_rules_allow_and_accepts_it(self):
        self.assertGreaterEqual(len(STATES), 15)
        for events, steps in STATES:
            with self.subTest(state=[e.kind.value for e in events]):
                req = start(self.agency, self.clerk, events[0])
                replay(req, self.head, events)
                lawful = {s.kind.value for s in steps}
                self.assertEqual(self.buttons(self.head, req), lawful)
                self.assertEqual(self.buttons(self.clerk, req), lawful - set(access.HEAD_STEPS))
                self.assertEqual(self.buttons(self.supervisor, req), set())
                for step in steps:
                    self.assert_accepted(req, step)
                for kind in set(K) - {K.received} - {s.kind for s in steps}:
                    self.assert_refused(req, kind)

    def assert_accepted(self, req, step):
        before = Event.objects.filter(request=req).count()
        self.client.force_login(self.head)
        try:
            with transaction.atomic():
                response = self.client.post(f"/requests/{req.pk}/event/{step.kind.value}/", post_data(step))
                self.assertEqual(response.status_code, 302, (step.kind, response.content.decode()[-2000:]))
                added = 2 if step.kind is K.received else 1
                self.assertEqual(Event.objects.filter(request=req).count(), before + added)
                raise Rollback
        except Rollback:
            pass

    def assert_refused(self, req, kind):
        kw = {"outcome": "granted", "legal_basis": "第二十七条"} if kind is K.answered else {}
        days = 1 if kind in (K.extension_requested, K.extension_approved) else None
        with self.assertRaises(Refused, msg=kind):
            svc.add_event(req, self.head, kind.value, DAY, days=days, note=REASON, **kw)

    def test_the_steps_that_were_once_offered_and_refused(self):
        """告知补正 after a consultation, a second 补正, 已缴费 with no fee notice: never offered."""
        consulting = register(self.agency, self.clerk, DAY)
        svc.add_event(consulting, self.clerk, "consultation_started", DAY)
        corrected = register(self.agency, self.clerk, DAY)
        svc.add_event(corrected, self.clerk, "correction_requested", DAY)
        svc.add_event(corrected, self.clerk, "corrected", DAY)
        for req in (consulting, corrected, self.req):
            with self.subTest(req=req.number):
                offered = self.buttons(self.clerk, req)
                self.assertNotIn("fee_paid", offered)
                self.assertNotIn("archived", offered)
                if req != self.req:
                    self.assertNotIn("correction_requested", offered)
        response = self.client.post(f"/requests/{consulting.pk}/event/correction_requested/",
                                    {"correction_requested-on": DAY.isoformat()})
        self.assertContains(response, "补正应在征求意见、延期或收费之前告知", status_code=400)

    def test_a_clerk_may_not_decide_an_extension(self):
        svc.add_event(self.req, self.clerk, "extension_requested", self.req.received, days=10, note=REASON)
        self.client.force_login(self.clerk)
        for kind in access.HEAD_STEPS:
            response = self.client.post(f"/requests/{self.req.pk}/event/{kind}/", {f"{kind}-on": "2025-09-29"})
            self.assertEqual(response.status_code, 403)
        self.assertFalse(Event.objects.filter(request=self.req, kind__in=access.HEAD_STEPS).exists())
