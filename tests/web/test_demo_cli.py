"""The demo database compiles to a report without error findings; `gongkai compile` prints it."""

from __future__ import annotations

import json

import pytest
from django.test import TestCase

import gongkai
from gongkai.cli import main
from gongkai.web import demo
from gongkai.web.models import Case, Request
from gongkai.web.services import compiling


class DemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.made = demo.build(requests_per_year=60, seed=7)

    @pytest.fixture(autouse=True)
    def _capsys(self, capsys):
        self.capsys = capsys

    def test_demo_has_every_kind_of_activity(self):
        agency, year = self.made["agency"], self.made["year"]
        report = compiling.compile_year(agency, year)
        errors = [f for f in gongkai.check(report, compiling.previous_report(agency, year)) if f.severity == "error"]
        self.assertEqual(errors, [])
        for key, cells in report.t3.items():
            if key not in ("carried_over", "carry_forward"):
                self.assertGreater(cells["total"], 0, key)
        self.assertGreater(report.t4["review"]["total"], 0)
        kinds = set(Request.objects.values_list("events__kind", flat=True))
        self.assertTrue({"correction_requested", "corrected", "consultation_started", "extension_approved",
                         "fee_notice_sent", "answered", "archived"} <= kinds)
        self.assertTrue(Case.objects.filter(kind="litigation_direct").exists())

    def test_compile_command(self):
        year = self.made["year"]
        self.assertEqual(main(["compile", "--year", str(year), "--format", "json"]), 0)
        record = json.loads(self.capsys.readouterr().out)
        self.assertEqual(record["agency"], demo.AGENCY)
        self.assertEqual(record["t3"], compiling.compile_year(self.made["agency"], year).record()["t3"])
        self.assertEqual(main(["compile", "--year", str(year), "--agency", "没有这个机关"]), 2)
        self.assertIn("没有名为", self.capsys.readouterr().err)


class DemoOnAnyDayTests(TestCase):
    """The demo is built relative to the day it runs, all or nothing, and never into an office's own data."""

    @pytest.fixture(autouse=True)
    def _capsys(self, capsys):
        self.capsys = capsys

    def test_built_on_any_day_of_the_year_compiles_without_error(self):
        from datetime import date

        from django.db import transaction

        for today in (date(2027, 1, 1), date(2027, 6, 15), date(2026, 11, 30), date(2026, 12, 31)):
            with self.subTest(today=str(today)), transaction.atomic():
                made = demo.build(requests_per_year=60, seed=11, today=today)
                agency, year = made["agency"], made["year"]
                self.assertEqual(year, today.year - 1)
                self.assertGreater(made["created"], 50)
                received = Request.objects.filter(agency=agency, received__isnull=False).values_list("received", flat=True)
                self.assertEqual(Request.objects.filter(agency=agency, status="submitted").count(), 1)
                self.assertLessEqual(max(received), today)
                report = compiling.compile_year(agency, year)
                findings = gongkai.check(report, compiling.previous_report(agency, year))
                self.assertEqual([f.message for f in findings if f.severity == "error"], [])
                transaction.set_rollback(True)

    def test_a_database_with_an_offices_own_data_is_refused_unless_forced(self):
        from gongkai.web.models import Agency

        from .factory import make_office, register

        office, clerk, _ = make_office("真实的机关")
        with self.assertRaises(demo.DemoRefused) as info:
            demo.build(requests_per_year=20)
        self.assertIn("1个机关", str(info.exception))
        self.assertFalse(Agency.objects.filter(name=demo.AGENCY).exists())
        self.assertEqual(main(["demo", "--requests", "20"]), 2)
        self.assertIn("示例数据不会写入在用的登记数据库", self.capsys.readouterr().err)
        made = demo.build(requests_per_year=20, force=True)
        self.assertGreater(made["created"], 0)
        self.assertTrue(Request.objects.filter(agency=office).count() == 0)

    def test_a_failure_leaves_nothing_half_built(self):
        from unittest import mock

        from django.contrib.auth import get_user_model

        from gongkai.errors import GongkaiError
        from gongkai.web.models import Agency

        with mock.patch.object(demo, "_figures", side_effect=GongkaiError("模拟的失败")):
            self.assertEqual(main(["demo", "--requests", "20"]), 2)
        self.assertIn("示例数据未生成，数据库未被修改：模拟的失败", self.capsys.readouterr().err)
        self.assertFalse(Agency.objects.exists())
        self.assertFalse(get_user_model().objects.exists())
        self.assertFalse(Request.objects.exists())

    def test_the_password_is_new_each_time_and_printed(self):
        from django.contrib.auth import authenticate

        self.assertEqual(main(["demo", "--requests", "20"]), 0)
        out = self.capsys.readouterr().out
        first = out.split("密码均为 ", 1)[1].split(" ", 1)[0]
        self.assertIsNotNone(authenticate(username="head", password=first))
        self.assertEqual(main(["demo", "--requests", "20"]), 0)  # the demo's own database: kept, new password
        out = self.capsys.readouterr().out
        self.assertIn("示例数据已存在", out)
        second = out.split("密码均为 ", 1)[1].split(" ", 1)[0]
        self.assertNotEqual(first, second)
        self.assertIsNone(authenticate(username="head", password=first))
        self.assertIsNotNone(authenticate(username="admin", password=second))
