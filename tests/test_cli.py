"""The extract and check commands, including hostile input: one clear line, exit 2, batch goes on."""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile

import pytest

from gongkai.cli import main

from .conftest import corpus_cases

SEEDS = [s for s, _ in corpus_cases() if s.suffix == ".txt"]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_json_matches_expected(corpus, capsys):
    code, out, err = run(capsys, "extract", str(corpus / "seeds"), "-j", "1", "--format", "json")
    assert code == 0, err
    records = json.loads(out)
    assert len(records) == len(SEEDS)
    by_name = {os.path.basename(r["source"]["path"]): r for r in records}
    for source, expected in corpus_cases():
        if source.suffix != ".txt":
            continue
        got = {k: v for k, v in by_name[source.name].items() if k not in ("sections", "source", "notices")}
        assert got == json.loads(expected.read_text(encoding="utf-8"))


def test_extract_jsonl_and_csv_in_parallel(corpus, capsys, tmp_path):
    code, out, _ = run(capsys, "extract", str(corpus / "seeds"), "-j", "2", "--format", "jsonl")
    assert code == 0 and len(out.strip().splitlines()) == len(SEEDS)
    target = tmp_path / "long.csv"
    code, out, _ = run(capsys, "extract", str(corpus / "seeds"), "--format", "csv", "-o", str(target))
    assert code == 0 and out == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert list(rows[0]) == ["file", "agency", "year", "table", "row", "column", "value"]
    penalty = [r for r in rows if r["table"] == "t2" and r["row"] == "penalty" and r["file"].endswith("003_d78c9404f9f00f06.txt")]
    assert penalty[0]["value"] == "396"


def test_check_exit_codes(corpus, capsys):
    pdf = corpus / "pdf"
    code, out, _ = run(capsys, "check", str(pdf / "huaian-hongze-2024.pdf"))
    assert code == 0 and "NARRATIVE_RECEIVED" in out
    code, out, _ = run(capsys, "check", str(pdf / "huaian-hongze-2023.pdf"), "--format", "json")
    assert code == 1
    items = json.loads(out)
    assert {f["code"] for f in items[0]["findings"]} >= {"T4_GROUP_TOTAL", "TEMPLATE_OTHER_SINGLE_ROW"}


def test_check_pairs_years_within_one_input(corpus, capsys, tmp_path):
    r24 = json.loads(_extract_one(capsys, corpus / "pdf" / "huaian-hongze-2024.pdf"))
    r24["t3"]["carried_over"]["natural_person"] = 4
    r24["t3"]["carried_over"]["total"] = 4
    (tmp_path / "2024.json").write_text(json.dumps(r24, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(tmp_path / "2024.json"), "--previous", str(corpus / "pdf" / "huaian-hongze-2023.pdf"))
    assert code == 1 and "CONTINUITY_CARRY_OVER" in out


def _extract_one(capsys, path) -> str:
    code, out, _ = run(capsys, "extract", str(path), "--format", "jsonl")
    assert code == 0
    return out.strip()


def _hostile(tmp_path, corpus):
    files = {}
    files["empty.txt"] = b""
    files["binary.txt"] = bytes(range(256)) * 64
    pdf = (corpus / "pdf" / "huaian-hongze-2023.pdf").read_bytes()
    files["truncated.pdf"] = pdf[: len(pdf) // 3]
    files["garbage.pdf"] = b"%PDF-1.7\n" + os.urandom(5000)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body><w:p><w:r><w:t>年度报告</w:t></w:r></w:p></w:body></w:document>")
    files["truncated.docx"] = buf.getvalue()[:150]
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<a>" + b" " * (60 * 1024 * 1024) + b"</a>")
    files["bomb.docx"] = bomb.getvalue()
    files["letter.txt"] = "关于召开安全生产会议的通知\n各科室：定于下周一召开会议。\n".encode("utf-8")
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # a 200 MB file (sparse)
    return [*files, "huge.txt"]


def test_hostile_inputs_one_line_each_exit_2_batch_continues(corpus, capsys, tmp_path):
    names = _hostile(tmp_path, corpus)
    gbk = (corpus / "seeds" / "003_d78c9404f9f00f06.txt").read_text(encoding="utf-8").encode("gb18030")
    (tmp_path / "report-gbk.txt").write_bytes(gbk)
    code, out, err = run(capsys, "check", str(tmp_path), "-j", "2")
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err
    for name in names:
        mine = [line for line in lines if os.path.basename(line.split(":")[0]) == name]
        assert len(mine) == 1, (name, lines)
    # the good file of the batch was still read and checked
    assert "北京市朝阳区人民政府小关街道办事处" in out
    assert "无法读取 %d 份" % len(names) in out


@pytest.mark.parametrize("name,words", [("empty.txt", "空"), ("binary.txt", "二进制"), ("bomb.docx", "压缩炸弹"),
                                        ("huge.txt", "过大"), ("letter.txt", "不是政府信息公开工作年度报告"),
                                        ("truncated.pdf", "PDF"), ("truncated.docx", "DOCX")])
def test_hostile_messages_say_what_is_wrong(corpus, capsys, tmp_path, name, words):
    _hostile(tmp_path, corpus)
    code, _, err = run(capsys, "extract", str(tmp_path / name))
    assert code == 2 and words in err and name in err


def test_usage_errors_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, "check", str(tmp_path / "missing.txt"))
    assert code == 2 and "不存在" in err
    with pytest.raises(SystemExit) as exc:
        main(["extract", "--format", "xml", "x"])
    assert exc.value.code == 2


def test_schema_describes_the_record(capsys):
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and {"agency", "year", "vintage", "t2", "t3", "t4"} <= set(schema["properties"])


def test_published_schema_is_current(capsys):
    from pathlib import Path

    published = Path(__file__).resolve().parent.parent / "docs" / "record.schema.json"
    code, out, _ = run(capsys, "schema")
    assert json.loads(published.read_text(encoding="utf-8")) == json.loads(out)
