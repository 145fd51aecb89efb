"""The agency tree as a spreadsheet, the kinds' deadlines, and matching a printed name to an agency."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, strategies as st

from gongkai.supervision import agencies
from gongkai.supervision.matching import CERTAIN, NONE, PROBABLE, AgencyIndex, Node, decide, fold, year_from_filename

from .conftest import corpus_cases

TREE = [
    Node(1, "北京市人民政府", None),
    Node(2, "西城区人民政府", 1),
    Node(3, "什刹海街道办事处", 2),
    Node(4, "西城区人民政府办公室", 2),
    Node(5, "朝阳区人民政府", 1),
    Node(6, "小关街道办事处", 5),
    Node(7, "淮安市人民政府", None),
    Node(8, "洪泽区人民政府", 7),
    Node(9, "洪泽区教育局", 8),
    Node(10, "清河区教育局", 7),
]


def test_a_spreadsheet_in_any_row_order_gives_parents_first():
    rows = [("什刹海街道办事处", "西城区人民政府", "township", "110102001"), ("西城区人民政府", "北京市人民政府", "county", "110102"),
            ("北京市人民政府", "", "province", "110000")]
    read = agencies.read_tree(agencies.tree_xlsx(rows), "tree.xlsx")
    assert [r.name for r in read] == ["北京市人民政府", "西城区人民政府", "什刹海街道办事处"]
    assert [(r.parent, r.kind, r.region_code) for r in read] == [
        ("", "province", "110000"), ("北京市人民政府", "county", "110102"), ("西城区人民政府", "township", "110102001")]


def test_csv_in_gbk_with_short_kind_names():
    text = "名称,上级机关,类型,区划代码\n洪泽区人民政府,淮安市人民政府,县,320813\n洪泽区教育局,洪泽区人民政府,部门,\n"
    read = agencies.read_tree(text.encode("gbk"), "tree.csv", known={"淮安市人民政府"})
    assert [(r.name, r.kind) for r in read] == [("洪泽区人民政府", "county"), ("洪泽区教育局", "department")]


def test_every_problem_of_a_sheet_is_named_with_its_row():
    text = ("名称,上级机关,类型,区划代码\n甲局,乙局,部门,12\n乙局,甲局,火星,\n甲局,,部门,\n丙局,不存在的机关,部门,\n")
    with pytest.raises(agencies.TreeError) as caught:
        agencies.read_tree(text.encode("utf-8"), "tree.csv")
    message = str(caught.value)
    for part in ("第2行：区划代码“12”", "第3行：无法识别的类型“火星”", "第4行：机关“甲局”与第2行重复", "第5行：上级机关“不存在的机关”"):
        assert part in message


def test_a_cycle_is_refused():
    text = "名称,上级机关\n甲局,乙局\n乙局,甲局\n"
    with pytest.raises(agencies.TreeError, match="成环"):
        agencies.read_tree(text.encode("utf-8"), "tree.csv")


def test_a_sheet_without_a_name_column_or_not_a_sheet():
    with pytest.raises(agencies.TreeError, match="名称"):
        agencies.read_tree("机关类型,代码\n部门,1\n".encode("utf-8"), "t.csv")
    with pytest.raises(agencies.TreeError, match="XLSX"):
        agencies.read_tree(b"PK\x03\x04broken", "t.xlsx")


@pytest.mark.parametrize("kind,name,due", [
    ("county", "洪泽区人民政府", date(2024, 3, 31)), ("township", "什刹海街道办事处", date(2024, 1, 31)),
    ("department", "洪泽区教育局", date(2024, 1, 31)), ("", "洪泽区人民政府", date(2024, 3, 31)),
    ("", "西城区政府办公室", date(2024, 1, 31)),
])
def test_deadline_by_kind_or_else_by_name(kind, name, due):
    assert agencies.publication_deadline(kind, name, 2023)[0] == due


@pytest.mark.parametrize("printed,agency", [
    ("北京市西城区什刹海街道", 3),  # places above it, 办事处 left out
    ("北京市朝阳区人民政府小关街道办事处", 6),  # the parent's full name as the prefix
    ("西城区政府办公室", 4),  # 政府 for 人民政府
    ("淮安市洪泽区人民政府", 8),
    ("洪泽区人民政府", 8),
    ("洪泽区教育局", 9),
])
def test_printed_names_that_fold_to_one_agency_are_certain(printed, agency):
    match = AgencyIndex(TREE).match(printed)
    assert (match.agency_id, match.certainty) == (agency, CERTAIN)


def test_a_tail_or_a_near_name_is_a_guess_and_a_stranger_is_none():
    index = AgencyIndex(TREE)
    tail = index.match("江苏省淮安市洪泽区人民政府")  # a place above the tree's top
    assert (tail.agency_id, tail.certainty) == (8, PROBABLE)
    near = index.match("洪泽区教育")
    assert near.certainty == PROBABLE and 9 in near.candidates
    assert index.match("老城区西关街道办事处").certainty == NONE
    assert index.match(None).certainty == NONE


def test_the_file_name_decides_when_the_text_names_no_agency():
    index = AgencyIndex(TREE)
    assert decide(index, None, "reports/洪泽区教育局2023年报.pdf").agency_id == 9
    assert decide(index, None, "reports/洪泽区教育局2023年报.pdf").certainty == CERTAIN
    # the text names someone else: the file name is only a suggestion
    clash = decide(index, "清河区教育局", "洪泽区教育局2023.pdf")
    assert clash.certainty == CERTAIN and clash.agency_id == 10


def test_year_from_a_file_name():
    assert year_from_filename("洪泽区2023年度报告.pdf") == 2023
    assert year_from_filename("2023-2024.pdf") is None
    assert year_from_filename("report.pdf") is None


@given(st.text(alphabet="北京市西城区什刹海街道办事处人民政府 （）()", max_size=30))
def test_folding_is_idempotent(name):
    assert fold(fold(name)) == fold(name)


def test_the_corpus_agencies_match_their_tree():
    index = AgencyIndex(TREE + [Node(11, "丰台区人民政府", 1), Node(12, "西罗园街道办事处", 11)])
    expected = {"北京市丰台区人民政府西罗园街道办事处": 12, "北京市西城区什刹海街道": 3, "北京市朝阳区人民政府小关街道办事处": 6,
                "西城区政府办公室": 4, "洪泽区人民政府": 8, "淮安市洪泽区人民政府": 8}
    seen = 0
    for _, path in corpus_cases():
        printed = json.loads(path.read_text(encoding="utf-8")).get("agency")
        if printed in expected:
            assert index.match(printed).agency_id == expected[printed], printed
            seen += 1
    if not corpus_cases():
        pytest.skip("corpus not found")
    assert seen == 6
