"""The agency tree in the register: imported from a spreadsheet, listed in tree order, matched against.

A supervisor's scope is its agency and everything below it; an admin of a supervising office
edits the tree within that scope.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, F, Lookup, Max

from gongkai.supervision import agencies as lib
from gongkai.supervision.matching import AgencyIndex, Node

from ..errors import Refused
from ..models import Agency, PublishedReport
from ..services import audit


@dataclass(frozen=True)
class Placed:
    """An agency in tree order, with its depth below the top of the scope."""

    id: int
    name: str
    parent_id: int | None
    kind: str
    region_code: str
    depth: int

    @property
    def kind_label(self) -> str:
        kind = lib.KIND_BY_KEY.get(self.kind)
        return kind.label if kind else ""


def scope_ids(agency: Agency | None) -> list[int]:
    """The agency and all below it (one recursive query); every agency when there is no agency (a superuser)."""
    if agency is None:
        return list(Agency.objects.values_list("pk", flat=True))
    table = Agency._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"WITH RECURSIVE below(id) AS (SELECT id FROM {table} WHERE id = %s UNION "
                       f"SELECT a.id FROM {table} a JOIN below ON a.parent_id = below.id) SELECT id FROM below", [agency.pk])
        return [row[0] for row in cursor.fetchall()]


class AnyOf(Lookup):
    """`column = ANY(array)` on PostgreSQL: one parameter, where an IN list of thousands of parameters costs
    Django more to build, and PostgreSQL more to plan, than the query costs to run. An IN list elsewhere."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*params, list(self.rhs)]
        if not self.rhs:
            return "1 = 0", []
        return f"{lhs} IN ({', '.join(['%s'] * len(self.rhs))})", [*params, *self.rhs]


def among(qs, ids, column: str = "agency_id"):
    """`qs` limited to rows whose `column` is one of `ids`."""
    return qs.filter(AnyOf(F(column), list(ids)))


def reports_among(ids, **where):
    """The current reports of the agencies `ids` (a subquery for the findings of a scope)."""
    return among(PublishedReport.objects.filter(current=True, **where), ids).values("pk")


def ordered(ids: list[int]) -> list[Placed]:
    """The agencies of `ids` depth-first, children by region code then name."""
    rows = list(among(Agency.objects.all(), ids, "id").values_list("pk", "name", "parent_id", "kind", "region_code"))
    present = {r[0] for r in rows}
    children: dict[int | None, list] = {}
    for row in rows:
        parent = row[2] if row[2] in present else None
        children.setdefault(parent, []).append(row)
    out: list[Placed] = []
    stack = [(row, 0) for row in sorted(children.get(None, []), key=_order, reverse=True)]
    while stack:
        row, depth = stack.pop()
        out.append(Placed(row[0], row[1], row[2], row[3], row[4], depth))
        stack.extend((child, depth + 1) for child in sorted(children.get(row[0], []), key=_order, reverse=True))
    return out


def _order(row) -> tuple:
    return (row[4] or "~", row[1])


def subtree(placed: list[Placed], top: int) -> list[Placed]:
    """`top` and the agencies below it, of agencies already placed in tree order."""
    below, out = {top}, []
    for p in placed:  # parents come before their children
        if p.id == top or p.parent_id in below:
            below.add(p.id)
            out.append(p)
    return out


# --- matching ------------------------------------------------------------------------------

_INDEX: dict[tuple, AgencyIndex] = {}


def index(scope: Agency | None) -> AgencyIndex:
    """The names of the agencies in scope, built once per process and tree state (workers reuse it)."""
    state = Agency.objects.aggregate(n=Count("pk"), changed=Max("updated_at"))
    key = (scope.pk if scope else None, state["n"], state["changed"])
    if key not in _INDEX:
        ids = set(scope_ids(scope))
        nodes = [Node(pk, name, parent) for pk, name, parent in
                 among(Agency.objects.all(), ids, "id").values_list("pk", "name", "parent_id")]
        _INDEX.clear()
        _INDEX[key] = AgencyIndex(nodes)
    return _INDEX[key]


# --- the spreadsheet ---------------------------------------------------------------------------

def import_tree(data: bytes, filename: str, user, under: Agency | None) -> tuple[int, int]:
    """Create or update the agencies a spreadsheet lists; returns (created, updated).

    A row without a parent goes under `under` (the importing office); an admin of an office
    changes only agencies within its own scope.
    """
    known = set(Agency.objects.values_list("name", flat=True))
    rows = lib.read_tree(data, filename, known)
    allowed = set(scope_ids(under)) if under is not None else None
    created = updated = 0
    with transaction.atomic():
        by_name = {a.name: a for a in Agency.objects.filter(name__in=[r.name for r in rows] + [r.parent for r in rows])}
        for row in rows:
            agency = by_name.get(row.name)
            if agency is not None and allowed is not None and agency.pk not in allowed:
                raise Refused(f"第{row.line}行：机关“{row.name}”不在您的管理范围内")
            if row.parent:
                parent = by_name[row.parent]
            else:
                parent = agency.parent if agency is not None else under
            if parent is not None and allowed is not None and parent.pk not in allowed:
                raise Refused(f"第{row.line}行：上级机关“{row.parent}”不在您的管理范围内")
            if agency is None:
                agency = Agency(name=row.name)
                created += 1
            else:
                updated += 1
            if parent is None or parent.pk != agency.pk:
                agency.parent = parent
            agency.kind = row.kind or agency.kind
            agency.region_code = row.region_code or agency.region_code
            agency.save()
            by_name[row.name] = agency
            if allowed is not None:
                allowed.add(agency.pk)
        _refuse_cycles([by_name[r.name] for r in rows])
        audit.record(user, "tree.import", filename, under, created=created, updated=updated)
    return created, updated


def _refuse_cycles(touched: list[Agency]) -> None:
    parent = dict(Agency.objects.values_list("pk", "parent_id"))
    for agency in touched:
        seen, cur = set(), agency.pk
        while cur is not None:
            if cur in seen:
                raise lib.TreeError(f"机关表有误：“{agency.name}”的上级关系成环")
            seen.add(cur)
            cur = parent.get(cur)


def tree_rows(ids: list[int]) -> list[tuple[str, str, str, str]]:
    """The scope as spreadsheet rows (名称, 上级机关, 类型, 区划代码), for export and re-import."""
    names = dict(among(Agency.objects.all(), ids, "id").values_list("pk", "name"))
    return [(p.name, names.get(p.parent_id, ""), p.kind, p.region_code) for p in ordered(ids)]
