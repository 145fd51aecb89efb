"""`gongkai render` on the command line."""

from __future__ import annotations

import json

from gongkai.cli import main
from gongkai.readers import read_bytes

from .strategies import dump, sample


def _record(tmp_path, report=None):
    path = tmp_path / "record.json"
    path.write_text((report or sample("2021")).to_json(), encoding="utf-8")
    return path


def test_renders_a_record_next_to_it(tmp_path, capsys):
    path = _record(tmp_path)
    assert main(["render", str(path), "--to", "docx", "--quiet"]) == 0
    out = tmp_path / "record.docx"
    assert dump(read_bytes(out.read_bytes(), out.name)) == dump(sample("2021"))
    assert "已写入" in capsys.readouterr().err


def test_writes_to_stdout_with_dash(tmp_path, capsysbinary):
    assert main(["render", str(_record(tmp_path)), "--to", "md", "-o", "-", "-q"]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert out.startswith("# 江苏省淮安市洪泽区人民政府2023年政府信息公开工作年度报告")


def test_a_record_with_errors_still_renders_and_its_findings_are_printed(tmp_path, capsys):
    broken = sample("2021")
    broken.t3["total"]["natural_person"] += 5  # the table no longer balances
    path = _record(tmp_path, broken)
    out = tmp_path / "broken.xlsx"
    assert main(["render", str(path), "--to", "xlsx", "-o", str(out)]) == 0
    assert out.exists()
    err = capsys.readouterr().err
    assert "错误" in err and "T3_BALANCE" in err
    assert main(["render", str(path), "--to", "xlsx", "-o", str(out), "--quiet"]) == 0
    assert "T3_" not in capsys.readouterr().err


def test_any_readable_report_renders(tmp_path, corpus):
    source = sorted((corpus / "seeds").glob("*.txt"))[0]
    out = tmp_path / "out.html"
    assert main(["render", str(source), "--to", "html", "-o", str(out), "-q"]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_bad_input_is_a_message_not_a_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"year": "二〇二三"}), encoding="utf-8")
    assert main(["render", str(bad), "--to", "md"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gongkai:") and "Traceback" not in err
    assert main(["render", str(tmp_path / "missing.json"), "--to", "md"]) == 2


def test_refuses_to_overwrite_its_input(tmp_path, capsys):
    path = _record(tmp_path)
    assert main(["render", str(path), "--to", "md", "-o", str(path), "-q"]) == 2
    assert "输出文件与输入文件相同" in capsys.readouterr().err


def test_a_file_appears_whole_or_not_at_all(tmp_path, capsys):
    path = _record(tmp_path)
    assert main(["render", str(path), "--to", "xlsx", "-o", str(tmp_path / "no-such-folder" / "r.xlsx"), "-q"]) == 2
    assert "输出文件夹不存在" in capsys.readouterr().err
    target = tmp_path / "r.xlsx"
    assert main(["render", str(path), "--to", "xlsx", "-o", str(target), "-q"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.xlsx", "record.json"]  # no temporary file left
