"""Several clerks at once: numbers never collide, no edit silently overwrites another, no form
is applied twice. Threads write through their own database connections, on SQLite (WAL,
IMMEDIATE transactions) as on PostgreSQL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from django.db import connections
from django.test import Client, TransactionTestCase

from gongkai.web.errors import EditConflict
from gongkai.web.models import AuditEntry, FormSubmission, Request
from gongkai.web.services import requests as svc

from .factory import PASSWORD, OfficeTestCase, make_office, register

FORM = {
    "applicant_kind": "natural_person", "applicant_name": "张三", "id_number": "110105199001011234",
    "contact": "13812345678", "address": "测试区人民路1号", "channel": "online", "received": "2025-09-26",
    "items": "申请公开某项目的规划许可", "delivery_form": "paper", "delivery_channel": "post", "handler": "",
}


def in_threads(n: int, work):
    """`work(i)` for i in range(n), all started together, each thread on its own connection."""
    start = threading.Barrier(n)

    def run(i):
        try:
            start.wait()
            return work(i)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(run, range(n)))


def _seen(response) -> str:
    html = response.content.decode()
    at = html.index('name="seen" value="') + len('name="seen" value="')
    return html[at:html.index('"', at)]


def _token(response) -> str:
    html = response.content.decode()
    at = html.index('name="form_token" value="') + len('name="form_token" value="')
    return html[at:html.index('"', at)]


class EditConflictTests(OfficeTestCase):
    """Two people open the same request's form; the second save is told what the first changed."""

    def test_second_save_is_refused_and_told_what_changed_then_applied_when_resent(self):
        clerk, head = Client(), Client()
        clerk.login(username=self.clerk.username, password=PASSWORD)
        head.login(username=self.head.username, password=PASSWORD)
        url = f"/requests/{self.req.pk}/edit/"
        clerk_page, head_page = clerk.get(url), head.get(url)

        first = clerk.post(url, dict(FORM, applicant_name="张三丰", seen=_seen(clerk_page)))
        self.assertRedirects(first, f"/requests/{self.req.pk}/")
        second = head.post(url, dict(FORM, contact="010-87654321", seen=_seen(head_page)))
        self.assertEqual(second.status_code, 400)
        self.assertContains(second, "他人已修改了申请人名称", status_code=400)
        self.assertContains(second, "申请人名称现为：张三丰", status_code=400)
        req = Request.objects.get(pk=self.req.pk)
        self.assertEqual((req.applicant_name, req.contact), ("张三丰", "13812345678"))  # nothing of the 2nd saved
        self.assertEqual(AuditEntry.objects.filter(action="update").count(), 1)

        # The page shown with the refusal carries what the head has now seen: a resend applies it.
        third = head.post(url, dict(FORM, applicant_name="张三丰", contact="010-87654321", seen=_seen(second)))
        self.assertRedirects(third, f"/requests/{self.req.pk}/")
        req = Request.objects.get(pk=self.req.pk)
        self.assertEqual((req.applicant_name, req.contact), ("张三丰", "010-87654321"))

    def test_a_tampered_page_is_refused(self):
        self.login(self.clerk)
        response = self.client.post(f"/requests/{self.req.pk}/edit/", dict(FORM, applicant_name="李四", seen="forged"))
        self.assertContains(response, "此页面已过期", status_code=400)
        self.assertEqual(Request.objects.get(pk=self.req.pk).applicant_name, "张三")


