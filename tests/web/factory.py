"""Building blocks of the register's tests: an agency with its people."""

from __future__ import annotations

from django.test import TestCase

from datetime import date

from django.contrib.auth import get_user_model

from gongkai.web.models import Agency, Membership
from gongkai.web.services import requests as svc

PASSWORD = "Gk-test-passw0rd!"


def make_user(username: str, agency: Agency, role: str):
    user = get_user_model().objects.create_user(username, password=PASSWORD, first_name=username)
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


def make_office(name: str = "测试区人民政府办公室", parent: Agency | None = None):
    agency = Agency.objects.create(name=name, parent=parent, number_prefix="测试")
    clerk = make_user(f"clerk-{agency.pk}", agency, "clerk")
    head = make_user(f"head-{agency.pk}", agency, "head")
    return agency, clerk, head


def register(agency, user, received: date, kind: str = "natural_person", **extra):
    fields = dict(applicant_kind=kind, applicant_name="张三", id_number="110105199001011234",
                  contact="13812345678", address="测试区人民路1号", channel="online", received=received,
                  items="申请公开某项目的规划许可")
    fields.update(extra)
    return svc.register(agency, user, **fields)


APPLICATION = dict(applicant_type="person", name="张三", id_type="resident_id", id_number="11010519491231002X",
                   phone="13812345678", email="zhangsan@example.com", address="测试区人民路1号",
                   description="申请公开某项目的规划许可", delivery_form="electronic", delivery_channel="online")


def open_portal(agency, slug: str | None = None, **fields):
    from gongkai.web.portal_models import PortalSettings

    row, _ = PortalSettings.objects.get_or_create(
        agency=agency, defaults=dict(enabled=True, slug=slug or f"agency-{agency.pk}",
                                     public_url="https://xxgk.example.gov.cn", **fields))
    return row


def submit_online(agency, on: date, token: str = "", address: str = "127.0.0.1", **values):
    """A request submitted through the portal on `on` (status 待确认); returns (request, code)."""
    import secrets

    from gongkai.web.services import clock, portal

    application = portal.from_form({**APPLICATION, **values}, [])
    with clock.fixed(on):
        result = portal.submit(open_portal(agency), application, token or secrets.token_urlsafe(24), address)
    return result.request, result.code


def start(agency, user, event):
    """A request whose first event is `event`: registered by the office, or submitted online."""
    if event.kind.value == "submitted":
        return submit_online(agency, event.on)[0]
    return register(agency, user, event.on)


class OfficeTestCase(TestCase):
    """An agency under a supervising one, its clerk and head, a supervisor, a stranger, one request."""

    @classmethod
    def setUpTestData(cls):
        cls.parent, _, _ = make_office("上级机关")
        cls.agency, cls.clerk, cls.head = make_office("测试机关", parent=cls.parent)
        cls.supervisor = make_user("supervisor", cls.parent, "supervisor")
        cls.stranger_agency, cls.stranger, _ = make_office("无关机关")
        cls.req = register(cls.agency, cls.clerk, date(2025, 9, 26))

    def login(self, user):
        self.assertTrue(self.client.login(username=user.username, password=PASSWORD))
