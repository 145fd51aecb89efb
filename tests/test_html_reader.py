"""Saved web pages: the article found inside navigation and layout tables, the date from the page."""

from __future__ import annotations

from datetime import date

from gongkai.readers import read_bytes
from gongkai.readers.html import parse_html

from .builders import consistent_report


def _page(article: str, head: str = "", around: str = "") -> str:
    return (
        f"<html><head><meta charset='utf-8'><title>政务公开_示例网</title>{head}"
        "<script>var nav = '行政许可 5';</script><style>td{color:red}</style></head><body>"
        "<table class='layout'><tr><td><ul><li><a href='/'>首页</a></li><li>政务公开</li></ul></td></tr>"
        f"<tr><td>{around}<div class='article'>{article}</div></td></tr></table>"
        "<div class='footer'>版权所有 示例市人民政府 网站标识码 1234567890</div></body></html>"
    )


def test_publication_date_from_meta_or_from_the_next_cell():
    head = "<meta name='PubDate' content='2024-01-22 09:30'>"
    assert parse_html(_page("<p>x</p>", head=head)).published == date(2024, 1, 22)
    around = "<table><tr><td>发布时间：</td><td><span>2024-01-25</span></td><td>来源：区政府办</td></tr></table>"
    assert parse_html(_page("<p>x</p>", around=around)).published == date(2024, 1, 25)
    assert parse_html(_page("<p>在规定时间内答复</p>")).published is None


def test_article_inside_layout_tables_reads_like_the_record():
    record = consistent_report()
    html = gongkai_html(record)
    # wrap the rendered report's body in a saved page with navigation and a layout table
    body = html.split("<body>", 1)[1].rsplit("</body>", 1)[0]
    page = _page(body, around="<table><tr><td>发布日期：</td><td>2024-01-20</td></tr></table>")
    report = read_bytes(page.encode("gb18030").replace(b"charset='utf-8'", b"charset='gbk'"), "page.html")
    assert report.core() | {"published": None} == record.core() | {"published": None}
    assert report.published == date(2024, 1, 20)


def gongkai_html(record) -> str:
    from gongkai import render

    return render(record, "html").decode("utf-8")
