"""The statutory template of the annual report, as data.

Everything that spells a row, column or section label lives here: readers match cells
against these labels, checks walk these identities, writers print these headings. Two
vintages exist: the 2019 trial format (国办公开办函〔2019〕60号) and the 2021 format
(国办公开办函〔2021〕30号).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

VINTAGES = ("2019", "2021")


@dataclass(frozen=True)
class Label:
    """One row or column of a table: a stable key, the official label and known variants."""

    key: str
    label: str
    ordinal: str = ""  # the printed numbering, e.g. "（三）" or "1."
    aliases: tuple[str, ...] = ()
    group: str = ""  # the merged group cell the row sits under, e.g. "（三）不予公开"

    @property
    def printed(self) -> str:
        return f"{self.ordinal}{self.label}"


# --- Table 三 -------------------------------------------------------------------------

T3_COLUMNS = (
    Label("natural_person", "自然人"),
    Label("commercial", "商业企业"),
    Label("research", "科研机构"),
    Label("social_welfare", "社会公益组织"),
    Label("legal_service", "法律服务机构"),
    Label("other_org", "其他"),
    Label("total", "总计"),
)
T3_COLUMN_KEYS = tuple(c.key for c in T3_COLUMNS)
T3_APPLICANT_COLUMNS = T3_COLUMN_KEYS[:-1]

# What gongkai's writers print in a cell whose value is unknown (None): distinct from a
# blank or a dash, which by the template's convention read as 0.
UNKNOWN_MARK = "（不详）"

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_OUTCOME_GROUP = "三、本年度办理结果"

_W = "（三）不予公开"
_U = "（四）无法提供"
_R = "（五）不予处理"
_O = "（六）其他处理"

_T3_HEAD = (
    Label("new", "本年新收政府信息公开申请数量", "一、"),
    Label("carried_over", "上年结转政府信息公开申请数量", "二、"),
    Label("granted", "予以公开", "（一）"),
    Label("partial", "部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）", ("部分公开",)),
    Label("withheld.state_secret", "属于国家秘密", "1.", group=_W),
    Label(
        "withheld.law_prohibited",
        "其他法律行政法规禁止公开",
        "2.",
        ("其他法律法规禁止公开", "其他法律行政止公开", "其他法律、行政法规禁止公开", "其他法律行政法规禁止公开的"),
        group=_W,
    ),
    Label("withheld.security_stability", "危及“三安全一稳定”", "3.", ("危及三安全一稳定",), group=_W),
    Label("withheld.third_party", "保护第三方合法权益", "4.", group=_W),
    Label("withheld.internal_affairs", "属于三类内部事务信息", "5.", group=_W),
    Label("withheld.process_info", "属于四类过程性信息", "6.", group=_W),
    Label("withheld.enforcement_file", "属于行政执法案卷", "7.", group=_W),
    Label("withheld.query_matter", "属于行政查询事项", "8.", group=_W),
    Label("unable.not_held", "本机关不掌握相关政府信息", "1.", group=_U),
    Label("unable.needs_creation", "没有现成信息需要另行制作", "2.", group=_U),
    Label("unable.unclear", "补正后申请内容仍不明确", "3.", group=_U),
    Label("rejected.complaint", "信访举报投诉类申请", "1.", group=_R),
    Label("rejected.repeated", "重复申请", "2.", group=_R),
    Label("rejected.publication", "要求提供公开出版物", "3.", group=_R),
    Label("rejected.excessive", "无正当理由大量反复申请", "4.", group=_R),
    Label("rejected.confirmation", "要求行政机关确认或重新出具已获取信息", "5.", group=_R),
)
_T3_OTHER_2021 = (
    Label(
        "other.no_correction",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "1.",
        ("申请人无正当理由逾期不补正",),
        group=_O,
    ),
    Label(
        "other.unpaid_fee",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "2.",
        ("申请人逾期未按收费通知要求缴纳费用",),
        group=_O,
    ),
    Label("other.other", "其他", "3.", group=_O),
)
_T3_OTHER_2019 = (Label("other", "其他处理", "（六）"),)
_T3_TAIL = (
    Label("total", "总计", "（七）"),
    Label("carry_forward", "结转下年度继续办理", "四、"),
)

T3_ROWS = {
    "2021": _T3_HEAD + _T3_OTHER_2021 + _T3_TAIL,
    "2019": _T3_HEAD + _T3_OTHER_2019 + _T3_TAIL,
}
T3_GROUPS = {
    "withheld": "（三）不予公开",
    "unable": "（四）无法提供",
    "rejected": "（五）不予处理",
    "other": "（六）其他处理",
}
# Rows that are not outcomes: everything else between them sums to （七）总计.
T3_NON_OUTCOME = ("new", "carried_over", "total", "carry_forward")


def t3_rows(vintage: str) -> tuple[Label, ...]:
    return T3_ROWS[vintage]


def t3_outcome_keys(vintage: str) -> tuple[str, ...]:
    return tuple(r.key for r in T3_ROWS[vintage] if r.key not in T3_NON_OUTCOME)


def t3_shape(keys, default: str = "2021") -> str:
    """The row layout table 三 follows, from the row keys it has: the 2021 layout splits
    （六）其他处理 into three rows, the 2019 one (and some later reports) keep one."""
    found = set(keys)
    if found & _T3_ONLY["2021"]:
        return "2021"
    if found & _T3_ONLY["2019"]:
        return "2019"
    return default


_T3_ONLY = {
    v: frozenset(r.key for r in T3_ROWS[v]) - frozenset(r.key for r in T3_ROWS[w])
    for v, w in (("2021", "2019"), ("2019", "2021"))
}


# --- Table 四 -------------------------------------------------------------------------

T4_GROUPS = (
    Label("review", "行政复议"),
    Label("litigation_direct", "未经复议直接起诉"),
    Label("litigation_after_review", "复议后起诉"),
)
T4_COLUMNS = (
    Label("upheld", "结果维持"),
    Label("corrected", "结果纠正"),
    Label("other", "其他结果"),
    Label("pending", "尚未审结"),
    Label("total", "总计"),
)
T4_GROUP_KEYS = tuple(g.key for g in T4_GROUPS)
T4_COLUMN_KEYS = tuple(c.key for c in T4_COLUMNS)
T4_PARTS = T4_COLUMN_KEYS[:-1]


# --- Table 二 -------------------------------------------------------------------------


@dataclass(frozen=True)
class T2Block:
    """One block of table 二: the article item, the header row and its data rows."""

    item: str  # "第二十条第（一）项"
    columns: tuple[Label, ...]
    rows: tuple[Label, ...]


T2_BLOCKS = {
    "2021": (
        T2Block(
            "第二十条第（一）项",
            (Label("issued", "本年制发件数"), Label("repealed", "本年废止件数"), Label("in_force", "现行有效件数")),
            (Label("rules", "规章"), Label("normative", "行政规范性文件", aliases=("规范性文件",))),
        ),
        T2Block("第二十条第（五）项", (Label("decisions", "本年处理决定数量"),), (Label("licensing", "行政许可"),)),
        T2Block(
            "第二十条第（六）项",
            (Label("decisions", "本年处理决定数量"),),
            (Label("penalty", "行政处罚"), Label("coercion", "行政强制")),
        ),
        T2Block(
            "第二十条第（八）项",
            (Label("amount", "本年收费金额（单位：万元）", aliases=("本年收费金额（单位：万元，保留4位小数）",)),),
            (Label("fees", "行政事业性收费"),),
        ),
    ),
    "2019": (
        T2Block(
            "第二十条第（一）项",
            (Label("made", "本年新制作数量"), Label("published", "本年新公开数量"), Label("public_total", "对外公开总数量")),
            (Label("rules", "规章"), Label("normative", "规范性文件", aliases=("行政规范性文件",))),
        ),
        T2Block(
            "第二十条第（五）项",
            (Label("prev_items", "上一年项目数量"), Label("change", "本年增/减"), Label("decisions", "处理决定数量")),
            (Label("licensing", "行政许可"), Label("other_services", "其他对外管理服务事项")),
        ),
        T2Block(
            "第二十条第（六）项",
            (Label("prev_items", "上一年项目数量"), Label("change", "本年增/减"), Label("decisions", "处理决定数量")),
            (Label("penalty", "行政处罚"), Label("coercion", "行政强制")),
        ),
        T2Block(
            "第二十条第（八）项",
            (Label("prev_items", "上一年项目数量"), Label("change", "本年增/减")),
            (Label("fees", "行政事业性收费"),),
        ),
        T2Block(
            "第二十条第（九）项",
            (Label("items", "采购项目数量"), Label("amount", "采购总金额")),
            (Label("procurement", "政府集中采购"),),
        ),
    ),
}

# Cells of table 二 that hold money (Decimal) or a signed change, not a plain count.
T2_DECIMAL_CELLS = {("fees", "amount"), ("procurement", "amount")}
T2_SIGNED_COLUMNS = {"change"}

# Header labels whose presence tells the vintage of table 二.
VINTAGE_MARKERS = {
    "2021": ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"),
    "2019": ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "采购项目数量", "政府集中采购"),
}


def t2_rows(vintage: str) -> list[tuple[Label, tuple[Label, ...]]]:
    """Each data row of table 二 with its columns, in printed order."""
    return [(row, block.columns) for block in T2_BLOCKS[vintage] for row in block.rows]


def t2_cell_keys(vintage: str) -> list[tuple[str, str]]:
    return [(row.key, col.key) for row, cols in t2_rows(vintage) for col in cols]


# --- Sections ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    key: str
    number: str  # 一 … 六
    heading: str
    aliases: tuple[str, ...] = field(default=())

    @property
    def printed(self) -> str:
        return f"{self.number}、{self.heading}"


SECTIONS = (
    Section("overview", "一", "总体情况"),
    Section("proactive", "二", "主动公开政府信息情况", ("行政机关主动公开政府信息情况",)),
    Section(
        "requests",
        "三",
        "收到和处理政府信息公开申请情况",
        ("行政机关收到和处理政府信息公开申请情况",),
    ),
    Section(
        "litigation",
        "四",
        "政府信息公开行政复议、行政诉讼情况",
        (
            "政府信息公开行政复议行政诉讼情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "政府信息公开行政法复议、行政诉讼情况",
            "政府信息公开行政复议、诉讼情况",
        ),
    ),
    Section(
        "problems",
        "五",
        "存在的主要问题及改进情况",
        (
            "政府信息公开工作存在的主要问题及改进情况",
            "存在的主要问题及整改措施",
            "存在的主要问题及整改情况",
            "存在的主要问题和改进情况",
            "存在的问题及改进情况",
            "主要问题及改进情况",
        ),
    ),
    Section("other", "六", "其他需要报告的事项", ("其他需要报告事项",)),
)
SECTION_KEYS = tuple(s.key for s in SECTIONS)
NARRATIVE_SECTIONS = ("overview", "problems", "other")


# --- Label normalisation ----------------------------------------------------------------

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "〝": '"', "〞": '"'})
_QUOTE_CHAR = re.compile("[“”‘’「」〝〞]")
_SPACE = re.compile(r"\s+")
_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．,，]?|[(（][一二三四五六七八九十\d]+[)）][、.．]?|\d{1,2}(?:[、.．,，]|\s))"
)


@lru_cache(maxsize=65536)
def half_width(text: str) -> str:
    """NFKC (full-width letters, digits and brackets to half-width) and straight quotes.

    Each step only where it changes something: both cost a lookup per character, and a
    crawled page runs a whole table into one long cell.
    """
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text.translate(_QUOTES) if _QUOTE_CHAR.search(text) else text


def normalize(text: str) -> str:
    """Fold a printed label to one comparable form: half-width, no spaces, straight quotes."""
    return _SPACE.sub("", half_width(text))


@lru_cache(maxsize=65536)
def split_ordinal(norm: str) -> tuple[str, str]:
    """Split a normalised label into its numbering prefix and its text: '1.属于' → ('1.', '属于')."""
    m = _ORDINAL.match(norm)
    if not m:
        return "", norm
    return m.group(0), norm[m.end() :]


def ordinal_value(ordinal: str) -> str:
    """The bare number of a prefix: '（三）' → '三', '1.' → '1'."""
    return normalize(ordinal).strip("()、.,")


def _label_index() -> dict[str, list[tuple[str, str]]]:
    """Normalised label text → [(table, key)] for every row label of tables 二 and 三."""
    index: dict[str, list[tuple[str, str]]] = {}
    seen: set[tuple[str, str, str]] = set()
    for vintage in VINTAGES:
        for row in T3_ROWS[vintage]:
            for text in (row.label, *row.aliases):
                n = normalize(text)
                if ("t3", row.key, n) not in seen:
                    seen.add(("t3", row.key, n))
                    index.setdefault(n, []).append(("t3", row.key))
        for row, _cols in t2_rows(vintage):
            for text in (row.label, *row.aliases):
                n = normalize(text)
                if ("t2", row.key, n) not in seen:
                    seen.add(("t2", row.key, n))
                    index.setdefault(n, []).append(("t2", row.key))
    for key, text in T3_GROUPS.items():
        n = split_ordinal(normalize(text))[1]
        index.setdefault(n, []).append(("t3group", key))
    index.setdefault(normalize("本年度办理结果"), []).append(("t3group", "outcomes"))
    return index


LABELS = _label_index()


def t3_label(key: str) -> Label:
    for vintage in ("2021", "2019"):
        for row in T3_ROWS[vintage]:
            if row.key == key:
                return row
    raise KeyError(key)


def t2_label(row_key: str, col_key: str | None = None) -> str:
    for vintage in ("2021", "2019"):
        for row, cols in t2_rows(vintage):
            if row.key == row_key:
                if col_key is None:
                    return row.label
                for col in cols:
                    if col.key == col_key:
                        return f"{row.label}（{col.label}）"
    return row_key


def t3_column_label(key: str) -> str:
    return next(c.label for c in T3_COLUMNS if c.key == key)


def t4_label(group: str, column: str) -> str:
    g = next(x.label for x in T4_GROUPS if x.key == group)
    c = next(x.label for x in T4_COLUMNS if x.key == column)
    return f"{g}{c}"


# --- The tables' arithmetic -------------------------------------------------------------
#
# Every identity the tables obey, written once: the reader chooses among the readings of a
# damaged row by them, the checks report those that fail, the XLSX writer lists them all.


@dataclass(frozen=True)
class Term:
    """One cell on one side of an identity; `previous`: that cell in the year before's report."""

    table: str
    row: str
    column: str
    sign: int = 1
    previous: bool = False


