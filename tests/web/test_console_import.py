"""Batch import on the job queue: reading, matching, bad input, duplicates, decisions, restarts, zips."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.utils import timezone

from gongkai.web.console import batches, jobs
from gongkai.web.console.models import ImportItem, ItemState, ReportFinding
from gongkai.web.models import Agency, PublishedReport

from ..conftest import corpus_dir
from .console_setup import ConsoleTestCase, import_files
from .queue import drain, queued

CORPUS = corpus_dir()
pytestmark = pytest.mark.skipif(CORPUS is None, reason="corpus not found")


def corpus_file(name: str) -> bytes:
    return next(CORPUS.rglob(name)).read_bytes()


NOT_A_REPORT = "关于做好冬季安全生产工作的通知\n各单位：\n为切实做好冬季安全生产工作，现将有关事项通知如下。\n".encode("utf-8")


class BatchTests(ConsoleTestCase):
    def _batch(self):
        seeds = {p.name: p.read_bytes() for p in sorted((CORPUS / "seeds").glob("*.txt"))}
        pdfs = {p.name: p.read_bytes() for p in sorted((CORPUS / "pdf").glob("*.pdf"))}
        damaged = pdfs["huaian-hongze-2024.pdf"][:20000]
        files = {**seeds, **pdfs, "notice.txt": NOT_A_REPORT, "damaged.pdf": damaged,
                 "copy-of-003.txt": seeds["003_d78c9404f9f00f06.txt"]}
        return import_files(files)

    def test_a_batch_is_read_matched_stored_and_bad_input_listed(self):
        batch = self._batch()
        items = {i.name: i for i in ImportItem.objects.filter(batch=batch)}
        states = {name: i.state for name, i in items.items()}
        self.assertEqual(states, {
            "000_a0cd010ce1747f1a.txt": ItemState.STORED,
            "001_21d8e222a39c5270.txt": ItemState.REVIEW,  # 老城区西关街道办事处 is not in the tree
            "002_86514a3b0928ab2f.txt": ItemState.STORED,
            "003_d78c9404f9f00f06.txt": ItemState.STORED,
            "004_27062e3c77157471.txt": ItemState.STORED,
            "huaian-hongze-2023.pdf": ItemState.STORED,
            "huaian-hongze-2024.pdf": ItemState.STORED,
            "notice.txt": ItemState.FAILED,
            "damaged.pdf": ItemState.FAILED,
            "copy-of-003.txt": ItemState.DUPLICATE,
        })
        self.assertIn("不是政府信息公开工作年度报告", items["notice.txt"].reason)
        self.assertTrue(items["damaged.pdf"].reason)
        self.assertIn("老城区西关街道办事处", items["001_21d8e222a39c5270.txt"].reason)
        self.assertIn("同一文件", items["copy-of-003.txt"].reason)
        self.assertEqual(queued(), 0)
        # each stored report went to its agency and year, with its findings kept
        stored = {(r.agency.name, r.year) for r in PublishedReport.objects.select_related("agency")}
        self.assertEqual(stored, {("西罗园街道办事处", 2022), ("什刹海街道办事处", 2024), ("小关街道办事处", 2021),
                                  ("西城区人民政府办公室", 2021), ("洪泽区人民政府", 2023), ("洪泽区人民政府", 2024)})
        seed002 = items["002_86514a3b0928ab2f.txt"].report
        self.assertTrue(seed002.original.name and seed002.sha256)
        self.assertIn("NARRATIVE_ANSWERED", set(ReportFinding.objects.filter(report=seed002).values_list("code", flat=True)))
        # the two years of 洪泽区 were checked against each other, whichever was stored first
        hongze = PublishedReport.objects.get(agency__name="洪泽区人民政府", year=2024)
        self.assertTrue(ReportFinding.objects.filter(report=hongze, code__startswith="CONTINUITY_").exists()
                        or hongze.record["t3"]["carried_over"] == PublishedReport.objects.get(
                            agency__name="洪泽区人民政府", year=2023).record["t3"]["carry_forward"])

    def test_a_second_run_of_a_task_stores_nothing_twice(self):
        batch = batches.create("重复投递", None, None)
        item = batches.add_bytes(batch, "003.txt", corpus_file("003_d78c9404f9f00f06.txt"))
        jobs.read_item(item.pk)
        jobs.read_item(item.pk)  # the queue delivers a task again when it thinks its worker died
        drain()
        self.assertEqual(PublishedReport.objects.count(), 1)
        item.refresh_from_db()
        self.assertEqual((item.state, item.attempts), (ItemState.STORED, 1))

    def test_a_task_whose_worker_died_is_taken_up_again(self):
        """A worker dies mid-read: the item stays 读取中 and its message locked; after the queue's
        retry time the task is delivered again, and the file is read and stored once."""
        from django_q.brokers import get_broker
        from django_q.models import OrmQ

        batch = batches.create("中断", None, None)
        item = batches.add_bytes(batch, "004.txt", corpus_file("004_27062e3c77157471.txt"))
        broker = get_broker()
        taken = broker.dequeue()  # the worker takes the task …
        self.assertEqual(len(taken), 1)
        ImportItem.objects.filter(pk=item.pk).update(state=ItemState.READING, attempts=1)  # … starts, and dies
        self.assertEqual(drain(), 0)  # locked: nobody else takes it yet
        OrmQ.objects.update(lock=timezone.now() - timezone.timedelta(seconds=1))  # the retry time has passed
        self.assertEqual(drain(), 1)
        item.refresh_from_db()
        self.assertEqual((item.state, item.attempts), (ItemState.STORED, 2))
        self.assertEqual(PublishedReport.objects.count(), 1)

    def test_a_file_that_keeps_killing_its_worker_is_failed_with_the_reason(self):
        batch = batches.create("总是中断", None, None)
        item = batches.add_bytes(batch, "004.txt", corpus_file("004_27062e3c77157471.txt"))
        ImportItem.objects.filter(pk=item.pk).update(state=ItemState.READING, attempts=jobs.MAX_ATTEMPTS)
        drain()
        item.refresh_from_db()
        self.assertEqual(item.state, ItemState.FAILED)
        self.assertIn("已尝试读取2次", item.reason)

    def test_resume_queues_unread_items_again_without_reading_twice(self):
        from django_q.models import OrmQ

        batch = batches.create("丢失", None, None)
        batches.add_bytes(batch, "003.txt", corpus_file("003_d78c9404f9f00f06.txt"))
        OrmQ.objects.all().delete()  # the queue lost its tasks
        self.assertEqual(batches.resume(batch), 1)
        self.assertEqual(batches.resume(batch), 1)  # twice: two tasks for one item
        drain()
        self.assertEqual(PublishedReport.objects.count(), 1)
        self.assertTrue(batches.progress(batch).finished)

    def test_a_second_report_for_an_agency_year_waits_for_a_choice(self):
        first = import_files({"003.txt": corpus_file("003_d78c9404f9f00f06.txt")})
        data = corpus_file("003_d78c9404f9f00f06.txt").replace("小关街道办事处".encode(), "小关街道办事处 ".encode(), 1)
        batch = import_files({"003-again.txt": data})
        item = ImportItem.objects.get(batch=batch)
        self.assertEqual(item.state, ItemState.CONFLICT)
        old = ImportItem.objects.get(batch=first).report
        self.assertEqual(item.existing, old)
        self.assertEqual(batches.decide_item(item, self.supervisor, "replace"), ItemState.STORED)
        old.refresh_from_db()
        self.assertFalse(old.current)  # kept, no longer the one in use
        self.assertEqual(PublishedReport.objects.filter(current=True).count(), 1)

    def test_the_same_file_again_is_a_duplicate_the_user_skips(self):
        import_files({"003.txt": corpus_file("003_d78c9404f9f00f06.txt")})
        batch = import_files({"again.txt": corpus_file("003_d78c9404f9f00f06.txt")})
        item = ImportItem.objects.get(batch=batch)
        self.assertEqual(item.state, ItemState.DUPLICATE)
        self.assertEqual(batches.decide_item(item, self.supervisor, "skip"), ItemState.SKIPPED)
        self.assertEqual(PublishedReport.objects.count(), 1)

    def test_an_unmatched_report_is_stored_under_the_agency_a_person_names(self):
        batch = import_files({"001.txt": corpus_file("001_21d8e222a39c5270.txt")})
        item = ImportItem.objects.get(batch=batch)
        self.assertEqual((item.state, item.year), (ItemState.REVIEW, 2022))
        street = Agency.objects.get(name="西罗园街道办事处")
        self.assertEqual(batches.decide_item(item, self.supervisor, "store", street, None), ItemState.STORED)
        row = PublishedReport.objects.get()
        self.assertEqual((row.agency, row.year), (street, 2022))

    def test_a_batch_scoped_to_an_office_matches_only_below_it(self):
        batch = import_files({"hongze.pdf": corpus_file("huaian-hongze-2023.pdf")}, scope=self.beijing)
        item = ImportItem.objects.get(batch=batch)
        self.assertEqual(item.state, ItemState.REVIEW)
        from gongkai.web.errors import Refused

        with self.assertRaises(Refused):
            batches.decide_item(item, self.supervisor, "store", Agency.objects.get(name="洪泽区人民政府"), 2023)


class UploadTests(ConsoleTestCase):
    def test_a_zip_uploaded_in_the_browser_is_unpacked_into_the_batch(self):
        self.login(self.supervisor)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("年报/西罗园.txt", corpus_file("000_a0cd010ce1747f1a.txt"))
            z.writestr("年报/什刹海.txt", corpus_file("002_86514a3b0928ab2f.txt"))
            z.writestr("__MACOSX/._西罗园.txt", b"junk")
            z.writestr("inner.zip", b"PK\x05\x06" + b"\x00" * 18)
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("reports.zip", buf.getvalue(), content_type="application/zip")
        response = self.client.post("/console/imports/", {"files": [upload]})
        self.assertEqual(response.status_code, 302)
        drain()
        batch = ImportItem.objects.get(name="reports.zip").batch
        states = dict(ImportItem.objects.filter(batch=batch).values_list("name", "state"))
        self.assertEqual(states, {"reports.zip": ItemState.UNPACKED, "reports.zip/年报/西罗园.txt": ItemState.STORED,
                                  "reports.zip/年报/什刹海.txt": ItemState.STORED, "reports.zip/inner.zip": ItemState.FAILED})
        page = self.client.get(response["Location"])
        self.assertContains(page, "压缩包中的压缩包")
        progress = self.client.get(f"/console/imports/{batch.pk}/progress.json").json()
        self.assertEqual((progress["total"], progress["done"], progress["finished"]), (4, 4, True))

    def test_a_gbk_named_zip_member_keeps_its_chinese_name(self):
        info = zipfile.ZipInfo("什刹海.txt".encode("gbk").decode("cp437"))
        self.assertEqual(batches._member_name(info), "什刹海.txt")

    def test_wrong_file_types_are_refused_with_their_names(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        self.login(self.supervisor)
        response = self.client.post("/console/imports/", {"files": [SimpleUploadedFile("photo.jpg", b"\xff\xd8")]})
        self.assertContains(response, "不支持的文件类型：photo.jpg")
        self.assertFalse(ImportItem.objects.exists())

    def test_the_console_is_for_supervisors_and_admins_only(self):
        self.login(self.clerk)
        self.assertEqual(self.client.get("/console/imports/").status_code, 403)

    def test_a_decision_in_the_batch_page(self):
        batch = import_files({"001.txt": corpus_file("001_21d8e222a39c5270.txt")}, scope=self.beijing)
        item = ImportItem.objects.get(batch=batch)
        self.login(self.supervisor)
        page = self.client.get(f"/console/imports/{batch.pk}/")
        self.assertContains(page, "老城区西关街道办事处")
        response = self.client.post(f"/console/imports/{batch.pk}/items/{item.pk}/",
                                    {"action": "store", "agency": "西罗园街道办事处", "year": "2022"})
        self.assertEqual(response.status_code, 302)
        item.refresh_from_db()
        self.assertEqual(item.state, ItemState.STORED)
        response = self.client.post(f"/console/imports/{batch.pk}/items/{item.pk}/", {"action": "skip"}, follow=True)
        self.assertContains(response, "无需处理")
