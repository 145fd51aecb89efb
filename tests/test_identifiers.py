"""Check characters of 公民身份号码 (GB 11643) and 统一社会信用代码 (GB 32100): every valid number is
accepted, and changing any one character of it is caught."""

from __future__ import annotations

from datetime import date

from hypothesis import given, strategies as st

from gongkai.identifiers import (
    CREDIT_CHARS, credit_code_check, credit_code_problem, normalise, resident_id_check, resident_id_problem,
)

# Published numbers: the standard's own example, and the codes printed on three companies' licences.
KNOWN_IDS = ("11010519491231002X",)
KNOWN_CODES = ("9144030071526726XG", "91110000100010433L", "91330100716105852F")

birthdays = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
id_bodies = st.builds(lambda region, born, seq: f"{region:06d}{born:%Y%m%d}{seq:03d}",
                      st.integers(110000, 659999), birthdays, st.integers(0, 999))
code_bodies = st.text(alphabet=CREDIT_CHARS, min_size=17, max_size=17)


def test_published_numbers_are_valid():
    assert all(resident_id_problem(n) is None for n in KNOWN_IDS)
    assert all(credit_code_problem(c) is None for c in KNOWN_CODES)


def test_typing_is_forgiven_but_not_a_wrong_digit():
    assert resident_id_problem(" 11010519491231002x ") is None
    assert credit_code_problem("９１３３０１００７１６１０５８５２ｆ") is None
    assert normalise("９１ａ Ｂ") == "91AB"
    assert resident_id_problem("110105194912310021") == "公民身份号码校验位不符，请核对是否输错"
    assert resident_id_problem("110105194913310024").startswith("公民身份号码第7至14位应为出生日期")
    assert resident_id_problem("1101051949") == "公民身份号码应为18位：前17位是数字，最后一位是数字或X"
    assert credit_code_problem("9133010071610585IF").startswith("统一社会信用代码应为18位")


@given(id_bodies, st.integers(0, 16), st.integers(1, 9))
def test_any_one_changed_digit_of_an_identity_number_is_caught(body, position, shift):
    number = body + resident_id_check(body)
    assert resident_id_problem(number) is None
    changed = body[:position] + str((int(body[position]) + shift) % 10) + body[position + 1:]
    assert resident_id_problem(changed + number[-1]) is not None  # a wrong check digit, or no such birth date


@given(code_bodies, st.integers(0, 16), st.integers(1, 30))
def test_any_one_changed_character_of_a_credit_code_is_caught(body, position, shift):
    code = body + credit_code_check(body)
    assert credit_code_problem(code) is None
    replaced = CREDIT_CHARS[(CREDIT_CHARS.index(body[position]) + shift) % 31]
    assert credit_code_problem(body[:position] + replaced + body[position + 1:] + code[-1]) is not None
