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
