"""Indicators: the overview's cards, rankings within a region and kind, trends over years; each shows its definition."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from gongkai.supervision import indicators as lib
from gongkai.supervision.agencies import KIND_CHOICES

from ...services.requests import today
from .. import charts, coverage, ranking, tree
from ..access import console_required
from .common import kind_param, region_ids, regions, year_param

TOP_BARS = 30


def _indicator(request, default: str = "granted_rate") -> lib.Indicator:
    return lib.BY_KEY.get(request.GET.get("indicator", ""), lib.BY_KEY[default])


def ranking_params(request) -> dict:
    ids, region = region_ids(request)
    kind = kind_param(request)
    agencies = [a for a in tree.ordered(ids) if not kind or a.kind == kind]
    year = year_param(request, "year", coverage.default_years(request.scope_ids, today())[-1])
    return {"agencies": agencies, "region": region, "kind": kind, "year": year, "indicator": _indicator(request)}


@console_required
def rankings_page(request):
    p = ranking_params(request)
    rows, together = ranking.ranking(p["indicator"], p["agencies"], p["year"], today())
    bars = [(r.agency.name, r.value) for r in rows if r.value is not None][:TOP_BARS]
    unit = p["indicator"].unit
    return render(request, "console/rankings.html", {
        "p": p, "rows": rows, "together": together, "indicators": lib.INDICATORS, "kinds": KIND_CHOICES,
        "regions": regions(request), "cards": ranking.cards(p["agencies"], p["year"], today()),
        "chart": charts.bar_chart(f"{p['year']}年度{p['indicator'].name}（前{len(bars)}名）", bars, unit) if bars else "",
        "query": request.GET.urlencode(),
    })


@console_required
def trends_page(request):
    indicator = _indicator(request)
    ids, region = region_ids(request)
    placed = tree.ordered(ids)
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
        for child in [a for a in placed if a.depth == (placed[0].depth + 1 if region else 1)]:
            members = tree.subtree(placed, child.id)
            if len(members) > 1:
                groups.append((child.name, members))
    series = ranking.trend(indicator, groups, years, today())
    chart = charts.line_chart(f"{indicator.name}（{indicator.unit}）", years, series, indicator.unit)
    return render(request, "console/trends.html", {
        "indicator": indicator, "indicators": lib.INDICATORS, "years": years, "series": series, "chart": chart,
        "regions": regions(request), "region": region, "agency": agency, "agencies": placed,
    })
