"""A published report imported from its upload's bytes, and the report downloaded in every format of the table."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai import formats
from gongkai.readers import read_bytes
from gongkai.web.models import PublishedReport

from ..conftest import corpus_cases
from .factory import OfficeTestCase

CASES = corpus_cases()


class ReportFileTests(OfficeTestCase):
    def test_import_reads_the_upload_itself(self):
        if not CASES:
            self.skipTest("corpus not found")
        self.login(self.clerk)
        for source, _ in CASES:
            if source.suffix not in (".pdf", ".txt"):
                continue
            with self.subTest(source=source.name):
                upload = SimpleUploadedFile(f"已发布{source.suffix}", source.read_bytes())
                response = self.client.post("/report/2025/import/", {"file": upload, "other_agency": "on"},
                                            follow=True)
                self.assertContains(response, "已发布报告")
                row = PublishedReport.objects.filter(agency=self.agency).latest("pk")
                expected = read_bytes(source.read_bytes(), source.name)
                self.assertEqual(row.year, expected.year)
                self.assertEqual(row.record["t3"], expected.record()["t3"])
                self.assertEqual(row.record["source"]["path"], f"已发布{source.suffix}")

    def test_import_of_a_non_report_is_a_message(self):
        self.login(self.clerk)
        upload = SimpleUploadedFile("通知.txt", "关于召开会议的通知\n各科室：定于下周一开会。\n".encode("utf-8"))
        response = self.client.post("/report/2025/import/", {"file": upload}, follow=True)
        self.assertContains(response, "导入失败：不是政府信息公开工作年度报告")
        self.assertFalse(PublishedReport.objects.exists())

    def test_downloads_are_the_table_s_writable_formats(self):
        self.login(self.clerk)
        page = self.client.get("/report/2025/")
        for key in formats.WRITABLE:
            kind = formats.FORMATS[key]
            with self.subTest(fmt=key):
                self.assertContains(page, f"/report/2025/download/{key}/")
                response = self.client.get(f"/report/2025/download/{key}/")
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Content-Type"], kind.content_type)
                self.assertIn(f'filename="report-2025{kind.suffix}"', response["Content-Disposition"])
                again = read_bytes(response.content, f"r{kind.suffix}")
                self.assertEqual(again.t3["new"]["natural_person"], 1)
        self.assertEqual(self.client.get("/report/2025/download/pdf/").status_code, 404)
