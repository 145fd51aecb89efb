"""Applicants' personal data by role: each field, on each page, for each role; exports, the admin,
logs, passwords and sign-in."""

from __future__ import annotations

import csv
import io
import logging
from datetime import date

from django.contrib.auth.models import Permission
from django.test import Client, TestCase, override_settings
from hypothesis import given, strategies as st

from gongkai.web.logs import PrivateRecords
from gongkai.web.models import AuditEntry, Membership
from gongkai.web.services import personal

from .factory import PASSWORD, OfficeTestCase, make_user, register

WHOLE = {"applicant_name": "张三", "id_number": "110105199001011234", "contact": "13812345678",
         "address": "测试区人民路1号"}
MASKED = {"applicant_name": "张*", "id_number": "110*************34", "contact": "138****5678",
          "address": "测试区人****"}
ELEMENT = {"applicant_name": "#applicant-name", "id_number": "#id-number", "contact": "#contact", "address": "#address"}
CSV_COLUMN = {"applicant_name": "申请人", "id_number": "身份证件号码", "contact": "联系方式", "address": "通信地址"}


def test_each_mask():
    assert personal.mask_name("欧阳娜娜") == "欧***"
    assert personal.mask_id_number("91110105MA01234567") == "911*************67"
    assert personal.mask_id_number("A123456") == "A*****6"
    assert personal.mask_contact("138 1234 5678") == "138****5678"
    assert personal.mask_contact("+8613812345678") == "+86138****5678"
    assert personal.mask_contact("zhangsan@example.com") == "z*******@example.com"
    assert personal.mask_contact("010-87654321") == "010******321"
    assert personal.mask_address("北京市朝阳区建国路88号") == "北京市朝阳区******"
    # the bug this replaces: keeping 0 characters at the end showed the whole address
    assert personal.mask_address("测试区人民路1号") != "测试区人民路1号"


@given(st.text(alphabet=st.characters(blacklist_characters="*@", blacklist_categories=("Zs", "Cc")),
               min_size=2, max_size=60))
