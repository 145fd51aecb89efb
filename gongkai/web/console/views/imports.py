"""Batch import: upload, the batch's page with its progress, and a person's decisions on its files."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ...errors import Refused
from ...models import Agency
from .. import batches, tree
from ..access import console_required
from ..forms import BatchUploadForm, DecisionForm
from ..models import DECISION_STATES, ImportBatch, ImportItem, ItemState


def _batch(request, pk: int) -> ImportBatch:
    batch = get_object_or_404(ImportBatch, pk=pk)
    if request.scope is not None and batch.scope_id not in set(request.scope_ids):
        from django.http import Http404

        raise Http404("批次不存在")
    return batch


@console_required
def batch_list(request):
    form = BatchUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploads = form.cleaned_data["files"]
        with transaction.atomic():
            label = uploads[0].name if len(uploads) == 1 else f"{uploads[0].name} 等{len(uploads)}个文件"
            batch = batches.create(f"上传：{label}", request.user, request.scope)
            for upload in uploads:
                batches.add_upload(batch, upload)
        messages.success(request, f"已加入任务队列：{len(uploads)}个文件")
        return redirect("console:batch", pk=batch.pk)
    qs = ImportBatch.objects.select_related("created_by")
    if request.scope is not None:
        qs = tree.among(qs, request.scope_ids, "scope_id")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    rows = [(b, batches.progress(b)) for b in page]
    return render(request, "console/batch_list.html", {"form": form, "page": page, "rows": rows})


ATTENTION_FIRST = Case(
    When(state__in=DECISION_STATES, then=Value(0)), When(state=ItemState.FAILED, then=Value(1)),
    default=Value(2), output_field=IntegerField(),
)


@console_required
def batch_detail(request, pk: int):
    batch = _batch(request, pk)
    state = request.GET.get("state", "")
    items = ImportItem.objects.filter(batch=batch).select_related("agency", "existing__agency", "report")
    if state in ItemState.values:
        items = items.filter(state=state)
    items = items.order_by(ATTENTION_FIRST, "pk")
    page = Paginator(items, 100).get_page(request.GET.get("page"))
    names = dict(Agency.objects.filter(pk__in={c for i in page for c in i.candidates}).values_list("pk", "name"))
    for i in page:
        i.named_candidates = [(c, names.get(c, "")) for c in i.candidates]
    return render(request, "console/batch_detail.html", {
        "batch": batch, "progress": batches.progress(batch), "page": page, "state": state,
        "states": ItemState.choices, "decision_states": DECISION_STATES,
        "agency_names": [p.name for p in tree.ordered(request.scope_ids)] if any(
            i.state in DECISION_STATES for i in page) else [],
    })


@console_required
def batch_progress(request, pk: int):
    return JsonResponse(batches.progress(_batch(request, pk)).as_dict())


@require_POST
@console_required
def batch_resume(request, pk: int):
    n = batches.resume(_batch(request, pk))
    messages.success(request, f"已重新加入任务队列：{n}个文件" if n else "没有待读取的文件")
    return redirect("console:batch", pk=pk)


@require_POST
@console_required
def item_decide(request, pk: int, item: int):
    batch = _batch(request, pk)
    row = get_object_or_404(ImportItem, pk=item, batch=batch)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, f"{row.name}：{e}")
        return redirect("console:batch", pk=pk)
    agency = None
    name = form.cleaned_data["agency"].strip()
    if name:
        agency = Agency.objects.filter(name=name, pk__in=request.scope_ids).first()
        if agency is None:
            messages.error(request, f"{row.name}：您的管理范围内没有名为“{name}”的机关")
            return redirect("console:batch", pk=pk)
    try:
        state = batches.decide_item(row, request.user, form.cleaned_data["action"], agency, form.cleaned_data["year"])
    except Refused as exc:
        messages.error(request, f"{row.name}：{exc}")
    else:
        label = ItemState(state).label
        (messages.success if state in (ItemState.STORED, ItemState.SKIPPED) else messages.error)(
            request, f"{row.name}：{label}")
    return redirect("console:batch", pk=pk)
