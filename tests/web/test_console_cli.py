"""`gongkai import` and `gongkai serve`'s worker, in this process (the queue's tasks run here)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from unittest import mock

import pytest

from gongkai.cli import import_reports, main, serve

from ..conftest import corpus_dir
from .console_setup import CORPUS_TREE, ConsoleTestCase
from .queue import drain

CORPUS = corpus_dir()


@pytest.mark.skipif(CORPUS is None, reason="corpus not found")
class ImportCommandTests(ConsoleTestCase):
    def test_import_lists_what_needs_a_person_and_exits_by_the_worst(self):
        import tempfile

        folder = Path(tempfile.mkdtemp())
        (folder / "reports").mkdir()
        for name in ("003_d78c9404f9f00f06.txt", "004_27062e3c77157471.txt", "001_21d8e222a39c5270.txt"):
            (folder / "reports" / name).write_bytes((CORPUS / "seeds" / name).read_bytes())
        (folder / "reports" / "notice.txt").write_text("关于做好冬季安全生产工作的通知\n现将有关事项通知如下。\n", encoding="utf-8")
        (folder / "tree.csv").write_text(CORPUS_TREE, encoding="utf-8")
        with mock.patch("sys.stdout") as out:
            code = main(["import", str(folder / "reports"), "--agency-tree", str(folder / "tree.csv"), "--no-wait",
                         "--format", "json"])
        self.assertEqual(code, 1)  # queued, not read yet
        listed = json.loads("".join(c.args[0] for c in out.write.call_args_list))
        self.assertEqual({i["state"] for i in listed}, {"queued"})
        drain()
        from gongkai.web.console.models import ImportBatch

        batch = ImportBatch.objects.latest("pk")
        with mock.patch("builtins.print") as printed:
            code = import_reports._report(batch, "text")
        lines = [c.args[0] for c in printed.call_args_list]
        self.assertEqual(code, 2)  # one file could not be read
        self.assertTrue(any(line.startswith(str(folder / "reports" / "notice.txt")) and "无法读取" in line for line in lines))
        self.assertTrue(any("001_21d8e222a39c5270.txt" in line and "待确认" in line for line in lines))
        self.assertIn("已入库2个", lines[-1])

    def test_a_folder_without_reports_is_an_error(self):
        import tempfile

        with mock.patch("sys.stderr"):
            self.assertEqual(main(["import", tempfile.mkdtemp(), "--no-wait"]), 2)


def test_serve_starts_the_worker_and_stops_it():
    """`gongkai serve` runs `gongkai worker` on the same database beside the server, and stops it after."""
    started = mock.MagicMock()
    with mock.patch.object(serve.register_db, "open_register"), mock.patch("gongkai.web.services.calendar.seed"), \
            mock.patch.object(serve, "serve", return_value=0) as waitress, \
            mock.patch.object(subprocess, "Popen", return_value=started) as popen:
        serve.run(serve_args(["--database", "sqlite:////tmp/x.db"]))
    popen.assert_called_once()
    assert popen.call_args.args[0][-3:] == ["worker", "--database", "sqlite:////tmp/x.db"]
    waitress.assert_called_once()
    started.terminate.assert_called_once()
    with mock.patch.object(serve.register_db, "open_register"), mock.patch("gongkai.web.services.calendar.seed"), \
            mock.patch("django.core.management.call_command") as command, mock.patch.object(subprocess, "Popen") as popen:
        serve.run(serve_args(["--no-worker", "--dev"]))
    popen.assert_not_called()
    assert command.call_args.args[0] == "runserver"


def serve_args(argv: list[str]):
    from gongkai.cli import build_parser

    return build_parser().parse_args(["serve", *argv])
