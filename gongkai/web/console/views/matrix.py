"""The coverage matrix page: agencies × years, filters, click through to each report."""

from __future__ import annotations

from django.shortcuts import render

from gongkai.supervision.agencies import KIND_CHOICES
from gongkai.supervision.coverage import STATUS_LABELS

from ...services.requests import today
from .. import coverage, rows_html
from ..access import console_required
from .common import code_param, kind_param, region_options, region_placed, year_param

MAX_YEARS = 10


def matrix_params(request) -> dict:
    agencies, region = region_placed(request)
    last, first = year_param(request, "to", None), year_param(request, "from", None)
    if last is None or first is None:  # the years that have reports, when the query names none
        default = coverage.default_years(request.scope_ids, today())
        last, first = last or default[-1], first or default[0]
    first = max(min(first, last), last - MAX_YEARS + 1)
    return {"agencies": agencies, "region": region, "years": list(range(first, last + 1)), "kind": kind_param(request),
            "show": request.GET.get("show", "") if request.GET.get("show", "") in coverage.FILTERS else "",
            "code": code_param(request)}


@console_required
def matrix_page(request):
    p = matrix_params(request)
    result = coverage.matrix(p["agencies"], p["years"], today(), p["kind"], p["show"], p["code"])
    return render(request, "console/matrix.html", {
        "matrix": result, "body": rows_html.matrix_rows(result.rows), "totals": result.totals(), "params": p,
        "filters": coverage.FILTERS, "kinds": KIND_CHOICES, "region_options": region_options(request, p["region"]),
        "labels": STATUS_LABELS,
        "query": request.GET.urlencode(),
    })
