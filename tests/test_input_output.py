"""Input and output that fit together: `read` takes a path, bytes or a file object; what
`extract` writes, `render` reads (from a pipe too); one table of formats serves them all."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import gongkai
from gongkai import formats
from gongkai.cli import batch, main
from gongkai.errors import GongkaiError, ReadError
from gongkai.readers import read_bytes

from .conftest import ROOT, corpus_cases
from .strategies import dump, sample

CASES = corpus_cases()
SOURCES = [source for source, _ in CASES]


# --- gongkai.read: a path, bytes, a binary file object ----------------------------------------


@pytest.mark.parametrize("source", SOURCES, ids=[s.name for s in SOURCES])
def test_a_path_its_bytes_and_its_file_read_alike(source):
    by_path = gongkai.read(source)
    by_str = gongkai.read(str(source))
    by_bytes = gongkai.read(source.read_bytes())
    with open(source, "rb") as fh:
        by_file = gongkai.read(fh)
    by_buffer = gongkai.read(io.BytesIO(source.read_bytes()))
    expected = by_path.model_dump(exclude={"source"})
    for other in (by_str, by_bytes, by_file, by_buffer):
        assert other.model_dump(exclude={"source"}) == expected
    assert by_path.source.sha256 == by_bytes.source.sha256 == by_file.source.sha256
    assert by_path.source.path == str(source) and by_file.source.path == str(source)
    assert by_bytes.source.path == "<bytes>" and by_buffer.source.path == "<file>"


def test_a_name_tells_text_formats_apart_and_names_the_source():
    markdown = (ROOT / "examples").glob("*.md")
    data = next(markdown).read_bytes()
    report = gongkai.read(data, name="上传的报告.md")
    assert report.source.path == "上传的报告.md" and report.source.format == "md"
    assert gongkai.read(bytearray(data)).source.format == "txt"  # no name: plain text, the same record
    assert gongkai.read(memoryview(data)).t3 == report.t3


def test_a_text_mode_file_or_another_type_is_a_programming_error(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("一、总体情况\n", encoding="utf-8")
    with open(path, encoding="utf-8") as fh, pytest.raises(TypeError, match="binary mode"):
        gongkai.read(fh)
    with pytest.raises(TypeError, match="path, bytes or a binary file object"):
        gongkai.read(42)


def test_bad_bytes_and_files_give_the_reader_s_messages(tmp_path, monkeypatch):
    with pytest.raises(ReadError, match="文件为空"):
        gongkai.read(b"")
    with pytest.raises(ReadError, match="二进制文件"):
        gongkai.read(io.BytesIO(bytes(range(256)) * 64), name="x.txt")
    monkeypatch.setattr("gongkai.readers.MAX_BYTES", 1000)
    with pytest.raises(ReadError, match="文件过大"):
        gongkai.read(io.BytesIO(b"%PDF-1.7\n" + b"0" * 5000))
    monkeypatch.setattr("gongkai.readers.MAX_TEXT_BYTES", 100)
    with pytest.raises(ReadError, match="文本文件过大"):
        gongkai.read("一、总体情况\n".encode("utf-8") * 20)


class _Chunks(io.RawIOBase):
    """A file object that hands out at most 7 bytes a call, as a pipe or socket may."""

    def __init__(self, data: bytes):
        self.data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self.data.read(min(7, len(buffer)))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_a_file_object_that_reads_in_small_pieces_is_read_whole(monkeypatch):
    source = next(s for s in SOURCES if s.suffix == ".txt")
    expected = gongkai.read(source).core()
    assert gongkai.read(io.BufferedReader(_Chunks(source.read_bytes()))).core() == expected
    assert gongkai.read(_Chunks(source.read_bytes())).core() == expected  # a raw stream: short reads
    monkeypatch.setattr("gongkai.readers.MAX_BYTES", 100)
    with pytest.raises(ReadError, match="文件过大"):
        gongkai.read(_Chunks(source.read_bytes()))


# --- JSON records: one, an array (extract --format json), JSON Lines ----------------------------


def _records(*reports) -> list[dict]:
    return [r.record() for r in reports]


def test_a_record_an_array_of_one_and_a_json_line_read_alike():
    report = sample("2021")
    one = json.dumps(report.record(), ensure_ascii=False)
    for text in (one, f"[{one}]", "[\n" + report.to_json(indent=1) + "\n]\n", one + "\n"):
        assert dump(gongkai.read(text.encode("utf-8"))) == dump(report)


@pytest.mark.parametrize("text,words", [
    ("[]", "没有报告记录"),
    ("[{}, {}]", "2 份报告记录"),
    ('{"year": 2023}\n{"year": 2024}\n', "2 份报告记录"),
    ('{"year": 2023}\n{"year": ', "JSON Lines 第 2 行"),
    ('{"year": ', "不是有效的 JSON"),
    ("[1]", "不是报告记录"),
    ('[{"year": "二〇二三"}]', "不符合报告格式：year"),
    ('[{"year": 2023}, {"t3": 5}]', "第 2 份记录不符合报告格式"),
])
def test_json_that_is_not_one_record_is_a_clear_message(text, words):
    with pytest.raises(ReadError, match=words):
        gongkai.read(text.encode("utf-8"), name="records.json")


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "gongkai", *args], input=stdin, capture_output=True,
                          env=env, timeout=300, cwd=ROOT)


def test_extract_piped_into_render(corpus, tmp_path):
    pdf = corpus / "pdf" / "huaian-hongze-2024.pdf"
    out = tmp_path / "out.docx"
    extract = subprocess.Popen([sys.executable, "-m", "gongkai", "extract", str(pdf), "--format", "json"],
                               stdout=subprocess.PIPE, cwd=ROOT,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    render = subprocess.run([sys.executable, "-m", "gongkai", "render", "-", "--to", "docx", "-o", str(out), "-q"],
                            stdin=extract.stdout, capture_output=True, cwd=ROOT, timeout=300,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    extract.stdout.close()
    assert extract.wait(timeout=300) == 0
    assert render.returncode == 0, render.stderr.decode()
    assert dump(read_bytes(out.read_bytes(), "out.docx")) == dump(gongkai.read(pdf))


def test_render_reads_jsonl_and_arrays_from_stdin_and_files(corpus, tmp_path, capsysbinary, monkeypatch):
    seed = sorted((corpus / "seeds").glob("*.txt"))[0]
    assert main(["extract", str(seed), "--format", "jsonl", "-o", str(tmp_path / "r.jsonl")]) == 0
    assert main(["extract", str(seed), "--format", "json", "-o", str(tmp_path / "r.json")]) == 0
    capsysbinary.readouterr()
    for name in ("r.jsonl", "r.json"):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((tmp_path / name).read_bytes())))
        assert main(["render", "-", "--to", "md", "-o", "-", "-q"]) == 0
        from_stdin = capsysbinary.readouterr().out
        assert main(["render", str(tmp_path / name), "--to", "md", "-o", "-", "-q"]) == 0
        assert capsysbinary.readouterr().out == from_stdin
        assert dump(read_bytes(from_stdin, "r.md")) == dump(gongkai.read(seed))


def test_render_from_stdin_needs_an_output_and_refuses_several_records(corpus, tmp_path):
    got = _cli("render", "-", "--to", "docx", stdin=b"{}")
    assert got.returncode == 2 and "-o" in got.stderr.decode()
    seeds = corpus / "seeds"
    records = _cli("extract", str(seeds), "--format", "json", "-j", "1").stdout
    got = _cli("render", "-", "--to", "docx", "-o", str(tmp_path / "x.docx"), stdin=records)
    assert got.returncode == 2
    assert "份报告记录" in got.stderr.decode() and "Traceback" not in got.stderr.decode()
    assert not (tmp_path / "x.docx").exists()


def test_render_writes_the_record_itself_as_json(tmp_path):
    path = tmp_path / "record.json"
    path.write_text(sample("2021").to_json(), encoding="utf-8")
    assert main(["render", str(path), "--to", "json", "-o", str(tmp_path / "again.json"), "-q"]) == 0
    assert dump(gongkai.read(tmp_path / "again.json")) == dump(sample("2021"))


# --- one table of formats -------------------------------------------------------------------


def test_every_writable_format_is_read_back_and_recognised_by_its_bytes():
    report = sample("2019")
    for key in formats.WRITABLE:
        data = gongkai.render(report, key)
        assert formats.sniff(data, "").key == key or formats.get(key).text  # text formats may need their suffix
        assert formats.sniff(data, f"r{formats.get(key).suffix}").key == key
        assert dump(read_bytes(data, f"r{formats.get(key).suffix}")) == dump(report)


def test_the_table_feeds_the_commands_and_the_folders_searched(tmp_path):
    from gongkai.cli import build_parser

    parser = build_parser()
    actions = {a.dest: a for a in parser._subparsers._group_actions[0].choices["render"]._actions}
    assert tuple(actions["fmt"].choices) == formats.WRITABLE
    actions = {a.dest: a for a in parser._subparsers._group_actions[0].choices["extract"]._actions}
    assert tuple(actions["format"].choices) == formats.STREAMS == ("json", "jsonl", "csv")
    for key in formats.READABLE:
        for suffix in formats.get(key).suffixes:
            (tmp_path / f"report{suffix}").write_bytes(b"x")
    (tmp_path / "notes.csv").write_bytes(b"x")
    found = {Path(p).suffix for p in batch.collect([str(tmp_path)])}
    assert found == set(formats.READ_SUFFIXES) and ".csv" not in found


def test_unknown_formats_are_refused_with_the_choices():
    with pytest.raises(GongkaiError, match="不支持的输出格式：pdf"):
        gongkai.render(sample("2021"), "pdf")
    assert formats.get(".HTM").key == "html" and formats.get("markdown").key == "md"


def test_uploads_are_checked_against_the_table_s_suffixes():
    """Every suffix gongkai reads is accepted for content of its format, and refused for another's."""
    from gongkai import limits

    report = gongkai.render(sample("2021"), "docx")
    for key in formats.READABLE:
        for suffix in formats.get(key).suffixes:
            name = f"报告{suffix}"
            data = gongkai.render(sample("2021"), key) if key in formats.WRITABLE else None
            if data is not None:
                assert limits.check_declared(data, name) == key
            if key != "docx":
                with pytest.raises(ReadError, match=f"文件内容是Word 文档（DOCX），与扩展名 {suffix} 不符"):
                    limits.check_declared(report, name)
    jsonl = (sample("2021").to_json(indent=None) + "\n").encode("utf-8")
    assert limits.check_declared(jsonl, "records.jsonl") == "json"
    with pytest.raises(ReadError, match="不支持的文件类型.csv"):
        limits.check_declared(b"file,agency\n", "long.csv")
