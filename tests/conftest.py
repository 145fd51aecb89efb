"""Shared fixtures: where the corpus of real reports is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# The examples of property tests: the same ones on every run by default ("ci"), so that a
# change, not the draw, decides whether the tests pass; HYPOTHESIS_PROFILE=explore draws new
# ones on every run, to find what no one thought of. A failure found so becomes an @example.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent


def corpus_dir() -> Path | None:
    env = os.environ.get("GONGKAI_CORPUS")
    path = Path(env) if env else ROOT.parent / "shared" / "corpus"
    return path if path.is_dir() else None


def corpus_cases() -> list[tuple[Path, Path]]:
    """(report file, expected record) pairs of the corpus."""
    root = corpus_dir()
    if root is None:
        return []
    cases = []
    for expected in sorted(root.rglob("*.expected.json")):
        stem = expected.name[: -len(".expected.json")]
        sources = [p for p in expected.parent.glob(stem + ".*") if not p.name.endswith(".json")]
        if sources:
            cases.append((sources[0], expected))
    return cases


@pytest.fixture(scope="session")
def corpus() -> Path:
    root = corpus_dir()
    if root is None:
        if os.environ.get("CI"):
            pytest.fail("the corpus (../shared/corpus or GONGKAI_CORPUS) is required in CI")
        pytest.skip("corpus not found: set GONGKAI_CORPUS or place it at ../shared/corpus")
    return root
