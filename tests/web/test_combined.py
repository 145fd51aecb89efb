"""The supervisor's combined report: the agencies' compiled tables added up, the page, the command."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.test import TestCase

from gongkai import template
from gongkai.cli import main
from gongkai.web.services import combined, compiling, office, versions
from gongkai.web.services import requests as svc

from .factory import PASSWORD, make_office, make_user, register
from .test_versions import SECTIONS, t2


def answer(req, user, on, outcome):
    svc.add_event(req, user, "answered", on, outcome=outcome, legal_basis="《政府信息公开条例》")


class CombinedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.parent, cls.parent_clerk, cls.parent_head = make_office("某市人民政府办公室")
        cls.a, cls.a_clerk, _ = make_office("某市自然资源局", parent=cls.parent)
        cls.b, cls.b_clerk, _ = make_office("某市生态环境局", parent=cls.parent)
        cls.b1, cls.b1_clerk, _ = make_office("某市生态环境局某分局", parent=cls.b)
        cls.supervisor = make_user("supervisor", cls.parent, "supervisor")
        cls.stranger, cls.stranger_clerk, _ = make_office("外市人民政府办公室")

        p, a, b, b1 = cls.parent_clerk, cls.a_clerk, cls.b_clerk, cls.b1_clerk
        register(cls.parent, p, date(2025, 2, 3))
        answer(register(cls.a, a, date(2024, 12, 20)), a, date(2025, 1, 10), "granted")  # carried over
        answer(register(cls.a, a, date(2025, 3, 3), "commercial"), a, date(2025, 3, 20), "partial")
        register(cls.a, a, date(2025, 12, 15), "research")  # carried forward
        answer(register(cls.b, b, date(2025, 5, 6), "legal_service"), b, date(2025, 5, 20), "withheld.third_party")
        answer(register(cls.b, b, date(2025, 6, 2)), b, date(2025, 6, 20), "granted")
        answer(register(cls.b1, b1, date(2025, 7, 1)), b1, date(2025, 7, 15), "unable.not_held")
        register(cls.stranger, cls.stranger_clerk, date(2025, 4, 1))  # not overseen: never counted
        office.save_case(cls.a, a, kind="review", filed=date(2025, 4, 1), closed=date(2025, 6, 1), result="upheld")
        office.save_case(cls.b1, b1, kind="litigation_direct", filed=date(2025, 8, 1))
        office.save_figures(cls.a, a, 2025, {"normative": {"issued": 3, "repealed": 1, "in_force": 20},
                                             "fees": {"amount": "1.5"}})
        office.save_figures(cls.b, b, 2025, {"normative": {"issued": 4, "repealed": 0, "in_force": 7},
                                             "licensing": {"decisions": 120}, "fees": {"amount": "2.25"}})

    @pytest.fixture(autouse=True)
    def _capsys(self, capsys):
        self.capsys = capsys

    def overseen(self):
        return [self.parent, self.a, self.b, self.b1]

    def summed(self, table: str) -> dict:
        """Cell by cell sum of each overseen agency's own compiled report."""
        out: dict = {}
        for agency in self.overseen():
            for row, cells in getattr(compiling.compile_year(agency, 2025), table).items():
                for col, v in cells.items():
                    out.setdefault(row, {}).setdefault(col, 0)
                    out[row][col] += v
        return out

    def test_combined_tables_are_the_sum_of_the_agencies_tables(self):
        result = combined.compile_overseen(self.parent, 2025)
        self.assertEqual(sorted(a.name for a in result.agencies), sorted(a.name for a in self.overseen()))
        self.assertEqual(result.report.t3, self.summed("t3"))
        self.assertEqual(result.report.t4, self.summed("t4"))
        t3 = result.report.t3
        self.assertEqual((t3["new"]["total"], t3["carried_over"]["total"], t3["total"]["total"],
                          t3["carry_forward"]["total"]), (6, 1, 5, 2))
        self.assertEqual(t3["granted"]["natural_person"], 2)
        self.assertEqual((result.report.t4["review"]["upheld"], result.report.t4["litigation_direct"]["pending"]),
                         (1, 1))
        t2 = result.report.t2
        self.assertEqual(t2["normative"], {"issued": 7, "repealed": 1, "in_force": 27})
        self.assertEqual(Decimal(t2["fees"]["amount"]), Decimal("3.75"))
        self.assertEqual(t2["licensing"]["decisions"], 120)
        self.assertIsNone(t2["rules"]["issued"])
        self.assertEqual([a.name for a in result.missing_figures], ["某市人民政府办公室", "某市生态环境局某分局"])
        found = combined.findings(result, 2025)
        self.assertEqual([f.severity for f in found if f.severity == "error"], [])  # tables add up
        self.assertIn(("VALUE_UNKNOWN", "表二规章（本年制发件数）无法读出"), [(f.code, f.message) for f in found])
        self.assertFalse([f for f in found if f.code == "TEMPLATE_SECTION_MISSING"])  # no narrative to check

    def test_a_supervisor_below_the_top_sees_only_its_subtree(self):
        result = combined.compile_overseen(self.b, 2025)
        self.assertEqual([a.name for a in result.agencies], ["某市生态环境局", "某市生态环境局某分局"])
        self.assertEqual(result.report.t3["new"]["total"], 3)

    def test_supervisor_page_and_download(self):
        self.assertTrue(self.client.login(username=self.supervisor.username, password=PASSWORD))
        response = self.client.get("/report/2025/combined/")
        self.assertEqual(response.status_code, 200)
        for text in ("某市人民政府办公室及所属机关（汇总）", "某市生态环境局某分局", "本年新收政府信息公开申请数量",
                     "尚未填写2025年主动公开数据", 'id="nav-combined"'):
            self.assertContains(response, text)
        self.assertNotContains(response, "外市人民政府办公室")
        record = self.client.get("/report/2025/combined/download/json/").json()
        self.assertEqual(record["t3"], self.summed("t3"))
        self.assertEqual(record["agency"], "某市人民政府办公室及所属机关（汇总）")

    def test_clerk_and_head_cannot_see_it(self):
        for user in (self.a_clerk, self.parent_clerk, self.parent_head):
            with self.subTest(user=user.username):
                self.client.logout()
                self.assertTrue(self.client.login(username=user.username, password=PASSWORD))
                self.assertEqual(self.client.get("/report/2025/combined/").status_code, 403)
                self.assertEqual(self.client.get("/report/2025/combined/download/json/").status_code, 403)
                self.assertNotContains(self.client.get("/"), 'id="nav-combined"')

    def test_compile_command_all(self):
        self.assertEqual(main(["compile", "--year", "2025", "--all", "--agency", "某市人民政府办公室"]), 0)
        record = json.loads(self.capsys.readouterr().out)
        self.assertEqual(record["t3"], combined.compile_overseen(self.parent, 2025).report.record()["t3"])
        self.assertEqual(main(["compile", "--year", "2025", "--all", "--format", "json"]), 0)
        everything = json.loads(self.capsys.readouterr().out)
        self.assertEqual(everything["agency"], "全部机关（汇总）")  # two top agencies
        self.assertEqual(everything["t3"]["new"]["total"], 7)
        self.assertEqual(everything["t3"]["new"]["total"], sum(
            compiling.compile_year(a, 2025).t3["new"]["total"] for a in self.overseen() + [self.stranger]))
        self.assertEqual({k for k in everything["t3"]}, {r.key for r in template.t3_rows("2021")})


