"""Charts drawn on the server as SVG: black lines told apart by dash and marker, labelled values, so a
printout in black and white reads as well as the screen. No script, nothing fetched from elsewhere."""

from __future__ import annotations

from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2")
MARKERS = ("circle", "square", "triangle", "diamond", "cross")
FONT = 'font-family="Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"'


def _fmt(value: Decimal, unit: str) -> str:
    if unit == "%":
        return f"{value:.1f}%"
    return f"{value:.1f}" if value != value.to_integral_value() else f"{int(value)}"


def _marker(kind: str, x: float, y: float) -> str:
    if kind == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="#fff" stroke="#000"/>'
    if kind == "triangle":
        return f'<path d="M{x:.1f},{y - 4.5:.1f} L{x + 4.5:.1f},{y + 3.5:.1f} L{x - 4.5:.1f},{y + 3.5:.1f} Z" fill="#000"/>'
    if kind == "diamond":
        return f'<path d="M{x:.1f},{y - 5:.1f} L{x + 5:.1f},{y:.1f} L{x:.1f},{y + 5:.1f} L{x - 5:.1f},{y:.1f} Z" fill="#fff" stroke="#000"/>'
    if kind == "cross":
        return f'<path d="M{x - 4:.1f},{y - 4:.1f} L{x + 4:.1f},{y + 4:.1f} M{x - 4:.1f},{y + 4:.1f} L{x + 4:.1f},{y - 4:.1f}" stroke="#000" stroke-width="1.5"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#000"/>'


def _scale(values: list[Decimal], unit: str) -> tuple[Decimal, Decimal]:
    hi = max(values, default=Decimal(0))
    if unit == "%":
        return Decimal(0), max(Decimal(100) if hi > 50 else hi * Decimal("1.2"), Decimal(1))
    if hi <= 0:
        return Decimal(0), Decimal(1)
    step = Decimal(10) ** (len(str(int(hi))) - 1)
    top = ((hi / step).to_integral_value(rounding="ROUND_CEILING") or 1) * step
    return Decimal(0), top if top > hi else top + step


def line_chart(title: str, years: list[int], series: list[tuple[str, list[Decimal | None]]], unit: str,
               chart_id: str = "trend") -> SafeString:
    """Years along, values up; each series a line (a gap where a year is unknown) labelled at its end."""
    width, height, left, right, top, bottom = 760, 340, 60, 210, 40, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    known = [v for _, values in series for v in values if v is not None]
    lo, hi = _scale(known, unit)
    span = hi - lo or Decimal(1)

    def x(i: int) -> float:
        return left + (plot_w * i / max(len(years) - 1, 1) if len(years) > 1 else plot_w / 2)

    def y(v: Decimal) -> float:
        return top + plot_h - float((v - lo) / span) * plot_h

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" id="{escape(chart_id)}" '
           f'class="chart" {FONT} font-size="12"><title>{escape(title)}</title>',
           f'<text x="{left}" y="22" font-size="15" font-weight="bold">{escape(title)}</text>']
    for k in range(5):
        v = lo + span * k / 4
        yy = y(v)
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="#bbb" stroke-width="0.6"/>')
        out.append(f'<text x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end">{escape(_fmt(v.quantize(Decimal("0.1")), unit))}</text>')
    for i, year in enumerate(years):
        out.append(f'<text x="{x(i):.1f}" y="{top + plot_h + 20}" text-anchor="middle">{year}年度</text>')
    out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#000"/>')
    for n, (label, values) in enumerate(series):
        dash, marker = DASHES[n % len(DASHES)], MARKERS[n % len(MARKERS)]
        runs, run = [], []
        for i, v in enumerate(values):
            if v is None:
                runs, run = runs + [run] if run else runs, []
            else:
                run.append((x(i), y(v), v))
        if run:
            runs.append(run)
        out.append(f'<g class="series" data-label="{escape(label)}">')
        for r in runs:
            points = " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in r)
            out.append(f'<polyline points="{points}" fill="none" stroke="#000" stroke-width="1.8"'
                       + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
            for px, py, v in r:
                out.append(_marker(marker, px, py))
                if n == 0:  # the first line's values written out; the others' are in the table beside the chart
                    out.append(f'<text x="{px:.1f}" y="{py - 9:.1f}" text-anchor="middle" font-size="11" font-weight="bold" '
                               f'stroke="#fff" stroke-width="3" paint-order="stroke">{escape(_fmt(v, unit))}</text>')
        ly = top + 10 + 22 * n  # the legend: the line's own dash and marker beside its name
        out.append(f'<line x1="{left + plot_w + 12}" x2="{left + plot_w + 42}" y1="{ly}" y2="{ly}" stroke="#000" '
                   f'stroke-width="1.8"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
        out.append(_marker(marker, left + plot_w + 27, ly))
        out.append(f'<text x="{left + plot_w + 48}" y="{ly + 4}" font-size="12">{escape(label[:12])}</text>')
        out.append("</g>")
    out.append("</svg>")
    return mark_safe("".join(out))


def bar_chart(title: str, bars: list[tuple[str, Decimal]], unit: str, chart_id: str = "ranking") -> SafeString:
    """One horizontal bar per item, largest scale first as given, each with its value written beside it."""
    row, left, width, top = 22, 220, 720, 36
    height = top + row * len(bars) + 12
    lo, hi = _scale([v for _, v in bars], unit)
    plot_w = width - left - 70
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" id="{escape(chart_id)}" '
           f'class="chart" {FONT} font-size="12"><title>{escape(title)}</title>',
           f'<text x="4" y="20" font-size="15" font-weight="bold">{escape(title)}</text>']
    for i, (label, value) in enumerate(bars):
        yy = top + i * row
        w = float((value - lo) / ((hi - lo) or 1)) * plot_w
        out.append(f'<text x="{left - 6}" y="{yy + 14}" text-anchor="end">{escape(label[:18])}</text>')
        out.append(f'<rect x="{left}" y="{yy + 3}" width="{w:.1f}" height="{row - 8}" fill="#fff" stroke="#000"/>')
        out.append(f'<rect x="{left}" y="{yy + 3}" width="{w:.1f}" height="{row - 8}" fill="url(#hatch)" />')
        out.append(f'<text x="{left + w + 6:.1f}" y="{yy + 14}">{escape(_fmt(value, unit))}</text>')
    out.insert(1, '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
                  '<line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="1.2"/></pattern></defs>')
    out.append("</svg>")
    return mark_safe("".join(out))
