"""Small hand-written reports for what the reader must do when a conversion lost cells."""

from __future__ import annotations

from decimal import Decimal

from gongkai.readers import read_bytes

HEAD = "某某区人民政府2022年政府信息公开工作年度报告\n\n一、总体情况\n本年度工作正常开展。\n\n二、主动公开政府信息情况\n\n三、收到和处理政府信息公开申请情况\n"
TAIL = "\n五、存在的主要问题及改进情况\n无。\n\n六、其他需要报告的事项\n无。\n"


def _read(rows: str, head: str = HEAD):
    return read_bytes((head + rows + TAIL).encode("utf-8"), "report.txt")


def test_a_row_read_plainly():
    report = _read("一、本年新收政府信息公开申请数量\t217\t1\t0\t0\t0\t0\t218\n")
    assert report.t3["new"] == {
        "natural_person": 217, "commercial": 1, "research": 0, "social_welfare": 0,
        "legal_service": 0, "other_org": 0, "total": 218,
    }
    assert report.agency == "某某区人民政府" and report.year == 2022


def test_digits_run_together_read_by_the_row_total():
    report = _read("一、本年新收政府信息公开申请数量21710000218\n")
    assert list(report.t3["new"].values()) == [217, 1, 0, 0, 0, 0, 218]
    assert any(n.code == "READ_REPAIRED" for n in report.notices)


def test_two_readings_fit_leave_cells_unknown():
    # "111000012" is 1,11,0,0,0,0,12 or 11,1,0,0,0,0,12 or 1,1,10,0,0,0,12: all add up, so
    # the first three columns are unknown; the columns every reading agrees on stay read
    report = _read("一、本年新收政府信息公开申请数量111000012\n")
    row = report.t3["new"]
    assert row["natural_person"] is None and row["commercial"] is None and row["research"] is None
    assert row["social_welfare"] == 0 and row["total"] == 12
    assert any(n.code == "READ_AMBIGUOUS" and n.where["row"] == "new" for n in report.notices)


def test_no_reading_fits_leaves_cells_unknown():
    # seven digits cut only one way, 9,9,9,9,9,9,9, whose parts do not add up to the total
    report = _read("一、本年新收政府信息公开申请数量9999999\n")
    assert list(report.t3["new"].values()) == [None] * 7
    assert any(n.code in ("READ_AMBIGUOUS", "READ_UNREADABLE") for n in report.notices)


def test_blank_cells_read_as_zero_with_a_notice():
    report = _read("一、本年新收政府信息公开申请数量\t3\t\t\t\t\t\t3\n")
    assert list(report.t3["new"].values()) == [3, 0, 0, 0, 0, 0, 3]
    blank = [n for n in report.notices if n.code == "READ_BLANK_AS_ZERO"]
    assert blank and set(blank[0].where["columns"]) == {"commercial", "research", "social_welfare", "legal_service", "other_org"}


def test_blank_cells_of_table_two_named_and_money_stays_money():
    head = HEAD.replace("二、主动公开政府信息情况\n", "二、主动公开政府信息情况\n规章\t2\t\t5\n行政事业性收费\t\n")
    report = _read("一、本年新收政府信息公开申请数量\t3\t\t\t\t\t\t3\n", head=head)
    assert report.t2["rules"] == {"issued": 2, "repealed": 0, "in_force": 5}
    amount = report.t2["fees"]["amount"]
    assert type(amount) is Decimal and amount == 0
    blank = [n for n in report.notices if n.code == "READ_BLANK_AS_ZERO"]
    assert [n.where["table"] for n in blank] == ["t2", "t3"]  # one notice per table, all rows listed
    assert {c["row"] for c in blank[0].where["cells"]} == {"rules", "fees"}


def test_a_row_of_blank_cells_in_one_cell_a_line_text():
    rows = "\t4.保护第三方合法权益\n\t\n\t\n\t\n\t\n\t\n\t\n\t\n\n\t5.属于三类内部事务信息\n\t1\n\t0\n\t0\n\t0\n\t0\n\t0\n\t1\n\n"
    report = _read(rows)
    assert list(report.t3["withheld.third_party"].values()) == [0] * 7
    assert list(report.t3["withheld.internal_affairs"].values()) == [1, 0, 0, 0, 0, 0, 1]


def test_typo_and_older_wordings_are_recognised():
    rows = (
        "2.其他法律行政止公开\t0\t0\t0\t0\t0\t0\t0\n"
        "3.其他法律法规禁止公开\t0\t0\t0\t0\t0\t0\t0\n"
    )
    report = _read(rows)
    assert "withheld.law_prohibited" in report.t3


def test_headings_without_numbers():
    head = "某某局2021年政府信息公开工作年度报告\n总体情况\n正文。\n主动公开政府信息情况\n收到和处理政府信息公开申请情况\n"
    report = _read("一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n", head=head)
    assert report.t3["new"]["total"] == 1
    assert report.sections.get("overview") == "正文。"


def test_detached_label_takes_the_value_row_below_it():
    rows = "| 一、本年新收政府信息公开申请数量 | | | | | | | |\n| | 5 | 0 | 0 | 0 | 0 | 1 | 6 |\n"
    report = _read(rows)
    assert list(report.t3["new"].values()) == [5, 0, 0, 0, 0, 1, 6]


def test_header_row_repeated_after_a_page_break_is_not_a_row():
    rows = (
        "| | 2.申请人逾期未按收费通知要求缴纳费用 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        "第 3 页 共 8 页\n"
        "| | | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n"
        "| | 3.其他 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
    )
    report = _read(rows)
    assert report.t3["other.unpaid_fee"]["total"] == 1
    assert report.t3["other.other"]["total"] == 2
