"""A web page's chrome around the report, as crawled text keeps it.

Above the article: the navigation trail (当前位置：首页 > …), the article's metadata
(标题：…, 发布时间：…, 来源：…, 浏览次数), share and view buttons (微信 微博 QQ空间 全真版
文字版 文件下载), a lone 正文. None of it is the report; the page's title and date are kept
as the format's own metadata (what an HTML page carries in its <title> and meta tags), to
fall back on where the report does not print them.
"""

from __future__ import annotations

import re
from datetime import date

from .grid import Row
from .metadata import parse_date, row_text

# The first words of a chrome line: labels of page metadata, navigation, buttons.
_LEAD = re.compile(
    r"^\s*(?:【|\[)?\s*(?:您?当前(?:的)?位置|您的位置|所在位置|位置|首页|标题|题目|文章标题|发布(?:时间|日期|机构|单位)|"
    r"信息来源|来源|时间|日期|浏览(?:次数|量)?|点击(?:数|量|次数)?|访问(?:量|次数)|阅读(?:数|量|次数)|字体|字号|"
    r"打印|关闭|分享到?|微信|微博|QQ空间|全真版|文字版|文件下载|原文链接|索引号|主题分类|文号|成文日期|有效性|"
    r"正文|扫一扫|收藏|返回顶部|相关链接|主办单位|承办单位|网站标识码)\s*(?:[:：>》】\]]|\s|$)"
)
_TITLE = re.compile(r"(?:标题|题目|文章标题)\s*[:：]\s*(.+?报告)")
_POSTED = re.compile(r"发布(?:时间|日期)\s*[:：]\s*((?:19|20)\d{2}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2})")


def is_chrome(text: str) -> bool:
    """A line of a page's chrome, not of the report."""
    return bool(_LEAD.match(text))


def strip_chrome(rows: list[Row]) -> tuple[list[Row], str | None, date | None]:
    """The rows without the page's chrome above and below the report, with the page's
    title and date."""
    end = len(rows)
    while end > 0 and is_chrome(row_text(rows[end - 1])):
        end -= 1
    rows = rows[:end]
    start = 0
    title: str | None = None
    posted: date | None = None
    while start < len(rows):
        text = row_text(rows[start])
        if not is_chrome(text):
            break
        if title is None:
            m = _TITLE.search(text)
            title = m.group(1) if m else None
        if posted is None:
            m = _POSTED.search(text)
            posted = parse_date(m.group(1)) if m else None
        start += 1
    return rows[start:], title, posted
