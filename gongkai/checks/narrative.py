"""The narrative against the tables: what the text says about requests, outcomes and appeals.

Only plain statements are read ("收到…申请9件", "已答复的9项", "“不予公开”2项，占总数的22%"),
so that a finding is very likely a real contradiction; every finding quotes the sentence.
"""

from __future__ import annotations

import re

from .. import template
from .registry import Context, declare, known_sum, rule

# A count with its unit. The digits are taken whole (`++`: a shorter run is followed by a
# digit, never by the unit), so a long run of digits costs one pass, not one per length.
_NUM = r"(\d++)\s*(?:件|项|个|次|宗|起)"
_RECEIVED = [
    re.compile(r"(?:收到|受理|接到|接收|新收|办理)[^。；，,]{0,16}?申请[^。；，,]{0,6}?(?:总数|总量|数量)?(?:为|共|合计)?" + _NUM),
    re.compile(r"(?:收到|受理|接到|接收|新收)[^。；]{0,8}?申请[^。；]{0,6}?共计?" + _NUM),
    re.compile(r"共(?:收到|受理|接到|接收)[^。；，,]{0,12}?" + _NUM),
]
_ANSWERED = [
    # "已答复的9件": the 已/共/均已 before it changes neither the number nor the sentence quoted
    re.compile(r"(?:答复|办结|办理完毕)的\s*" + _NUM),
    re.compile(r"(?:已|共)(?:答复|办结)[^。；，,]{0,6}?" + _NUM),
    re.compile(r"申请的\s*" + _NUM + r"[^。；]{0,4}?事项[，,]?\s*已[^。；]{0,10}?答复"),
]
_CARRIED = re.compile(r"结转(?:至|到)?下(?:一)?年度?[^。；，,]{0,8}?" + _NUM)
_QUOTED = re.compile(r"[“\"]([^”\"]{2,24})[”\"](?:[或和、及与][“\"]([^”\"]{2,24})[”\"])*\s*(?:共|为)?\s*(\d+)\s*(?:件|项)(?:[，,]\s*占[^0-9%]{0,8}?(\d+(?:\.\d+)?)\s*%)?")
# A count before the word starts where its digits do (`(?<!\d)`): the first match is the
# same, and a crawled table run into the text is not tried at every digit.
_REVIEW = re.compile(r"行政复议[^。；，,]{0,6}?" + _NUM + r"|(?<!\d)" + _NUM + r"[^。；，,]{0,4}?行政复议")
_LITIGATION = re.compile(r"行政诉讼[^。；，,]{0,6}?" + _NUM + r"|(?<!\d)" + _NUM + r"[^。；，,]{0,4}?行政诉讼")

# outcome phrases in prose → the table 三 rows they stand for (a group stands for all its rows)
_OUTCOME_PREFIXES = {
    "予以公开": ("granted",),
    "部分公开": ("partial",),
    "不予公开": ("withheld.",),
    "无法提供": ("unable.",),
    "不予处理": ("rejected.",),
    "其他处理": ("other",),
}

declare("NARRATIVE_RECEIVED", "warning", "正文所述收到申请件数与表三不符")
declare("NARRATIVE_CARRY_FORWARD", "warning", "正文所述结转下年度件数与表三不符")
declare("NARRATIVE_OUTCOME", "warning", "正文所述某类办理结果件数与表三不符")
declare("NARRATIVE_PERCENT", "warning", "正文中的百分比与所述件数不符")
declare("NARRATIVE_REVIEW", "warning", "正文所述行政复议、行政诉讼件数与表四不符")


_KEYWORDS = ("申请", "答复", "办结", "结转", "复议", "诉讼", "”", '"')
_KEYWORD = re.compile("|".join(re.escape(k) for k in _KEYWORDS))
_DIGIT = re.compile(r"\d")
# every pattern of _ANSWERED needs one of these words: texts without them skip the scans
_ANSWERED_WORDS = ("答复", "办结", "办理完毕")


def _prose(ctx: Context) -> str:
    """The sentences of the narrative that state a number about requests or appeals."""
    text = "\n".join(v for k, v in ctx.report.sections.items() if k != "problems")
    if not text:
        return ""
    text = "".join(text.split()).replace("；", "。").replace(";", "。")
    kept = list(filter(_DIGIT.search, filter(_KEYWORD.search, text.split("。"))))
    return "。\n".join(kept) + "。" if kept else ""


def _sentence(text: str, pos: int) -> str:
    start = max(text.rfind("。", 0, pos), text.rfind("\n", 0, pos)) + 1
    end = text.find("。", pos)
    return text[start : end + 1 if end >= 0 else len(text)].strip()[:120]


def _total(report, row: str) -> int | None:
    cells = report.t3.get(row)
    return None if not cells else cells.get("total")


def _rows_total(report, prefixes: tuple[str, ...]) -> int | None:
    # a prefix ending in "." (and "other") stands for its whole group; any other is one row
    groups = tuple(p for p in prefixes if p.endswith(".") or p == "other")
    keys = [k for k in report.t3 if k in prefixes or k.startswith(groups)]
    return known_sum(report.t3[k].get("total") for k in keys) if keys else None


