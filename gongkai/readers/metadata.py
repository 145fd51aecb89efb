"""Title, agency, year, publication date and the six sections of a report."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from .. import template
from .grid import Row

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")
_TITLE_END = re.compile(r"(?:政府)?信息公开(?:工作)?年度?(?:工作)?报告")
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_DATE = re.compile(r"((?:19|20)\d{2})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?")
_CN_DATE = re.compile(r"([〇零○Ｏ一二三四五六七八九O]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_MARKUP = re.compile(r"^[#>*\s]+|[*\s]+$")


def row_text(row: Row) -> str:
    return " ".join(c.text.strip() for c in row if c.text.strip())


def _only_text(row: Row) -> str:
    """The text of a row whose cells are all empty but one; '' for any other row."""
    found = ""
    for c in row:
        if c.text and not c.text.isspace():
            if found:
                return ""
            found = c.text.strip()
    return found


def find_headings(rows: list[Row]) -> dict[str, int]:
    """Row index of each section heading found, in template order."""
    named = _heading_candidates(rows)
    found: dict[str, int] = {}
    start = 0
    for section in template.SECTIONS:
        key = section.key
        idx = next((i for i, keys in named if i >= start and key in keys), None)
        if idx is not None:
            found[key] = idx
            start = idx + 1
    return found


def _heading_texts(section: template.Section) -> set[str]:
    return {template.normalize(t) for t in (section.heading, *section.aliases)}


_HEADINGS = {s.key: _heading_texts(s) for s in template.SECTIONS}
_LONGEST = max(len(w) for texts in _HEADINGS.values() for w in texts)


def _heading_candidates(rows: list[Row]) -> list[tuple[int, frozenset[str]]]:
    """(row index, the sections it could head) of every row that reads as a section heading."""
    out = []
    for i, row in enumerate(rows):
        text = row[0].text if len(row) == 1 else _only_text(row)
        if not text:
            continue
        if len(text) > _LONGEST + 24 or not text.strip():
            continue
        keys = _sections_headed(text)
        if keys:
            out.append((i, keys))
    return out


@lru_cache(maxsize=65536)
def _sections_headed(text: str) -> frozenset[str]:
    """The sections a short row's printed text could head (the same texts recur: cached)."""
    return _sections_named(_heading_text(text))


def _heading_text(text: str) -> str:
    norm = template.normalize(_MARKUP.sub("", text))
    return template.split_ordinal(norm)[1].rstrip("。:：.")


def _sections_named(rest: str) -> frozenset[str]:
    """The sections whose heading a short row's text (without its numbering) is."""
    return frozenset(
        key
        for key, wanted in _HEADINGS.items()
        if rest in wanted or any(rest.startswith(w) and len(rest) - len(w) <= 2 for w in wanted)
    )


class Title(NamedTuple):
    text: str | None
    agency: str | None
    year: int | None
    agency_from_format: bool  # the agency named only by the format's title (a page's), not the report's


def title_and_agency(rows: list[Row], first_heading: int | None, fallback: str | None) -> Title:
    """The title, agency and year from the first lines of the report; the format's title
    (an HTML page's, a crawled page's 标题) for what the report's own leaves out."""
    limit = first_heading if first_heading is not None else min(len(rows), 12)
    parts: list[str] = []
    for row in rows[: max(limit, 0)][:12]:
        text = _MARKUP.sub("", row_text(row))
        if not text:
            continue
        if len(text) > 80 and not parts:
            continue
        parts.append(text)
        if "报告" in text or len(parts) >= 3:
            break
    title = "".join(parts) if parts and "报告" in "".join(parts) else None
    agency, year = parse_title(title) if title else (None, None)
    if (agency and year) or not fallback:
        return Title(title or fallback, agency, year, False)
    other_agency, other_year = parse_title(fallback)
    return Title(
        title if agency or year else fallback,
        agency or other_agency,
        year or other_year,
        agency is None and other_agency is not None,
    )


def parse_title(title: str) -> tuple[str | None, int | None]:
    t = re.sub(r"\s+", "", title)
    t = re.split(r"[-_|｜]{1,2}(?=[^-_|｜]*(?:网|门户|政府$))", t)[0]
    m = _YEAR.search(t)
    if not m:
        return None, None
    year = int(m.group(1))
    before = t[: m.start()].strip("《》“”\"")
    after = t[m.end() :]
    end = _TITLE_END.search(after)
    between = after[: end.start()] if end else ""
    agency = before or between
    agency = re.sub(r"(?:关于|的|发布|公布)$", "", agency).strip("《》“”\"：:，, ")
    return agency_name(agency), year


# Words no agency's name holds: a page's chrome ("正文", "标题：…") taken for a title.
_NOT_AGENCY = re.compile(r"正文|标题|来源|首页|位置|浏览|分享|微信|微博|打印|关闭|链接|[:：>》|]")


def agency_name(text: str | None) -> str | None:
    """`text` when it can be the name of a body that publishes reports, else None."""
    if not text or len(text) < 2 or _NOT_AGENCY.search(text):
        return None
    return text


def find_year_in_text(rows: list[Row]) -> int | None:
    for row in rows[:60]:
        m = _YEAR.search(row_text(row))
        if m:
            return int(m.group(1))
    return None


def parse_date(text: str) -> date | None:
    m = _DATE.search(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _CN_DATE.search(text)
        if not m:
            return None
        y = int("".join(str(_CN_DIGITS[ch]) for ch in m.group(1)))
        mo, d = _cn_number(m.group(2)), _cn_number(m.group(3))
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _cn_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS[text[1]]
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _CN_DIGITS[tens] * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS[text]


def signature_date(rows: list[Row]) -> tuple[date | None, int | None]:
    """The date printed under the report (its signature), and the row it is on."""
    seen = 0
    for i in range(len(rows) - 1, -1, -1):
        text = row_text(rows[i])
        if not text:
            continue
        seen += 1
        if seen > 6:
            break
        compact = re.sub(r"\s+", "", text)
        if len(compact) <= 20:
            d = parse_date(compact)
            if d:
                return d, i
    return None, None


_SENTENCE_MARK = re.compile(r"[。；，,]")


def section_texts(rows: list[Row], headings: dict[str, int], end: int | None) -> dict[str, str]:
    """The prose of each section found; table sections keep only their sentences."""
    order = sorted(headings.items(), key=lambda kv: kv[1])
    out: dict[str, str] = {}
    for n, (key, start) in enumerate(order):
        stop = order[n + 1][1] if n + 1 < len(order) else (end if end is not None else len(rows))
        lines = []
        tables_section = key in ("proactive", "requests", "litigation")
        for row in rows[start + 1 : stop]:
            if len(row) == 1:
                text = row[0].text.strip()
            else:
                text = _only_text(row)
            if not text or (tables_section and not _SENTENCE_MARK.search(text)):
                continue
            lines.append(text)
        out[key] = "\n".join(lines).strip()
    return out


def signature_start(rows: list[Row], date_row: int) -> int:
    """First row of the signature block: the date and the agency name lines above it."""
    start = date_row
    for i in range(date_row - 1, max(date_row - 3, -1), -1):
        text = row_text(rows[i])
        if not text:
            continue
        # An agency name is 3 to 40 characters without sentence punctuation; a section's
        # last line such as "无" is not part of the signature.
        if not 3 <= len(text) <= 40 or re.search(r"[。；，：]", text):
            break
        start = i
    return start
