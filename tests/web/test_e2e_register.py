"""In headless Chromium: an approved report stays as approved until its 修订版, a corrected outcome
moves its cell, and an extension goes from the clerk's request to the head's approval."""

from __future__ import annotations

import io
import json
from datetime import date

from gongkai.web.models import Request
from gongkai.web.services import office

from .factory import register
from .test_e2e import BrowserTestCase
from .test_versions import SECTIONS, t2

BASIS = "《政府信息公开条例》第二十七条"


def docx_tables(body: bytes) -> list:
    """The text of every table cell of a DOCX (its bytes carry the time it was written)."""
    import docx

    document = docx.Document(io.BytesIO(body))
    return [[cell.text for row in table.rows for cell in row.cells] for table in document.tables]


class RegisterTrustTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        office.save_sections(self.agency, self.clerk, 2025, SECTIONS, published=date(2026, 1, 20))
        office.save_figures(self.agency, self.clerk, 2025, t2())
        self.req = register(self.agency, self.clerk, date(2025, 9, 26))
        self.detail = f"{self.live_server_url}/requests/{self.req.pk}/"
        self.report = f"{self.live_server_url}/report/2025/"

    def download(self, page, fmt: str, version: int | None = None) -> bytes:
        query = f"?version={version}" if version else ""
        response = page.request.get(f"{self.report}download/{fmt}/{query}")
        assert response.status == 200, response.status
        return response.body()

    def test_approve_change_and_approve_a_revision(self):
        self.browse(self._versions)

    def _versions(self, page):
        self._login(page, self.head)
        page.goto(self.report)
        page.click("#approve")
        page.wait_for_selector("#approval")
        assert "第1版" in page.inner_text("#approval")
        assert self._cell(page, "carry_forward", 0) == "1"
        approved = {fmt: self.download(page, fmt) for fmt in ("json", "html", "md")}
        approved_docx = docx_tables(self.download(page, "docx"))

        page.goto(self.detail)  # the register changes after approval: the request is answered
        self._event(page, "answered", "2025-10-20", outcome="granted", legal_basis=BASIS)

        page.goto(self.report)
        assert "审核后登记有变动" in page.inner_text("#changed")
        granted = page.locator('#differences tr[data-cell="t3.granted.natural_person"] td')
        assert [granted.nth(i).inner_text() for i in range(3)][1:] == ["0", "1"]
        assert "记录：答复" in page.inner_text("#changes")
        assert self._cell(page, "granted", 0) == "0"  # the page shows version 1
        assert self._cell(page, "carry_forward", 0) == "1"
        for fmt, body in approved.items():
            assert self.download(page, fmt) == body, fmt
        assert docx_tables(self.download(page, "docx")) == approved_docx

        page.click("#approve-revision")
        page.wait_for_selector("#approval")
        assert "第2版（修订版）" in page.inner_text("#approval")
        assert page.locator("#changed").count() == 0
        assert self._cell(page, "granted", 0) == "1"
        assert json.loads(self.download(page, "json"))["t3"]["granted"]["natural_person"] == 1
        assert docx_tables(self.download(page, "docx")) != approved_docx
        assert self.download(page, "json", version=1) == approved["json"]
        assert page.locator("#versions tr[data-version]").count() == 2

    def test_a_corrected_outcome_moves_its_cell(self):
        self.browse(self._correction)
        # Read outside the browser's walk: Playwright runs it where Django would open another connection.
        self.assertEqual(Request.objects.get(pk=self.req.pk).outcome, "partial")

    def _correction(self, page):
        self._login(page, self.clerk)
        page.goto(self.detail)
        self._event(page, "answered", "2025-10-20", outcome="granted", legal_basis=BASIS)
        page.goto(self.report)
        assert (self._cell(page, "granted", 0), self._cell(page, "partial", 0)) == ("1", "0")

        page.goto(self.detail)
        page.click('#events tr[data-kind="answered"] a.correct-link')
        page.select_option("#id_outcome", "partial")
        page.fill("#id_reason", "答复书为部分公开，登记时选错")
        page.click("#correct-submit")
        page.wait_for_selector("#outcome")
        assert "部分公开" in page.inner_text("#outcome")
        assert page.locator("#events tr.superseded").count() == 1
        assert "答复书为部分公开，登记时选错" in page.inner_text("#events")

        page.goto(self.report)
        assert (self._cell(page, "granted", 0), self._cell(page, "partial", 0)) == ("0", "1")

    def test_clerk_asks_for_an_extension_and_the_head_approves(self):
        self.browse(self._extension)

    def _extension(self, page):
        self._login(page, self.clerk)
        page.goto(self.detail)
        assert page.inner_text("#answer-due").startswith("2025-10-30")
        assert page.locator("#action-extension_approved").count() == 0
        self._event(page, "extension_requested", "2025-10-20", days="10", note="需调取往年档案，无法按期答复")
        assert "待负责人批准" in page.inner_text("#extension-pending")
        assert page.locator("#action-extension_requested").count() == 0
        assert page.inner_text("#answer-due").startswith("2025-10-30")

        self._logout(page)
        self._login(page, self.head)
        page.goto(self.detail)
        assert page.input_value("#id_extension_approved-days") == "10"  # what the clerk asked for
        self._event(page, "extension_approved", "2025-10-22")
        assert page.inner_text("#answer-due").startswith("2025-11-13")
        assert "经批准延长答复期限10个工作日" in page.inner_text("#explanation")
        assert page.locator("#extension-pending").count() == 0