@dataclass(frozen=True)
class Identity:
    """The cells of `left` add up to the cells of `right` (each times its sign).

    `code` is the check that reports it failing; `subject`, `left_words` and `right_words`
    say it for people; `at` is the cell a failure is reported at.
    """

    code: str
    subject: str
    left_words: str
    right_words: str
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    at: Term
    note: str = ""  # said after a failure, e.g. why it may fail in a correct report

    @property
    def text(self) -> str:
        return f"{self.subject}：{self.left_words}＝{self.right_words}"

    @property
    def terms(self) -> tuple[Term, ...]:
        return self.left + self.right

    @property
    def cross_year(self) -> bool:
        return any(t.previous for t in self.terms)


def _t3(row: str, column: str, sign: int = 1, previous: bool = False) -> Term:
    return Term("t3", row, column, sign, previous)


def _t3_identities(shape: str) -> tuple[Identity, ...]:
    out: list[Identity] = []
    outcomes = t3_outcome_keys(shape)
    for col in T3_COLUMNS:
        c = col.key
        out.append(
            Identity(
                "T3_BALANCE",
                f"表三{col.label}列",
                "一＋二",
                "（七）总计＋四",
                (_t3("new", c), _t3("carried_over", c)),
                (_t3("total", c), _t3("carry_forward", c)),
                _t3("total", c),
            )
        )
        out.append(
            Identity(
                "T3_OUTCOME_SUM",
                f"表三{col.label}列",
                "（一）至（六）各项之和",
                "（七）总计",
                tuple(_t3(k, c) for k in outcomes),
                (_t3("total", c),),
                _t3("total", c),
            )
        )
    for row in T3_ROWS[shape]:
        out.append(
            Identity(
                "T3_ROW_TOTAL",
                f"表三“{row.printed}”行",
                "自然人＋五类法人或其他组织",
                "总计",
                tuple(_t3(row.key, c) for c in T3_APPLICANT_COLUMNS),
                (_t3(row.key, "total"),),
                _t3(row.key, "total"),
            )
        )
    return tuple(out)


