"""Indicators: the overview's cards, rankings within a region and kind, trends over years; each shows its definition."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from gongkai.supervision import indicators as lib
from gongkai.supervision.agencies import KIND_CHOICES

from ...services.requests import today
from .. import charts, coverage, ranking, rows_html, tree
from ..access import console_required
from .common import kind_param, region_options, region_placed, year_param

TOP_BARS = 30


def _indicator(request, default: str = "granted_rate") -> lib.Indicator:
    return lib.BY_KEY.get(request.GET.get("indicator", ""), lib.BY_KEY[default])


def ranking_params(request) -> dict:
    placed, region = region_placed(request)
    kind = kind_param(request)
    agencies = [a for a in placed if not kind or a.kind == kind]
    year = year_param(request, "year", coverage.default_years(request.scope_ids, today())[-1])
    return {"agencies": agencies, "region": region, "kind": kind, "year": year, "indicator": _indicator(request)}


@console_required
def rankings_page(request):
    p = ranking_params(request)
    figs = ranking.figures(p["agencies"], [p["year"]], today())
    rows, together = ranking.ranking(p["indicator"], p["agencies"], p["year"], figs)
    bars = [(r.agency.name, r.value) for r in rows if r.value is not None][:TOP_BARS]
    unit = p["indicator"].unit
    return render(request, "console/rankings.html", {
        "p": p, "body": rows_html.ranking_rows(rows, p["indicator"], reverse("console:trends")), "together": together,
        "indicators": lib.INDICATORS, "kinds": KIND_CHOICES, "region_options": region_options(request, p["region"]), "cards": ranking.cards(p["agencies"], p["year"], figs),
        "chart": charts.bar_chart(f"{p['year']}年度{p['indicator'].name}（前{len(bars)}名）", bars, unit) if bars else "",
        "query": request.GET.urlencode(),
    })


@console_required
def trends_page(request):
    indicator = _indicator(request)
    placed, region = region_placed(request)
    years = coverage.default_years(request.scope_ids, today(), span=10)
    agency = request.GET.get("agency", "")
    if agency:
        if not agency.isdigit() or int(agency) not in {a.id for a in placed}:
            raise Http404("机关不存在")
        one = next(a for a in placed if a.id == int(agency))
        groups = [(one.name, [one])]
        top = None
    else:
        top = placed[0] if region is not None else None
        groups = [(f"{(top or placed[0]).name}（合计）", placed)]
        # each region one level down (those with agencies of their own below them) as a line of its own
        parents = {a.parent_id for a in placed}
        for child in [a for a in placed if a.depth == placed[0].depth + 1 and a.id in parents]:
            groups.append((child.name, tree.subtree(placed, child.id)))
    series = ranking.trend(indicator, groups, years, today())
    chart = charts.line_chart(f"{indicator.name}（{indicator.unit}）", years, series, indicator.unit)
    return render(request, "console/trends.html", {
        "indicator": indicator, "indicators": lib.INDICATORS, "years": years, "series": series, "chart": chart,
        "region_options": region_options(request, region), "agency": agency,
        "agency_options": rows_html.options(placed, int(agency) if agency else None),
    })
