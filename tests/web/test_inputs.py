"""Inputs the register's pages must bound or question: imported files, years in URLs, the
monthly page's own defaults, a review and a lawsuit against the same answer."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

import gongkai

from gongkai.web.models import Case, PublishedReport
from gongkai.web.services import requests as svc

from ..conftest import corpus_dir
from ..hostile import MB, pdf_bomb, workbook
from .factory import OfficeTestCase


class ImportTests(OfficeTestCase):
    def _import(self, name: str, data: bytes, **extra):
        self.login(self.clerk)
        upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
        return self.client.post("/report/2025/import/", {"file": upload, **extra}, follow=True)

    def test_a_workbook_named_docx_is_refused_before_it_is_read(self):
        response = self._import("2024年报告.docx", workbook(200, 10))
        self.assertContains(response, "导入失败：文件内容是Excel 工作簿（XLSX），与扩展名 .docx 不符")
        self.assertFalse(PublishedReport.objects.exists())

    def test_a_decompression_bomb_is_refused_with_a_clear_message(self):
        response = self._import("bomb.pdf", pdf_bomb(512 * MB))
        self.assertContains(response, "导入失败：PDF 中一个压缩的页面内容解压后超过 32 MB（疑似“压缩炸弹”）")

    def test_another_agencys_report_needs_the_users_confirmation(self):
        corpus = corpus_dir()
        if corpus is None:
            self.skipTest("corpus not found")
        path = corpus / "pdf" / "huaian-hongze-2024.pdf"
        reported = gongkai.read(path)
        refused = self._import("2024.pdf", path.read_bytes())
        self.assertContains(refused, f"报告中的机关是“{reported.agency}”，不是本机关（测试机关）")
        self.assertFalse(PublishedReport.objects.exists())
        accepted = self._import("2024.pdf", path.read_bytes(), other_agency="on")
        self.assertContains(accepted, f"已导入{reported.year}年已发布报告")
        self.assertEqual(PublishedReport.objects.get().record["agency"], reported.agency)


class YearTests(OfficeTestCase):
    def test_years_out_of_range_are_not_found(self):
        self.login(self.clerk)
        for url in ("/report/0/", "/figures/0/", "/report/0000/", "/report/99999/", "/report/1999/",
                    "/report/2101/download/json/", "/report/0/combined/", "/calendar/0/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.get("/report/2025/").status_code, 200)


class MonthlyTests(OfficeTestCase):
    def test_a_link_naming_only_the_agency_opens_this_month_with_the_picker(self):
        self.login(self.supervisor)
        today = svc.today()
        response = self.client.get(f"/monthly/?agency={self.agency.pk}")
        self.assertContains(response, f"{today.year}年{today.month}月政府信息公开申请办理情况")
        self.assertContains(response, f'name="year" value="{today.year}"')
        self.assertContains(response, f'name="month" value="{today.month}"')
        self.assertContains(response, 'name="agency" data-autosubmit')
        self.assertContains(response, "测试机关")


class CaseConflictTests(OfficeTestCase):
    def test_a_direct_lawsuit_while_a_review_of_the_same_answer_is_pending_is_questioned(self):
        self.login(self.clerk)
        review = {"kind": "review", "filed": "2025-11-01", "result": "pending", "request_number": self.req.number}
        first = self.client.post("/cases/new/", review, follow=True)
        self.assertNotContains(first, "请核对是否登记有误")
        lawsuit = dict(review, kind="litigation_direct", reference="（2025）测行初1号", filed="2025-11-10")
        second = self.client.post("/cases/new/", lawsuit, follow=True)
        self.assertContains(second, f"申请{self.req.number}已有行政复议")
        self.assertContains(second, "请核对是否登记有误")
        self.assertEqual(Case.objects.count(), 2)  # questioned, not refused

    def test_a_lawsuit_after_a_decided_review_is_not_questioned(self):
        Case.objects.create(agency=self.agency, request=self.req, kind="review", filed=date(2025, 11, 1),
                            closed=date(2025, 12, 1), result="upheld")
        self.login(self.clerk)
        response = self.client.post("/cases/new/", {"kind": "litigation_after_review", "filed": "2025-12-10",
                                                    "result": "pending", "request_number": self.req.number},
                                    follow=True)
        self.assertNotContains(response, "请核对是否登记有误")