class DoubleSubmitTests(OfficeTestCase):
    def test_the_same_registration_form_sent_twice_registers_once(self):
        self.login(self.clerk)
        token = _token(self.client.get("/requests/new/"))
        before = Request.objects.count()
        first = self.client.post("/requests/new/", dict(FORM, applicant_name="王五", form_token=token))
        second = self.client.post("/requests/new/", dict(FORM, applicant_name="王五", form_token=token), follow=True)
        self.assertEqual(Request.objects.count(), before + 1)
        self.assertEqual(second.redirect_chain[-1][0], first.url)
        self.assertContains(second, "此表单已经提交过一次")
        self.assertNotContains(second, "已登记申请")

    def test_a_refused_form_keeps_its_token_for_the_corrected_resend(self):
        self.login(self.clerk)
        token = _token(self.client.get("/requests/new/"))
        refused = self.client.post("/requests/new/", dict(FORM, received="2099-01-01", form_token=token))
        self.assertEqual(refused.status_code, 200)
        self.assertFalse(FormSubmission.objects.filter(token=token).exists())
        self.assertEqual(self.client.post("/requests/new/", dict(FORM, form_token=token)).status_code, 302)

    def test_an_event_sent_twice_is_recorded_once(self):
        self.login(self.clerk)
        token = _token(self.client.get(f"/requests/{self.req.pk}/"))
        data = {"consultation_started-on": "2025-10-09", "form_token": token}
        url = f"/requests/{self.req.pk}/event/consultation_started/"
        self.client.post(url, data)
        self.client.post(url, data)
        self.assertEqual(self.req.events.filter(kind="consultation_started").count(), 1)


    def test_a_letter_sent_twice_is_issued_once_and_a_correction_applied_once(self):
        from gongkai.web.letter_models import IssuedLetter

        from .test_letters import configure

        configure(self.agency, self.head)
        self.login(self.clerk)
        token = _token(self.client.get(f"/requests/{self.req.pk}/"))
        url = f"/requests/{self.req.pk}/letters/receipt/"
        self.client.post(url, {"form_token": token})
        second = self.client.post(url, {"form_token": token}, follow=True)
        self.assertContains(second, "此表单已经提交过一次")
        self.assertEqual(IssuedLetter.objects.filter(request=self.req).count(), 1)

        received = self.req.events.get(kind="received")
        page = self.client.get(f"/events/{received.pk}/correct/")
        data = {"form_token": _token(page), "on": "2025-09-25", "reason": "登记时日期录错"}
        self.client.post(f"/events/{received.pk}/correct/", data)
        self.client.post(f"/events/{received.pk}/correct/", data)
        self.assertEqual(self.req.events.filter(kind="received").count(), 2)  # the original and one correction


class SimultaneousWritesTests(TransactionTestCase):
    """Real simultaneous writers, each with its own connection."""

    def setUp(self):
        self.agency, self.clerk, self.head = make_office()

    def test_simultaneous_registrations_all_get_consecutive_numbers(self):
        def one(i):
            return register(self.agency, self.clerk, date(2025, 9, 26), applicant_name=f"申请人{i}").number

        numbers = in_threads(12, one)
        self.assertEqual(sorted(numbers), [f"测试〔2025〕{n:04d}号" for n in range(1, 13)])

    def test_two_simultaneous_edits_from_the_same_page_are_not_both_applied(self):
        req = register(self.agency, self.clerk, date(2025, 9, 26))
        seen = svc.details_seen(req)
        users = [self.clerk, self.head]

        def edit(i):
            try:
                svc.update_details(Request.objects.get(pk=req.pk), users[i], seen=seen, applicant_name=f"改名{i}")
                return "saved"
            except EditConflict as exc:
                return exc.changed["applicant_name"][1]

        outcomes = in_threads(2, edit)
        self.assertEqual(outcomes.count("saved"), 1, outcomes)
        winner = Request.objects.get(pk=req.pk).applicant_name
        self.assertIn(winner, outcomes)  # the refused editor was told the winner's value
        self.assertEqual(AuditEntry.objects.filter(action="update").count(), 1)

    def test_a_form_sent_twice_at_once_registers_once(self):
        client = Client()
        client.login(username=self.clerk.username, password=PASSWORD)
        token = _token(client.get("/requests/new/"))
        cookies = client.cookies

        def send(i):
            c = Client()
            c.cookies = cookies
            return c.post("/requests/new/", dict(FORM, form_token=token)).status_code

        self.assertEqual(in_threads(2, send), [302, 302])
        self.assertEqual(Request.objects.filter(agency=self.agency).count(), 1)


class NumberingTests(OfficeTestCase):
    def test_numbers_continue_after_the_highest_in_use_and_skip_numbers_given_by_hand(self):
        register(self.agency, self.clerk, date(2024, 3, 1), number="测试〔2024〕0007号")
        register(self.agency, self.clerk, date(2024, 3, 2), number="测试〔2024〕0009号")
        self.assertEqual(register(self.agency, self.clerk, date(2024, 3, 3)).number, "测试〔2024〕0010号")
        register(self.agency, self.clerk, date(2024, 3, 4), number="测试〔2024〕0012号")
        self.assertEqual(register(self.agency, self.clerk, date(2024, 3, 5)).number, "测试〔2024〕0011号")
        self.assertEqual(register(self.agency, self.clerk, date(2024, 3, 6)).number, "测试〔2024〕0013号")
        other, clerk, _ = make_office("另一机关")
        self.assertEqual(register(other, clerk, date(2024, 3, 5)).number, "测试〔2024〕0001号")
