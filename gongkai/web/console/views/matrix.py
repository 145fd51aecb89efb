"""The coverage matrix page: agencies × years, filters, click through to each report."""

from __future__ import annotations

from django.shortcuts import render

from gongkai.supervision.agencies import KIND_CHOICES
from gongkai.supervision.coverage import STATUS_LABELS

from ...services.requests import today
from .. import coverage
from ..access import console_required
from .common import code_param, kind_param, region_ids, regions, year_param

MAX_YEARS = 10


def matrix_params(request) -> dict:
    ids, region = region_ids(request)
    default = coverage.default_years(request.scope_ids, today())
    last = year_param(request, "to", default[-1])
    first = year_param(request, "from", default[0])
    first = max(min(first, last), last - MAX_YEARS + 1)
    return {"ids": ids, "region": region, "years": list(range(first, last + 1)), "kind": kind_param(request),
            "show": request.GET.get("show", "") if request.GET.get("show", "") in coverage.FILTERS else "",
            "code": code_param(request)}


@console_required
def matrix_page(request):
    p = matrix_params(request)
    result = coverage.matrix(p["ids"], p["years"], today(), p["kind"], p["show"], p["code"])
    return render(request, "console/matrix.html", {
        "matrix": result, "totals": result.totals(), "params": p, "filters": coverage.FILTERS,
        "kinds": KIND_CHOICES, "regions": regions(request), "labels": STATUS_LABELS,
        "query": request.GET.urlencode(),
    })
