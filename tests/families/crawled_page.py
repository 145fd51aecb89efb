"""A crawled web page saved as text: the site's chrome first, then the whole report on one
or two very long lines.

The chrome is what a crawler keeps of a government site's article page: the navigation
trail (当前位置：首页 > …), the article's metadata (标题：, 发布时间：, 来源：, 浏览次数),
share and view buttons (微信 微博 QQ空间 全真版 文字版 文件下载), a lone 正文, and a footer
(主办单位, 网站标识码). The report's title, prose, section headings, tables (rows run
together as crawler.py prints them) and signature follow each other with nothing between,
or with a space. Every cell reads back; the agency is the report's, never a chrome word.
"""

from __future__ import annotations

import random

from gongkai.record import Report

from .crawler import _table_rows
from .layout import Style, blocks, encode

TRAILS = ("当前位置：首页 > 政务公开 > 政府信息公开年报", "您当前的位置：首页>信息公开>年度报告", "当前位置: 首页 >> 政府信息公开 >> 政府信息公开年度报告")
BUTTONS = ("微信 微博 QQ空间 全真版 文字版 文件下载", "分享到：微信 微博 QQ空间", "【字体：大 中 小】 【打印】 【关闭】", "全真版 文字版")
FOOTERS = ("主办单位：{agency}办公室 网站标识码：3208130001", "【打印本页】 【关闭窗口】", "相关链接：国务院 省政府 市政府")


def _chrome(report: Report, title: str, rng: random.Random, titled: bool) -> list[str]:
    """The page's chrome above the article, in an order a site might use; `titled`: with
    the article's title (the only place the agency is named when the report's own title
    leaves it out)."""
    colon = rng.choice(("：", ":", "： "))
    when = report.published.isoformat() if report.published else ""  # posted the day the report is dated
    lines = [rng.choice(TRAILS)]
    if titled or rng.random() < 0.7:
        lines.append(f"标题{colon}{title}")
    if when and rng.random() < 0.6:
        lines.append(f"发布时间{colon}{when} 10:{rng.randint(10, 59)}")
    lines.append(f"来源{colon}{report.agency or '本机关'}办公室" + (f" 时间{colon}{when}" if when and rng.random() < 0.5 else "") + f" 浏览次数{colon}{rng.randint(5, 900)}")
    lines.append(rng.choice(BUTTONS))
    if rng.random() < 0.5:
        lines.append(f"原文链接{colon}http://www.example.gov.cn/xxgk/{rng.randint(1000, 9999)}.html")
    if rng.random() < 0.6:
        lines.append("正文")
    rng.shuffle(lines[1:-1])
    if rng.random() < 0.3:
        return ["  ".join(lines)]  # the whole chrome on one line
    return lines


def render_crawled_page(report: Report, rng: random.Random) -> bytes:
    """The page as text."""
    style = Style.random(rng, blanks=False, breaks=False)
    style.spaced_labels = 0.0
    style.title_lines = 1
    gap = rng.choice(("", "", " ", "\u3000"))
    pieces: list[str] = []
    title = ""
    bare = rng.random() < 0.25  # the report's title without the agency: "2023年…年度报告"
    for block in blocks(report, rng, style):
        if block.kind == "title":
            title = block.text
            if bare:
                pieces.append(title[len(report.agency or ""):])
                continue
        if block.kind == "table":
            pieces.append(gap.join(_table_rows(block.table, rng, 0.0)))
        else:
            pieces.append(block.text)
    lines = _chrome(report, title, rng, titled=bare)
    if rng.random() < 0.5:
        lines.append(gap.join(pieces))
    else:  # two long lines, cut anywhere between two pieces
        cut = rng.randint(3, len(pieces) - 3)
        lines += [gap.join(pieces[:cut]), gap.join(pieces[cut:])]
    lines += rng.sample(FOOTERS, rng.randint(0, 2))
    text = "\n".join(line.format(agency=report.agency or "本机关") for line in lines) + "\n"
    return encode(text, rng)