def _t4_identities() -> tuple[Identity, ...]:
    words = "＋".join(c.label for c in T4_COLUMNS[:-1])
    return tuple(
        Identity(
            "T4_GROUP_TOTAL",
            f"表四“{g.label}”",
            words,
            "总计",
            tuple(Term("t4", g.key, c) for c in T4_PARTS),
            (Term("t4", g.key, "total"),),
            Term("t4", g.key, "total"),
        )
        for g in T4_GROUPS
    )


def _cross_year_identities(vintage: str) -> tuple[Identity, ...]:
    """This year's report against last year's: what was carried forward is carried over,
    and (2021 table 二) documents in force follow from those issued and repealed."""
    out = [
        Identity(
            "CONTINUITY_CARRY_OVER",
            f"表三{col.label}列",
            "本年“上年结转”",
            "上年度报告“结转下年度继续办理”",
            (_t3("carried_over", col.key),),
            (_t3("carry_forward", col.key, previous=True),),
            _t3("carried_over", col.key),
        )
        for col in T3_COLUMNS
    ]
    if vintage == "2021":
        for row in ("rules", "normative"):
            out.append(
                Identity(
                    "CONTINUITY_IN_FORCE",
                    f"表二{t2_label(row)}",
                    "现行有效件数",
                    "上年现行有效＋本年制发－本年废止",
                    (Term("t2", row, "in_force"),),
                    (
                        Term("t2", row, "in_force", previous=True),
                        Term("t2", row, "issued"),
                        Term("t2", row, "repealed", -1),
                    ),
                    Term("t2", row, "in_force"),
                    "（修订、移交等也可能造成差异，请核实）",
                )
            )
    return tuple(out)


# Table 二 states no identity within one report; across years it has 现行有效 (above).
IDENTITIES: dict[str, tuple[Identity, ...]] = {shape: _t3_identities(shape) + _t4_identities() for shape in VINTAGES}
CROSS_YEAR_IDENTITIES: dict[str, tuple[Identity, ...]] = {v: _cross_year_identities(v) for v in VINTAGES}


def identities(shape: str) -> tuple[Identity, ...]:
    """The identities within one report whose table 三 has the rows of `shape` (see t3_shape)."""
    return IDENTITIES[shape]


def cross_year_identities(vintage: str) -> tuple[Identity, ...]:
    """The identities between a report of `vintage` and the same agency's report of the year before."""
    return CROSS_YEAR_IDENTITIES[vintage]


def side_sum(terms: tuple[Term, ...], values: list) -> object:
    """The signed sum of one side's values, or None when any of them is unknown."""
    total: object = 0
    for term, value in zip(terms, values):
        if value is None:
            return None
        total = total + value if term.sign > 0 else total - value  # type: ignore[operator]
    return total