class ApprovedReportsInTheCombinedTests(TestCase):
    """What an agency's head approved is what it published, and what its supervisor adds up:
    a request registered afterwards changes the agency's register, not the combined report."""

    def setUp(self):
        self.parent, self.parent_clerk, _ = make_office("某县人民政府办公室")
        self.a, self.a_clerk, self.a_head = make_office("某县交通运输局", parent=self.parent)
        self.supervisor = make_user("county-supervisor", self.parent, "supervisor")
        answer(register(self.a, self.a_clerk, date(2025, 3, 3)), self.a_clerk, date(2025, 3, 20), "granted")
        answer(register(self.parent, self.parent_clerk, date(2025, 4, 1)), self.parent_clerk, date(2025, 4, 9), "partial")
        office.save_sections(self.a, self.a_clerk, 2025, SECTIONS, published=date(2026, 1, 20))
        office.save_figures(self.a, self.a_clerk, 2025, t2())
        self.version = versions.approve(self.a, self.a_head, 2025)
        answer(register(self.a, self.a_clerk, date(2025, 6, 2), "commercial"), self.a_clerk, date(2025, 6, 9), "granted")

    @pytest.fixture(autouse=True)
    def _capsys(self, capsys):
        self.capsys = capsys

    def test_the_approved_version_is_added_up_and_named(self):
        result = combined.compile_overseen(self.parent, 2025)
        self.assertEqual(result.approved, {self.a.pk: 1})
        self.assertEqual(result.report.t3["new"]["total"], 2)  # the approved 1 and the parent's 1, not the later one
        self.assertEqual(result.report.t3["granted"]["commercial"], 0)
        self.assertEqual(compiling.compile_year(self.a, 2025).t3["new"]["total"], 2)  # the register itself moved on
        self.assertTrue(self.client.login(username=self.supervisor.username, password=PASSWORD))
        page = self.client.get("/report/2025/combined/")
        self.assertContains(page, '<td class="basis">已审核第1版</td>', html=False)
        self.assertContains(page, '<td class="basis">登记数据（未审核）</td>', html=False)
        record = self.client.get("/report/2025/combined/download/json/").json()
        self.assertEqual(record["t3"]["new"]["total"], 2)

    def test_the_compile_command_gives_the_approved_version(self):
        self.assertEqual(main(["compile", "--year", "2025", "--agency", "某县交通运输局", "--format", "json"]), 0)
        out = self.capsys.readouterr()
        self.assertEqual(json.loads(out.out)["t3"], versions.report_of(self.version).record()["t3"])
        self.assertIn("已审核通过：输出第1版", out.err)
        self.assertEqual(main(["compile", "--year", "2025", "--all", "--agency", "某县人民政府办公室", "--format", "json"]), 0)
        self.assertEqual(json.loads(self.capsys.readouterr().out)["t3"]["new"]["total"], 2)
