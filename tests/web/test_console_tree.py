"""The agency tree in the register: imported, edited within a scope, listed per supervisor."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.supervision.agencies import TreeError, tree_xlsx
from gongkai.web.console import tree
from gongkai.web.errors import Refused
from gongkai.web.models import Agency

from .console_setup import ConsoleTestCase


class TreeTests(ConsoleTestCase):
    def test_the_tree_has_kinds_codes_and_parents(self):
        street = Agency.objects.get(name="什刹海街道办事处")
        self.assertEqual((street.kind, street.region_code, street.parent.name), ("township", "110102001", "西城区人民政府"))
        placed = tree.ordered(self.beijing.subtree_ids())
        self.assertEqual([(p.name, p.depth) for p in placed[:3]],
                         [("北京市人民政府", 0), ("西城区人民政府", 1), ("什刹海街道办事处", 2)])

    def test_reimport_updates_and_rows_without_parent_go_under_the_office(self):
        sheet = "名称,上级机关,类型,区划代码\n西城区人民政府,,县,110102\n新街口街道办事处,西城区人民政府,街道,\n德胜街道办事处,,街道,\n"
        created, updated = tree.import_tree(sheet.encode(), "t.csv", self.admin, self.beijing)
        self.assertEqual((created, updated), (2, 1))
        self.assertEqual(Agency.objects.get(name="德胜街道办事处").parent, self.beijing)
        self.assertEqual(Agency.objects.get(name="西城区人民政府").parent, self.beijing)  # kept its place

    def test_an_office_cannot_touch_agencies_outside_its_scope(self):
        sheet = "名称,上级机关\n洪泽区人民政府,北京市人民政府\n"
        with self.assertRaises(Refused):
            tree.import_tree(sheet.encode(), "t.csv", self.admin, self.beijing)
        self.assertEqual(Agency.objects.get(name="洪泽区人民政府").parent, self.huaian)

    def test_moving_an_agency_below_itself_is_refused_and_nothing_changes(self):
        sheet = "名称,上级机关\n西城区人民政府,什刹海街道办事处\n"
        with self.assertRaises(TreeError):
            tree.import_tree(sheet.encode(), "t.csv", None, None)
        self.assertEqual(Agency.objects.get(name="西城区人民政府").parent, self.beijing)

    def test_admin_uploads_a_sheet_and_a_supervisor_may_only_read(self):
        rows = [("北京市人民政府", "", "province", "110000"), ("东城区人民政府", "北京市人民政府", "county", "110101")]
        self.login(self.supervisor)
        page = self.client.get("/console/tree/")
        self.assertContains(page, "什刹海街道办事处")
        self.assertNotContains(page, "洪泽区人民政府")  # another office's subtree
        response = self.client.post("/console/tree/", {"file": SimpleUploadedFile("t.xlsx", tree_xlsx(rows))})
        self.assertEqual(response.status_code, 403)
        self.login(self.admin)
        response = self.client.post("/console/tree/", {"file": SimpleUploadedFile("t.xlsx", tree_xlsx(rows))}, follow=True)
        self.assertContains(response, "新增1个，更新1个")
        self.assertEqual(Agency.objects.get(name="东城区人民政府").kind, "county")
        response = self.client.post("/console/tree/", {"file": SimpleUploadedFile("t.csv", "名称,上级机关\n甲,不存在\n".encode())},
                                    follow=True)
        self.assertContains(response, "第2行：上级机关“不存在”既不在表中，也不在系统中")

    def test_admin_edits_an_agency(self):
        self.login(self.admin)
        street = Agency.objects.get(name="什刹海街道办事处")
        response = self.client.post(f"/console/tree/{street.pk}/", {
            "name": "什刹海街道办事处", "parent": Agency.objects.get(name="西城区人民政府").pk, "kind": "township",
            "region_code": "12"})
        self.assertContains(response, "区划代码应为6、9或12位数字")
        response = self.client.post(f"/console/tree/{street.pk}/", {
            "name": "什刹海街道办事处", "parent": Agency.objects.get(name="西城区人民政府").pk, "kind": "township",
            "region_code": "110102003"})
        self.assertEqual(response.status_code, 302)
        street.refresh_from_db()
        self.assertEqual(street.region_code, "110102003")

    def test_export_reads_back_as_the_same_tree(self):
        from gongkai.supervision.agencies import read_tree

        self.login(self.supervisor)
        body = self.client.get("/console/tree/agencies.xlsx").content
        rows = read_tree(body, "agencies.xlsx", known=set())
        self.assertEqual({(r.name, r.parent, r.kind) for r in rows},
                         {(a.name, a.parent.name if a.parent_id and a.parent_id in self.beijing.subtree_ids() else "", a.kind)
                          for a in Agency.objects.filter(pk__in=self.beijing.subtree_ids())})
