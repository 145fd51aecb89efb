"""What several console pages read from the query string: years, a region within the scope, a kind."""

from __future__ import annotations

import re

from django.http import Http404

from gongkai.supervision.agencies import KIND_BY_KEY

from .. import tree

CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,59}$")


def year_param(request, name: str, default: int | None) -> int | None:
    value = request.GET.get(name, "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return default


def placed(request) -> list[tree.Placed]:
    """The scope in tree order, worked out once per request."""
    if not hasattr(request, "_placed"):
        request._placed = tree.ordered(request.scope_ids)
    return request._placed


def region_ids(request) -> tuple[list[int], int | None]:
    """The agencies a page covers: the scope, or one region (an agency and those below it) within it."""
    value = request.GET.get("region", "")
    if not value:
        return request.scope_ids, None
    if not value.isdigit() or int(value) not in set(request.scope_ids):
        raise Http404("机关不存在")
    return [p.id for p in tree.subtree(placed(request), int(value))], int(value)


def region_placed(request) -> tuple[list[tree.Placed], int | None]:
    """`region_ids`, as agencies in tree order."""
    ids, region = region_ids(request)
    if region is None:
        return placed(request), None
    return tree.subtree(placed(request), region), region


def kind_param(request) -> str:
    kind = request.GET.get("kind", "")
    return kind if kind in KIND_BY_KEY else ""


def code_param(request) -> str:
    code = request.GET.get("code", "").strip().upper()
    return code if CODE.match(code) else ""


def regions(request) -> list[tree.Placed]:
    """The agencies that have agencies below them, for the region filter."""
    everyone = placed(request)
    parents = {p.parent_id for p in everyone}
    return [p for p in everyone if p.id in parents]


def region_options(request, selected: int | None):
    from ..rows_html import options

    return options(regions(request), selected)
