"""The modules gongkai compiles with mypyc, and the rule that keeps a stale build out of use.

Reading a report costs mostly Python's overhead per cell and per line; compiled by mypyc
(setup.py), the same source reads and checks a report about 1.8 times faster. The compiled
modules call one another directly in C, so they are used all together or not at all: when
any module's source differs from the one it was compiled from (an editable install whose
source was edited or checked out since; setup.py records each source's hash in
`compiled_sources.json`), or `GONGKAI_PURE_PYTHON` is set, every one of them is loaded from
its source.

This file is read by setup.py on its own: it imports nothing from gongkai.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
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

    Sources are compared by content, not time: installing a wheel or checking out a branch
    sets times that say nothing about which source was compiled.
    """
    built = [compiled_file(m, root) for m in MODULES]
    if os.environ.get("GONGKAI_PURE_PYTHON") or not any(built):
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


_chosen: str | None = None  # what `choose` decided for this process


def choose() -> str:
    """Decide, before any of them is imported, whether the compiled modules are used."""
    global _chosen
    _chosen = now = state()
    if now != "compiled" and _SourceFinder not in sys.meta_path:
        sys.meta_path.insert(0, _SourceFinder)
    if now == "stale":
        warnings.warn(
            "gongkai's compiled modules were built from other sources than these and are not used; "
            "reinstall (pip install -e .) to compile them again",
            stacklevel=2,
        )
    return now


def in_use() -> bool:
    """Whether the reader that runs is the compiled one."""
    import gongkai.readers.text as text

    return not text.__file__.endswith(".py")


def describe() -> str:
    """The build this process runs, in a few words, for benchmark figures and `gongkai --version`."""
    return {
        "compiled": "reader and checks compiled with mypyc",
        "source": "plain Python",
        "stale": "plain Python (the compiled build is of other sources)",
    }[_chosen or state()]
