"""文号 patterns such as `{机关简称}依复〔{year}〕{n}号`: checked when saved, filled when a letter is issued.

A pattern is the agency's text with three fields and nothing else in braces: `{机关简称}`
(the agency's short name), `{year}` and `{n}` (the letter's number within its agency, kind
and year). Both `{year}` and `{n}` are required: numbers restart every year, so a pattern
without the year would print last year's numbers again. Filling is plain substitution,
never `str.format` on the agency's text.
"""

from __future__ import annotations

import re

from ..errors import GongkaiError

FIELDS = {"机关简称": "机关简称", "year": "年份", "n": "序号"}
_FIELD = re.compile(r"\{([^{}]*)\}")
MAX_LENGTH = 60


class PatternError(GongkaiError):
    """A 文号 pattern that cannot number letters without ambiguity."""


def validate(pattern: str) -> str:
    """The pattern, stripped, or PatternError saying what is wrong with it."""
    pattern = (pattern or "").strip()
    if not pattern:
        raise PatternError("文号格式不能为空")
    if len(pattern) > MAX_LENGTH:
        raise PatternError(f"文号格式最多{MAX_LENGTH}个字")
    names = _FIELD.findall(pattern)
    unknown = [n for n in names if n not in FIELDS]
    if unknown:
        raise PatternError(f"文号格式中有未知的字段“{{{unknown[0]}}}”，可用：{{机关简称}}、{{year}}、{{n}}")
    if "{" in _FIELD.sub("", pattern) or "}" in _FIELD.sub("", pattern):
        raise PatternError("文号格式中的花括号不成对")
    if names.count("n") != 1:
        raise PatternError("文号格式须含且只含一个序号字段{n}，例如：{机关简称}依复〔{year}〕{n}号")
    if "year" not in names:
        raise PatternError("文号格式须含年份字段{year}：序号每年重新起算，没有年份会重复使用文号")
    return pattern


def fill(pattern: str, short_name: str, year: int, n: int) -> str:
    """The 文号 of letter `n` of `year`."""
    values = {"机关简称": short_name, "year": str(year), "n": str(n)}
    return _FIELD.sub(lambda m: values[m.group(1)], validate(pattern))
