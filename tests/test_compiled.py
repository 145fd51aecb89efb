"""The compiled build: opt-in, told apart from a stale one, and reading exactly as the source does."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from gongkai import check, compiled
from gongkai.readers import read

from .families import FAMILIES, make_report

ROOT = Path(__file__).resolve().parent.parent


def _tree(tmp_path: Path, built: set[str]) -> Path:
    """A package tree holding every compiled module's source, a compiled form for `built`,
    and the record of the sources compiled."""
    for module in compiled.MODULES:
        src = compiled.source(module, tmp_path)
        src.parent.mkdir(parents=True, exist_ok=True)
        src.write_text(f"# {module}\n")
        if module in built:
            src.with_name(src.stem + EXTENSION_SUFFIXES[0]).write_bytes(b"")
    compiled.write_stamp(tmp_path)
    return tmp_path


def test_state_of_a_build(tmp_path, monkeypatch):
    monkeypatch.delenv("GONGKAI_PURE_PYTHON", raising=False)
    everything = set(compiled.MODULES)
    assert compiled.state(_tree(tmp_path / "none", set())) == "source"
    assert compiled.state(_tree(tmp_path / "all", everything)) == "compiled"
    # one module missing from the build: the others cannot be used without it
    assert compiled.state(_tree(tmp_path / "part", everything - {"gongkai.readers.text"})) == "stale"
    edited = _tree(tmp_path / "edited", everything)
    compiled.source("gongkai.checks.fees", edited).write_text("# edited\n")
    assert compiled.state(edited) == "stale"
    # times say nothing: a wheel or a checkout may leave a source newer than its compiled form
    touched = _tree(tmp_path / "touched", everything)
    os.utime(compiled.source("gongkai.checks.fees", touched), (4_000_000_000, 4_000_000_000))
    assert compiled.state(touched) == "compiled"
    unrecorded = _tree(tmp_path / "unrecorded", everything)
    (unrecorded / compiled.STAMP).unlink()
    assert compiled.state(unrecorded) == "stale"
    monkeypatch.setenv("GONGKAI_PURE_PYTHON", "1")
    assert compiled.state(_tree(tmp_path / "asked", everything)) == "source"


def _backend(monkeypatch, compile_asked: str | None):
    """The build backend's hooks with GONGKAI_COMPILE as given (None: unset)."""
    import runpy

    path = ROOT / "_build_backend" / "backend.py"
    if not path.exists():
        pytest.skip("the build backend is not beside these tests (an installed build's test run)")
    if compile_asked is None:
        monkeypatch.delenv("GONGKAI_COMPILE", raising=False)
    else:
        monkeypatch.setenv("GONGKAI_COMPILE", compile_asked)
    return runpy.run_path(str(path))


def test_the_default_build_is_plain_python(monkeypatch):
    for value in (None, "", "0"):
        backend = _backend(monkeypatch, value)
        monkeypatch.setattr("setuptools.build_meta.get_requires_for_build_wheel", lambda settings=None: [])
        assert not any(r.startswith("mypy") for r in backend["get_requires_for_build_wheel"]())


def test_the_compiled_build_is_asked_for_and_never_editable(monkeypatch):
    backend = _backend(monkeypatch, "1")
    assert backend["get_requires_for_build_wheel"]() == [backend["MYPY"]]
    with pytest.raises(SystemExit, match="editable"):
        backend["get_requires_for_build_editable"]()


def test_version_names_the_build_that_runs(capsys):
    from gongkai.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("gongkai ") and compiled.describe() in out
    assert str(Path(compiled.__file__).parent) in out


def _run(code: str, **env: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, **env}, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_pure_python_asked_for_loads_every_module_from_source():
    got = _run(
        """
        import importlib
        from gongkai import compiled
        print(compiled.in_use())
        print(sorted(m for m in compiled.MODULES if not importlib.import_module(m).__file__.endswith(".py")))
        """,
        GONGKAI_PURE_PYTHON="1",
    )
    assert got.split("\n")[:2] == ["False", "[]"]


READ_AND_CHECK = """
    import json, sys
    from gongkai import check
    from gongkai.readers import read
    for path in sys.argv[1:]:
        report = read(path)
        findings = [f.model_dump(mode="json") for f in check(report)]
        print(json.dumps([report.model_dump(mode="json", exclude={"source"}), findings], ensure_ascii=False, sort_keys=True))
"""


def test_compiled_build_reads_and_checks_as_the_source_does(tmp_path, corpus):
    if compiled.state() != "compiled":
        if os.environ.get("GONGKAI_EXPECT_COMPILED"):  # set by .ci/run
            pytest.fail(f"the compiled build was expected, but it is {compiled.state()}")
        pytest.skip(f"the compiled build is not installed ({compiled.state()})")
    paths = sorted(str(p) for p in corpus.glob("*/*") if p.suffix in (".txt", ".pdf"))
    for family, (render, name) in FAMILIES.items():
        for shape in ("2019", "2021", "hybrid"):
            for seed in range(2 if family == "docx_word" else 4):
                rng = random.Random(f"compiled/{family}/{shape}/{seed}")
                record = make_report(rng, "2021" if shape == "hybrid" else shape, hybrid=shape == "hybrid")
                path = tmp_path / f"{family}-{shape}-{seed}-{name}"
                path.write_bytes(render(record, rng))
                paths.append(str(path))
    here = []
    for path in paths:
        report = read(path)
        findings = [f.model_dump(mode="json") for f in check(report)]
        here.append([report.model_dump(mode="json", exclude={"source"}), findings])
    code = f"import sys; sys.argv[1:] = {paths!r}\n" + textwrap.dedent(READ_AND_CHECK)
    source = [json.loads(line) for line in _run(code, GONGKAI_PURE_PYTHON="1").splitlines()]
    assert len(source) == len(here) == len(paths)
    for path, a, b in zip(paths, json.loads(json.dumps(here)), source):
        assert a == b, path
