"""Tables 三 and 四 counted from the register: a known register gives exactly the known tables."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.test import TestCase

from gongkai import template
from gongkai.register import RequestRecord, count_period
from gongkai.web.models import Request
from gongkai.web.services import compiling, office
from gongkai.web.services import requests as svc

from .factory import make_office, register

ZERO_T3 = {k: 0 for k in template.T3_COLUMN_KEYS}


def row(**cells):
    out = dict(ZERO_T3, **cells)
    out["total"] = sum(v for k, v in out.items() if k != "total")
    return out


class KnownRegisterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.agency, cls.clerk, cls.head = make_office()
        a, c = cls.agency, cls.clerk

        def answer(req, on, outcome):
            svc.add_event(req, c, "answered", on, outcome=outcome, legal_basis="《政府信息公开条例》")

        answer(register(a, c, date(2024, 12, 20)), date(2025, 1, 10), "granted")  # carried over
        answer(register(a, c, date(2024, 12, 2), "commercial"), date(2024, 12, 20), "granted")  # closed before
        answer(register(a, c, date(2025, 3, 3)), date(2025, 3, 20), "partial")
        answer(register(a, c, date(2025, 5, 6), "legal_service"), date(2025, 5, 20), "withheld.third_party")
        register(a, c, date(2025, 12, 15), "research")  # still open: carried forward
        answer(register(a, c, date(2025, 12, 1)), date(2026, 1, 5), "unable.not_held")  # answered next year
        lapsed = register(a, c, date(2025, 6, 2))
        svc.add_event(lapsed, c, "correction_requested", date(2025, 6, 4))
        svc.add_event(lapsed, c, "correction_lapsed", date(2025, 6, 30))
        other, other_clerk, _ = make_office("其他机关")
        register(other, other_clerk, date(2025, 4, 1))  # another agency's: never counted here

        def case(kind, filed, closed=None, result="pending", co_defendant=False):
            office.save_case(a, c, kind=kind, filed=filed, closed=closed, result=result, co_defendant=co_defendant)

        case("review", date(2025, 4, 1), date(2025, 6, 1), "upheld")
        case("review", date(2025, 11, 3), date(2026, 2, 1), "corrected")  # decided after 31 Dec: pending
        case("litigation_direct", date(2024, 10, 8), date(2025, 3, 1), "corrected")  # filed last year
        case("litigation_after_review", date(2025, 7, 1))
        case("litigation_after_review", date(2025, 8, 1), date(2025, 9, 1), "upheld", co_defendant=True)

    def test_table_three(self):
        report = compiling.compile_year(self.agency, 2025)
        expected = {key: dict(ZERO_T3) for key in (r.key for r in template.t3_rows("2021"))}
        expected.update({
            "new": row(natural_person=3, legal_service=1, research=1),
            "carried_over": row(natural_person=1),
            "granted": row(natural_person=1),
            "partial": row(natural_person=1),
            "withheld.third_party": row(legal_service=1),
            "other.no_correction": row(natural_person=1),
            "total": row(natural_person=3, legal_service=1),
            "carry_forward": row(natural_person=1, research=1),
        })
        self.assertEqual(report.t3, expected)
        self.assertEqual(list(report.t3), [r.key for r in template.t3_rows("2021")])

    def test_table_four(self):
        t4 = compiling.compile_year(self.agency, 2025).t4
        self.assertEqual(t4["review"], {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2})
        self.assertEqual(t4["litigation_direct"], {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0})
        self.assertEqual(t4["litigation_after_review"], {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1})

    def test_next_year_continues_from_this_one(self):
        this, nxt = compiling.compile_year(self.agency, 2025), compiling.compile_year(self.agency, 2026)
        self.assertEqual(nxt.t3["carried_over"], this.t3["carry_forward"])
        self.assertEqual(nxt.t3["unable.not_held"], row(natural_person=1))

    def test_month(self):
        june = compiling.monthly(self.agency, 2025, 6)
        self.assertEqual(june.t3["new"], row(natural_person=1))
        self.assertEqual(june.t3["other.no_correction"], row(natural_person=1))
        self.assertEqual(june.t3["carry_forward"], row())

    def test_figures_and_sections_go_into_the_report(self):
        office.save_figures(self.agency, self.clerk, 2024, {"normative": {"issued": 2, "repealed": 0, "in_force": 30}})
        office.save_figures(self.agency, self.clerk, 2025, {"normative": {"issued": 5, "repealed": 1, "in_force": None},
                                                             "fees": {"amount": "1.2500"}})
        self.assertEqual(office.proposed_in_force(self.agency, 2025), {"normative": 34})
        office.save_sections(self.agency, self.clerk, 2025, {"overview": "概述", "problems": "问题", "other": ""})
        report = compiling.compile_year(self.agency, 2025)
        self.assertEqual(report.t2["normative"]["issued"], 5)
        self.assertEqual(str(report.t2["fees"]["amount"]), "1.2500")
        self.assertEqual(report.sections, {"overview": "概述", "problems": "问题",
                                           "other": "2025年度，本机关未发出信息处理费收费通知，未收取信息处理费。"})


class SqlMatchesLibraryTests(TestCase):
    """The GROUP BY queries count exactly what the library's `count_period` counts."""

    def test_random_register(self):
        agency, clerk, _ = make_office()
        rng = random.Random(4)
        outcomes = template.t3_outcome_keys("2021")
        rows = []
        for i in range(400):
            received = date(2023, 1, 1) + timedelta(days=rng.randrange(1300))
            answered = received + timedelta(days=rng.randrange(90)) if rng.random() < 0.85 else None
            rows.append(Request(
                agency=agency, number=f"R{i}", applicant_kind=rng.choice(template.T3_APPLICANT_COLUMNS),
                applicant_name="x", channel="online", received=received, items="x",
                answered=answered, outcome=rng.choice(outcomes) if answered else "",
                status="answered" if answered else "in_progress",
            ))
        Request.objects.bulk_create(rows)
        records = [RequestRecord(r.number, r.applicant_kind, r.received, r.answered, r.outcome or None) for r in rows]
        for first, last in ((date(2024, 1, 1), date(2024, 12, 31)), (date(2025, 1, 1), date(2025, 12, 31)),
                            (date(2025, 2, 1), date(2025, 2, 28)), (date(2026, 1, 1), date(2026, 12, 31))):
            with self.subTest(first=first):
                sql = compiling.period_counts([agency.pk], first, last)
                lib = count_period(records, first, last)
                for name in ("new", "carried_over", "outcomes", "carry_forward"):
                    self.assertEqual(+getattr(sql, name), +getattr(lib, name), name)
