"""Building blocks of the console's tests: a supervising office over a tree, and files to import."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import TestCase

from gongkai.web.models import Agency, Membership
from gongkai.web.console import batches, tree

from .factory import PASSWORD
from .queue import drain

CORPUS_TREE = """名称,上级机关,类型,区划代码
北京市人民政府,,省,110000
西城区人民政府,北京市人民政府,区,110102
什刹海街道办事处,西城区人民政府,街道,110102001
西城区人民政府办公室,西城区人民政府,部门,
丰台区人民政府,北京市人民政府,区,110106
西罗园街道办事处,丰台区人民政府,街道,
朝阳区人民政府,北京市人民政府,区,110105
小关街道办事处,朝阳区人民政府,街道,
淮安市人民政府,,市,320800
洪泽区人民政府,淮安市人民政府,县,320813
"""


def person(username: str, agency: Agency, role: str):
    user = get_user_model().objects.create_user(username, password=PASSWORD, first_name=username)
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


def import_files(files: dict[str, bytes], scope: Agency | None = None, user=None):
    """A batch of `files` (name → bytes), read by the queue as a worker reads it; returns the batch."""
    batch = batches.create("测试批次", user, scope)
    for name, data in files.items():
        batches.add_bytes(batch, name, data)
    drain()
    return batch


class ConsoleTestCase(TestCase):
    """The corpus agencies as a tree under two roots; a supervisor and an admin of 北京市人民政府."""

    @classmethod
    def setUpTestData(cls):
        tree.import_tree(CORPUS_TREE.encode("utf-8"), "tree.csv", None, None)
        cls.beijing = Agency.objects.get(name="北京市人民政府")
        cls.huaian = Agency.objects.get(name="淮安市人民政府")
        cls.supervisor = person("console-supervisor", cls.beijing, "supervisor")
        cls.admin = person("console-admin", cls.beijing, "admin")
        cls.clerk = person("console-clerk", Agency.objects.get(name="西城区人民政府办公室"), "clerk")

    def login(self, user):
        self.assertTrue(self.client.login(username=user.username, password=PASSWORD))
