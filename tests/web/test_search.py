"""The request search: what it finds, its order and paging, and on PostgreSQL the trigram indexes it uses."""

from __future__ import annotations

import unittest
from datetime import date
from unittest import mock

from django.db import connection
from django.test import TestCase

from gongkai.web.models import Request
from gongkai.web.services import search
from gongkai.web.views import requests as list_views

from .factory import PASSWORD, make_office, register

INDEXES = ("req_search_number_trgm", "req_search_applicant_trgm", "req_search_items_trgm")


class SearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.agency, cls.clerk, _ = make_office("测试机关")
        a, c = cls.agency, cls.clerk
        cls.a = register(a, c, date(2025, 3, 3), applicant_name="张三丰", items="Road Map of 人民路")
        cls.b = register(a, c, date(2025, 5, 6), applicant_name="李四", items="某项目环评批复")
        cls.c = register(a, c, date(2025, 4, 1), applicant_name="王五", items="人民路拓宽工程规划许可")
        cls.d = register(a, c, date(2025, 4, 1), applicant_name="赵六", items="人民路改造")
        other, other_clerk, _ = make_office("无关机关")
        register(other, other_clerk, date(2025, 4, 2), applicant_name="张三丰", items="人民路")

    def found(self, words: str) -> list[int]:
        return list(search.matching(Request.objects.filter(agency=self.agency), words).values_list("pk", flat=True))

    def test_matches_number_applicant_and_content_case_insensitively(self):
        self.assertEqual(self.found("三丰"), [self.a.pk])
        self.assertEqual(self.found("环评"), [self.b.pk])
        self.assertEqual(self.found(self.c.number), [self.c.pk])
        self.assertEqual(self.found("road map"), [self.a.pk])
        self.assertEqual(self.found("  "), [self.b.pk, self.d.pk, self.c.pk, self.a.pk])  # no words: everything
        self.assertEqual(self.found("100%_"), [])  # LIKE wildcards are plain characters

    def test_ordered_ids_keeps_the_list_order_or_gives_up_above_the_limit(self):
        qs = search.matching(Request.objects.filter(agency=self.agency), "人民路")
        self.assertEqual(search.ordered_ids(qs, 10), [self.d.pk, self.c.pk, self.a.pk])  # -received, -id
        self.assertEqual(search.ordered_ids(qs.order_by("received", "-id"), 10), [self.a.pk, self.d.pk, self.c.pk])
        self.assertIsNone(search.ordered_ids(qs, 2))

    def test_list_page_pages_the_matches_in_order(self):
        self.assertTrue(self.client.login(username=self.clerk.username, password=PASSWORD))
        with mock.patch.object(list_views, "PAGE_SIZE", 2):
            first = self.client.get("/requests/", {"q": "人民路"})
            second = self.client.get("/requests/", {"q": "人民路", "page": "2"})
        self.assertEqual([r.pk for r in first.context["page"]], [self.d.pk, self.c.pk])
        self.assertEqual([r.pk for r in second.context["page"]], [self.a.pk])
        self.assertContains(first, "共2页（3件）")
        with mock.patch.object(list_views, "COUNT_CAP", 2):  # more matches than the cap: the list as before
            capped = self.client.get("/requests/", {"q": "人民路"})
        self.assertEqual([r.pk for r in capped.context["page"]], [self.d.pk, self.c.pk, self.a.pk])
        self.assertContains(capped, "超过2件")

    @unittest.skipUnless(connection.vendor == "sqlite", "SQLite only")
    def test_no_trigram_indexes_on_sqlite(self):
        with connection.cursor() as cur:
            cur.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'req_search%'")
            self.assertEqual(cur.fetchall(), [])

    @unittest.skipUnless(connection.vendor == "postgresql", "PostgreSQL only")
    def test_postgresql_search_uses_the_trigram_indexes(self):
        with connection.cursor() as cur:
            cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'req_search%%'")
            defs = dict(cur.fetchall())
            self.assertEqual(sorted(defs), sorted(INDEXES))
            for name, sql in defs.items():
                self.assertIn("gin_trgm_ops", sql, name)
                self.assertIn("upper(", sql, name)
            # A table this small is read whole or through another index unless the planner is told not to.
            cur.execute("SET LOCAL enable_seqscan = off")
            cur.execute("SET LOCAL enable_indexscan = off")
            plan = search.matching(Request.objects.all(), "人民路拓宽").order_by().explain()
        for name in INDEXES:
            self.assertIn(f"Bitmap Index Scan on {name}", plan)
