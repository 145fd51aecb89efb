"""Table 三's rows put in their places when a conversion detached, lost or misprinted labels:
by the labels, by the template's order, by the arithmetic, or left unknown with a notice."""

from __future__ import annotations

from gongkai.readers import read_bytes

from .builders import HEAD, T3, T4, T4_NUMBERS, TAIL


def _read(rows: list[str]):
    return read_bytes((HEAD + "\n".join(rows) + "\n" + T4 + T4_NUMBERS + TAIL).encode("utf-8"), "report.txt")


def _label(row: str) -> str:
    return row.split("\t", 1)[0]


def _numbers(row: str) -> str:
    return "\t" + row.split("\t", 1)[1]


def _with(rows: list[str], at: int, numbers: str) -> list[str]:
    """The rows with row `at` printing other numbers (its row total kept)."""
    out = list(rows)
    out[at] = _label(out[at]) + numbers
    return out


# the clean table with a few more requests, so that rows differ: 5 new, 3 granted, 2 partial
ROWS = _with(_with(_with(T3, 0, "\t5\t0\t0\t0\t0\t0\t5"), 3, "\t2\t0\t0\t0\t0\t0\t2"), 23, "\t5\t0\t0\t0\t0\t0\t5")
ORDER = ["new", "carried_over", "granted", "partial"]


def test_the_clean_table_reads_as_printed():
    report = _read(ROWS)
    assert report.t3["partial"]["total"] == 2 and report.t3["total"]["total"] == 5
    assert not [n for n in report.notices if n.code.startswith("READ_")]


def test_a_block_of_labels_then_a_block_of_numbers():
    rows = list(ROWS)
    block = rows[2:6]
    rows[2:6] = [_label(r) + "\t\t\t\t\t\t\t" for r in block] + ["\t" + _numbers(r) for r in block]
    report = _read(rows)
    assert report.core() == _read(ROWS).core()


def test_numbers_whose_label_was_lost_take_their_place_by_order():
    rows = list(ROWS)
    rows[3] = "\t" + _numbers(rows[3])  # （二）部分公开 lost its label
    report = _read(rows)
    assert report.t3["partial"] == _read(ROWS).t3["partial"]
    placed = [n for n in report.notices if n.code == "READ_PLACED"]
    assert [n.where["row"] for n in placed] == ["partial"] and "行序" in placed[0].message


def test_a_row_under_its_neighbours_label_with_its_own_label_lost():
    rows = list(ROWS)
    rows[2] = "\t" + _numbers(rows[2])  # （一）予以公开's label lost …
    rows[3] = "（一）予以公开" + _numbers(rows[3])  # … and （二）'s numbers printed under it
    report = _read(rows)
    assert report.core() == _read(ROWS).core()


def test_the_arithmetic_chooses_where_the_order_cannot():
    # 二、上年结转 and （一）予以公开 printed blank, one row of numbers between them: by the
    # nearest label it would be 上年结转's, but nothing was carried over (5 new = 5 answered)
    rows = list(ROWS)
    rows[1:3] = [_label(ROWS[1]) + "\t" * 7, "\t" + _numbers(ROWS[2]), _label(ROWS[2]) + "\t" * 7]
    report = _read(rows)
    assert report.t3["granted"]["total"] == 3 and report.t3["carried_over"]["total"] == 0
    assert report.core() == _read(ROWS).core()


def test_what_neither_order_nor_arithmetic_decides_is_unknown_with_a_notice():
    rows = list(ROWS)
    rows[5] = "\t" + _numbers(rows[5])  # 2.其他法律行政法规禁止公开 lost its label,
    del rows[6]  # and 3.危及“三安全一稳定” was not printed at all: which of the two is this?
    rows[5] = "\t" + "\t1\t0\t0\t0\t0\t0\t1"
    rows[3] = _label(rows[3]) + "\t1\t0\t0\t0\t0\t0\t1"  # the partial row gives one to it
    report = _read(rows)
    cells = [report.t3.get(k, {}).get("total") for k in ("withheld.law_prohibited", "withheld.security_stability")]
    assert None in cells and 1 not in cells  # never a guessed place
    assert any(n.code in ("READ_AMBIGUOUS", "READ_UNCERTAIN") for n in report.notices)


def test_a_run_with_too_many_splits_is_read_by_what_the_other_rows_imply():
    """（七）总计's 28 digits run together admit thousands of splits that add up within the row;
    the outcome rows above it say which one, and the printed digits must match it digit for digit."""
    big = "\t1916\t5997\t5\t13166\t3227\t14279\t38590"
    rows = _with(_with(_with(ROWS, 0, big), 2, big), 3, "\t0" * 7)  # all new, all granted
    rows[23] = _label(rows[23]) + "\t" + "".join(_numbers(big).split())
    report = _read(rows)
    assert report.t3["total"] == report.t3["granted"] == dict(zip(report.t3["total"], (1916, 5997, 5, 13166, 3227, 14279, 38590)))
    assert [n.code for n in report.notices if n.where.get("row") == "total"] == ["READ_BY_ARITHMETIC"]
    # a digit the arithmetic does not imply: unknown, never a guess
    rows[23] = _label(rows[23]) + "\t" + "".join(_numbers(big).split()).replace("38590", "38591")
    assert None in _read(rows).t3["total"].values()
