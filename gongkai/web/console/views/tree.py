"""The agency tree: listed in tree order, imported from a spreadsheet, edited by an admin, exported."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from gongkai.errors import GongkaiError
from gongkai.supervision import agencies as lib

from ...models import Agency
from ...services import audit
from .. import tree
from ..access import can_edit_tree, console_required, require_tree_editor
from ..forms import AgencyForm, TreeUploadForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@console_required
def tree_page(request):
    form = TreeUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require_tree_editor(request)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                created, updated = tree.import_tree(upload.read(), upload.name, request.user, request.scope)
            except GongkaiError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, f"已导入机关表：新增{created}个，更新{updated}个")
                return redirect("console:tree")
    return render(request, "console/tree.html", {
        "agencies": tree.ordered(request.scope_ids), "form": form, "can_edit": can_edit_tree(request),
    })


@console_required
def tree_export(request):
    body = lib.tree_xlsx(tree.tree_rows(request.scope_ids))
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="agencies.xlsx"'
    return response


@console_required
def agency_edit(request, pk: int | None = None):
    require_tree_editor(request)
    agency = None
    if pk is not None:
        if pk not in set(request.scope_ids):
            raise Http404("机关不存在")
        agency = Agency.objects.get(pk=pk)
    top = agency is not None and request.scope is not None and agency.pk == request.scope.pk
    below = set(agency.subtree_ids()) if agency else set()
    parents = [p for p in tree.ordered(request.scope_ids) if p.id not in below]
    initial = {"name": agency.name, "parent": agency.parent_id, "kind": agency.kind,
               "region_code": agency.region_code} if agency else {"parent": request.scope.pk if request.scope else None}
    form = AgencyForm(request.POST or None, initial=initial, parents=parents)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        clash = Agency.objects.filter(name=data["name"]).exclude(pk=agency.pk if agency else None).exists()
        if clash:
            form.add_error("name", "已有同名机关")
        elif data["parent"] is None and request.scope is not None and not top:
            form.add_error("parent", "请选择上级机关")
        else:
            agency = agency or Agency()
            agency.name, agency.kind, agency.region_code = data["name"], data["kind"], data["region_code"]
            if not top:  # the top of the scope keeps its place above it
                agency.parent = Agency.objects.get(pk=data["parent"]) if data["parent"] else None
            agency.save()
            audit.record(request.user, "tree.edit", agency, agency, kind=agency.kind, region_code=agency.region_code)
            messages.success(request, f"已保存：{agency.name}")
            return redirect("console:tree")
    return render(request, "console/agency_form.html", {"form": form, "agency": agency})
