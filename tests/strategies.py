"""Hypothesis strategies for valid report records.

`reports()` draws records of either vintage with consistent tables (every identity of the
template holds, unless `consistent=False`), occasional unknown (None) cells, and prose
sections whose paragraphs read like real reports: quotes, brackets, book titles, numbers
and several paragraphs a section ("\\n" between them).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from gongkai import template
from gongkai.record import Report

REGIONS = ("北京市", "上海市浦东新区", "江苏省淮安市洪泽区", "广东省深圳市龙岗区", "河北省雄县", "新疆维吾尔自治区",
           "四川省成都市", "浙江省杭州市西湖区", "黑龙江省哈尔滨市")
BODIES = ("人民政府", "人民政府办公室", "财政局", "市场监督管理局", "生态环境局", "街道办事处", "自然资源和规划局",
          "卫生健康委员会", "交通运输局", "司法局", "镇人民政府")
NAME_CHARS = "东西南北中山河湖海阳安平宁清远兴华新金石龙凤桥林泉云江城港"

# Prose of the narrative sections (一、五、六): anything a report says, numbers included.
WORDS = ("深入贯彻", "政务公开", "决策部署", "主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障",
         "门户网站", "政策解读", "回应关切", "培训", "考核", "社会评议", "规范性文件", "政务新媒体", "信息处理费",
         "行政复议", "办理质量", "答复文书", "群众满意度", "工作机制", "公开目录", "基层政务公开")
MARKS = ("&", "<", ">", '"', "'", "A", "B")
# Prose of the table sections (二、三、四): no numbers and no table labels, as before a table.
PLAIN_WORDS = ("本机关", "依法依规", "认真做好", "相关工作", "情况如下", "统计口径", "截至年底", "具体数据见下表",
               "逐项核对", "确保准确")


def _join(parts: list[str]) -> str:
    return "".join(parts)


@st.composite
def sentence(draw, words=WORDS, numbers: bool = True) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(("word", "word", "quote", "bracket", "book", "number", "mark")))
        word = draw(st.sampled_from(words))
        if kind == "quote":
            parts.append(f"“{word}”")
        elif kind == "bracket":
            parts.append(f"（{word}）")
        elif kind == "book":
            parts.append(f"《{word}》")
        elif kind == "number" and numbers:
            n = draw(st.integers(0, 100000))
            parts.append(draw(st.sampled_from((f"{n}件", f"{n}条", f"{n}%", f"共{n}次"))))
        elif kind == "mark" and numbers:
            parts.append(word + draw(st.sampled_from(MARKS)) + word)
        else:
            parts.append(word)
    return _join(parts)


@st.composite
def paragraph(draw, words=WORDS, numbers: bool = True) -> str:
    """A paragraph ends with 。, as real prose does (a signature line never does)."""
    sentences = draw(st.lists(sentence(words, numbers), min_size=1, max_size=5))
    seps = [draw(st.sampled_from(("，", "；", "。", "、", ","))) for _ in sentences[1:]]
    text = sentences[0] + "".join(s + t for s, t in zip(seps, sentences[1:]))
    return text + "。"


def prose(min_paragraphs: int = 0, max_paragraphs: int = 4, words=WORDS, numbers: bool = True):
    return st.lists(paragraph(words, numbers), min_size=min_paragraphs, max_size=max_paragraphs).map("\n".join)


@st.composite
def agency(draw) -> str:
    region = draw(st.sampled_from(REGIONS))
    if draw(st.booleans()):
        region += draw(st.text(NAME_CHARS, min_size=1, max_size=3)) + draw(st.sampled_from(("镇", "乡", "街道")))
    return region + draw(st.sampled_from(BODIES))


def _maybe_unknown(draw, value, unknown: bool):
    return None if unknown and draw(st.integers(0, 30)) == 30 else value


@st.composite
def table3(draw, vintage: str, consistent: bool = True, unknown: bool = True) -> dict:
    rows = [r.key for r in template.t3_rows(vintage)]
    outcomes = template.t3_outcome_keys(vintage)
    small = st.integers(0, 60)
    table: dict[str, dict] = {k: {} for k in rows}
    for col in template.T3_APPLICANT_COLUMNS:
        for k in outcomes:
            table[k][col] = draw(small) if draw(st.integers(0, 3)) == 0 else 0
        total = sum(table[k][col] for k in outcomes)
        forward = draw(small)
        carried = draw(st.integers(0, total + forward))
        table["total"][col] = total
        table["carry_forward"][col] = forward
        table["carried_over"][col] = carried
        table["new"][col] = total + forward - carried
    for k in rows:
        table[k]["total"] = sum(table[k][c] for c in template.T3_APPLICANT_COLUMNS)
        if not consistent:
            table[k]["total"] += draw(st.integers(-2, 2))
    return {
        k: {c: _maybe_unknown(draw, table[k][c], unknown) for c in template.T3_COLUMN_KEYS} for k in rows
    }


@st.composite
def table4(draw, unknown: bool = True) -> dict:
    out = {}
    for group in template.T4_GROUP_KEYS:
        parts = {c: draw(st.integers(0, 40)) for c in template.T4_PARTS}
        parts["total"] = sum(parts.values())
        out[group] = {c: _maybe_unknown(draw, v, unknown) for c, v in parts.items()}
    return out


@st.composite
def table2(draw, vintage: str, unknown: bool = True) -> dict:
    out: dict[str, dict] = {}
    for row, col in template.t2_cell_keys(vintage):
        if (row, col) in template.T2_DECIMAL_CELLS:
            value = draw(st.decimals(min_value=0, max_value=10**6, places=draw(st.integers(0, 4))))
        elif col in template.T2_SIGNED_COLUMNS:
            value = draw(st.integers(-500, 500))
        else:
            value = draw(st.integers(0, 10**6))
        out.setdefault(row, {})[col] = _maybe_unknown(draw, value, unknown)
    return out


@st.composite
def reports(draw, vintage: str | None = None, consistent: bool = True, unknown: bool = True) -> Report:
    """A valid record of one annual report; every section key present, as readers produce them."""
    vin = vintage or draw(st.sampled_from(template.VINTAGES))
    year = draw(st.integers(2019, 2035))
    published = draw(st.one_of(st.none(), st.dates(date(year + 1, 1, 1), date(year + 1, 12, 31))))
    sections = {}
    for key in template.SECTION_KEYS:
        if key == "other":
            sections[key] = draw(st.one_of(prose(0, 3), st.just("无")))  # "无" is common in section 六
        elif key in template.NARRATIVE_SECTIONS:
            sections[key] = draw(prose(1 if key == "overview" else 0, 4))
        else:
            sections[key] = draw(prose(0, 2, PLAIN_WORDS, numbers=False))
    return Report(
        agency=draw(st.one_of(agency(), agency(), agency(), st.none())),
        year=year,
        vintage=vin,
        published=published,
        sections=sections,
        t2=draw(table2(vin, unknown)),
        t3=draw(table3(vin, consistent, unknown)),
        t4=draw(table4(unknown)),
    )


def dump(report: Report) -> dict:
    """What a round trip must keep: everything but where the record came from and the reader's notices."""
    return report.model_dump(exclude={"source", "notices"})