def test_a_masked_value_is_never_the_value_and_hides_at_least_half(value):
    for field, mask in personal.MASKS.items():
        masked = mask(value)
        assert masked != value, field
        mobile = field == "contact" and personal._MOBILE.fullmatch(value)
        assert masked.count("*") >= (4 if mobile else len(value) // 2), (field, masked)


class PersonalDataByRoleTests(OfficeTestCase):
    """Every field × every role × the request page, the list and the CSV export."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.admin = make_user("sysadmin", cls.agency, "admin")
        cls.allowed = make_user("exporter", cls.agency, "clerk")
        cls.allowed.user_permissions.add(Permission.objects.get(codename="export_personal_data"))

    def roles(self):
        # role: (user, fields whole on the page, in the list, in an export)
        own_list = {"applicant_name"}
        return {
            "clerk": (self.clerk, set(WHOLE), own_list, own_list),
            "head": (self.head, set(WHOLE), own_list, own_list),
            "clerk with the export permission": (self.allowed, set(WHOLE), own_list, set(WHOLE)),
            "supervisor": (self.supervisor, set(), set(), set()),
            "administrator": (self.admin, set(), set(), set()),
        }

    def expected(self, field, whole):
        return WHOLE[field] if field in whole else MASKED[field]

    def page_value(self, html: str, field: str) -> str:
        marker = f'id="{ELEMENT[field][1:]}">'
        start = html.index(marker) + len(marker)
        return html[start:html.index("<", start)].split("（")[0]

    def test_request_page(self):
        for role, (user, whole, _, _) in self.roles().items():
            client = Client()
            client.force_login(user)
            html = client.get(f"/requests/{self.req.pk}/").content.decode()
            for field in WHOLE:
                with self.subTest(role=role, field=field):
                    self.assertEqual(self.page_value(html, field), self.expected(field, whole))
            for field in set(WHOLE) - whole:
                with self.subTest(role=role, field=field, shown="never whole"):
                    self.assertNotIn(WHOLE[field], html)

    def test_list(self):
        for role, (user, _, whole, _) in self.roles().items():
            client = Client()
            client.force_login(user)
            html = client.get(f"/requests/?agency={self.agency.pk}").content.decode()
            for field in ("applicant_name", "contact"):
                with self.subTest(role=role, field=field):
                    self.assertIn(f"<td>{self.expected(field, whole)}</td>", html)
            for field in set(WHOLE) - whole:
                with self.subTest(role=role, field=field, shown="never whole"):
                    self.assertNotIn(WHOLE[field], html)

    def test_export(self):
        for role, (user, _, _, whole) in self.roles().items():
            client = Client()
            client.force_login(user)
            body = client.get(f"/requests/?agency={self.agency.pk}&format=csv").content.decode("utf-8-sig")
            row = next(csv.DictReader(io.StringIO(body)))
            for field in WHOLE:
                with self.subTest(role=role, field=field):
                    self.assertEqual(row[CSV_COLUMN[field]], self.expected(field, whole))
            entry = AuditEntry.objects.filter(action="export.requests", user=user).latest("id")
            with self.subTest(role=role, audit=True):
                self.assertEqual(entry.detail["rows"], 1)
                self.assertEqual(entry.detail["personal_data"], sorted(whole - {"applicant_name"}))

    def test_an_organisation_name_is_not_personal_data(self):
        org = register(self.agency, self.clerk, date(2025, 9, 27), kind="commercial", applicant_name="某某科技有限公司")
        client = Client()
        client.force_login(self.supervisor)
        self.assertContains(client.get(f"/requests/{org.pk}/"), "某某科技有限公司")

    def test_a_masked_viewer_cannot_find_a_request_by_its_applicants_name(self):
        for user, found in ((self.clerk, True), (self.supervisor, False)):
            client = Client()
            client.force_login(user)
            html = client.get(f"/requests/?agency={self.agency.pk}&q=张三").content.decode()
            self.assertEqual(self.req.number in html, found, user)

    def test_the_export_is_safe_from_spreadsheet_formulas(self):
        register(self.agency, self.clerk, date(2025, 9, 27), applicant_name='=HYPERLINK("http://x.example","点我")')
        self.login(self.clerk)
        body = self.client.get("/requests/?format=csv").content.decode("utf-8-sig")
        names = [row["申请人"] for row in csv.DictReader(io.StringIO(body))]
        self.assertIn("'=HYPERLINK(\"http://x.example\",\"点我\")", names)
        self.assertFalse(any(n.startswith("=") for n in names))

    def test_the_audit_names_a_changed_personal_field_but_never_copies_it(self):
        self.login(self.clerk)
        from gongkai.web.services import requests as svc

        svc.update_details(self.req, self.clerk, applicant_name="张三丰", address="另一地址")
        entry = AuditEntry.objects.get(action="update")
        self.assertEqual(entry.detail["fields"], ["address", "applicant_name"])
        self.assertEqual(entry.detail["changes"], {})
        self.assertNotIn("张三", str(AuditEntry.objects.values_list("target", "detail")))


class AdminTests(OfficeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from django.contrib.auth import get_user_model

        cls.root = get_user_model().objects.create_superuser("root", password=PASSWORD)

    def setUp(self):
        self.client.force_login(self.root)

    def test_the_admin_has_no_requests_events_or_cases(self):
        for model in ("request", "event", "case", "annualreport", "auditentry"):
            with self.subTest(model=model):
                self.assertEqual(self.client.get(f"/admin/office/{model}/").status_code, 404)
        self.assertEqual(self.client.get("/admin/office/agency/").status_code, 200)

    def test_a_role_grant_is_audited(self):
        membership = Membership.objects.get(user=self.clerk)
        response = self.client.post(f"/admin/office/membership/{membership.pk}/change/",
                                    {"user": self.clerk.pk, "agency": self.agency.pk, "role": "head"})
        self.assertEqual(response.status_code, 302)
        entry = AuditEntry.objects.get(action="role.grant")
        self.assertEqual((entry.user, entry.detail["role"], entry.detail["before"]),
                         (self.root, "head", ["测试机关", "clerk"]))

    def test_granting_the_export_permission_is_audited(self):
        permission = Permission.objects.get(codename="export_personal_data")
        page = self.client.get(f"/admin/auth/user/{self.clerk.pk}/change/")
        self.assertEqual(page.status_code, 200)
        response = self.client.post(f"/admin/auth/user/{self.clerk.pk}/change/", {
            "username": self.clerk.username, "first_name": "", "last_name": "", "email": "", "is_active": "on",
            "user_permissions": [permission.pk], "last_login_0": "", "last_login_1": "",
            "date_joined_0": "2025-01-01", "date_joined_1": "00:00:00",
        })
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        entry = AuditEntry.objects.get(action="permission.grant")
        self.assertEqual((entry.user, entry.detail["granted"]), (self.root, ["export_personal_data"]))
        self.assertTrue(self.clerk.__class__.objects.get(pk=self.clerk.pk).has_perm(personal.EXPORT_PERMISSION))


class LogTests(OfficeTestCase):
    def test_a_search_in_the_access_log_loses_its_query(self):
        record = logging.LogRecord("django.server", logging.INFO, "", 0, '"%s" %s %s',
                                   ("GET /requests/?q=%E5%BC%A0%E4%B8%89&view=all HTTP/1.1", "200", "512"), None)
        PrivateRecords().filter(record)
        self.assertEqual(record.getMessage(), '"GET /requests/ HTTP/1.1" 200 512')

    def test_a_refusal_is_logged_in_one_line_without_a_traceback(self):
        self.login(self.supervisor)
        with self.assertLogs("django.request", level="WARNING") as logs:
            self.assertEqual(self.client.get("/requests/new/").status_code, 403)
        record = logs.records[-1]
        PrivateRecords().filter(record)
        text = logging.Formatter().format(record)
        self.assertNotIn("Traceback", text)
        self.assertEqual(len(text.splitlines()), 1)


class AccountTests(OfficeTestCase):
    def test_a_user_changes_their_password(self):
        self.login(self.clerk)
        response = self.client.post("/password/", {"old_password": PASSWORD, "new_password1": "Ling-xin-mima-2026",
                                                   "new_password2": "Ling-xin-mima-2026"})
        self.assertRedirects(response, "/")
        self.assertTrue(AuditEntry.objects.filter(action="password.change", user=self.clerk).exists())
        self.client.logout()
        self.assertTrue(self.client.login(username=self.clerk.username, password="Ling-xin-mima-2026"))

    def _try(self, username, password, address="10.0.0.1"):
        return Client(REMOTE_ADDR=address).post("/login/", {"username": username, "password": password})

    @override_settings(LOGIN_FAILURES_PER_ACCOUNT=5)
    def test_an_account_is_locked_after_repeated_failures_and_each_is_audited(self):
        for i in range(5):
            self.assertEqual(self._try(self.clerk.username, "wrong", f"10.0.0.{i}").status_code, 200)
        self.assertEqual(AuditEntry.objects.filter(action="login.failed", target=self.clerk.username).count(), 5)
        refused = self._try(self.clerk.username, PASSWORD, "10.0.0.99")  # the right password, but locked
        self.assertContains(refused, "登录失败次数过多")
        self.assertNotIn("_auth_user_id", refused.wsgi_request.session)
        self.assertEqual(self._try(self.head.username, PASSWORD, "10.0.0.99").status_code, 302)  # others unaffected

    @override_settings(LOGIN_FAILURES_PER_ADDRESS=6)
    def test_an_address_is_locked_after_failures_on_any_accounts(self):
        for i in range(6):
            self._try(f"guess{i}", "wrong", "10.9.9.9")
        self.assertContains(self._try(self.head.username, PASSWORD, "10.9.9.9"), "登录失败次数过多")
        self.assertEqual(self._try(self.head.username, PASSWORD, "10.9.9.10").status_code, 302)

    def test_a_success_clears_the_accounts_earlier_failures(self):
        for _ in range(4):
            self._try(self.clerk.username, "wrong")
        self.assertEqual(self._try(self.clerk.username, PASSWORD).status_code, 302)
        for _ in range(4):
            self._try(self.clerk.username, "wrong")
        self.assertEqual(self._try(self.clerk.username, PASSWORD).status_code, 302)
