"""A record laid out as the statutory template prints it: blocks, and tables as grids.

Every family renders from this one model, so the families differ only in how a layout was
converted. A grid row holds one slot per template column: a `C` where a cell starts, `V`
where a cell above spans down into it, `H` where a cell to the left spans across it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from gongkai import template
from gongkai.record import Report


@dataclass
class C:
    text: str
    rowspan: int = 1
    colspan: int = 1
    value: bool = False  # a data cell (number or blank), not a label


V, H = "V", "H"  # slots covered by a vertical or horizontal merge


@dataclass
class Table:
    name: str  # "t2", "t3" or "t4"
    rows: list[list]  # each row: one slot (C, V or H) per column
    header_rows: int  # rows before the first data row


@dataclass
class Block:
    kind: str  # "title", "heading", "para", "table", "signature"
    text: str = ""
    table: Table | None = None


@dataclass
class Style:
    """How one report prints its labels, numbers and headings."""

    half_brackets: bool = False  # (一) instead of （一）
    item_mark: str = "."  # 1. / 1、 / 1．
    heading_numbers: str = "cn"  # "cn" 一、, "arabic" 1、, "paren" （一）, "none"
    blank_zeros: float = 0.0  # share of zero cells printed blank
    spaced_labels: float = 0.0  # share of labels with a stray space inside
    broken_labels: float = 0.0  # share of long labels broken over two lines
    variants: bool = False  # older wordings, typos, alias labels
    title_lines: int = 1
    cn_date: bool = False

    @classmethod
    def random(cls, rng: random.Random, blanks: bool = True, breaks: bool = True) -> "Style":
        return cls(
            half_brackets=rng.random() < 0.4,
            item_mark=rng.choice((".", ".", "、", "．")),
            heading_numbers=rng.choice(("cn", "cn", "arabic", "paren", "none")),
            blank_zeros=rng.choice((0.0, 0.0, 0.5, 1.0)) if blanks else 0.0,
            spaced_labels=rng.choice((0.0, 0.2)),
            broken_labels=rng.choice((0.0, 0.3)) if breaks else 0.0,
            variants=rng.random() < 0.5,
            title_lines=rng.choice((1, 1, 2)),
            cn_date=rng.random() < 0.3,
        )


_CN = "一二三四五六"


def heading(section: template.Section, style: Style, rng: random.Random) -> str:
    text = section.heading
    if style.variants and section.aliases and rng.random() < 0.5:
        text = rng.choice(section.aliases)
    n = _CN.index(section.number) + 1
    prefix = {
        "cn": f"{section.number}、",
        "arabic": f"{n}、",
        "paren": f"（{section.number}）",
        "none": "",
    }[style.heading_numbers]
    return prefix + text


def _bracket(text: str, style: Style) -> str:
    return text.replace("（", "(").replace("）", ")") if style.half_brackets else text


def _ordinal(label: template.Label, style: Style) -> str:
    o = label.ordinal
    if o.endswith(".") and o[:-1].isdigit():
        return o[:-1] + style.item_mark
    return _bracket(o, style)


def _vary(text: str, style: Style, rng: random.Random) -> str:
    """Stray spaces and line breaks inside a label, as conversions leave them."""
    if len(text) >= 6 and rng.random() < style.spaced_labels:
        cut = rng.randint(2, len(text) - 2)
        text = text[:cut] + rng.choice((" ", "  ", "\u3000")) + text[cut:]
    if len(text) >= 10 and rng.random() < style.broken_labels:
        cut = rng.randint(4, len(text) - 4)
        text = text[:cut] + "\n" + text[cut:]
    return text


def t3_row_label(label: template.Label, style: Style, rng: random.Random) -> str:
    text = label.label
    if style.variants and label.aliases and rng.random() < 0.6:
        text = rng.choice(label.aliases)
    if label.key == "withheld.security_stability":
        text = rng.choice(("危及“三安全一稳定”", '危及"三安全一稳定"', "危及三安全一稳定"))
    return _vary(_ordinal(label, style) + _bracket(text, style), style, rng)


def value_text(value, style: Style, rng: random.Random) -> str:
    if value is None:
        return template.UNKNOWN_MARK  # a cell the report could not fill
    if value == 0 and style.blank_zeros and rng.random() < style.blank_zeros:
        return ""
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def _t2_table(report: Report, style: Style, rng: random.Random) -> Table:
    vintage = report.vintage or "2021"
    width = 4
    rows: list[list] = []
    for block in template.T2_BLOCKS[vintage]:
        rows.append([C(_bracket(block.item, style), colspan=width)] + [H] * (width - 1))
        heads = [C("信息内容")]
        spans = _spans(len(block.columns), width - 1)
        for col, span in zip(block.columns, spans):
            label = col.label
            if style.variants and col.aliases and rng.random() < 0.5:
                label = rng.choice(col.aliases)
            heads += [C(_vary(_bracket(label, style), style, rng), colspan=span)] + [H] * (span - 1)
        rows.append(heads)
        for row in block.rows:
            if row.key not in report.t2:
                continue  # a row the report left out
            label = row.label
            if style.variants and row.aliases and rng.random() < 0.5:
                label = rng.choice(row.aliases)
            cells = [C(label)]
            for col, span in zip(block.columns, spans):
                v = report.t2[row.key][col.key]
                cells += [C(value_text(v, style, rng), colspan=span, value=True)] + [H] * (span - 1)
            rows.append(cells)
    return Table("t2", rows, 0)


def _spans(n: int, width: int) -> list[int]:
    """Column spans that fill `width` with `n` cells, the last one taking the rest."""
    return [1] * (n - 1) + [width - n + 1]


def _t3_table(report: Report, style: Style, rng: random.Random) -> Table:
    rows: list[list] = []
    note = _bracket(template.T3_NOTE, style)
    rows.append([C(note, rowspan=3, colspan=3), H, H, C("申请人情况", colspan=7)] + [H] * 6)
    rows.append([V, V, V, C("自然人", rowspan=2), C("法人或其他组织", colspan=5), H, H, H, H, C("总计", rowspan=2)])
    org = [_vary(t, style, rng) if len(t) < 6 else t for t in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")]
    org = [t if rng.random() < 0.5 else (t[:2] + "\n" + t[2:] if style.broken_labels else t) for t in org]
    rows.append([V, V, V, V] + [C(t) for t in org] + [V])
    shape = template.t3_shape(report.t3)
    labels = tuple(r for r in template.t3_rows(shape) if r.key in report.t3)  # a row left out is not printed
    outcomes = [r for r in labels if r.key not in template.T3_NON_OUTCOME]
    groups: dict[str, int] = {}
    for r in outcomes:
        if r.group:
            groups[r.group] = groups.get(r.group, 0) + 1

    def values(key: str) -> list:
        return [C(value_text(report.t3[key][c], style, rng), value=True) for c in template.T3_COLUMN_KEYS]

    started: set[str] = set()
    for r in labels:
        text = t3_row_label(r, style, rng)
        if r.key in ("new", "carried_over", "carry_forward"):
            rows.append([C(text, colspan=3), H, H] + values(r.key))
            continue
        first = [C(_bracket("三、本年度办理结果", style), rowspan=len(outcomes) + 1)] if r is outcomes[0] else [V]
        if r.group:
            if r.group not in started:
                started.add(r.group)
                second = [C(_vary(_bracket(r.group, style), style, rng), rowspan=groups[r.group])]
            else:
                second = [V]
            rows.append(first + second + [C(text)] + values(r.key))
        else:
            rows.append(first + [C(text, colspan=2), H] + values(r.key))
    return Table("t3", rows, 3)


def _t4_table(report: Report, style: Style, rng: random.Random) -> Table:
    parts = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    rows = [
        [C("行政复议", colspan=5), H, H, H, H, C("行政诉讼", colspan=10)] + [H] * 9,
        [C(_vary(p, style, rng), rowspan=2) for p in parts]
        + [C("未经复议直接起诉", colspan=5), H, H, H, H, C("复议后起诉", colspan=5), H, H, H, H],
        [V] * 5 + [C(p) for p in parts] * 2,
        [C(value_text(report.t4[g][c], style, rng), value=True) for g in template.T4_GROUP_KEYS for c in template.T4_COLUMN_KEYS],
    ]
    return Table("t4", rows, 3)


def _date_text(report: Report, style: Style) -> str:
    d = report.published
    if style.cn_date:
        digits = "〇一二三四五六七八九"
        year = "".join(digits[int(ch)] for ch in str(d.year))
        return f"{year}年{_cn_number(d.month)}月{_cn_number(d.day)}日"
    return f"{d.year}年{d.month}月{d.day}日"


def _cn_number(n: int) -> str:
    digits = "〇一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def blocks(report: Report, rng: random.Random, style: Style) -> list[Block]:
    """The whole report in reading order."""
    title = title_text(report)
    out: list[Block] = []
    if style.title_lines == 2:
        out += [Block("title", title[:-6]), Block("title", title[-6:])]
    else:
        out.append(Block("title", title))
    out.append(Block("para", "依据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条规定，编制本报告。"))
    tables = {"proactive": _t2_table, "requests": _t3_table, "litigation": _t4_table}
    for section in template.SECTIONS:
        if section.key not in report.sections and section.key in template.NARRATIVE_SECTIONS:
            continue  # a section the report left out
        out.append(Block("heading", heading(section, style, rng)))
        out.append(Block("para", report.sections.get(section.key, "")))
        table = {"proactive": "t2", "requests": "t3", "litigation": "t4"}.get(section.key)
        if table and getattr(report, table):
            out.append(Block("table", table=tables[section.key](report, style, rng)))
    if report.published is not None:
        agency = report.agency or ""
        if agency:
            out.append(Block("signature", agency[-9:]))
        out.append(Block("signature", _date_text(report, style)))
    return out


def title_text(report: Report) -> str:
    """The report's title as agencies print it: the agency, the year, the words."""
    year = f"{report.year}年" if report.year is not None else ""
    return f"{report.agency or ''}{year}政府信息公开工作年度报告"


def physical(table: Table) -> list[list[tuple[str, C]]]:
    """Each row's cells as a word processor stores them: ("C", cell) where a cell starts,
    ("V", cell) once for each merged cell continued from above, horizontal spans folded."""
    active: dict[int, tuple[C, int]] = {}
    out = []
    for row in table.rows:
        cells = []
        for j, slot in enumerate(row):
            if isinstance(slot, C):
                cells.append(("C", slot))
                for k in range(j, j + slot.colspan):
                    active[k] = (slot, j)
            elif slot == V:
                cell, start = active[j]
                if start == j:
                    cells.append(("V", cell))
        out.append(cells)
    return out


ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16")


def encode(text: str, rng: random.Random, encodings=ENCODINGS) -> bytes:
    """Text as one of the encodings published reports come in."""
    return text.encode(rng.choice(encodings))
