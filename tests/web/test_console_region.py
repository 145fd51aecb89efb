"""The whole console on a made-up region: 60 agencies over 3 years in every layout family, with the corpus
and bad input in the same batch. Expectations come from what the generator printed (the records, what was
planted, late, undated or missing), never from what gongkai read."""

from __future__ import annotations

import functools
import tempfile
from datetime import date
from pathlib import Path
from unittest import mock

import pytest

import gongkai
from gongkai import template
from gongkai.supervision import comparison, coverage as lib_coverage
from gongkai.web.console import batches, coverage, regional, review, storing, tree
from gongkai.web.console.models import FindingStatus, ImportItem, ItemState, ReportFinding
from gongkai.web.models import Agency, PublishedReport
from tests.families import region

from ..conftest import corpus_dir
from .console_setup import ConsoleTestCase, person
from .queue import drain

CORPUS = corpus_dir()
pytestmark = pytest.mark.skipif(CORPUS is None, reason="corpus not found")
TODAY = date(2025, 6, 30)  # every deadline of 2022–2024 has passed
YEARS = [2022, 2023, 2024]
NOTICE = "关于做好冬季安全生产工作的通知\n各单位：\n现将有关事项通知如下。\n".encode("utf-8")


@functools.lru_cache(maxsize=1)
def generated() -> tuple[Path, dict, dict]:
    """The region's files (made once per test run), its manifest and the records the files print."""
    out = Path(tempfile.mkdtemp(prefix="gongkai-region-"))
    manifest = region.write(out)
    _, _, records = region.generate()
    return out, manifest, records


def place(f) -> tuple:
    return (f.code, f.severity, tuple(sorted((k, str(v)) for k, v in f.where.items() if k in ("table", "row", "column", "section"))))


def expected_findings(records: dict, agency: str, year: int) -> set:
    """What the checks say about the printed record (against the year before), errors and warnings."""
    found = gongkai.check(records[(agency, year)], records.get((agency, year - 1)))
    return {place(f) for f in found if f.severity in ("error", "warning")}