def sample(vintage: str = "2021") -> Report:
    """One fixed, consistent record of a vintage: for tests that need an example, not a law."""
    year = 2023 if vintage == "2021" else 2020
    t3 = {r.key: {c: 0 for c in template.T3_COLUMN_KEYS} for r in template.t3_rows(vintage)}
    for key, n in (("granted", 5), ("partial", 2), ("unable.not_held", 1), ("total", 8), ("new", 7),
                   ("carried_over", 2), ("carry_forward", 1)):
        t3[key].update(natural_person=n - (key == "granted"), commercial=int(key == "granted"), total=n)
    t3["total"].update(natural_person=7, commercial=1)
    t3["new"].update(natural_person=6, commercial=1)
    t2: dict[str, dict] = {}
    for row, col in template.t2_cell_keys(vintage):
        t2.setdefault(row, {})[col] = Decimal("12.3456") if (row, col) in template.T2_DECIMAL_CELLS else 3
    t4 = {g: {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2} for g in template.T4_GROUP_KEYS}
    return Report(
        agency="江苏省淮安市洪泽区人民政府",
        year=year,
        vintage=vintage,
        published=date(year + 1, 1, 20),
        sections={
            "overview": f"{year}年，本机关认真贯彻《中华人民共和国政府信息公开条例》。\n全年主动公开政府信息1200条。",
            "proactive": "",
            "requests": "",
            "litigation": "",
            "problems": "一是“政策解读”形式单一。\n二是（基层）公开标准化有待加强。",
            "other": "本年度未收取信息处理费。",
        },
        t2=t2,
        t3=t3,
        t4=t4,
    )
