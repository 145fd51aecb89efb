"""The modules gongkai can compile with mypyc, and how to tell which build runs.

Reading a report costs mostly Python's overhead per cell and per line; compiled by mypyc,
the same source reads and checks a report faster (figures in the README). The default
install is plain Python; `GONGKAI_COMPILE=1 pip install .` and release wheels compile these
modules (setup.py), recording each source's hash in `compiled_sources.json`. Nothing is
checked on import: `gongkai --version` and the benchmarks say which build runs, and whether
a compiled build was made from other sources than the ones beside it.

The compiled modules call one another directly in C, so they are used all together or not
at all: `GONGKAI_PURE_PYTHON=1` at run time loads every one of them from its source.

This file is read by setup.py on its own: it imports nothing from gongkai.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path

MODULES = (
    "gongkai.template",
    "gongkai.readers.grid",
    "gongkai.readers.labels",
    "gongkai.readers.values",
    "gongkai.readers.tables",
    "gongkai.readers.text",
    "gongkai.readers.html",
    "gongkai.readers.metadata",
    "gongkai.readers.assemble",
    "gongkai.checks.registry",
    "gongkai.checks.arithmetic",
    "gongkai.checks.continuity",
    "gongkai.checks.fees",
    "gongkai.checks.narrative",
    "gongkai.checks.plausibility",
    "gongkai.checks.structure",
    "gongkai.checks.timeliness",
    "gongkai.checks.values",
)

_ROOT = Path(__file__).resolve().parent.parent
STAMP = "gongkai/compiled_sources.json"
PURE_PYTHON = "GONGKAI_PURE_PYTHON"


def source(module: str, root: Path = _ROOT) -> Path:
    return root / (module.replace(".", "/") + ".py")


def compiled_file(module: str, root: Path = _ROOT) -> Path | None:
    """The compiled form of a module beside its source, if there is one."""
    src = source(module, root)
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        candidate = src.with_name(src.stem + suffix)
        if candidate.exists():
            return candidate
    return None


def fingerprint(module: str, root: Path = _ROOT) -> str:
    return hashlib.sha256(source(module, root).read_bytes()).hexdigest()


def write_stamp(root: Path) -> None:
    """Record the sources about to be compiled (setup.py)."""
    stamp = {m: fingerprint(m, root) for m in MODULES}
    (root / STAMP).write_text(json.dumps(stamp, indent=1, sort_keys=True) + "\n")


def state(root: Path = _ROOT) -> str:
    """'compiled', 'source' (no compiled build, or GONGKAI_PURE_PYTHON set) or 'stale'.

    Stale: some modules are compiled but not all, or from other sources than these. Sources
    are compared by content, not time: installing a wheel or checking out a branch sets
    times that say nothing about which source was compiled.
    """
    built = [compiled_file(m, root) for m in MODULES]
    if os.environ.get(PURE_PYTHON) or not any(built):
        return "source"
    if not all(built):
        return "stale"
    try:
        stamp = json.loads((root / STAMP).read_text())
    except (OSError, ValueError):
        return "stale"
    if any(stamp.get(m) != fingerprint(m, root) for m in MODULES):
        return "stale"
    return "compiled"


class _SourceFinder:
    """Finds the compiled modules' sources ahead of their compiled forms."""

    @staticmethod
    def find_spec(name: str, path=None, target=None):
        if name in MODULES:
            return importlib.util.spec_from_file_location(name, source(name))
        return None


def use_sources_if_asked() -> None:
    """With GONGKAI_PURE_PYTHON set, load every compiled module from its source (before any is imported)."""
    if os.environ.get(PURE_PYTHON) and _SourceFinder not in sys.meta_path:
        sys.meta_path.insert(0, _SourceFinder)


def in_use() -> bool:
    """Whether the reader that runs is the compiled one."""
    import gongkai.readers.text as text

    return not text.__file__.endswith(".py")


DESCRIPTIONS = {
    "compiled": "reader and checks compiled with mypyc",
    "source": "plain Python",
    "stale": "STALE compiled build: compiled from other sources than these, or only in part; "
    "reinstall (pip install .) or delete the compiled modules beside the sources",
}


def describe() -> str:
    """The build this process runs and where, for benchmark figures and `gongkai --version`."""
    now = state()
    what = DESCRIPTIONS[now]
    if now == "source" and os.environ.get(PURE_PYTHON) and any(compiled_file(m) for m in MODULES):
        what = f"plain Python ({PURE_PYTHON} set; a compiled build is installed)"
    return f"{what}; {_ROOT / 'gongkai'}"


def require_current() -> str:
    """The build's description for a benchmark; exits when the compiled build is stale."""
    if state() == "stale":
        sys.exit(f"gongkai: {DESCRIPTIONS['stale']}")
    return describe()
