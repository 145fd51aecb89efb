"""The supervisor's rules as a library: coverage cells, indicators, corrections, comparison, a region's sums."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from gongkai import template
from gongkai.supervision import comparison, corrections, coverage, indicators, region

from .families import make_report

TODAY = date(2025, 6, 30)


def test_coverage_cells():
    assert coverage.cell("township", "某街道办事处", 2024, TODAY).status == coverage.MISSING
    assert coverage.cell("township", "某街道办事处", 2025, TODAY).status == coverage.NOT_DUE
    late = coverage.cell("county", "某区人民政府", 2024, TODAY, 1, date(2025, 4, 3))
    assert (late.status, late.late_days, late.on_time) == (coverage.LATE, 3, 0)
    assert coverage.cell("county", "某区人民政府", 2024, TODAY, 1, date(2025, 3, 31)).status == coverage.ON_TIME
    undated = coverage.cell("department", "某局", 2024, TODAY, 1, None)
    assert (undated.status, undated.on_time) == (coverage.UNDATED, 0)
    assert coverage.cell("township", "某街道办事处", 2025, TODAY).on_time is None


def test_indicators_are_ratios_of_sums_and_unknown_is_left_out():
    rate = indicators.BY_KEY["granted_rate"]
    assert indicators.aggregate(rate, [{"granted": 1, "outcomes": 4}, {"granted": 3, "outcomes": 4}]) == Decimal("50.0")
    assert indicators.aggregate(rate, [{"granted": 1, "outcomes": 4}, {"granted": None, "outcomes": 100}]) == Decimal("25.0")
    assert indicators.value(rate, {"granted": 0, "outcomes": 0}) is None  # no denominator: no rate, not 0
    requests = indicators.BY_KEY["requests"]
    assert indicators.aggregate(requests, [{"new": 3}, {"new": 4}, {}]) == Decimal("3.5")
    fees = indicators.BY_KEY["fees"]
    assert indicators.aggregate(fees, [{"fees": "1.2345"}, {"fees": "0.0001"}]) == Decimal("0.6173")


def test_ranks_are_shared_by_equal_values_and_lower_is_better_where_it_is():
    rows = [("a", Decimal(5)), ("b", Decimal(7)), ("c", None), ("d", Decimal(5))]
    assert indicators.ranked(indicators.BY_KEY["granted_rate"], rows) == [
        (1, "b", Decimal(7)), (2, "a", Decimal(5)), (2, "d", Decimal(5)), (None, "c", None)]
    assert [r[:2] for r in indicators.ranked(indicators.BY_KEY["errors"], rows)][:3] == [(1, "a"), (1, "d"), (3, "b")]


@given(st.integers(0, 2**32 - 1))
def test_basis_of_any_consistent_report(seed):
    report = make_report(random.Random(seed), "2021")
    b = indicators.basis(report)
    assert b["outcomes"] == report.t3["total"]["total"]
    assert b["withheld"] == sum(report.t3[k]["total"] for k in report.t3 if k.startswith("withheld."))
    assert b["review_concluded"] == report.t4["review"]["total"] - report.t4["review"]["pending"]
    rate = indicators.value(indicators.BY_KEY["granted_rate"], b)
    assert rate is None or Decimal(0) <= rate <= Decimal(100)


def test_a_correction_is_typed_and_labelled_by_the_template():
    record = make_report(random.Random(1), "2021").record()
    read = record["t3"]["granted"]["natural_person"]
    label, old, new, out = corrections.apply(record, "t3.granted.natural_person", str(read + 1))
    assert (label, old, new, out["t3"]["granted"]["natural_person"]) == ("表三 （一）予以公开（自然人）", read, read + 1, read + 1)
    assert record["t3"]["granted"]["natural_person"] == read  # the record itself is left as it was
    with pytest.raises(corrections.CorrectionError, match="无需更正"):
        corrections.apply(record, "t3.granted.natural_person", str(read))
    assert corrections.apply(record, "t2.fees.amount", "1.5")[2] == "1.5"
    assert corrections.apply(record, "t3.new.total", "")[2] is None  # unknown
    for target, text, message in (("t3.new.total", "-1", "非负整数"), ("t3.new.total", "1.5", "非负整数"),
                                  ("published", "2025-02-30", "有效日期"), ("t9.x.y", "1", "无法更正"),
                                  ("t2.fees.amount", "abc", "金额")):
        with pytest.raises(corrections.CorrectionError, match=message):
            corrections.apply(record, target, text)


def test_comparison_counts_changed_cells_and_finds_section_five_repeated():
    rng = random.Random(2)
    before = make_report(rng, "2021").model_copy(update={"year": 2023})
    after = before.model_copy(update={"year": 2024, "t4": {**before.t4, "review": {**before.t4["review"],
                                      "upheld": before.t4["review"]["upheld"] + 1}}})
    result = comparison.compare(after, before)
    assert result.changed_cells == 1
    assert result.section("problems").repeated and result.section("problems").similarity == 1.0
    other = after.model_copy(update={"sections": {**after.sections, "problems": "今年新增的问题：平台改版滞后。明年将完成改版。"}})
    section = comparison.compare(other, before).section("problems")
    assert not section.repeated and {p.tag for p in section.pieces} - {"equal"}


def _tables(report):
    return region.Tables(report.vintage, report.record()["t2"], report.t3, report.t4)


def test_a_region_sums_cells_and_an_unknown_cell_makes_the_sum_unknown():
    rng = random.Random(3)
    a, b = make_report(rng, "2021"), make_report(rng, "2021")
    t2, t3, t4, unknown = region.sum_tables([("甲", _tables(a)), ("乙", b)], "2021")
    assert t3["granted"]["total"] == a.t3["granted"]["total"] + b.t3["granted"]["total"]
    assert t2["fees"]["amount"] == a.t2["fees"]["amount"] + b.t2["fees"]["amount"]
    assert unknown == {}
    b.t3["granted"]["total"] = None
    old = make_report(rng, "2019")
    _, t3, _, unknown = region.sum_tables([("甲", a), ("乙", b), ("丙", old)], "2021")
    assert t3["granted"]["total"] is None and unknown["t3.granted.total"] == ["乙"]
    assert unknown["t3.other.other.total"] == ["丙"]  # a 2019 table 三 has one （六） row: its split is unknown
    assert all("丙" in names for key, names in unknown.items() if key.startswith("t2."))


def test_a_region_report_names_who_was_late_or_missing():
    rng = random.Random(4)
    parts = [region.Part("甲局", coverage.cell("department", "甲局", 2024, TODAY, 1, date(2025, 1, 10)), make_report(rng, "2021")),
             region.Part("乙局", coverage.cell("department", "乙局", 2024, TODAY, 2, date(2025, 2, 10)), make_report(rng, "2021"),
                         ["T3_BALANCE"]),
             region.Part("丙局", coverage.cell("department", "丙局", 2024, TODAY))]
    result = region.compile_region("某市人民政府及所属机关（汇总）", 2024, parts)
    other, problems = result.report.sections["other"], result.report.sections["problems"]
    assert "未发布年度报告的机关：丙局" in other and "乙局（逾期10天）" in other
    assert "T3_BALANCE" in problems and "1个机关" in problems
    assert result.report.t3["total"]["total"] == parts[0].report.t3["total"]["total"] + parts[1].report.t3["total"]["total"]
    for fmt in ("docx", "html", "md", "xlsx"):
        import gongkai

        assert gongkai.render(result.report, fmt)
    assert {r.key for r in template.t3_rows("2021")} == set(result.report.t3)


def test_sheets_keep_formula_like_text_as_text():
    import io

    from openpyxl import load_workbook

    from gongkai.supervision.sheets import Sheet, csv_bytes, xlsx

    sheet = Sheet("机关", ["名称", "数"], [["=HYPERLINK(\"http://x\")", 3], ["平安街道办事处", None]])
    cell = load_workbook(io.BytesIO(xlsx([sheet]))).active["A2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")', "s")
    assert csv_bytes(sheet).decode("utf-8-sig").splitlines()[1].startswith("\"'=HYPERLINK")
