"""The tables' own arithmetic: every identity of the template (template.IDENTITIES) that fails."""

from __future__ import annotations

from .. import template
from ..record import Report
from .registry import Context, declare, rule

declare("T3_OUTCOME_SUM", "error", "表三每列：（七）总计应等于各项办理结果之和")
declare("T3_ROW_TOTAL", "error", "表三每行：总计列应等于自然人与五类法人或其他组织之和")
declare("T4_GROUP_TOTAL", "error", "表四：行政复议、未经复议直接起诉、复议后起诉各自的总计应等于四项结果之和")

_SHOWN_TERMS = 8  # a longer side (the twenty outcome rows) is shown by its sum only


def failures(identities: tuple[template.Identity, ...], report: Report, previous: Report | None = None):
    """(identity, message) for each identity whose cells are all known and do not add up."""
    now: dict[str, dict] = {"t2": report.t2, "t3": report.t3, "t4": report.t4}
    for identity, keys, split, plain in _compiled(identities):
        if plain:  # every cell this year's and added: nearly every identity, kept cheap
            try:
                got = [now[t][r][c] for t, r, c in keys]
            except KeyError:  # a row or column the record lacks: unknown
                continue
            if None in got or sum(got[:split]) == sum(got[split:]):
                continue
        else:
            got = [(previous if t.previous else report).value(*k) for t, k in zip(identity.terms, keys)]  # type: ignore[union-attr]
            if None in got:
                continue
            left = template.side_sum(identity.left, got[:split])
            if left == template.side_sum(identity.right, got[split:]):
                continue
        yield identity, _message(identity, got[:split], got[split:], report, previous)


def _message(identity: template.Identity, left: list, right: list, report: Report, previous: Report | None) -> str:
    blanks = report.blank_cells()
    earlier = previous.blank_cells() if previous is not None else set()
    sides = ((identity.left_words, identity.left, left), (identity.right_words, identity.right, right))
    shown = [_side(words, terms, values, template.side_sum(terms, values), blanks, earlier) for words, terms, values in sides]
    if any(x.endswith("列空白") for x in shown):  # a cell printed blank: say so, not "为0"
        return f"{identity.subject}：{shown[0]}，而{shown[1]}{identity.note}"
    return f"{identity.subject}：{shown[0]}不等于{shown[1]}{identity.note}"


_COMPILED: dict[int, tuple] = {}


def _compiled(identities: tuple[template.Identity, ...]) -> list:
    """(identity, the keys of its cells, how many are on the left, whether all are this
    year's and added), made once per list of identities."""
    known = _COMPILED.get(id(identities))
    if known is None or known[0] is not identities:
        compiled = [
            (
                i,
                tuple((t.table, t.row, t.column) for t in i.terms),
                len(i.left),
                all(t.sign > 0 and not t.previous for t in i.terms),
            )
            for i in identities
        ]
        known = _COMPILED[id(identities)] = (identities, compiled)
    return known[1]


def _side(words: str, terms, values, total, blanks, earlier) -> str:
    """A side as printed in a message: its cells and sum; a cell printed blank says so."""
    parts = []
    for n, (term, value) in enumerate(zip(terms, values)):
        blank = (term.table, term.row, term.column) in (earlier if term.previous else blanks)
        text = "空白" if blank else str(value)
        parts.append(text if n == 0 else ("+" if term.sign > 0 else "-") + text)
    if len(terms) == 1:
        return f"{words}列空白" if parts[0] == "空白" else f"{words}（{parts[0]}）"
    if len(terms) > _SHOWN_TERMS:
        return f"{words}（合计{total}）"
    return f"{words}（{''.join(parts)}={total}）"


@rule("T3_BALANCE", "error", "表三每列：一＋二 应等于（七）总计＋四（格式印明的勾稽关系）")
def arithmetic(ctx: Context):
    """Every identity within the report (T3_BALANCE, T3_OUTCOME_SUM, T3_ROW_TOTAL, T4_GROUP_TOTAL)."""
    r = ctx.report
    shape = template.t3_shape(r.t3, r.vintage or "2021")
    for identity, message in failures(template.identities(shape), r):
        at = identity.at
        yield ctx.finding(identity.code, message, table=at.table, row=at.row, column=at.column)
