"""信息处理费 by 国办函〔2020〕109号: the worked example, the page tiers, and laws of the tariff."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from gongkai import check, fees, template
from gongkai.register.counting import RegisterCounts, compile_report


def test_worked_example_of_the_reference():
    # 45 requests of one applicant in one month: 10 × 0 + 20 × 100 + 10 × 200 + 5 × 300
    assert fees.month_total(45) == Decimal("5500.00")
    fee = fees.per_request(0, 45)
    assert [(t.first, t.last, t.price) for t in fee.tiers] == [
        (1, 10, Decimal("0.00")), (11, 30, Decimal("100.00")), (31, 40, Decimal("200.00")), (41, 45, Decimal("300.00"))]
    assert fee.calculation()[-1] == "合计5500.00元"


@pytest.mark.parametrize("ordinal, price", [(1, "0"), (10, "0"), (11, "100"), (30, "100"), (31, "200"), (40, "200"),
                                            (41, "300"), (50, "300"), (51, "400"), (101, "900")])
def test_price_of_the_nth_request_of_a_month(ordinal, price):
    assert fees.per_request_price(ordinal) == Decimal(price)


@pytest.mark.parametrize("pages, amount", [(0, "0"), (30, "0"), (31, "10"), (100, "700"), (101, "720"), (200, "2700"),
                                           (201, "2740")])
def test_page_tiers(pages, amount):
    fee = fees.per_page(pages)
    assert fee.computed == Decimal(amount)
    assert isinstance(fee.computed, Decimal) and fee.computed.as_tuple().exponent == -2


def test_page_calculation_names_each_band():
    lines = fees.per_page(201).calculation()
    assert lines == ["按量计收（办法第五条）：本申请共201页", "第1至第30页：免费", "第31至第100页：70页×10.00元＝700.00元",
                     "第101至第200页：100页×20.00元＝2000.00元", "第201页：1页×40.00元＝40.00元", "合计2740.00元"]


def test_a_request_is_priced_by_its_place_in_the_month():
    # the applicant's 12th and 13th units of the month
    fee = fees.per_request(11, 2)
    assert fee.computed == Decimal("200.00")
    assert "为本月第12至第13件" in fee.calculation()[0]


@given(st.integers(0, 400))
def test_per_request_total_is_monotone(n):
    assert fees.month_total(n + 1) >= fees.month_total(n)
    assert fees.month_total(n + 1) - fees.month_total(n) == fees.per_request_price(n + 1)


@given(st.integers(0, 300), st.integers(1, 100))
def test_splitting_a_month_does_not_change_its_total(before, units):
    assert fees.month_total(before) + fees.per_request(before, units).computed == fees.month_total(before + units)


@given(st.integers(0, 2000))
def test_per_page_is_monotone_and_free_to_thirty(pages):
    assert fees.per_page(pages + 1).computed >= fees.per_page(pages).computed
    if pages <= 30:
        assert fees.per_page(pages).computed == 0


@pytest.mark.parametrize("call, message", [
    (lambda: fees.per_page(-3), "页数不能为负数：-3"),
    (lambda: fees.per_page(2.5), "页数应为整数"),
    (lambda: fees.per_request(-1), "不能为负数"),
    (lambda: fees.per_request(0, 0), "至少为1"),
    (lambda: fees.compute("both", 3), "每件申请只能选择一种"),
])
def test_bad_quantities_are_refused_in_chinese(call, message):
    with pytest.raises(fees.FeeError, match=message):
        call()


def test_reduction_needs_a_reason_and_stays_within_the_tariff():
    fee = fees.per_page(150)
    with pytest.raises(fees.FeeError, match="须说明理由"):
        fees.reduce(fee, Decimal("0"), "  ")
    with pytest.raises(fees.FeeError, match="高于按标准计算"):
        fees.reduce(fee, Decimal("5000"), "x")
    with pytest.raises(fees.FeeError, match="不能为负数"):
        fees.reduce(fee, Decimal("-1"), "x")
    waived = fees.reduce(fee, Decimal("0"), "申请人为低保户")
    assert waived.amount == 0 and waived.computed == Decimal("1700.00") and waived.reduced
    assert waived.calculation()[-1] == "免收，理由：申请人为低保户"


def _report_with(statement: str, unpaid: int):
    counts = RegisterCounts()
    counts.new["natural_person"] = unpaid
    counts.outcomes[("other.unpaid_fee", "natural_person")] = unpaid
    return compile_report(2025, "测试机关", counts, sections={"other": statement})


def test_statement_satisfies_the_fee_checks():
    y = fees.FeeYear(2025, notices=3, paid=2, collected=Decimal("5500"), reduced=1, unpaid=1)
    text = fees.statement(y)
    assert "发出收费通知3件" in text and "收取信息处理费5500.00元" in text
    codes = {f.code for f in check(_report_with(text, 1))}
    assert not codes & {"FEE_NOT_REPORTED", "FEE_UNPAID_WITHOUT_NOTICE", "FEE_TOTAL_DISAGREES"}


def test_statement_of_a_year_without_fees():
    text = fees.statement(fees.FeeYear(2025, 0, 0, Decimal("0"), 0, 0))
    assert text == "2025年度，本机关未发出信息处理费收费通知，未收取信息处理费。"
    assert "FEE_NOT_REPORTED" not in {f.code for f in check(_report_with(text, 0))}


def test_check_flags_a_total_that_disagrees_with_the_unpaid_count():
    # two notices, both unpaid and ended as （六）2, yet money said to be collected
    text = "本年度发出收费通知2件，收取信息处理费300.00元。"
    found = [f for f in check(_report_with(text, 2)) if f.code == "FEE_TOTAL_DISAGREES"]
    assert len(found) == 1 and "300.00元" in found[0].message
    assert found[0].where["row"] == "other.unpaid_fee"
    # one of the two paid: the story holds
    assert "FEE_TOTAL_DISAGREES" not in {f.code for f in check(_report_with(text, 1))}
    # an amount such as 100元 is not read as "0元" (no fee)
    text = "本年度收取信息处理费100元。"
    assert "FEE_UNPAID_WITHOUT_NOTICE" not in {f.code for f in check(_report_with(text, 1))}
    assert "FEE_UNPAID_WITHOUT_NOTICE" in {f.code for f in check(_report_with("本年度信息处理费收费0元。", 1))}


def test_unpaid_row_is_the_templates():
    assert template.t3_label("other.unpaid_fee").printed.startswith("2.申请人逾期未按收费通知要求缴纳费用")
