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


def region_ids(request) -> tuple[list[int], int | None]:
    """The agencies a page covers: the scope, or one region (an agency and those below it) within it."""
    value = request.GET.get("region", "")
    if not value:
        return request.scope_ids, None
    if not value.isdigit() or int(value) not in set(request.scope_ids):
        raise Http404("机关不存在")
    return tree.descendants(request.scope_ids, int(value)), int(value)


def kind_param(request) -> str:
    kind = request.GET.get("kind", "")
    return kind if kind in KIND_BY_KEY else ""


def code_param(request) -> str:
    code = request.GET.get("code", "").strip().upper()
    return code if CODE.match(code) else ""


def regions(request) -> list[tree.Placed]:
    """The agencies that have agencies below them, for the region filter."""
    placed = tree.ordered(request.scope_ids)
    parents = {p.parent_id for p in placed}
    return [p for p in placed if p.id in parents]
