"""The console's first page: the latest year's indicators (each with its definition) and what waits for a person."""

from __future__ import annotations

from django.shortcuts import render

from ...services.requests import today
from .. import batches, coverage, ranking, tree
from .common import placed
from ..access import console_required
from ..models import FindingStatus, ImportBatch, ReportFinding


@console_required
def overview(request):
    everyone = placed(request)
    year = coverage.default_years(request.scope_ids, today())[-1]
    totals = coverage.matrix(everyone, [year], today()).totals()[0]
    pending = ReportFinding.objects.filter(report__in=tree.reports_among(request.scope_ids), active=True,
                                           status=FindingStatus.PENDING, severity__in=("error", "warning")).count()
    recent = tree.among(ImportBatch.objects.all(), request.scope_ids, "scope_id") if request.scope else ImportBatch.objects.all()
    return render(request, "console/overview.html", {
        "year": year, "cards": ranking.cards(everyone, year, ranking.figures(everyone, [year], today())), "totals": totals, "pending": pending,
        "batches": [(b, batches.progress(b)) for b in recent.order_by("-created_at")[:5]],
        "scope": request.scope,
    })
