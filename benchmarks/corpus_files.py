"""The corpus the read benchmarks run on: `../shared/corpus` beside the checkout, or
`GONGKAI_CORPUS`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus_dir() -> Path:
    return Path(os.environ.get("GONGKAI_CORPUS", ROOT.parent / "shared" / "corpus"))


def corpus_reports(pattern: str, required: bool = True) -> list[tuple[bytes, str]]:
    """(bytes, path) of the corpus files matching `pattern` (e.g. "seeds/*.txt"), sorted.

    Exits with a message when there are none and they are `required`.
    """
    paths = sorted(corpus_dir().glob(pattern))
    if not paths and required:
        sys.exit(f"no corpus files match {corpus_dir() / pattern} (set GONGKAI_CORPUS)")
    return [(p.read_bytes(), str(p)) for p in paths]