@rule("NARRATIVE_ANSWERED", "warning", "正文所述已答复（办结）件数与表三（七）总计不符")
def answered(ctx: Context):
    r = ctx.report
    text = _prose(ctx)
    if not text or not r.t3:
        return
    new, carried, total, forward = (_total(r, k) for k in ("new", "carried_over", "total", "carry_forward"))
    said_answered: set[int] = set()
    for pattern in _ANSWERED if any(w in text for w in _ANSWERED_WORDS) else ():
        for m in pattern.finditer(text):
            n = int(m.group(1))
            if total is not None and n != total and n not in said_answered:
                said_answered.add(n)
                extra = f"（另有{forward}件结转下年度）" if forward else ""
                yield ctx.finding(
                    "NARRATIVE_ANSWERED",
                    f"正文称已答复{n}件（“{_sentence(text, m.start())}”），表三（七）总计{ctx.quoted('t3', 'total', 'total', total)}{extra}",
                    table="t3", row="total", column="total", said=n,
                )
    for pattern in _RECEIVED if "申请" in text or "共" in text else ():
        for m in pattern.finditer(text):
            n = int(m.group(1))
            if new is None or n in (new, (new or 0) + (carried or 0)):
                continue
            yield ctx.finding(
                "NARRATIVE_RECEIVED",
                f"正文称收到申请{n}件（“{_sentence(text, m.start())}”），表三“本年新收”{ctx.quoted('t3', 'new', 'total', new)}" + (f"、“上年结转”{carried}件" if carried else ""),
                table="t3", row="new", column="total", said=n,
            )
            break
    for m in _CARRIED.finditer(text) if "结转" in text else ():
        n = int(m.group(1))
        if forward is not None and n != forward:
            yield ctx.finding(
                "NARRATIVE_CARRY_FORWARD",
                f"正文称结转下年度{n}件（“{_sentence(text, m.start())}”），表三“结转下年度继续办理”{ctx.quoted('t3', 'carry_forward', 'total', forward)}",
                table="t3", row="carry_forward", column="total", said=n,
            )
    yield from _outcomes(ctx, text, said_answered or ({total} if total is not None else set()))
    yield from _appeals(ctx, text)


def _outcomes(ctx: Context, text: str, bases: set[int]):
    r = ctx.report
    for m in _QUOTED.finditer(text) if "“" in text or '"' in text else ():
        phrases = [p for p in re.findall(r"[“\"]([^”\"]{2,24})[”\"]", m.group(0))]
        rows: list[str] = []
        for phrase in phrases:
            prefixes = _OUTCOME_PREFIXES.get(phrase)
            if prefixes is None:
                key = _row_by_label(phrase)
                prefixes = (key,) if key else None
            if prefixes is None:
                rows = []
                break
            rows.extend(prefixes)
        if not rows:
            continue
        said = int(m.group(3))
        actual = _rows_total(r, tuple(rows))
        if actual is not None and said != actual:
            yield ctx.finding(
                "NARRATIVE_OUTCOME",
                f"正文称{'或'.join('“%s”' % p for p in phrases)}{said}件，表三为{actual}件（“{_sentence(text, m.start())}”）",
                table="t3", said=said,
            )
        if m.group(4) and bases:
            pct = float(m.group(4))
            if not any(b and abs(said * 100 / b - pct) <= 1.0 for b in bases):
                base = sorted(bases)[0]
                yield ctx.finding(
                    "NARRATIVE_PERCENT",
                    f"正文称{said}件占{pct:g}%，按{base}件计算应为{said * 100 / base:.0f}%（“{_sentence(text, m.start())}”）" if base else
                    f"正文称{said}件占{pct:g}%，但总数为0（“{_sentence(text, m.start())}”）",
                    table="t3", said=said,
                )


def _row_by_label(phrase: str) -> str | None:
    return _ROWS_BY_LABEL.get(template.normalize(phrase))


# reversed, so that where two rows share a label the first one wins
_ROWS_BY_LABEL = {template.normalize(row.label): row.key for row in reversed(template.t3_rows("2021"))}


def _appeals(ctx: Context, text: str):
    t4 = ctx.report.t4
    if not t4:
        return
    review = (t4.get("review") or {}).get("total")
    suits = [(t4.get(g) or {}).get("total") for g in ("litigation_direct", "litigation_after_review")]
    litigation = known_sum(suits)
    appeals = ((_REVIEW, review, "行政复议", ("review",)), (_LITIGATION, litigation, "行政诉讼", ("litigation_direct", "litigation_after_review")))
    for pattern, actual, name, groups in appeals:
        if actual is None or name not in text:
            continue  # both patterns need the name itself
        m = _first_appeal(pattern, text, name)
        if m is None:
            continue
        said = int(m.group(1) or m.group(2))
        if said != actual:
            yield ctx.finding(
                "NARRATIVE_REVIEW",
                f"正文称{name}{said}件（“{_sentence(text, m.start())}”），表四{ctx.quoted('t4', groups, 'total', actual)}",
                table="t4", said=said,
            )


def _first_appeal(pattern: re.Pattern, text: str, name: str) -> re.Match | None:
    """The first match of an appeal pattern in or after the sentence that first names the appeal.

    Every match holds the name, either first or after a count: its digits, spaces, unit and
    at most four more characters. So no match starts before that stretch ahead of the first
    mention, and the search starts there rather than at every digit of a long sentence (a
    crawled page runs a whole table into one).
    """
    at = text.find(name)
    first = text.rfind("。", 0, at) + 1
    start = at - 5
    while start > first and (text[start - 1].isdigit() or text[start - 1].isspace()):
        start -= 1
    return pattern.search(text, max(first, start))
