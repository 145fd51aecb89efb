"""The calendar in the register: provisional years marked everywhere, notices checked, previewed and imported."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.test import TestCase

from gongkai.cli import main
from gongkai.web.models import AuditEntry, CalendarYear
from gongkai.web.services import calendar as cal
from gongkai.web.services import clock
from gongkai.workdays import load_calendar, to_notice

from .factory import make_office, make_user, register

NOTICES = Path(__file__).resolve().parent.parent / "data" / "notices"
# Not the State Council's text: a 2027 notice made up for these tests along the 放假办法 and the
# bridging principles announced with the 2025 notice (春节 from 除夕 for 8 days, 国庆节 7 days).
NOTICE_2027 = (NOTICES / "2027-made-up.txt").read_text("utf-8")
PROVISIONAL = "2027年节假日安排尚未导入，按《全国年节及纪念日放假办法》推算，未含调休"


class CalendarTests(TestCase):
    def setUp(self):
        cal.seed()
        self.agency, self.clerk, _ = make_office()
        self.admin = make_user("admin", self.agency, "admin")

    def test_seeded_from_the_bundled_table(self):
        self.assertEqual(set(CalendarYear.objects.values_list("year", flat=True)), load_calendar().years)
        row = CalendarYear.objects.get(year=2025)
        self.assertEqual(row.holidays["2025-10-01"][:2], "国庆")
        self.assertIn("2025-09-28", row.workdays)

    def test_a_year_without_a_notice_is_provisional_until_imported(self):
        CalendarYear.objects.filter(year=2026).delete()
        req = register(self.agency, self.clerk, date(2025, 12, 10))
        self.assertEqual(req.deadline_problem, "")
        self.assertEqual(req.answer_due, date(2026, 1, 8))  # 2026-01-01 (元旦) by the law alone
        self.assertEqual(req.answer_due_provisional, "2026")
        data, entry = cal.import_notice(to_notice(load_calendar().year_data(2026)), self.admin, source="2026.txt")
        self.assertEqual(data.year, 2026)
        req.refresh_from_db()
        self.assertEqual(req.answer_due_provisional, "")
        self.assertEqual(req.answer_due, load_calendar().add_workdays(date(2025, 12, 10), 20))
        self.assertEqual(entry.detail["changes"], [{
            "id": req.pk, "number": req.number, "before": "2026-01-08", "before_provisional": "2026",
            "after": str(req.answer_due), "after_provisional": ""}])

    def test_marking_a_day_moves_open_deadlines(self):
        req = register(self.agency, self.clerk, date(2025, 3, 3))
        self.assertEqual(req.answer_due, date(2025, 3, 31))
        entry = cal.set_day(date(2025, 3, 14), "holiday", "临时放假", self.admin)
        req.refresh_from_db()
        self.assertEqual(req.answer_due, date(2025, 4, 1))
        self.assertEqual([c["after"] for c in entry.detail["changes"]], ["2025-04-01"])
        self.assertTrue(CalendarYear.objects.get(year=2025).source.startswith("管理员修改"))

    def _two_requests(self):
        with clock.fixed(date(2027, 1, 15)):
            december = register(self.agency, self.clerk, date(2026, 12, 10))
            january = register(self.agency, self.clerk, date(2027, 1, 8))
        return december, january

    def test_provisional_deadlines_and_what_the_notice_moves(self):
        december, january = self._two_requests()
        self.assertEqual((december.answer_due, december.answer_due_provisional), (date(2027, 1, 8), "2027"))
        self.assertEqual((january.answer_due, january.answer_due_provisional), (date(2027, 2, 11), "2027"))
        preview = cal.preview_notice(NOTICE_2027)
        self.assertFalse(CalendarYear.objects.filter(year=2027).exists())  # a preview saves nothing
        self.assertEqual(preview.replaces, "暂定")
        moved = {(c.number, c.before, c.after, c.after_provisional) for c in preview.deadlines}
        self.assertEqual(moved, {(december.number, date(2027, 1, 8), date(2027, 1, 8), ""),
                                 (january.number, date(2027, 2, 11), date(2027, 2, 14), "")})
        days = {c.day: (c.before, c.after) for c in preview.days}
        self.assertEqual(days[date(2027, 2, 11)], ("工作日（暂定）", "放假（春节）"))
        self.assertEqual(days[date(2027, 2, 14)], ("休息日（暂定）", "上班（春节调休）"))
        data, entry = cal.import_notice(NOTICE_2027, self.admin, expected_year=2027)
        january.refresh_from_db()
        self.assertEqual((january.answer_due, january.answer_due_provisional), (date(2027, 2, 14), ""))
        self.assertEqual(len(entry.detail["changes"]), 2)
        self.assertEqual(AuditEntry.objects.filter(action="calendar.import").count(), 1)

    def test_events_are_recorded_normally_on_provisional_dates(self):
        from gongkai.web.services import requests as svc

        head = make_user("head2", self.agency, "head")
        with clock.fixed(date(2027, 1, 20)):
            req = register(self.agency, self.clerk, date(2026, 12, 28))
            svc.add_event(req, self.clerk, "consultation_started", date(2027, 1, 4))
            svc.add_event(req, self.clerk, "consultation_ended", date(2027, 1, 11))
            svc.add_event(req, head, "extension_approved", date(2027, 1, 12), days=10)
        req.refresh_from_db()
        self.assertEqual(req.deadline_problem, "")
        self.assertEqual(req.answer_due_provisional, "2027")
        self.assertIsNotNone(req.answer_due)

    # --- the pages ------------------------------------------------------------------------

    def test_pages_mark_provisional_dates(self):
        december, _ = self._two_requests()
        self.client.force_login(self.clerk)
        with clock.fixed(date(2027, 1, 15)):
            detail = self.client.get(f"/requests/{december.pk}/").content.decode()
            listing = self.client.get("/requests/?view=open").content.decode()
            home = self.client.get("/").content.decode()
        self.assertIn(f'2027-01-08 <b class="provisional" title="{PROVISIONAL}">暂定</b>', detail)
        self.assertIn(f'<b class="provisional" title="{PROVISIONAL}">暂定</b>', listing)
        self.assertIn("有2件办理中申请的答复期限为", home)
        self.assertIn("2027年的节假日安排通知尚未导入", home)
        page = self.client.get("/calendar/2027/").content.decode()
        self.assertIn("2027-02-09 春节补假", page)

    def test_import_is_previewed_then_confirmed(self):
        self._two_requests()
        self.client.force_login(self.admin)
        preview = self.client.post("/calendar/import/", {"text": NOTICE_2027})
        self.assertEqual(preview.status_code, 200)
        self.assertContains(preview, "核对无误")
        self.assertContains(preview, "2027-02-14")
        self.assertFalse(CalendarYear.objects.filter(year=2027).exists())
        done = self.client.post("/calendar/import/", {"text": NOTICE_2027, "confirm": "1"})
        entry = AuditEntry.objects.get(action="calendar.import")
        self.assertRedirects(done, f"/calendar/changes/{entry.pk}/")
        result = self.client.get(f"/calendar/changes/{entry.pk}/")
        self.assertContains(result, "答复期限变化的申请（2件）")
        self.assertTrue(CalendarYear.objects.filter(year=2027).exists())

    def test_bad_notices_are_refused_and_nothing_is_saved(self):
        self.client.force_login(self.admin)
        cases = [
            ({"text": ""}, "请粘贴或上传节假日安排通知"),
            ({"text": NOTICE_2027.replace("（周五）至3日", "（周四）至3日"), "confirm": "1"}, "1月1日是周五，通知写“周四”"),
            ({"text": NOTICE_2027, "year": "2028", "confirm": "1"}, "这是2027年的节假日安排，不是2028年的"),
            ({"file": io.BytesIO(b""), "confirm": "1"}, "空文件"),
            ({"file": io.BytesIO(bytes(range(256)) * 64), "confirm": "1"}, "不是文本文件"),
            ({"text": "年" * (3 * 1024 * 1024), "confirm": "1"}, "提交的内容过大"),
            ({"text": "2027-13-01 holiday 元旦", "confirm": "1"}, "日期格式有误"),
        ]
        for data, message in cases:
            if "file" in data:
                data["file"].name = "notice.txt"
            with self.subTest(message=message):
                response = self.client.post("/calendar/import/", data)
                self.assertContains(response, message, status_code=400)
        self.assertFalse(CalendarYear.objects.filter(year__in=(2027, 2028)).exists())
        self.assertFalse(AuditEntry.objects.filter(action="calendar.import").exists())

    def test_only_an_administrator_imports(self):
        self.client.force_login(self.clerk)
        self.assertEqual(self.client.post("/calendar/import/", {"text": NOTICE_2027, "confirm": "1"}).status_code, 403)
        self.assertFalse(CalendarYear.objects.filter(year=2027).exists())


class CommandLineCalendarTests(TestCase):
    """`gongkai deadline` and `gongkai calendar` count on the register's calendar when one is named."""

    @pytest.fixture(autouse=True)
    def _io(self, capsys, monkeypatch, tmp_path):
        self.capsys = capsys
        monkeypatch.setenv("DATABASE_URL", "sqlite:///the-register-under-test")  # names a register
        self.tmp = tmp_path

    def setUp(self):
        cal.seed()

    def test_deadline_uses_the_register_and_drops_provisional_after_import(self):
        self.assertEqual(main(["deadline", "2026-12-10", "--working-days", "20"]), 0)
        self.assertEqual(self.capsys.readouterr().out, f"2027-01-08 暂定：{PROVISIONAL}\n")
        path = self.tmp / "2027.txt"
        path.write_text(NOTICE_2027, encoding="utf-8")
        self.assertEqual(main(["calendar", "import", str(path), "--dry-run"]), 0)
        self.assertIn("（仅预览，未保存）", self.capsys.readouterr().out)
        self.assertFalse(CalendarYear.objects.filter(year=2027).exists())
        self.assertEqual(main(["calendar", "import", str(path)]), 0)
        self.assertIn("已导入2027年节假日安排", self.capsys.readouterr().out)
        self.assertEqual(main(["deadline", "2026-12-10", "--working-days", "20"]), 0)
        self.assertEqual(self.capsys.readouterr().out, "2027-01-08\n")
        self.assertEqual(main(["calendar", "show", "2027"]), 0)
        shown = self.capsys.readouterr().out
        self.assertTrue(shown.startswith("# 2027年工作日历（已导入，登记数据库）"))
        self.assertIn("2027-02-14 workday 春节调休", shown)

    def test_show_a_provisional_year(self):
        self.assertEqual(main(["calendar", "show", "2028"]), 0)
        shown = self.capsys.readouterr().out
        self.assertTrue(shown.startswith("# 2028年工作日历（暂定）：2028年节假日安排尚未导入"))
        self.assertIn("year 2028\n2028-01-01 holiday 元旦\n", shown)

    def test_bad_files_one_line_each_and_nothing_saved(self):
        damaged = self.tmp / "damaged.txt"
        damaged.write_text(NOTICE_2027.replace("共8天", "共9天"), encoding="utf-8")
        empty = self.tmp / "empty.txt"
        empty.write_bytes(b"")
        for argv, message in [
            ([str(damaged)], "第5行（二、春节）：2月5日至2月12日共8天，通知写“共9天”"),
            ([str(empty)], "empty.txt：文件为空"),
            ([str(self.tmp / "missing.txt")], "无法读取文件"),
            ([str(self.tmp)], "不是普通文件"),
            ([str(damaged).replace("damaged", "x"), "--year", "2027"], "无法读取文件"),
        ]:
            with self.subTest(message=message):
                self.assertEqual(main(["calendar", "import", *argv]), 2)
                self.assertIn(message, self.capsys.readouterr().err)
        self.assertFalse(CalendarYear.objects.filter(year=2027).exists())
