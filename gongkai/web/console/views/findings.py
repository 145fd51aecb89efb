"""The findings queue: every finding of the reports in scope, by status, severity, code, region, kind, year."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import render

from gongkai.supervision.agencies import KIND_CHOICES

from .. import tree
from ..access import console_required
from ..models import SEVERITY_LABELS, FindingStatus, ReportFinding
from .common import code_param, kind_param, region_ids, region_options, year_param


def queue(request):
    """The findings a query string asks for, and the filters it set."""
    ids, region = region_ids(request)
    status = request.GET.get("status", FindingStatus.PENDING)
    severity = request.GET.get("severity", "")
    params = {"region": region, "kind": kind_param(request), "code": code_param(request),
              "year": year_param(request, "year", None), "status": status if status in FindingStatus.values else "",
              "severity": severity if severity in SEVERITY_LABELS else "", "gone": request.GET.get("gone") == "1"}
    qs = ReportFinding.objects.filter(report__in=tree.reports_among(ids))
    if not params["gone"]:
        qs = qs.filter(active=True)
    if params["status"]:
        qs = qs.filter(status=params["status"])
    if params["severity"]:
        qs = qs.filter(severity=params["severity"])
    else:
        qs = qs.filter(severity__in=("error", "warning"))
    if params["code"]:
        qs = qs.filter(code=params["code"])
    if params["kind"]:
        qs = qs.filter(report__agency__kind=params["kind"])
    if params["year"]:
        qs = qs.filter(report__year=params["year"])
    return qs, params


@console_required
def findings_page(request):
    qs, params = queue(request)
    page = Paginator(qs.select_related("report__agency", "decided_by").order_by("report__agency__name", "report__year", "id"),
                     100).get_page(request.GET.get("page"))
    codes = qs.values_list("code").annotate(n=Count("pk")).order_by("-n", "code")
    return render(request, "console/findings.html", {
        "page": page, "params": params, "statuses": FindingStatus.choices, "severities": SEVERITY_LABELS,
        "kinds": KIND_CHOICES, "region_options": region_options(request, params["region"]), "codes": list(codes)[:30], "total": page.paginator.count,
        "query": request.GET.urlencode(), "here": request.get_full_path(),
    })
