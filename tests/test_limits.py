"""Hostile inputs: each refused with a clear message, in bounded memory, and a batch goes on."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

import gongkai
from gongkai import limits
from gongkai.errors import ReadError
from gongkai.readers import read_bytes

from .conftest import ROOT
from .hostile import MB, pdf_bomb, pdf_with_stream, workbook

TIME = "/usr/bin/time"


def gongkai_cli(*args: str, cwd: Path, timeout: float = 120, measured: bool = False):
    """Run the CLI of this tree; with `measured`, under /usr/bin/time -v (returns max RSS in bytes)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", "import sys; from gongkai.cli import main; sys.exit(main())", *args]
    if measured:
        command = [TIME, "-v", *command]
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    rss = None
    if measured:
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1)) * 1024
    return done.returncode, done.stdout, done.stderr, rss


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "bomb.pdf"
    path.write_bytes(pdf_bomb(2048 * MB))
    return path


@pytest.mark.skipif(not os.path.exists(TIME), reason="/usr/bin/time is not installed")
def test_a_pdf_decompression_bomb_is_refused_in_bounded_memory(bomb):
    assert bomb.stat().st_size < 3 * MB
    code, _, err, rss = gongkai_cli("extract", str(bomb), "-j", "1", cwd=bomb.parent, measured=True)
    assert code == 2
    assert "bomb.pdf: PDF 中一个压缩的页面内容解压后超过 32 MB（疑似“压缩炸弹”），已停止读取" in err
    assert rss < 1024 * MB, f"{rss / MB:.0f} MB"


def test_the_decoded_size_of_all_streams_together_is_bounded(monkeypatch):
    stream = zlib.compress(b" " * (20 * MB))
    with pytest.raises(ReadError, match="一个压缩的页面内容解压后超过 32 MB"):
        read_bytes(pdf_with_stream(zlib.compress(b" " * (33 * MB))), "x.pdf")
    monkeypatch.setattr(limits, "MAX_DECODED_BYTES", 30 * MB)
    two = pdf_with_stream(stream).replace(b"/Contents 4 0 R", b"/Contents [4 0 R 4 0 R]")
    data = two.replace(b"%%EOF", b"6 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
                       + stream + b"\nendstream\nendobj\n%%EOF")
    with pytest.raises(ReadError, match="压缩内容解压后超过 30 MB"):
        limits.check_pdf_streams(data)


def test_a_small_stream_is_measured_exactly_and_a_broken_one_stops_quietly():
    data = b"stream\n" + zlib.compress(b"x" * 1000)
    assert limits.inflated_size(data, 7, 10_000) == 1000
    assert limits.inflated_size(data, 7, 100) == 101  # counting stops past the cap
    assert limits.inflated_size(b"stream\nnot zlib at all", 7, 100) == 0


def test_glyphs_of_a_whole_document_are_counted():
    budget = limits.GlyphBudget(10)
    budget.spend(10)
    with pytest.raises(ReadError, match="文字总量超过"):
        budget.spend(1)


def test_every_bad_path_of_a_batch_gets_one_line_and_the_batch_goes_on(tmp_path, corpus):
    good = next((corpus / "seeds").glob("*.txt"))
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(good, folder / "good.txt")
    (folder / "loop-a.txt").symlink_to("loop-b.txt")
    (folder / "loop-b.txt").symlink_to("loop-a.txt")
    (folder / "linked-folder").symlink_to(".")  # a folder linked into itself is not followed
    os.mkfifo(folder / "pipe.txt")
    evil = folder / "evil\x1b[31m\rname.txt"
    shutil.copy(good, evil)
    code, out, err, _ = gongkai_cli("extract", "missing.txt", str(folder), str(folder / "pipe.txt"), "-j", "1",
                                    "--format", "jsonl", cwd=tmp_path, timeout=60)
    assert code == 2
    assert len(out.splitlines()) == 2  # good.txt and the oddly named copy were both read
    lines = err.splitlines()
    assert "missing.txt: 文件或文件夹不存在" in lines
    assert f"{folder}/loop-a.txt: 符号链接循环，无法打开" in lines
    assert f"{folder}/loop-b.txt: 符号链接循环，无法打开" in lines
    assert lines.count(f"{folder}/pipe.txt: 不是普通文件（管道、设备或套接字），不能读取") == 2
    assert len(lines) == 5
    code, out, _, _ = gongkai_cli("check", str(evil), cwd=tmp_path, timeout=60)
    assert "evil\\x1b[31m\\x0dname.txt" in out and "\x1b" not in out and "\r" not in out


def test_names_are_printed_with_control_characters_escaped():
    from gongkai.cli.output import printable

    assert printable("报告\u3000（2025）.pdf") == "报告\u3000（2025）.pdf"
    assert printable("a\x1b[2Jb\u202ec\nd") == "a\\x1b[2Jb\\u202ec\\x0ad"


def test_a_rendered_file_is_readable_by_others_as_any_file_written_there(tmp_path, corpus):
    good = next((corpus / "seeds").glob("*.txt"))
    old = os.umask(0o022)
    try:
        assert gongkai_cli("render", str(good), "--to", "md", "-o", "out.md", "-q", cwd=tmp_path)[0] == 0
    finally:
        os.umask(old)
    assert (tmp_path / "out.md").stat().st_mode & 0o777 == 0o644


def test_an_upload_must_be_what_its_name_declares(corpus):
    with pytest.raises(ReadError, match=r"文件内容是Excel 工作簿（XLSX），与扩展名 .docx 不符"):
        limits.check_declared(workbook(10, 3), "报告.docx")
    with pytest.raises(ReadError, match="文件内容是PDF 文档，与扩展名 .html 不符"):
        limits.check_declared(b"%PDF-1.4 ...", "report.html")
    assert limits.check_declared((corpus / "pdf" / "huaian-hongze-2023.pdf").read_bytes(), "a.PDF") == "pdf"
    assert limits.check_declared("<html><body>报告</body></html>".encode(), "a.txt") == "html"


def test_reading_in_a_separate_process_gives_the_same_record(corpus):
    path = corpus / "pdf" / "huaian-hongze-2023.pdf"
    isolated = limits.read_isolated(path.read_bytes(), path.name)
    assert isolated.core() == gongkai.read(path).core()


def test_the_separate_process_is_stopped_by_its_time_and_memory_limits(monkeypatch, bomb):
    with pytest.raises(ReadError, match="读取超时（超过 0.01 秒）"):
        limits.read_isolated(b"%PDF-1.4\n" + b" " * 1000, "x.pdf", seconds=0.01)
    # with the decoded-size guard lifted, the memory limit is what stops the bomb
    monkeypatch.setenv("GONGKAI_MAX_DECODED_MB", "100000")
    monkeypatch.setenv("GONGKAI_MAX_STREAM_MB", "100000")
    with pytest.raises(ReadError, match="超出内存"):
        limits.read_isolated(bomb.read_bytes(), "bomb.pdf", seconds=180, memory=250 * MB)


def test_a_fifo_named_directly_is_refused_at_once(tmp_path):
    fifo = tmp_path / "report.pdf"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match="不是普通文件"):
        gongkai.read(fifo)  # would block for ever if it were opened
