"""Each check fires on the defect it names and stays quiet on a consistent report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gongkai import check, read
from gongkai.checks import RULES, has_errors
from gongkai.checks.continuity import same_agency, similarity
from gongkai.checks.timeliness import deadline_for

from .builders import consistent_report


def codes(findings):
    return {f.code for f in findings}


def test_consistent_report_has_no_error_or_warning():
    findings = check(consistent_report(published=date(2024, 1, 20)))
    assert [f for f in findings if f.severity != "notice"] == []


def test_balance_and_outcome_sum_and_row_total():
    r = consistent_report()
    r.t3["total"]["natural_person"] = 11  # breaks balance, outcome sum and the row's total
    found = check(r)
    assert {"T3_BALANCE", "T3_OUTCOME_SUM", "T3_ROW_TOTAL"} <= codes(found)
    balance = next(f for f in found if f.code == "T3_BALANCE")
    assert balance.severity == "error" and balance.where["column"] == "natural_person"
    assert "9+2=11" in balance.message and "11+1=12" in balance.message


def test_t4_group_total():
    r = consistent_report()
    r.t4["litigation_direct"] = {"upheld": 1, "corrected": 1, "other": 0, "pending": 0, "total": 3}
    found = [f for f in check(r) if f.code == "T4_GROUP_TOTAL"]
    assert len(found) == 1 and found[0].where["row"] == "litigation_direct"


def test_negative_and_unknown_values():
    r = consistent_report()
    r.t3["partial"]["research"] = -1
    r.t3["partial"]["total"] = 1
    r.t4["review"]["other"] = None
    found = check(r)
    assert "VALUE_NEGATIVE" in codes(found)
    unknown = [f for f in found if f.code == "VALUE_UNKNOWN"]
    assert unknown and unknown[0].where == {"table": "t4", "row": "review", "column": "other"}
    # an unknown cell silences the identity it would take part in, instead of a false error
    assert not any(f.code == "T4_GROUP_TOTAL" for f in found)


def test_template_rows_sections_and_vintage():
    r = consistent_report(year=2022, vintage="2019")
    found = check(r)
    assert "TEMPLATE_VINTAGE_YEAR" in codes(found)
    r = consistent_report()
    del r.t3["withheld.query_matter"]
    del r.sections["problems"]
    found = codes(check(r))
    assert {"TEMPLATE_ROW_MISSING", "TEMPLATE_SECTION_MISSING"} <= found


def test_single_other_row_in_2021_layout_is_a_warning():
    r = consistent_report()
    for key in ("other.no_correction", "other.unpaid_fee", "other.other"):
        del r.t3[key]
    r.t3 = {**{k: v for k, v in r.t3.items() if k not in ("total", "carry_forward")}, "other": {c: 0 for c in r.t3["new"]},
            "total": r.t3["total"], "carry_forward": r.t3["carry_forward"]}
    found = check(r)
    single = [f for f in found if f.code == "TEMPLATE_OTHER_SINGLE_ROW"]
    assert single and single[0].severity == "warning"
    assert "TEMPLATE_ROW_MISSING" not in codes(found)


@pytest.mark.parametrize(
    "agency,deadline",
    [
        ("某市某区人民政府", date(2024, 3, 31)),
        ("某县某镇人民政府", date(2024, 1, 31)),
        ("某区某街道办事处", date(2024, 1, 31)),
        ("某市生态环境局", date(2024, 1, 31)),
        (None, date(2024, 1, 31)),
    ],
)
def test_publication_deadline_by_level(agency, deadline):
    assert deadline_for(agency, 2023)[0] == deadline


def test_late_publication_names_the_rule_assumed():
    late = check(consistent_report(agency="某市生态环境局", published=date(2024, 2, 5)))
    f = next(f for f in late if f.code == "TIMELINESS_LATE")
    assert "2024-01-31" in f.message and "政府部门" in f.message
    on_time = check(consistent_report(agency="某市某区人民政府", published=date(2024, 3, 1)))
    assert "TIMELINESS_LATE" not in codes(on_time)


def test_continuity_across_years():
    before = consistent_report(year=2022)
    now = consistent_report(year=2023, agency="某省某市某区人民政府办公室")
    # this year's 上年结转 (2) differs from last year's 结转下年度 (1)
    found = check(now, before)
    carry = [f for f in found if f.code == "CONTINUITY_CARRY_OVER"]
    assert carry and carry[0].severity == "error" and carry[0].where["column"] == "natural_person"
    # 现行有效: 6 + 2 − 1 = 7, printed 6
    assert "CONTINUITY_IN_FORCE" in codes(found)
    # section 五 copied from last year
    assert "CONTINUITY_PROBLEMS_REPEATED" in codes(found)
    fixed = consistent_report(year=2023)
    fixed.t3["carried_over"] = dict(before.t3["carry_forward"])
    fixed.t3["new"]["natural_person"] += 1
    fixed.t3["new"]["total"] += 1
    fixed.t2["normative"]["in_force"] = 7
    fixed.sections["problems"] = "存在的问题是依申请公开答复文书不够规范。改进措施：制定答复文书模板并组织专题培训。"
    assert not codes(check(fixed, before)) & {"CONTINUITY_CARRY_OVER", "CONTINUITY_IN_FORCE", "CONTINUITY_PROBLEMS_REPEATED"}


def test_same_agency_and_similarity():
    assert same_agency("洪泽区人民政府", "淮安市洪泽区人民政府")
    assert not same_agency("洪泽区人民政府", "淮安区人民政府")
    assert similarity("一是公开不够。二是培训不足。", "一是公开不够。二是培训不足。") == 1.0


def test_narrative_against_tables():
    r = consistent_report()
    r.sections["overview"] = "全年收到政府信息公开申请15件。在已答复的9项申请中，“予以公开”6项，占总数的50%；“不予公开”1项。"
    found = {f.code: f for f in check(r)}
    assert "NARRATIVE_RECEIVED" in found and "15" in found["NARRATIVE_RECEIVED"].message
    assert "NARRATIVE_ANSWERED" in found and found["NARRATIVE_ANSWERED"].where["said"] == 9
    # 予以公开 is 6 in the table: no finding for it; 不予公开 is 0, not 1
    assert "NARRATIVE_OUTCOME" in found and "不予公开" in found["NARRATIVE_OUTCOME"].message
    # 6 of 9 is 67%, not 50%
    assert "NARRATIVE_PERCENT" in found


def test_fee_checks():
    r = consistent_report()
    r.t3["other.unpaid_fee"]["natural_person"] = 1
    r.t3["other.unpaid_fee"]["total"] = 1
    r.t3["granted"]["natural_person"] -= 1
    r.t3["granted"]["total"] -= 1
    assert "FEE_UNPAID_WITHOUT_NOTICE" in codes(check(r))
    r = consistent_report()
    r.sections["other"] = "本年度收取信息处理费12500元。"
    assert "FEE_CONFUSED" in codes(check(r))
    r.sections["other"] = "无。"
    assert "FEE_NOT_REPORTED" in codes(check(r))


def test_every_rule_is_documented():
    text = (Path(__file__).resolve().parent.parent / "docs" / "checks.md").read_text(encoding="utf-8")
    for code in RULES:
        assert code in text, code


def test_corpus_known_defects(corpus):
    def found(name):
        path = next(corpus.rglob(name))
        return check(read(path))

    hz23 = found("huaian-hongze-2023.pdf")
    t4 = [f for f in hz23 if f.code == "T4_GROUP_TOTAL"]
    assert {f.where["row"] for f in t4} == {"review", "litigation_after_review"}
    assert "TEMPLATE_OTHER_SINGLE_ROW" in codes(hz23)
    assert any(f.code == "READ_LABEL_VARIANT" and "其他法律行政止公开" in f.message for f in hz23)
    seed002 = found("002_*.txt")
    answered = [f for f in seed002 if f.code == "NARRATIVE_ANSWERED"]
    assert answered and answered[0].where["said"] == 9
    blank = [f for f in found("000_*.txt") if f.code == "READ_BLANK_AS_ZERO"]
    assert blank and "保护第三方合法权益" in blank[0].message
    for clean in ("000_*.txt", "001_*.txt", "003_*.txt", "004_*.txt", "huaian-hongze-2024.pdf"):
        assert not has_errors(found(clean)), clean


def test_corpus_continuity_hongze(corpus):
    r23 = read(next(corpus.rglob("huaian-hongze-2023.pdf")))
    r24 = read(next(corpus.rglob("huaian-hongze-2024.pdf")))
    found = check(r24, r23)
    assert not codes(found) & {"CONTINUITY_CARRY_OVER", "CONTINUITY_IN_FORCE"}
    r24.t3["carried_over"]["natural_person"] = 3
    assert "CONTINUITY_CARRY_OVER" in codes(check(r24, r23))
