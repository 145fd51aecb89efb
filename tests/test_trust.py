"""Findings a supervisor can trust: what the reader could not find is a reading notice
(读取不确定：…), never the report's lack; two years are compared only for an agency known
for certain; a blank cell is said to be blank."""

from __future__ import annotations

import random

from gongkai import check
from gongkai.checks.continuity import pairable, same_agency
from gongkai.cli import main
from gongkai.readers import read_bytes

from .builders import HEAD, T3, T4, T4_NUMBERS, TAIL
from .families import make_report
from .families.defects import DEFECTS

def _read(text: str):
    return read_bytes(text.encode("utf-8"), "report.txt")


def _codes(findings) -> set[str]:
    return {f.code for f in findings}


def test_a_clean_hand_written_report_is_certain():
    report = _read(HEAD + "\n".join(T3) + "\n" + T4 + T4_NUMBERS + TAIL)
    assert not report.uncertain()
    assert [f for f in check(report) if f.severity == "error"] == []


def test_rows_of_numbers_without_a_place_make_a_missing_row_a_reading_doubt():
    rows = list(T3)
    rows.insert(3, "\t7\t0\t0\t0\t0\t0\t7")  # numbers between two labelled rows: no place for them
    del rows[17]  # 2.重复申请
    report = _read(HEAD + "\n".join(rows) + "\n" + T4 + T4_NUMBERS + TAIL)
    assert ("row", "t3", "rejected.repeated") in report.uncertain()
    doubt = next(n for n in report.notices if n.code == "READ_UNCERTAIN")
    assert doubt.message.startswith("读取不确定：表三未找到“2.重复申请”行")
    assert "TEMPLATE_ROW_MISSING" not in _codes(check(report))


def test_a_row_left_out_with_nothing_left_over_is_the_reports_lack():
    rows = [r for r in T3 if "重复申请" not in r]
    found = check(_read(HEAD + "\n".join(rows) + "\n" + T4 + T4_NUMBERS + TAIL))
    missing = [f for f in found if f.code == "TEMPLATE_ROW_MISSING"]
    assert [f.where["row"] for f in missing] == ["rejected.repeated"] and missing[0].severity == "error"


def test_table_headers_without_numbers_are_a_reading_doubt():
    report = _read(HEAD + "\n".join(T3) + "\n" + T4 + "一\t一\n" + TAIL)
    assert report.t4 == {} and ("table", "t4") in report.uncertain()
    assert "TEMPLATE_TABLE_MISSING" not in _codes(check(report))
    # without the headers either, the report has no table 四
    found = check(_read(HEAD + "\n".join(T3) + "\n四、政府信息公开行政复议、行政诉讼情况\n无。\n" + TAIL))
    assert "TEMPLATE_TABLE_MISSING" in _codes(found)


def test_a_heading_the_reader_cannot_place_is_a_reading_doubt():
    merged = HEAD + "\n".join(T3) + "\n" + T4 + T4_NUMBERS + "本年度无复议。五、存在的主要问题及改进情况：无。\n六、其他需要报告的事项\n无。\n"
    report = _read(merged)
    assert "problems" not in report.sections and ("section", "problems") in report.uncertain()
    assert "TEMPLATE_SECTION_MISSING" not in _codes(check(report))
    left_out = _read(HEAD + "\n".join(T3) + "\n" + T4 + T4_NUMBERS + "六、其他需要报告的事项\n无。\n")
    assert "TEMPLATE_SECTION_MISSING" in _codes(check(left_out))


def test_a_total_printed_blank_is_said_to_be_blank():
    numbers = "10\t1\t0\t0\t\t" + "\t".join(["0"] * 10) + "\n"
    found = check(_read(HEAD + "\n".join(T3) + "\n" + T4 + numbers + TAIL))
    total = next(f for f in found if f.code == "T4_GROUP_TOTAL")
    assert "总计列空白" in total.message and "为0" not in total.message and "（0）" not in total.message


def test_the_agency_is_never_a_word_of_the_pages_chrome():
    body = HEAD.split("\n", 1)[1] + "\n".join(T3) + "\n" + T4 + T4_NUMBERS + TAIL
    bare = "当前位置：首页 > 政务公开\n微信 微博 QQ空间 全真版 文字版 文件下载\n正文\n2023年政府信息公开工作年度报告\n" + body
    report = _read(bare)
    assert report.agency is None and report.year == 2023
    titled = "当前位置：首页 > 政务公开\n标题:某某区人民政府2023年政府信息公开工作年度报告\n正文\n2023年政府信息公开工作年度报告\n" + body
    report = _read(titled)
    assert report.agency == "某某区人民政府" and ("agency",) in report.uncertain()


