"""Counting tables 三 and 四 of the annual report from register records."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai import template
from gongkai.writers.identities import identities
from gongkai.register import (
    CaseRecord,
    RegisterCounts,
    RegisterError,
    RequestRecord,
    compile_report,
    count_cases,
    count_requests,
    monthly,
)

D = date
APPLICANTS = template.T3_APPLICANT_COLUMNS
OUTCOMES = template.t3_outcome_keys("2021")

REQUESTS = [
    # carried over from 2024, answered in 2025
    RequestRecord("2024-031", "natural_person", D(2024, 12, 20), D(2025, 1, 10), "granted"),
    # carried over from 2024, still open at the end of 2025
    RequestRecord("2024-032", "commercial", D(2024, 12, 28)),
    # answered in 2024: not in the 2025 report at all
    RequestRecord("2024-020", "natural_person", D(2024, 11, 1), D(2024, 11, 20), "granted"),
    # new in 2025 and answered in 2025
    RequestRecord("2025-001", "natural_person", D(2025, 1, 6), D(2025, 1, 24), "granted"),
    RequestRecord("2025-002", "natural_person", D(2025, 2, 10), D(2025, 3, 3), "partial"),
    RequestRecord("2025-003", "commercial", D(2025, 3, 1), D(2025, 3, 20), "withheld.third_party"),
    RequestRecord("2025-004", "legal_service", D(2025, 4, 2), D(2025, 4, 30), "unable.not_held"),
    RequestRecord("2025-005", "natural_person", D(2025, 5, 8), D(2025, 6, 1), "other.no_correction"),
    RequestRecord("2025-006", "research", D(2025, 6, 3), D(2025, 7, 15), "rejected.repeated"),
    RequestRecord("2025-007", "natural_person", D(2025, 9, 1), D(2025, 9, 30), "other.unpaid_fee"),
    # new in 2025, answered on 31 December (counted) and on 2 January (carried forward)
    RequestRecord("2025-008", "social_welfare", D(2025, 12, 1), D(2025, 12, 31), "granted"),
    RequestRecord("2025-009", "other_org", D(2025, 12, 15), D(2026, 1, 2), "granted"),
    RequestRecord("2025-010", "natural_person", D(2025, 12, 31)),
    # received in 2026: not counted
    RequestRecord("2026-001", "natural_person", D(2026, 1, 2)),
]

CASES = [
    CaseRecord("review", D(2025, 2, 1), D(2025, 4, 1), "upheld"),
    CaseRecord("review", D(2025, 3, 1), D(2025, 5, 1), "corrected"),
    CaseRecord("review", D(2025, 11, 1), D(2026, 1, 15), "upheld"),  # decided after 31 Dec: pending
    CaseRecord("review", D(2024, 11, 1), D(2025, 2, 1), "other"),  # filed in 2024: not counted
    CaseRecord("litigation_direct", D(2025, 6, 1), D(2025, 10, 1), "other"),
    CaseRecord("litigation_direct", D(2025, 12, 1)),
    CaseRecord("litigation_after_review", D(2025, 7, 1), D(2025, 12, 31), "upheld"),
    CaseRecord("litigation_after_review", D(2025, 8, 1), D(2025, 9, 1), "upheld", co_defendant=True),
]


def row(natural_person=0, commercial=0, research=0, social_welfare=0, legal_service=0, other_org=0):
    cells = dict(
        natural_person=natural_person,
        commercial=commercial,
        research=research,
        social_welfare=social_welfare,
        legal_service=legal_service,
        other_org=other_org,
    )
    return {**cells, "total": sum(cells.values())}


def t4(upheld=0, corrected=0, other=0, pending=0):
    return dict(upheld=upheld, corrected=corrected, other=other, pending=pending, total=upheld + corrected + other + pending)


def test_known_register_compiles_to_the_expected_tables():
    counts = count_cases(CASES, 2025, count_requests(REQUESTS, 2025))
    report = compile_report(2025, "某市某局", counts)
    expected_t3 = {key: row() for key in (r.key for r in template.t3_rows("2021"))}
    expected_t3.update(
        new=row(natural_person=5, commercial=1, research=1, social_welfare=1, legal_service=1, other_org=1),
        carried_over=row(natural_person=1, commercial=1),
        granted=row(natural_person=2, social_welfare=1),
        partial=row(natural_person=1),
        **{
            "withheld.third_party": row(commercial=1),
            "unable.not_held": row(legal_service=1),
            "rejected.repeated": row(research=1),
            "other.no_correction": row(natural_person=1),
            "other.unpaid_fee": row(natural_person=1),
        },
        total=row(natural_person=5, commercial=1, research=1, social_welfare=1, legal_service=1),
        carry_forward=row(natural_person=1, commercial=1, other_org=1),
    )
    assert report.t3 == expected_t3
    assert list(report.t3) == [r.key for r in template.t3_rows("2021")]
    assert report.t4 == {
        "review": t4(upheld=1, corrected=1, pending=1),
        "litigation_direct": t4(other=1, pending=1),
        "litigation_after_review": t4(upheld=1),
    }
    assert (report.agency, report.year, report.vintage, report.t2, report.sections) == ("某市某局", 2025, "2021", {}, {})


def test_the_2019_format_folds_other_outcomes():
    report = compile_report(2025, "某局", count_requests(REQUESTS, 2025), vintage="2019")
    assert report.t3["other"] == row(natural_person=2)
    assert list(report.t3) == [r.key for r in template.t3_rows("2019")]


def test_monthly():
    dec = monthly(REQUESTS, 2025, 12)
    # Open on 1 December: 2024-032 only. New: 2025-008, -009, -010. Closed in December: 2025-008.
    assert dec.carried_over == {"commercial": 1}
    assert dec.new == {"social_welfare": 1, "other_org": 1, "natural_person": 1}
    assert dec.outcomes == {("granted", "social_welfare"): 1}
    assert dec.carry_forward == {"commercial": 1, "other_org": 1, "natural_person": 1}
    jan = monthly(REQUESTS, 2025, 1)
    assert jan.carried_over == {"natural_person": 1, "commercial": 1}
    assert jan.outcomes == {("granted", "natural_person"): 2}
    with pytest.raises(RegisterError, match="月份应为1至12"):
        monthly(REQUESTS, 2025, 13)


def test_counts_from_group_by_rows_compile_the_same():
    counts = count_cases(CASES, 2025, count_requests(REQUESTS, 2025))
    rows = RegisterCounts.from_rows(
        new=list(counts.new.items()),
        carried_over=list(counts.carried_over.items()),
        outcomes=[(r, a, n) for (r, a), n in counts.outcomes.items()],
        carry_forward=list(counts.carry_forward.items()),
        cases=[(g, c, n) for (g, c), n in counts.cases.items()],
    )
    assert compile_report(2025, "x", rows) == compile_report(2025, "x", counts)


def test_t2_and_sections_pass_through():
    report = compile_report(2025, "x", RegisterCounts(), t2={"rules": {"issued": 1}}, sections={"overview": "概述"})
    assert report.t2 == {"rules": {"issued": 1}} and report.sections == {"overview": "概述"}
    assert report.t3["total"] == row() and report.t4["review"] == t4()


@pytest.mark.parametrize(
    "counts, message",
    [
        (RegisterCounts.from_rows(new=[("alien", 1)]), "未知的行或列"),
        (RegisterCounts.from_rows(outcomes=[("granted", "nobody", 1)]), "未知的行或列"),
        (RegisterCounts.from_rows(outcomes=[("total", "natural_person", 1)]), "未知的行或列"),
        (RegisterCounts.from_rows(cases=[("review", "total", 1)]), "未知的行或列"),
        (RegisterCounts.from_rows(new=[("natural_person", -1)]), "非负整数"),
    ],
)
def test_bad_counts_are_refused(counts, message):
    with pytest.raises(RegisterError, match=message):
        compile_report(2025, "x", counts)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: RequestRecord("1", "alien", D(2025, 1, 1)), "未知的申请人类型"),
        (lambda: RequestRecord("1", "natural_person", D(2025, 1, 1), D(2025, 1, 5), "maybe"), "未知的办理结果"),
        (lambda: RequestRecord("1", "natural_person", D(2025, 1, 1), D(2025, 1, 5)), "应同时填写"),
        (lambda: RequestRecord("1", "natural_person", D(2025, 1, 5), D(2025, 1, 1), "granted"), "早于收到日期"),
        (lambda: CaseRecord("appeal", D(2025, 1, 1)), "未知的案件类型"),
        (lambda: CaseRecord("review", D(2025, 1, 1), D(2025, 2, 1)), "应同时填写"),
        (lambda: CaseRecord("review", D(2025, 1, 1), D(2025, 2, 1), "pending"), "未知的审理结果"),
    ],
)
def test_bad_records_are_refused(make, message):
    with pytest.raises(RegisterError, match=message):
        make()


# --- any history compiles to a consistent report ------------------------------------------


@st.composite
def request_records(draw):
    received = draw(st.dates(D(2023, 1, 1), D(2026, 12, 31)))
    answered = draw(st.one_of(st.none(), st.integers(0, 500).map(lambda n: received + timedelta(days=n))))
    outcome = draw(st.sampled_from(OUTCOMES)) if answered else None
    return RequestRecord(draw(st.text(max_size=3)), draw(st.sampled_from(APPLICANTS)), received, answered, outcome)


@st.composite
def case_records(draw):
    filed = draw(st.dates(D(2024, 1, 1), D(2026, 12, 31)))
    closed = draw(st.one_of(st.none(), st.integers(0, 400).map(lambda n: filed + timedelta(days=n))))
    result = draw(st.sampled_from(("upheld", "corrected", "other"))) if closed else None
    return CaseRecord(draw(st.sampled_from(template.T4_GROUP_KEYS)), filed, closed, result, draw(st.booleans()))


def assert_identities(report):
    """Every identity of the template holds, and the checks find no arithmetic error."""
    assert [i.text for i in identities(report) if i.holds is not True] == []
    for key, cells in report.t3.items():
        assert all(isinstance(v, int) and v >= 0 for v in cells.values())
    try:
        from gongkai.checks import check
    except ImportError:
        return
    errors = [
        f for f in check(report) if f.severity == "error" and (f.code.startswith("T3_") or f.code.startswith("T4_"))
    ]
    assert errors == []


@settings(max_examples=150, deadline=None)
@given(
    st.lists(request_records(), max_size=40),
    st.lists(case_records(), max_size=15),
    st.integers(2023, 2026),
    st.sampled_from(template.VINTAGES),
)
def test_any_history_compiles_to_a_consistent_report(requests, cases, year, vintage):
    counts = count_cases(cases, year, count_requests(requests, year))
    report = compile_report(year, "某局", counts, vintage=vintage)
    assert_identities(report)
    assert sum(c["total"] for c in report.t4.values()) == sum(
        1 for c in cases if c.filed.year == year and not c.co_defendant
    )


@settings(max_examples=100, deadline=None)
@given(st.lists(request_records(), max_size=40), st.integers(2023, 2026))
def test_this_years_carry_forward_is_next_years_carried_over(requests, year):
    assert count_requests(requests, year).carry_forward == count_requests(requests, year + 1).carried_over


@settings(max_examples=100, deadline=None)
@given(st.lists(request_records(), max_size=40), st.integers(2023, 2026))
def test_months_add_up_to_the_year(requests, year):
    months = [monthly(requests, year, m) for m in range(1, 13)]
    whole = count_requests(requests, year)
    assert sum((m.new for m in months), start=type(whole.new)()) == whole.new
    assert sum((m.outcomes for m in months), start=type(whole.outcomes)()) == whole.outcomes
    assert months[0].carried_over == whole.carried_over
    assert months[-1].carry_forward == whole.carry_forward
