"""Exports of the console: the matrix, the findings and the indicators as sheets; the collection as a zip.

The sheets take the same filters as their pages. The zip holds each current report's record
(JSON, with where it came from, its counts, corrections and findings) and its original file.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from datetime import date
from pathlib import PurePosixPath

from django.core.files.storage import default_storage

from gongkai.supervision import indicators as lib
from gongkai.supervision.sheets import Sheet

from ..models import PublishedReport
from . import coverage, ranking, tree
from .models import Correction, FindingStatus, ReportFinding, SEVERITY_LABELS


def matrix_sheet(result: coverage.Matrix) -> Sheet:
    names = {r.agency.id: r.agency.name for r in result.rows}
    rows = [[r.agency.name, names.get(r.agency.parent_id, ""), r.agency.kind_label, r.agency.region_code, c.year,
             c.label, c.published, c.deadline, c.late_days or None, c.errors if c.is_published else None,
             c.warnings if c.is_published else None]
            for r in result.rows for c in r.cells]
    return Sheet("发布情况", ["机关", "上级机关", "类型", "区划代码", "年度", "发布情况", "发布日期", "期限", "逾期天数", "错误", "警告"], rows)


def findings_sheet(qs) -> Sheet:
    rows = [[f.report.agency.name, f.report.year, SEVERITY_LABELS.get(f.severity, f.severity), f.code, f.message,
             "是" if f.active else "否", FindingStatus(f.status).label, f.reason]
            for f in qs.select_related("report__agency").order_by("report__agency__name", "report__year", "id")]
    return Sheet("检查发现", ["机关", "年度", "级别", "代码", "内容", "仍存在", "状态", "理由"], rows)


def indicators_sheet(agencies: list[tree.Placed], years: list[int], today: date) -> Sheet:
    figs = ranking.figures(agencies, years, today)
    rows = [[a.name, a.kind_label, a.region_code, y] + [lib.value(i, figs[(a.id, y)]) for i in lib.INDICATORS]
            for a in agencies for y in years]
    header = ["机关", "类型", "区划代码", "年度"] + [f"{i.name}（{i.unit}）" for i in lib.INDICATORS]
    notes = [[i.name, i.unit, i.definition] for i in lib.INDICATORS]
    return Sheet("指标", header, rows), Sheet("指标说明", ["指标", "单位", "定义"], notes)


def collection_zip(ids: list[int]):
    """A temporary file holding the zip of every current report in `ids` (records and originals)."""
    out = tempfile.TemporaryFile()
    rows = tree.among(PublishedReport.objects.filter(current=True), ids).select_related("agency").order_by("agency__name", "year")
    corrections: dict[int, list] = {}
    for c in Correction.objects.filter(report__in=rows).select_related("by").order_by("at"):
        corrections.setdefault(c.report_id, []).append({"item": c.target, "label": c.label, "original": c.original,
                                                         "value": c.value, "reason": c.reason,
                                                         "by": c.by.username if c.by else None, "at": c.at.isoformat()})
    found: dict[int, list] = {}
    for f in ReportFinding.objects.filter(report__in=rows).order_by("id"):
        found.setdefault(f.report_id, []).append({"code": f.code, "severity": f.severity, "message": f.message,
                                                   "where": f.where, "active": f.active, "status": f.status,
                                                   "reason": f.reason})
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for row in rows:
            folder = f"{row.agency.name}/{row.year}"
            entry = {"agency": {"name": row.agency.name, "kind": row.agency.kind, "region_code": row.agency.region_code},
                     "year": row.year, "record": row.record, "source": row.source_name, "sha256": row.sha256,
                     "published": row.published.isoformat() if row.published else None,
                     "errors": row.errors, "warnings": row.warnings,
                     "corrections": corrections.get(row.pk, []), "findings": found.get(row.pk, [])}
            z.writestr(f"records/{folder}.json", json.dumps(entry, ensure_ascii=False, indent=1))
            if row.original and default_storage.exists(row.original.name):
                name = PurePosixPath(row.source_name or row.original.name).name
                with default_storage.open(row.original.name, "rb") as fh, z.open(f"originals/{folder}/{name}", "w") as dst:
                    while chunk := fh.read(1 << 20):
                        dst.write(chunk)
    out.seek(0)
    return out
