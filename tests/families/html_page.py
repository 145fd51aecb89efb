"""HTML as agencies publish it: a whole saved page or a fragment.

Pages wrap the article in navigation, scripts and a metadata table; tables use rowspan and
colspan; labels are split into per-character spans or wrapped in <font>; blank cells are
&nbsp; or <o:p> </o:p>; table 二 is one table or one per block; GBK pages say so in a meta.
"""

from __future__ import annotations

import html
import random

from gongkai.record import Report

from .layout import C, Style, Table, blocks, title_text

EXT = "html"


def _text(text: str, rng: random.Random, split: bool) -> str:
    if not text:
        return rng.choice(("&nbsp;", "<o:p> </o:p>", "", "<p>&nbsp;</p>"))
    parts = text.split("\n")
    out = []
    for part in parts:
        if split and len(part) > 1:
            out.append("".join(f'<span style="font-family:宋体">{html.escape(ch)}</span>' for ch in part))
        else:
            out.append(html.escape(part))
    body = "<br>".join(out)
    return f'<font face="宋体" size="2">{body}</font>' if rng.random() < 0.3 else body


def _table(rows: list[list], rng: random.Random, split: bool) -> str:
    out = ['<table border="1" cellspacing="0" class="MsoNormalTable" style="border-collapse:collapse">']
    for slots in rows:
        out.append("<tr>")
        for slot in slots:
            if not isinstance(slot, C):
                continue
            attrs = ""
            if slot.rowspan > 1:
                attrs += f' rowspan="{slot.rowspan}"'
            if slot.colspan > 1:
                attrs += f' colspan="{slot.colspan}"'
            inner = _text(slot.text, rng, split and not slot.value)
            if rng.random() < 0.3:
                inner = f'<p class="MsoNormal" align="center">{inner}</p>'
            out.append(f'<td{attrs} valign="center">{inner}</td>')
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def _t2_pieces(table: Table) -> list[list[list]]:
    """Table 二 as one table per block: each block starts at a 第二十条 row."""
    pieces: list[list[list]] = []
    for row in table.rows:
        first = row[0]
        if isinstance(first, C) and "第二十条" in first.text:
            pieces.append([])
        pieces[-1].append(row)
    return pieces


def render_html_page(report: Report, rng: random.Random) -> bytes:
    style = Style.random(rng)
    split = rng.random() < 0.4
    body: list[str] = []
    for block in blocks(report, rng, style):
        if block.kind == "table":
            table = block.table
            if table.name == "t2" and rng.random() < 0.5:
                body += [_table(p, rng, split) for p in _t2_pieces(table)]
            else:
                body.append(_table(table.rows, rng, split))
        elif block.kind == "title":
            body.append(f'<p align="center"><strong>{html.escape(block.text)}</strong></p>')
        elif block.kind == "heading":
            body.append(f"<p><strong>{html.escape(block.text)}</strong></p>")
        elif block.kind == "signature":
            body.append(f'<p align="right">{html.escape(block.text)}</p>')
        else:
            body.append(f'<p style="text-indent:2em">{html.escape(block.text)}</p>')
    article = "\n".join(body)
    encoding = rng.choice(("utf-8", "gbk", "gb18030"))
    if rng.random() < 0.3:
        return article.encode(encoding if encoding == "utf-8" else "utf-8")
    title = title_text(report)
    agency = report.agency or ""
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">
<title>{html.escape(title)}_{html.escape(agency)}门户网站</title>
<script>var nav = "<table><tr><td>首页</td></tr></table>"; document.write("");</script>
<style>td {{ font-size: 14px; }}</style></head>
<body><div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/xxgk/">政务公开</a></li></ul></div>
<table class="meta"><tr><td>索引号：</td><td>11110000/2024-00012</td><td>发布机构：</td><td>{html.escape(agency)}</td></tr>
<tr><td>主题分类：</td><td>政务公开</td><td>文号：</td><td></td></tr></table>
<div class="article"><h1>{html.escape(title)}</h1>
<div class="TRS_Editor">
{article}
</div></div>
<div class="footer"><p>主办单位：{html.escape(agency)}　网站标识码：1101060001</p><p>第 1 页</p></div>
<script>window.onload = function () {{}};</script></body></html>
"""
    return page.encode(encoding)