def test_same_agency_allows_only_the_places_above_it():
    assert same_agency("洪泽区人民政府", "淮安市洪泽区人民政府")
    assert same_agency("西城区政府办公室", "北京市西城区政府办公室")
    assert same_agency("某区 人民政府", "某区人民政府")
    assert not same_agency("人民政府", "洪泽区人民政府")
    assert not same_agency("洪泽区人民政府", "淮安区人民政府")
    assert not same_agency("正文", "正文办公室") and not same_agency(None, "洪泽区人民政府")


def _year(title: str, carry_forward: int) -> str:
    """A report titled `title` that carries `carry_forward` requests forward (none over)."""
    rows = [r for r in T3]
    rows[0] = f"一、本年新收政府信息公开申请数量\t{3 + carry_forward}\t0\t0\t0\t0\t0\t{3 + carry_forward}"
    rows[-1] = f"四、结转下年度继续办理\t{carry_forward}\t0\t0\t0\t0\t0\t{carry_forward}"
    return title + "\n" + HEAD.split("\n", 1)[1] + "\n".join(rows) + "\n" + T4 + T4_NUMBERS + TAIL


def test_two_years_are_compared_only_when_the_agency_is_known_for_certain(tmp_path, capsys):
    # 2022 carried one request forward; 2023 carried none over: a supervisor must see that
    (tmp_path / "2022.txt").write_text(_year("淮安市某某区人民政府2022年政府信息公开工作年度报告", 1), encoding="utf-8")
    (tmp_path / "2023.txt").write_text(_year("某某区人民政府2023年政府信息公开工作年度报告", 0), encoding="utf-8")
    main(["check", str(tmp_path)])
    assert "CONTINUITY_CARRY_OVER" in capsys.readouterr().out
    # two years apart: not compared
    (tmp_path / "2022.txt").rename(tmp_path / "2021.txt")
    (tmp_path / "2021.txt").write_text(_year("某某区人民政府2021年政府信息公开工作年度报告", 1), encoding="utf-8")
    main(["check", str(tmp_path)])
    assert "CONTINUITY_CARRY_OVER" not in capsys.readouterr().out
    # consecutive, but each named only by its page's chrome: not compared
    for year, forward in ((2022, 1), (2023, 0)):
        chrome = f"当前位置：首页 > 政务公开\n标题：某某区人民政府{year}年政府信息公开工作年度报告\n正文"
        (tmp_path / f"{year}.txt").write_text(_year(chrome + f"\n{year}年政府信息公开工作年度报告", forward), encoding="utf-8")
    (tmp_path / "2021.txt").unlink()
    main(["check", str(tmp_path)])
    out = capsys.readouterr().out
    assert "某某区人民政府 2023年度" in out and "CONTINUITY_CARRY_OVER" not in out
    # and two different bodies whose pages both say only 正文 are no agency at all
    for year, forward in ((2022, 1), (2023, 0)):
        chrome = "当前位置：首页 > 政务公开\n微信 微博 QQ空间 全真版 文字版 文件下载\n正文"
        (tmp_path / f"{year}.txt").write_text(_year(chrome + f"\n{year}年政府信息公开工作年度报告", forward), encoding="utf-8")
    main(["check", str(tmp_path)])
    out = capsys.readouterr().out
    assert "（机关不详） 2023年度" in out and "CONTINUITY_CARRY_OVER" not in out


def test_pairable_needs_consecutive_years_and_certain_names():
    record = make_report(random.Random("pairable"), "2021").model_copy(update={"year": 2023, "agency": "某市某区人民政府"})
    now, before = DEFECTS["CONTINUITY_CARRY_OVER"][1](record)
    assert pairable(now, before)
    assert not pairable(now, before.model_copy(update={"year": 2021}))
    assert not pairable(now, before.model_copy(update={"agency": "某市另一区人民政府"}))
    doubt = _read(
        "标题:某市某区人民政府2023年政府信息公开工作年度报告\n2023年政府信息公开工作年度报告\n"
        + HEAD.split("\n", 1)[1] + "\n".join(T3) + "\n" + T4 + T4_NUMBERS + TAIL
    )
    assert doubt.agency == "某市某区人民政府" and not pairable(doubt, before.model_copy(update={"year": 2022}))
