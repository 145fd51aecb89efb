"""The calendar is data: a missing year is an explicit problem, and every change recomputes open requests."""

from __future__ import annotations

from datetime import date

from django.test import TestCase

from gongkai.web.models import CalendarYear
from gongkai.web.services import calendar as cal
from gongkai.workdays import load_calendar, to_notice

from .factory import make_office, make_user, register


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

    def test_missing_year_then_import(self):
        CalendarYear.objects.filter(year=2026).delete()
        req = register(self.agency, self.clerk, date(2025, 12, 10))
        self.assertIsNone(req.answer_due)
        self.assertIn("2026", req.deadline_problem)
        data, moved = cal.import_notice(to_notice(load_calendar().year_data(2026)), self.admin, source="2026.txt")
        self.assertEqual((data.year, moved), (2026, 1))
        req.refresh_from_db()
        self.assertEqual(req.deadline_problem, "")
        self.assertEqual(req.answer_due, load_calendar().add_workdays(date(2025, 12, 10), 20))

    def test_marking_a_day_moves_open_deadlines(self):
        req = register(self.agency, self.clerk, date(2025, 3, 3))
        self.assertEqual(req.answer_due, date(2025, 3, 31))
        cal.set_day(date(2025, 3, 14), "holiday", "临时放假", self.admin)
        req.refresh_from_db()
        self.assertEqual(req.answer_due, date(2025, 4, 1))
        self.assertTrue(CalendarYear.objects.get(year=2025).source.startswith("管理员修改"))

    def test_import_page_shows_errors_in_chinese(self):
        self.client.force_login(self.admin)
        response = self.client.post("/calendar/import/", {"text": "2027-13-01 holiday 元旦"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "日期格式有误", status_code=400)
        response = self.client.post("/calendar/import/", {"text": "year 2031\n2031-01-01 holiday 元旦\n"})
        self.assertRedirects(response, "/calendar/2031/")
