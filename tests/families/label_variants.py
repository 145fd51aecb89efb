"""Table 三's row labels as typists and OCR print them, in tab-separated text.

ASCII punctuation and spaces ("(一)", "1. 属于", "不补正, 行政机关不再处理…"), characters
OCR takes for others that look alike (已→己, 未→末, 申→甲, the ordinal 1 → l), full-width
digits in ordinals and counts, and 其它 for 其他; now and then a row printed under the
label of the row above or below it (two rows claim one place), that row's own label
sometimes lost (only its place is left to say which it is). Each row is still the only
one its label can stand for, or its place in the template's order says which it is: every
cell reads back.
"""

from __future__ import annotations

import random

from gongkai import template
from gongkai.record import Report

from .layout import C, Style, blocks, encode

# What OCR reads for a character that looks alike (never a character that would make the
# label another row's).
LOOK_ALIKES = {
    "已": "己", "未": "末", "密": "宓", "开": "幵", "理": "埋", "日": "曰", "人": "入", "土": "士",
    "申": "甲", "审": "宙", "权": "杈", "益": "盖", "掌": "拿", "获": "荻", "信": "倍", "作": "怍",
    "询": "洵", "纳": "呐", "复": "夏", "重": "童", "访": "仿", "投": "没",
}
ORDINAL_LOOK_ALIKES = {"1": ("l", "I", "|"), "0": ("O", "o")}
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _ascii(text: str, rng: random.Random) -> str:
    """Full-width punctuation typed as ASCII, with the spaces that come with it."""
    text = text.replace("（", "(").replace("）", ")").replace("“", '"').replace("”", '"')
    text = text.replace("、", rng.choice((", ", ",", "、"))).replace("，", ", ")
    if text[:1].isdigit() and text[1:2] in ".．、":
        text = text[0] + rng.choice((". ", ".", " ")) + text[2:].lstrip()
    return text


def _ocr(text: str, rng: random.Random) -> str:
    """One or two characters read as others that look alike; an ordinal 1 read as l."""
    chars = list(text)
    spots = [i for i, ch in enumerate(chars) if ch in LOOK_ALIKES]
    for i in rng.sample(spots, min(len(spots), rng.choice((1, 1, 2)))):
        chars[i] = LOOK_ALIKES[chars[i]]
    if chars and chars[0] in ORDINAL_LOOK_ALIKES and rng.random() < 0.5:
        chars[0] = rng.choice(ORDINAL_LOOK_ALIKES[chars[0]])
    return "".join(chars)


def vary_label(text: str, key: str, rng: random.Random) -> str:
    """A row label as some report prints it."""
    if key == "other.other" and rng.random() < 0.5:
        text = text.replace("其他", "其它")
    roll = rng.random()
    if roll < 0.35:
        text = _ascii(text, rng)
    elif roll < 0.7 and len(template.normalize(text)) > 6:
        text = _ocr(text, rng)
    elif roll < 0.85:
        text = text.translate(FULL_WIDTH)
    return text


def render_label_variants(report: Report, rng: random.Random) -> bytes:
    style = Style.random(rng, blanks=False, breaks=False)
    full_width_counts = rng.random() < 0.3
    shape = template.t3_shape(report.t3)
    keys = [r.key for r in template.t3_rows(shape) if r.key in report.t3]
    copied = rng.randrange(1, len(keys) - 1) if rng.random() < 0.3 else -1  # printed under a neighbour's label
    source = copied + rng.choice((-1, 1))
    lost = source if rng.random() < 0.5 else -1  # and the neighbour's own label lost
    lines: list[str] = []
    for block in blocks(report, rng, style):
        if block.kind == "table":
            lines.append("")
            data_rows = iter(range(len(keys)))
            for slots in block.table.rows:
                cells = [s for s in slots if isinstance(s, C)]
                values = [c for c in cells if c.value]
                texts = [c.text.replace("\n", "") for c in cells]
                if block.table.name == "t3" and values:
                    at = cells.index(values[0]) - 1  # the row's own label, before its numbers
                    n = next(data_rows)
                    if n == copied:
                        texts[at] = template.t3_label(keys[source]).printed
                    elif n == lost:
                        texts[at] = ""
                    else:
                        texts[at] = vary_label(texts[at], keys[n], rng)
                if full_width_counts and values:
                    texts = [t.translate(FULL_WIDTH) if c.value else t for c, t in zip(cells, texts)]
                lines.append("\t".join(texts))
            lines.append("")
        else:
            lines.append(block.text)
    return encode("\n".join(lines) + "\n", rng)