class RegionTests(ConsoleTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        out, cls.manifest, cls.records = generated()
        tree.import_tree((out / "tree.xlsx").read_bytes(), "tree.xlsx", None, None)
        cls.root = Agency.objects.get(name="示例市人民政府")
        cls.city_supervisor = person("city-supervisor", cls.root, "supervisor")
        files = {f"region/{p.name}": p.read_bytes() for p in sorted((out / "reports").iterdir())}
        files.update({f"corpus/{p.name}": p.read_bytes() for p in sorted(CORPUS.rglob("*")) if p.suffix in (".txt", ".pdf")})
        files["bad/notice.txt"] = NOTICE
        files["bad/damaged.pdf"] = (CORPUS / "pdf" / "huaian-hongze-2023.pdf").read_bytes()[:30000]
        files["bad/copy.html"] = files[next(k for k in files if k.endswith(".html"))]
        cls.batch = batches.create("一批", None, None)
        for name, data in files.items():
            batches.add_bytes(cls.batch, name, data)
        drain()
        cls.entries = [e for e in cls.manifest["entries"]]
        cls.published = [e for e in cls.entries if e["file"]]

    def _report(self, agency: str, year: int) -> PublishedReport:
        return PublishedReport.objects.get(agency__name=agency, year=year, current=True)

    def test_one_batch_stores_everything_and_lists_the_bad_input(self):
        states = dict(ImportItem.objects.filter(batch=self.batch).values_list("name", "state"))
        bad = {name: state for name, state in states.items() if state != ItemState.STORED}
        self.assertEqual(bad, {"bad/notice.txt": ItemState.FAILED, "bad/damaged.pdf": ItemState.FAILED,
                               "bad/copy.html": ItemState.DUPLICATE,
                               "corpus/001_21d8e222a39c5270.txt": ItemState.REVIEW})
        reasons = dict(ImportItem.objects.filter(batch=self.batch, name__startswith="bad/").values_list("name", "reason"))
        self.assertIn("不是政府信息公开工作年度报告", reasons["bad/notice.txt"])
        self.assertTrue(reasons["bad/damaged.pdf"])
        self.assertIn("同一文件", reasons["bad/copy.html"])
        self.assertEqual(sum(s == ItemState.STORED for s in states.values()), len(self.published) + 6)  # 6 of the corpus
        # every generated file went to the agency and year it was printed for
        got = set(PublishedReport.objects.filter(agency__in=Agency.objects.filter(pk__in=self.root.subtree_ids()))
                  .values_list("agency__name", "year"))
        self.assertEqual(got, {(e["agency"], e["year"]) for e in self.published})
        self.assertTrue(batches.progress(self.batch).finished)

    def test_the_matrix(self):
        result = coverage.matrix(tree.ordered(self.root.subtree_ids()), YEARS, TODAY)
        self.assertEqual(len(result.rows), 60)
        status = {}
        for e in self.entries:
            if not e["file"]:
                status[(e["agency"], e["year"])] = (lib_coverage.MISSING, None, None, None)
                continue
            record = self.records[(e["agency"], e["year"])]
            want = expected_findings(self.records, e["agency"], e["year"])
            kind = lib_coverage.UNDATED if e["undated"] else lib_coverage.LATE if e["late"] else lib_coverage.ON_TIME
            status[(e["agency"], e["year"])] = (kind, record.published, sum(w[1] == "error" for w in want),
                                                sum(w[1] == "warning" for w in want))
        shown = {(r.agency.name, c.year): (c.status, c.published, c.errors if c.is_published else None,
                                           c.warnings if c.is_published else None)
                 for r in result.rows for c in r.cells}
        self.assertEqual(shown, status)
        totals = {t["year"]: (t["published"], t["missing"]) for t in result.totals()}
        for year in YEARS:
            printed = sum(1 for e in self.published if e["year"] == year)
            self.assertEqual(totals[year], (printed, 60 - printed))

    def test_the_matrix_filters_and_its_page(self):
        planted = {(e["agency"], e["year"]) for e in self.published if "t3_balance" in e["plants"]}
        result = coverage.matrix(tree.ordered(self.root.subtree_ids()), YEARS, TODAY, code="T3_BALANCE")
        self.assertEqual({(r.agency.name, y) for r in result.rows for y in r.marked}, planted)
        late = coverage.matrix(tree.ordered(self.root.subtree_ids()), YEARS, TODAY, kind="township", show="late")
        self.assertEqual({(r.agency.name, y) for r in late.rows for y in r.marked},
                         {(e["agency"], e["year"]) for e in self.published if (e["late"] or e["undated"])
                          and e["agency"].endswith("街道办事处")})
        self.login(self.city_supervisor)
        with mock.patch("gongkai.web.console.views.matrix.today", return_value=TODAY):
            page = self.client.get("/console/matrix/?from=2022&to=2024")
        self.assertContains(page, 'data-status="missing"', count=sum(1 for e in self.entries if not e["file"]))
        self.assertNotContains(page, "西城区人民政府")  # another office's agencies

    def test_the_findings_queue(self):
        want = {(e["agency"], e["year"]) + f for e in self.published for f in expected_findings(self.records, e["agency"], e["year"])}
        got = {(f.report.agency.name, f.report.year) + place(f) for f in ReportFinding.objects.filter(
            report__agency__in=Agency.objects.filter(pk__in=self.root.subtree_ids()), active=True,
            severity__in=("error", "warning")).select_related("report__agency")}
        self.assertEqual(got, want)
        codes = {(a, y, code) for a, y, code, *_ in got}
        for e in self.published:
            for plant, code in (("t3_balance", "T3_BALANCE"), ("t4_total", "T4_GROUP_TOTAL"),
                                ("carry_over", "CONTINUITY_CARRY_OVER"), ("problems_repeated", "CONTINUITY_PROBLEMS_REPEATED")):
                if plant in e["plants"]:
                    self.assertIn((e["agency"], e["year"], code), codes)
        self.login(self.city_supervisor)
        page = self.client.get("/console/findings/?status=pending")
        self.assertContains(page, f'<span id="findings-total">{len(want)}</span>', html=False)
        errors = sum(1 for f in want if f[3] == "error")
        page = self.client.get("/console/findings/?status=pending&severity=error")
        self.assertContains(page, f'<span id="findings-total">{errors}</span>')

    def test_a_correction_and_its_recheck(self):
        """A planted 一+二 ≠ 七+四 corrected as if misread: the findings it caused go, marked 读取错误已更正."""
        entry = next(e for e in self.published if "t3_balance" in e["plants"])
        row = self._report(entry["agency"], entry["year"])
        printed = self.records[(entry["agency"], entry["year"])]
        before = set(ReportFinding.objects.filter(report=row, active=True, code="T3_BALANCE").values_list("pk", flat=True))
        self.assertTrue(before)
        correction = review.correct(row, self.admin, "t3.new.natural_person", str(printed.t3["new"]["natural_person"] - 2),
                                    "原文该格为新收件数，读取时多计2件")
        self.assertEqual((correction.original, correction.value, correction.by, correction.label),
                         (printed.t3["new"]["natural_person"], printed.t3["new"]["natural_person"] - 2, self.admin,
                          "表三 一、本年新收政府信息公开申请数量（自然人）"))
        row.refresh_from_db()
        self.assertEqual(row.record["t3"]["new"]["natural_person"], printed.t3["new"]["natural_person"] - 2)
        # the 自然人 column balances now; the 总计 column still does not, and the row no longer adds up
        active = {(f.code, f.where.get("row"), f.where.get("column")) for f in ReportFinding.objects.filter(
            report=row, active=True, severity="error")}
        self.assertIn(("T3_BALANCE", "total", "total"), active)
        self.assertNotIn(("T3_BALANCE", "total", "natural_person"), active)
        self.assertIn("T3_ROW_TOTAL", {code for code, _, _ in active})
        review.correct(row, self.admin, "t3.new.total", str(printed.t3["new"]["total"] - 2), "总计列同样多计2件")
        row.refresh_from_db()
        gone = ReportFinding.objects.filter(pk__in=before)
        self.assertEqual({(f.active, f.status, f.decided_by) for f in gone}, {(False, FindingStatus.READ_CORRECTED, self.admin)})
        # the re-check found what the checks find in the corrected record, no more, no less
        fixed = printed.model_copy(update={"t3": {**printed.t3, "new": {**printed.t3["new"],
                                   "natural_person": printed.t3["new"]["natural_person"] - 2,
                                   "total": printed.t3["new"]["total"] - 2}}})
        still = gongkai.check(fixed, self.records.get((entry["agency"], entry["year"] - 1)))
        self.assertEqual({place(f) for f in ReportFinding.objects.filter(report=row, active=True, severity__in=("error", "warning"))},
                         {place(f) for f in still if f.severity in ("error", "warning")})
        self.assertEqual(row.errors, sum(f.severity == "error" for f in still))
        self.assertEqual(row.corrections.count(), 2)

    def test_a_correction_in_the_browser_form_rechecks_the_next_year(self):
        entry = next(e for e in self.published if "carry_over" in e["plants"])
        row = self._report(entry["agency"], entry["year"])
        previous = self.records[(entry["agency"], entry["year"] - 1)]
        self.assertTrue(ReportFinding.objects.filter(report=row, code="CONTINUITY_CARRY_OVER", active=True).exists())
        earlier = self._report(entry["agency"], entry["year"] - 1)
        self.login(self.city_supervisor)
        page = self.client.get(f"/console/reports/{earlier.pk}/?edit=t3.carry_forward.natural_person")
        self.assertContains(page, "表三 四、结转下年度继续办理（自然人）")
        wanted = row.record["t3"]["carried_over"]["natural_person"]
        response = self.client.post(f"/console/reports/{earlier.pk}/correct/", {
            "target": "t3.carry_forward.natural_person", "value": str(wanted), "reason": "核对原文后更正"}, follow=True)
        self.assertContains(response, f"{previous.t3['carry_forward']['natural_person']} → {wanted}")
        # the later year was checked again against the corrected one: the natural person column now agrees
        left = ReportFinding.objects.filter(report=row, code="CONTINUITY_CARRY_OVER", active=True)
        self.assertEqual({f.where.get("column") for f in left}, {"total"})

    def test_the_comparison(self):
        entry = next(e for e in self.published if "problems_repeated" in e["plants"])
        row = self._report(entry["agency"], entry["year"])
        now, before = self.records[(entry["agency"], entry["year"])], self.records[(entry["agency"], entry["year"] - 1)]
        result = comparison.compare(storing.as_report(row), storing.as_report(self._report(entry["agency"], entry["year"] - 1)))
        cells = [(t, r, c) for t in ("t2", "t3", "t4") for r, cols in getattr(now, t).items() for c in cols]
        differing = sum(getattr(now, t)[r][c] != (getattr(before, t).get(r) or {}).get(c) for t, r, c in cells)
        self.assertEqual(result.changed_cells, differing)
        self.assertEqual((result.section("problems").similarity, result.section("problems").repeated), (1.0, True))
        self.assertEqual([p.tag for p in result.section("problems").pieces], ["equal"])
        self.login(self.city_supervisor)
        page = self.client.get(f"/console/reports/{row.pk}/compare/")
        self.assertContains(page, f'<b id="changed-cells">{differing}</b>', html=False)
        self.assertContains(page, 'id="repeated"')

    def test_the_regions_compiled_tables(self):
        placed = tree.ordered(self.root.subtree_ids())
        result = regional.compile(placed, 2024, TODAY, "示例市人民政府及所属机关（汇总）")
        printed = [self.records[(e["agency"], 2024)] for e in self.published if e["year"] == 2024]
        for r in template.t3_rows("2021"):
            for c in template.T3_COLUMN_KEYS:
                self.assertEqual(result.report.t3[r.key][c], sum(p.t3[r.key][c] for p in printed), (r.key, c))
        for g in template.T4_GROUP_KEYS:
            for c in template.T4_COLUMN_KEYS:
                self.assertEqual(result.report.t4[g][c], sum(p.t4[g][c] for p in printed))
        for row, cols in template.t2_rows("2021"):
            for col in cols:
                self.assertEqual(result.report.t2[row.key][col.key], sum(p.t2[row.key][col.key] for p in printed))
        missing = {e["agency"] for e in self.entries if e["year"] == 2024 and not e["file"]}
        self.assertEqual({p.agency for p in result.by_status("missing")}, missing)
        self.assertIn("、".join(sorted(missing, key=[a.name for a in placed].index)), result.report.sections["other"])
        for fmt in ("docx", "html", "md", "xlsx"):
            self.assertTrue(gongkai.render(result.report, fmt))
        self.login(self.city_supervisor)
        with mock.patch("gongkai.web.console.views.region.today", return_value=TODAY):
            xlsx = self.client.get("/console/region/download/xlsx/?year=2024")
        from gongkai.readers import read_bytes

        self.assertEqual(read_bytes(xlsx.content, "region.xlsx").t3, result.report.t3)

    def test_the_rectification_list_holds_the_confirmed_findings(self):
        import io

        from docx import Document
        from openpyxl import load_workbook

        entry = next(e for e in self.published if "t4_total" in e["plants"])
        row = self._report(entry["agency"], entry["year"])
        finding = ReportFinding.objects.get(report=row, code="T4_GROUP_TOTAL", active=True)
        errors = row.errors
        other = ReportFinding.objects.filter(report=row, active=True).exclude(pk=finding.pk).first()
        self.login(self.city_supervisor)
        self.client.post(f"/console/findings/{finding.pk}/status/", {"status": "confirmed", "reason": "已与机关核实"})
        if other is not None:
            response = self.client.post(f"/console/findings/{other.pk}/status/", {"status": "ignored"}, follow=True)
            self.assertContains(response, "忽略须写明理由")
        docx = Document(io.BytesIO(self.client.get(f"/console/reports/{row.pk}/rectification.docx").content))
        text = "\n".join(p.text for p in docx.paragraphs) + "\n".join(c.text for t in docx.tables for r in t.rows for c in r.cells)
        self.assertIn(f"关于{entry['agency']}{entry['year']}年政府信息公开工作年度报告问题的整改通知", text)
        self.assertIn(finding.message, text)
        sheet = load_workbook(io.BytesIO(self.client.get(f"/console/reports/{row.pk}/rectification.xlsx").content)).active
        self.assertEqual([c.value for c in sheet[2]][2:4], ["T4_GROUP_TOTAL", finding.message])
        self.assertEqual(sheet.max_row, 2)  # only what was confirmed
        # ignoring an error (with a reason) takes it out of the report's count
        review.set_status(finding, self.admin, FindingStatus.IGNORED, "系统外已说明")
        row.refresh_from_db()
        self.assertEqual(row.errors, errors - 1)

    def test_the_region_page(self):
        self.login(self.city_supervisor)
        with mock.patch("gongkai.web.console.views.region.today", return_value=TODAY):
            page = self.client.get("/console/region/?year=2024")
        for e in self.entries:
            if e["year"] == 2024 and not e["file"]:
                self.assertContains(page, f"<td>{e['agency']}</td><td>未发布</td>", html=False)
        self.assertContains(page, "示例市人民政府及所属机关（汇总）")

    def test_rankings_and_trends_pages_show_their_definitions(self):
        self.login(self.city_supervisor)
        page = self.client.get("/console/rankings/?indicator=granted_rate&year=2024")
        self.assertContains(page, "表三“（一）予以公开”总计 ÷ “（七）总计”")
        self.assertContains(page, "<svg", count=1)
        page = self.client.get("/console/trends/?indicator=on_time_rate")
        self.assertContains(page, 'class="series"', count=1 + sum(1 for a in self.manifest["agencies"] if a["kind"] == "county"))

    def test_exports(self):
        import csv
        import io
        import zipfile

        from openpyxl import load_workbook

        self.login(self.city_supervisor)
        with mock.patch("gongkai.web.console.views.exports.today", return_value=TODAY):
            sheet = load_workbook(io.BytesIO(self.client.get("/console/exports/matrix.xlsx?from=2022&to=2024").content))
        self.assertEqual(sheet.worksheets[0].max_row, 1 + 60 * 3)
        text = self.client.get("/console/exports/findings.csv?status=").content.decode("utf-8-sig")
        self.assertEqual(len(list(csv.reader(io.StringIO(text)))) - 1, ReportFinding.objects.filter(
            report__agency__in=Agency.objects.filter(pk__in=self.root.subtree_ids()), active=True,
            severity__in=("error", "warning")).count())
        body = b"".join(self.client.get("/console/exports/reports.zip").streaming_content)
        names = zipfile.ZipFile(io.BytesIO(body)).namelist()
        self.assertEqual(sum(n.startswith("records/") for n in names), len(self.published))
        self.assertEqual(sum(n.startswith("originals/") for n in names), len(self.published))
