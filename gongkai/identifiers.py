"""The check digits of Chinese identity numbers, so that a mistyped number is caught when typed.

* 公民身份号码 (GB 11643-1999): 17 digits (region, birth date, sequence) and a check
  character from the ISO 7064 MOD 11-2 sum, "X" standing for 10;
* 统一社会信用代码 (GB 32100-2015): 18 characters of 0-9 and the capitals without I, O, Z,
  S, V, the last a MOD 31 check character.

Each `*_problem` function returns None for a valid number and otherwise the reason in Chinese.
"""

from __future__ import annotations

import re
from datetime import date

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"\d{17}[\dX]")

CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def normalise(value: str) -> str:
    """Spaces dropped, full-width characters made half-width, letters made capitals."""
    half = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in value)
    return re.sub(r"\s+", "", half).upper()


def resident_id_check(first17: str) -> str:
    """The check character of a 公民身份号码 from its first 17 digits."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS)) % 11]


def resident_id_problem(value: str) -> str | None:
    number = normalise(value)
    if not _ID_SHAPE.fullmatch(number):
        return "公民身份号码应为18位：前17位是数字，最后一位是数字或X"
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "公民身份号码第7至14位应为出生日期"
    if born.year < 1900:
        return "公民身份号码第7至14位应为出生日期"
    if resident_id_check(number[:17]) != number[17]:
        return "公民身份号码校验位不符，请核对是否输错"
    return None


def credit_code_check(first17: str) -> str:
    """The check character of a 统一社会信用代码 from its first 17 characters."""
    total = sum(CREDIT_CHARS.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS))
    return CREDIT_CHARS[(31 - total % 31) % 31]


def credit_code_problem(value: str) -> str | None:
    code = normalise(value)
    if len(code) != 18 or any(c not in CREDIT_CHARS for c in code):
        return "统一社会信用代码应为18位，由数字和大写字母组成（不含I、O、Z、S、V）"
    if credit_code_check(code[:17]) != code[17]:
        return "统一社会信用代码校验位不符，请核对是否输错"
    return None
