"""A standalone web page that looks like a published report and prints well.

Tables keep the official merged cells (rowspan, colspan) with `th` and `scope` for screen
readers; the page needs no external resource.
"""

from __future__ import annotations

from html import escape

from ..record import Report
from . import layout as L

_STYLE = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { margin: 0; background: #f4f4f1; color: #111;
  font-family: "FangSong", "仿宋_GB2312", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  font-size: 16pt; line-height: 1.8; }
main { max-width: 156mm; margin: 2em auto; padding: 20mm 24mm; background: #fff;
  box-shadow: 0 1px 4px rgba(0,0,0,.15); }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "Noto Serif CJK SC", serif;
  font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.5; margin: 0 0 1em; }
h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
  font-size: 16pt; font-weight: normal; margin: 1em 0 .3em; }
p { text-indent: 2em; margin: 0; text-align: justify; }
p.signature { text-align: right; text-indent: 0; }
p.signature:first-of-type { margin-top: 2em; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 1em; font-size: 10.5pt; line-height: 1.4;
  page-break-inside: auto; }
tr { page-break-inside: avoid; }
thead { display: table-header-group; }
th, td { border: 1px solid #000; padding: 3px 4px; }
th { font-weight: normal; text-align: center; }
th[scope=row], th[scope=rowgroup] { text-align: left; }
td { text-align: center; font-variant-numeric: tabular-nums; }
td.unknown { color: #a33; }
@media print { body { background: none; } main { box-shadow: none; margin: 0; padding: 0; max-width: none; } }
"""


def render_html(report: Report) -> bytes:
    title = escape(L.title(report))
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="gongkai">',
        f"<title>{title}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{title}</h1>",
    ]
    for block in L.blocks(report):
        if isinstance(block, L.Heading):
            out.append(f'<h2 id="{block.key}">{escape(block.text)}</h2>')
        elif isinstance(block, L.Paragraph):
            out.append(f"<p>{escape(block.text)}</p>")
        elif isinstance(block, L.Signature):
            if block.agency:
                out.append(f'<p class="signature">{escape(block.agency)}</p>')
            out.append(f'<p class="signature">{escape(block.date)}</p>')
        else:
            out.append(_table(block, report))
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out).encode("utf-8")


def _table(table: L.Table, report: Report) -> str:
    out = [f'<table aria-label="{escape(table.caption)}">']
    for n, row in enumerate(table.rows):
        if n == 0 and table.header_rows:
            out.append("<thead>")
        if n == table.header_rows:
            out.append("</thead>" if table.header_rows else "")
            out.append("<tbody>")
        out.append("<tr>" + "".join(_cell(c, report) for c in row) + "</tr>")
    out.append("</tbody>")
    out.append("</table>")
    return "\n".join(line for line in out if line)


def _cell(cell: L.Cell, report: Report) -> str:
    attrs = ""
    if cell.rows > 1:
        attrs += f' rowspan="{cell.rows}"'
    if cell.cols > 1:
        attrs += f' colspan="{cell.cols}"'
    if cell.head:
        scope = f' scope="{cell.scope}"' if cell.scope else ""
        return f"<th{scope}{attrs}>{escape(cell.text)}</th>"
    value = L.value(report, cell.key)
    if value is None:
        attrs += ' class="unknown"'
    return f"<td{attrs}>{escape(L.cell_text(value))}</td>"
