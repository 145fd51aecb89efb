"""The supervisor's console in headless Chromium: a batch uploaded and its progress watched, the matrix,
the review queue, a correction beside the source text, a comparison, rankings and a trend chart."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from django.db import connections
from playwright.sync_api import expect

from gongkai.web.console import tree
from gongkai.web.console.models import FindingStatus, ReportFinding
from gongkai.web.models import Agency, PublishedReport
from tests.families import region

from .browser import LiveServer, chromium_page, login
from .console_setup import person
from .factory import PASSWORD
from .queue import drain


class ConsoleInTheBrowser(LiveServer):
    def setUp(self):
        self.files = Path(tempfile.mkdtemp(prefix="gongkai-e2e-"))
        self.manifest = region.write(self.files, size=14, years=(2023, 2024))
        tree.import_tree((self.files / "tree.xlsx").read_bytes(), "tree.xlsx", None, None)
        self.root = Agency.objects.get(name="示例市人民政府")
        self.user = person("chen", self.root, "admin")

    def test_the_console(self):
        with chromium_page(viewport={"width": 1280, "height": 900}) as page:
            try:
                self._login(page)
                self._import_with_progress(page)
                self._matrix(page)
                self._review_queue(page)
                self._correction(page)
                self._comparison(page)
                self._rankings_and_trends(page)
            finally:
                # queries made under Playwright's event loop ran on connections of their own context
                connections.close_all()

    def _login(self, page):
        login(page, self.live_server_url, self.user.username, PASSWORD)
        page.click("#nav-console")
        page.wait_for_selector("#kpis")

    def _import_with_progress(self, page):
        reports = sorted((self.files / "reports").iterdir())
        page.goto(f"{self.live_server_url}/console/imports/")
        page.set_input_files("#id_files", [str(p) for p in reports])
        page.click("#upload-submit")
        page.wait_for_selector("#progress-bar")
        assert page.inner_text("#progress-text") == f"已处理 0 / {len(reports)}"
        drain(limit=5)  # the worker reads five files …
        expect(page.locator("#progress-text")).to_have_text(f"已处理 5 / {len(reports)}")
        assert page.get_attribute("#progress-bar", "value") == "5"
        drain()  # … and the rest: the page sees the batch finished and shows the outcome of every file
        page.wait_for_selector("#items tr[data-state]", timeout=15000)
        expect(page.locator("#progress + form")).to_have_count(0)
        states = page.eval_on_selector_all("#items tr[data-state]", "rows => rows.map(r => r.dataset.state)")
        assert states == ["stored"] * len(reports)

    def _matrix(self, page):
        page.click("#nav-matrix")
        page.wait_for_selector("#matrix")
        missing = [e for e in self.manifest["entries"] if not e["file"]]
        assert page.locator('#matrix td[data-status="missing"]').count() == len(missing)
        page.select_option("select[name=kind]", "township")
        page.click("#matrix-filters button[type=submit]")
        page.wait_for_load_state()
        names = page.eval_on_selector_all("#matrix tbody tr", "rows => rows.map(r => r.dataset.agency)")
        assert names and all(n.endswith("街道办事处") for n in names)
        page.locator("#matrix td.c a").first.click()
        page.wait_for_selector("#findings")
        assert "/console/reports/" in page.url

    def _review_queue(self, page):
        page.click("#nav-findings")
        page.wait_for_selector("#queue")
        total = int(page.inner_text("#findings-total"))
        assert total == ReportFinding.objects.filter(active=True, status=FindingStatus.PENDING,
                                                     severity__in=("error", "warning")).count() > 0
        row = page.locator("#queue tbody tr").first
        code = row.get_attribute("data-code")
        row.locator("select[name=status]").select_option("ignored")
        row.locator("button").click()  # no reason: refused, with the reason why
        page.wait_for_selector(".messages .error")
        assert "忽略须写明理由" in page.inner_text(".messages")
        row = page.locator("#queue tbody tr").first
        row.locator("select[name=status]").select_option("ignored")
        row.locator("input[name=reason]").fill("系统外已核实，属合理情形")
        row.locator("button").click()
        page.wait_for_selector(".messages .success")
        assert int(page.inner_text("#findings-total")) == total - 1
        assert ReportFinding.objects.filter(code=code, status=FindingStatus.IGNORED, reason="系统外已核实，属合理情形").count() == 1

    def _correction(self, page):
        planted = next(e for e in self.manifest["entries"] if "t3_balance" in e["plants"])
        report = PublishedReport.objects.get(agency__name=planted["agency"], year=planted["year"], current=True)
        page.goto(f"{self.live_server_url}/console/reports/{report.pk}/")
        errors = int(page.inner_text("#errors"))
        assert errors >= 1
        page.click('#t3 a[data-target="t3.new.natural_person"]')
        page.wait_for_selector("#editor")
        assert page.inner_text("#editing-label") == "表三 一、本年新收政府信息公开申请数量（自然人）"
        assert "一、本年新收政府信息公开申请数量" in page.inner_text(".source-rows li.here")  # the source row beside it
        value = int(page.inner_text("#editing-value"))
        page.fill("#id_value", str(value - 2))
        page.fill("#id_reason", "原文为新收件数，读取时多计2件")
        page.click("#correct-submit")
        page.wait_for_selector(".messages .success")
        assert f"{value} → {value - 2}" in page.inner_text(".messages")
        assert page.locator('#t3 a.corrected[data-target="t3.new.natural_person"]').count() == 1
        assert "原文为新收件数" in page.inner_text("#corrections")
        statuses = page.eval_on_selector_all('#findings tr[data-code="T3_BALANCE"]', "rows => rows.map(r => r.dataset.status)")
        assert "read_corrected" in statuses

    def _comparison(self, page):
        both = next(r for r in PublishedReport.objects.filter(year=2024, current=True)
                    if PublishedReport.objects.filter(agency=r.agency, year=2023, current=True).exists())
        page.goto(f"{self.live_server_url}/console/reports/{both.pk}/")
        page.click("#compare-link")
        page.wait_for_selector("#compare-t3")
        assert int(page.inner_text("#changed-cells")) > 0
        assert page.locator("#compare-t3 td.changed").count() > 0
        assert re.fullmatch(r"\d+%", page.inner_text("#problems-similarity"))

    def _rankings_and_trends(self, page):
        page.click("#nav-rankings")
        page.wait_for_selector("#ranking")
        page.select_option("select[name=indicator]", "on_time_rate")
        page.click("#ranking-filters button[type=submit]")
        page.wait_for_selector("#definition")
        assert "应发布报告的机关数" in page.inner_text("#definition")
        assert page.locator("#ranking svg, svg#ranking").count() + page.locator("svg.chart").count() >= 1
        ranks = page.eval_on_selector_all("#ranking tbody td.rank", "cells => cells.map(c => c.textContent)")
        assert ranks[0] == "1"
        page.locator("#ranking tbody a", has_text="趋势").first.click()
        page.wait_for_selector("svg#trend")
        assert page.locator("svg#trend g.series").count() == 1
