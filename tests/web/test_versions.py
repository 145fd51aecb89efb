"""Approval is a version: the approved record is what the year's page and files serve, later changes
are noted with the cells they alter, and a 修订版 is approved as the next version."""

from __future__ import annotations

import json
from datetime import date

from gongkai.web.errors import Refused
from gongkai.web.models import AuditEntry, ReportVersion
from gongkai.web.services import compiling, corrections, office, versions
from gongkai.web.services import requests as svc

from .factory import OfficeTestCase, register

SECTIONS = {"overview": "概述", "problems": "问题", "other": "本年度未收取信息处理费。"}
BASIS = "《政府信息公开条例》第二十七条"


def t2(issued: int = 1) -> dict:
    """Table 二 complete: no finding of the template's rows stands in the way of approval."""
    return {"rules": {"issued": 0, "repealed": 0, "in_force": 0},
            "normative": {"issued": issued, "repealed": 0, "in_force": issued},
            "licensing": {"decisions": 10}, "penalty": {"decisions": 3}, "coercion": {"decisions": 0},
            "fees": {"amount": "0"}}


class VersionTests(OfficeTestCase):
    """2025 of 测试机关 with one open request (received 2025-09-26), text and table 二: no error finding."""

    def setUp(self):
        office.save_sections(self.agency, self.clerk, 2025, SECTIONS, published=date(2026, 1, 20))
        office.save_figures(self.agency, self.clerk, 2025, t2())

    def approve(self) -> ReportVersion:
        return versions.approve(self.agency, self.head, 2025)

    def test_approval_stores_record_findings_and_hash(self):
        v = self.approve()
        report = compiling.compile_year(self.agency, 2025)
        found = compiling.year_findings(self.agency, 2025, report)
        self.assertEqual((v.number, v.approved_by, v.is_revision), (1, self.head, False))
        self.assertEqual(v.record, report.record())
        self.assertEqual(v.findings, [f.model_dump(mode="json") for f in found])
        self.assertEqual(v.sha256, versions.digest(v.record, v.findings))
        self.assertEqual(len(v.sha256), 64)
        entry = AuditEntry.objects.get(action="report.approve")
        self.assertEqual((entry.detail["version"], entry.detail["sha256"]), (1, v.sha256))
        with self.assertRaisesMessage(Refused, "登记数据与第1版相同"):
            self.approve()

    def test_approval_is_refused_while_an_error_stands_including_last_year(self):
        # Last year's report, compiled from the register, carries one request forward;
        # the published one imported for 2024 says nothing was carried: a continuity error.
        register(self.agency, self.clerk, date(2024, 12, 20))
        last = compiling.compile_year(self.agency, 2024).record()
        last["t3"]["carry_forward"] = {k: 0 for k in last["t3"]["carry_forward"]}
        from gongkai.web.models import PublishedReport

        PublishedReport.objects.create(agency=self.agency, year=2024, record=last, source_name="2024.docx")
        report = compiling.compile_year(self.agency, 2025)
        self.assertFalse([f for f in compiling.findings(report) if f.severity == "error"])  # alone: no error
        with self.assertRaisesMessage(Refused, "修正后才能审核通过"):
            self.approve()
        self.assertFalse(ReportVersion.objects.exists())

    def test_changes_after_approval_are_noted_with_their_cells(self):
        v1 = self.approve()
        self.assertEqual(versions.differences(self.agency, 2025, v1), [])
        svc.add_event(self.req, self.clerk, "answered", date(2025, 10, 20), outcome="granted", legal_basis=BASIS)
        late = register(self.agency, self.clerk, date(2025, 12, 1), kind="commercial")
        register(self.agency, self.clerk, date(2026, 2, 1))  # another year: not noted
        svc.add_event(self.req, self.clerk, "archived", date(2026, 2, 2))  # no cell moves: not noted
        cells = {(d.table, d.row, d.column): (d.before, d.after) for d in versions.differences(self.agency, 2025, v1)}
        self.assertEqual(cells[("t3", "granted", "natural_person")], (0, 1))
        self.assertEqual(cells[("t3", "carry_forward", "natural_person")], (1, 0))
        self.assertEqual(cells[("t3", "new", "commercial")], (0, 1))
        self.assertEqual(cells[("t3", "carry_forward", "commercial")], (0, 1))
        noted = [e.action for e in versions.changes(v1)]
        self.assertEqual(noted, ["event.answered", "register"])
        self.assertEqual(versions.changes(v1)[1].target, str(late))
        # The version itself never moves.
        self.assertEqual(ReportVersion.objects.get(pk=v1.pk).record["t3"]["granted"]["natural_person"], 0)
        v2 = self.approve()
        self.assertEqual((v2.number, v2.is_revision), (2, True))
        self.assertEqual(v2.record["t3"]["granted"]["natural_person"], 1)
        self.assertEqual(versions.differences(self.agency, 2025, v2), [])
        self.assertEqual(versions.changes(v2), [])
        self.assertEqual([v.number for v in versions.history(self.agency, 2025)], [1, 2])

    def test_every_kind_of_write_that_alters_a_cell_is_noted(self):
        v1 = self.approve()
        svc.update_details(self.req, self.clerk, applicant_kind="research")
        svc.update_details(self.req, self.clerk, applicant_name="李四")  # no cell: not noted
        office.save_case(self.agency, self.clerk, kind="review", filed=date(2025, 11, 1), result="pending")
        office.save_figures(self.agency, self.clerk, 2025, t2(issued=2))
        office.save_figures(self.agency, self.clerk, 2026, t2(issued=5))  # not approved: not noted
        office.save_sections(self.agency, self.clerk, 2025, {**SECTIONS, "other": "补充说明"}, date(2026, 1, 20))
        event = svc.add_event(self.req, self.clerk, "answered", date(2025, 10, 20), outcome="granted",
                              legal_basis=BASIS)
        corrections.correct(event, self.head, reason="结果登记错误", on=event.on, kind="answered",
                            outcome="partial", legal_basis=BASIS)
        self.assertEqual([e.action for e in versions.changes(v1)],
                         ["update", "case.create", "figures.save", "report.sections", "event.answered",
                          "event.correct"])
        labels = {d.label for d in versions.differences(self.agency, 2025, v1)}
        self.assertIn("表三 （二）部分公开（区分处理的，只计这一情形，不计其他情形） · 科研机构", labels)
        self.assertIn("表四 行政复议 · 尚未审结", labels)
        self.assertIn("表二 行政规范性文件 · 本年制发件数", labels)
        self.assertIn("正文 六、其他需要报告的事项", labels)

    def test_a_change_undone_leaves_no_difference(self):
        v1 = self.approve()
        svc.update_details(self.req, self.clerk, applicant_kind="research")
        svc.update_details(self.req, self.clerk, applicant_kind="natural_person")
        self.assertEqual(len(versions.changes(v1)), 2)
        self.assertEqual(versions.differences(self.agency, 2025, v1), [])


