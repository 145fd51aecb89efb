"""Consistent records to generate test reports from: every total adds up, both vintages."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from gongkai import template
from gongkai.record import Report

AGENCIES = (
    "北京市丰台区人民政府西罗园街道办事处",
    "老城区西关街道办事处",
    "淮安市洪泽区人民政府",
    "西城区政府办公室",
    "杭州市上城区市场监督管理局",
    "成都市武侯区教育局",
    "广州市天河区人民政府猎德街道办事处",
    "苏州市吴中区住房和城乡建设局",
    "南京市鼓楼区司法局",
    "深圳市龙岗区卫生健康局",
)

NARRATIVE = {
    "overview": "本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，持续深化政务公开，全年主动公开政府信息{n}条。",
    "proactive": "本年度主动公开政府信息情况如下表。",
    "requests": "本年度收到和处理政府信息公开申请情况如下表。",
    "litigation": "本年度政府信息公开行政复议、行政诉讼情况如下表。",
    "problems": "一是公开内容的规范性有待提高；二是解读形式较为单一。下一步将加强培训，完善工作机制。",
    "other": "本年度未收取信息处理费。",
}


def _count(rng: random.Random, zero_share: float, big: bool = False) -> int:
    """A count: mostly zero as in real reports, sometimes several digits."""
    if rng.random() < zero_share:
        return 0
    roll = rng.random()
    if big and roll < 0.35:
        return rng.randint(100, 9999)
    if roll < 0.5:
        return rng.randint(1, 9)
    return rng.randint(10, 350)


def make_t3(rng: random.Random, t3_shape: str, zero_share: float = 0.6) -> dict[str, dict[str, int]]:
    """Table 三 with every row total and every column balance right."""
    rows = template.t3_rows(t3_shape)
    outcome_keys = template.t3_outcome_keys(t3_shape)
    cols = template.T3_APPLICANT_COLUMNS
    t3: dict[str, dict[str, int]] = {r.key: {} for r in rows}
    busy = {c: rng.random() < (0.9 if c == "natural_person" else 0.35) for c in cols}
    for c in cols:
        for key in outcome_keys:
            share = zero_share if busy[c] else 0.97
            if key == "granted" and busy[c]:
                share = 0.15
            t3[key][c] = _count(rng, share, big=key in ("granted", "unable.not_held"))
        total = sum(t3[k][c] for k in outcome_keys)
        fwd = _count(rng, 0.6) if busy[c] else 0
        carried = rng.randint(0, total + fwd) if rng.random() < 0.4 else 0
        t3["total"][c] = total
        t3["carry_forward"][c] = fwd
        t3["carried_over"][c] = carried
        t3["new"][c] = total + fwd - carried
    for key in t3:
        t3[key]["total"] = sum(t3[key][c] for c in cols)
    return t3


def make_t2(rng: random.Random, vintage: str) -> dict[str, dict]:
    t2: dict[str, dict] = {}
    for row, cols in template.t2_rows(vintage):
        t2[row.key] = {}
        for col in cols:
            if (row.key, col.key) in template.T2_DECIMAL_CELLS:
                cents = rng.choice((0, 0, rng.randint(1, 99999), rng.randint(1, 9999999)))
                places = rng.choice((2, 4))
                value = Decimal(cents).scaleb(-places) if cents else Decimal(0)
            elif col.key in template.T2_SIGNED_COLUMNS:
                value = rng.choice((0, 0, rng.randint(1, 30), -rng.randint(1, 30)))
            else:
                value = _count(rng, 0.5, big=row.key in ("licensing", "penalty"))
            t2[row.key][col.key] = value
    return t2


def make_t4(rng: random.Random) -> dict[str, dict[str, int]]:
    t4 = {}
    for g in template.T4_GROUP_KEYS:
        parts = {c: _count(rng, 0.7) for c in template.T4_PARTS}
        parts["total"] = sum(parts.values())
        t4[g] = parts
    return t4


def make_report(rng: random.Random, vintage: str, hybrid: bool = False, zero_share: float = 0.6) -> Report:
    """A random, internally consistent record. `hybrid`: 2021 table 二 with the 2019 （六） row."""
    year = rng.randint(2019, 2020) if vintage == "2019" else rng.randint(2021, 2024)
    published = None
    if rng.random() < 0.7:
        published = date(year + 1, 1, 5) + timedelta(days=rng.randint(0, 50))
    shape = "2019" if hybrid else vintage
    sections = {k: v.format(n=rng.randint(20, 900)) for k, v in NARRATIVE.items()}
    return Report(
        agency=rng.choice(AGENCIES),
        year=year,
        vintage=vintage,
        published=published,
        sections=sections,
        t2=make_t2(rng, vintage),
        t3=make_t3(rng, shape, zero_share),
        t4=make_t4(rng),
    )


def t3_shape(report: Report) -> str:
    """Which （六） layout table 三 of a record has."""
    return "2019" if "other" in report.t3 else "2021"
