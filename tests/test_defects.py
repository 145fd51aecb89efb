"""Checks a supervisor can trust, on reports printed in every layout family and shape:
a clean report gives no error, and each planted defect (one per check code) is found."""

from __future__ import annotations

import random

import pytest

from gongkai import check, template
from gongkai.checks import RULES
from gongkai.readers import read_bytes
from gongkai.record import Report

from .families import FAMILIES, SHAPES, make_report
from .families.defects import DEFECTS, NOT_PLANTABLE

# every family and shape: (record maker, renderer, file name)
LAYOUTS = {**{name: (make_report, render, file) for name, (render, file) in FAMILIES.items()}, **SHAPES}


def _read(layout: str, record: Report, rng: random.Random) -> Report:
    _, render, name = LAYOUTS[layout]
    # a planted error in digits run together could be read no way that adds up, by anyone:
    # those rows keep their spaces here
    out = render(record, rng, undecided_spaced=True) if layout == "run_together" else render(record, rng)
    return read_bytes(out[0] if isinstance(out, tuple) else out, name)


def test_every_check_code_has_a_planted_defect():
    assert set(RULES) == set(DEFECTS) | NOT_PLANTABLE


@pytest.mark.parametrize("vintage", template.VINTAGES)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_clean_reports_give_no_error(layout, vintage):
    make = LAYOUTS[layout][0]
    for seed in range(4):
        rng = random.Random(f"clean/{layout}/{vintage}/{seed}")
        report = _read(layout, make(rng, vintage), rng)
        assert [f.message for f in check(report) if f.severity == "error"] == [], seed


@pytest.mark.parametrize("code", [c for c in DEFECTS])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_planted_defect_is_found(layout, code):
    vintage, plant = DEFECTS[code]
    make = LAYOUTS[layout][0]
    rng = random.Random(f"defect/{layout}/{code}")
    broken, before = plant(make(rng, vintage or rng.choice(template.VINTAGES)))
    report = _read(layout, broken, rng)
    previous = _read(layout, before, rng) if before is not None else None
    found = check(report, previous)
    assert code in {f.code for f in found}, [(f.code, f.message) for f in found if not f.code.startswith("READ_BLANK")]
