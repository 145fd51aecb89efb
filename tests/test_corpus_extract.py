"""Every corpus report extracts exactly to the record published beside it."""

from __future__ import annotations

import json

import pytest

from gongkai import read

from .builders import assert_typed
from .conftest import corpus_cases

CASES = corpus_cases()


@pytest.mark.parametrize("source,expected", CASES, ids=[c[0].name for c in CASES])
def test_extracts_expected_record(corpus, source, expected):
    report = read(source)
    assert report.core() == json.loads(expected.read_text(encoding="utf-8"))
    assert_typed(report)


def test_corpus_is_not_empty(corpus):
    assert len(CASES) >= 7