class VersionPageTests(OfficeTestCase):
    def setUp(self):
        office.save_sections(self.agency, self.clerk, 2025, SECTIONS, published=date(2026, 1, 20))
        office.save_figures(self.agency, self.clerk, 2025, t2())

    def download(self, fmt="json", **query):
        return self.client.get(f"/report/2025/download/{fmt}/", query)

    def test_page_and_downloads_serve_the_approved_version(self):
        self.client.force_login(self.head)
        response = self.client.post("/report/2025/approve/", follow=True)
        self.assertContains(response, "年度报告已审核通过：第1版")
        self.assertContains(response, 'id="approval"')
        approved = self.download().content
        self.assertEqual(json.loads(approved)["t3"]["carry_forward"]["natural_person"], 1)

        self.client.force_login(self.clerk)
        svc.add_event(self.req, self.clerk, "answered", date(2025, 10, 20), outcome="granted", legal_basis=BASIS)
        page = self.client.get("/report/2025/")
        self.assertContains(page, "审核后登记有变动")
        self.assertContains(page, 'data-cell="t3.granted.natural_person"')
        self.assertContains(page, "记录：答复")
        self.assertNotContains(page, "approve-revision")  # the clerk sees, the head approves
        self.assertEqual(self.download().content, approved)
        self.assertEqual(self.download().get("Content-Disposition"), 'attachment; filename="report-2025-v1.json"')
        for fmt in ("docx", "html", "md", "xlsx"):
            with self.subTest(fmt=fmt):
                self.assertEqual(self.download(fmt).status_code, 200)

        self.client.force_login(self.head)
        self.assertContains(self.client.get("/report/2025/"), "审核通过修订版（第2版）")
        response = self.client.post("/report/2025/approve/", follow=True)
        self.assertContains(response, "第2版（修订版）")
        self.assertNotContains(response, "审核后登记有变动")
        self.assertEqual(json.loads(self.download().content)["t3"]["granted"]["natural_person"], 1)
        self.assertEqual(self.download(version="1").content, approved)
        self.assertEqual(self.download(version="3").status_code, 404)
        self.assertEqual(self.download(version="x").status_code, 404)

    def test_only_the_head_approves(self):
        self.client.force_login(self.clerk)
        self.assertEqual(self.client.post("/report/2025/approve/").status_code, 403)
        self.client.force_login(self.supervisor)
        self.assertEqual(self.client.post("/report/2025/approve/").status_code, 403)
        self.assertFalse(ReportVersion.objects.exists())

    def test_an_error_finding_refuses_approval_on_the_page(self):
        office.save_figures(self.agency, self.clerk, 2025, {"normative": {"issued": 1}})  # rows missing
        self.client.force_login(self.head)
        response = self.client.post("/report/2025/approve/", follow=True)
        self.assertContains(response, "TEMPLATE_ROW_MISSING")
        self.assertContains(response, "修正后才能审核通过")
        self.assertFalse(ReportVersion.objects.exists())
