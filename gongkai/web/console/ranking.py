"""Indicators of the agencies in scope: figures per agency-year, rankings within a region and kind, trends.

The figures of an agency-year are its report's `basis` (kept with the report, from the
library's `indicators.basis`), its error count, and whether it was published on time (the
coverage cell, so an unpublished report counts against 按时发布 once its deadline passed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from gongkai.supervision import indicators as lib
from gongkai.supervision.coverage import cell

from ..models import PublishedReport
from . import tree


def figures(agencies: list[tree.Placed], years: list[int], today: date) -> dict[tuple[int, int], dict]:
    """(agency id, year) → the figures its indicators are made of; every agency-year, published or not."""
    stored = {(a, y): (basis, published, errors) for a, y, basis, published, errors in
              tree.among(PublishedReport.objects.filter(current=True, year__in=years), [a.id for a in agencies])
              .values_list("agency_id", "year", "basis", "published", "errors").order_by()}
    out = {}
    for agency in agencies:
        for year in years:
            found = stored.get((agency.id, year))
            c = cell(agency.kind, agency.name, year, today, 1 if found else None, found[1] if found else None)
            f = dict(found[0]) if found else {}
            if found:
                f["errors"] = found[2]
            if c.on_time is not None:
                f["expected"], f["on_time"] = 1, c.on_time
            out[(agency.id, year)] = f
    return out


@dataclass
class Ranked:
    rank: int | None
    agency: tree.Placed
    value: Decimal | None
    published: bool


def ranking(indicator: lib.Indicator, agencies: list[tree.Placed], year: int, figs: dict) -> tuple[list[Ranked], Decimal | None]:
    """Each agency's value, best first, and the indicator over them all (`figs` from `figures`)."""
    rows = [(a, lib.value(indicator, figs[(a.id, year)])) for a in agencies]
    ranked = [Ranked(rank, a, v, "new" in figs[(a.id, year)]) for rank, a, v in lib.ranked(indicator, rows)]
    together = lib.aggregate(indicator, [figs[(a.id, year)] for a in agencies if _counts(indicator, figs[(a.id, year)])])
    return ranked, together


def _counts(indicator: lib.Indicator, f: dict) -> bool:
    """An agency enters a region's figure for a count only when it published (a mean over reports)."""
    return indicator.is_ratio or "new" in f


def trend(indicator: lib.Indicator, groups: list[tuple[str, list[tree.Placed]]], years: list[int],
          today: date) -> list[tuple[str, list[Decimal | None]]]:
    """The indicator year by year for each group of agencies (a region, or one agency)."""
    everyone = {a.id: a for _, members in groups for a in members}
    figs = figures(list(everyone.values()), years, today)
    return [(label, [lib.aggregate(indicator, [figs[(a.id, y)] for a in members if _counts(indicator, figs[(a.id, y)])])
                     for y in years]) for label, members in groups]


def cards(agencies: list[tree.Placed], year: int, figs: dict) -> list[tuple[lib.Indicator, Decimal | None]]:
    """Every indicator over the agencies for one year (the overview's cards; `figs` from `figures`)."""
    return [(i, lib.aggregate(i, [figs[(a.id, year)] for a in agencies if _counts(i, figs[(a.id, year)])]))
            for i in lib.INDICATORS]
