"""The fast ways of folding text and finding labels and counts in it give what the plain ways do."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings, strategies as st

from gongkai import template
from gongkai.checks.narrative import _ANSWERED, _CARRIED, _LITIGATION, _RECEIVED, _REVIEW, _first_appeal
from gongkai.readers.labels import _NON_DIGIT_SPACE, CONTEXTUAL, LABEL_RE, fold

# full-width and half-width forms, quotes, spaces of every kind, CJK, combining marks
_PRINTED = st.text(alphabet=list("０１９ＡＺａ（）()、，,。：:“”‘’「」〝〞\"' \u3000\xa0\t\n12+-.其他总计①㈠\u0301Å"), max_size=40)


@settings(max_examples=2000, deadline=None)
@given(text=_PRINTED | st.text(max_size=20))
def test_folding_skips_only_steps_that_change_nothing(text):
    plain = unicodedata.normalize("NFKC", text).translate(template._QUOTES)
    assert template.half_width(text) == plain
    assert template.normalize(text) == re.sub(r"\s+", "", plain)
    assert fold(text) == _NON_DIGIT_SPACE.sub("", plain).strip()

def _printed_forms() -> list[tuple[str, str]]:
    """(ordinal, label) as reports print them: every label bare, table 三's also numbered."""
    forms = []
    for norm, hits in template.LABELS.items():
        if norm in CONTEXTUAL or len(norm) < 4:
            continue
        forms.append(("", norm))
        table, key = hits[0]
        if table == "t3":
            forms.append((template.normalize(template.t3_label(key).ordinal), norm))
    return forms


@settings(max_examples=300, deadline=None)
@given(
    form=st.sampled_from(_printed_forms()),
    before=st.text(alphabet="0123456789 ", max_size=12),
    after=st.text(alphabet="0123456789 ", min_size=1, max_size=12),
)
def test_a_label_run_into_numbers_is_found_whole(form, before, after):
    """A label is found with its ordinal where it stands among the numbers of a crawled row."""
    ordinal, label = form
    text = before + ordinal + label + after
    found = [m for m in LABEL_RE.finditer(text) if label in m.group(0)]
    assert found, text
    assert found[0].span() == (len(before), len(before) + len(ordinal) + len(label))


def _plain(pattern: re.Pattern) -> re.Pattern:
    """The pattern without the two speed-ups: digits that may give back, and any start."""
    return re.compile(pattern.pattern.replace("(?<!\\d)", "").replace("\\d++", "\\d+"))


def _first(pattern: re.Pattern, text: str, name: str) -> re.Match | None:
    """The first match in the sentence that first names the appeal, or after it (as the check reads)."""
    first = text.rfind("。", 0, text.find(name)) + 1
    return next(pattern.finditer(text, first), None)


_PROSE = st.text(alphabet=list("行政复议诉讼件项起。；，, 0123456789收到申请共答复已的\n\t\u3000²"), max_size=60)


@settings(max_examples=2000, deadline=None)
@given(head=_PROSE, name=st.sampled_from(["行政复议", "行政诉讼"]), tail=_PROSE)
def test_appeal_figures_found_as_by_the_plain_pattern_from_the_sentence_start(head, name, tail):
    text = head + name + tail
    pattern = _REVIEW if name == "行政复议" else _LITIGATION
    plain = _plain(pattern)
    assert plain.pattern != pattern.pattern
    a, b = _first_appeal(pattern, text, name), _first(plain, text, name)
    assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


@settings(max_examples=1000, deadline=None)
@given(text=_PROSE)
def test_counts_found_as_by_the_plain_pattern(text):
    for pattern in (*_RECEIVED, *_ANSWERED, _CARRIED):
        plain = _plain(pattern)
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]
