"""A made-up region for the supervisor's console: an agency tree and its reports over several years.

Every agency-year is a consistent record (this year's 上年结转 is last year's 结转下年度, 现行有效
follows 制发 and 废止), printed in one of the layout families; some are planted with an
error, published late, published without a date, or not published at all. `manifest`
says which, so tests compare what the console makes of the files with what was printed.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

from gongkai import template
from gongkai.record import Report

from . import FAMILIES
from .records import make_t2, make_t3, make_t4

CITY = "示例市"
DEPARTMENTS = ("教育局", "公安局", "财政局", "自然资源和规划局", "生态环境局", "住房和城乡建设局", "交通运输局",
               "卫生健康委员会", "市场监督管理局", "人力资源和社会保障局", "民政局", "司法局", "水利局", "文化和旅游局",
               "审计局", "统计局", "农业农村局", "商务局")
DISTRICTS = (("东城区", "county"), ("西湖区", "county"), ("南山区", "county"), ("北岭县", "county"),
             ("青石县", "county"), ("云台区", "county"))
DISTRICT_DEPARTMENTS = ("教育局", "民政局", "财政局", "自然资源局", "市场监督管理局", "卫生健康局")
STREETS = ("东风", "平安", "花园", "新华", "石桥", "临江", "长乐", "青云")
PROBLEMS = ("政策解读的针对性有待增强", "依申请公开答复的规范化水平有待提升", "基层公开平台栏目更新不够及时",
            "公开内容的标准化程度不高", "主动公开的深度和广度仍需拓展", "工作人员业务能力有待提高", "政府信息管理制度执行不够严格",
            "公开形式较为单一", "重点领域信息公开不够全面", "回应社会关切的及时性有待加强", "政务新媒体内容保障不足",
            "历史文件清理工作进展较慢")
MEASURES = ("组织全员业务培训", "修订依申请公开办理规程", "开展政务公开标准化规范化建设", "完善信息发布审核机制",
            "加强政策图解和视频解读", "定期检查网站栏目更新情况", "推进重点领域信息公开专项行动", "建立社会关切回应台账",
            "加强与上级主管部门的沟通对接", "开展规范性文件集中清理", "引入第三方评估", "完善考核评议制度")
PLANTS = ("t3_balance", "t4_total", "carry_over", "problems_repeated")
# The families whose printed tables read back cell for cell even when a planted error breaks their arithmetic.
CLEAN_FAMILIES = ("docx_word", "html_page", "docx_text", "xlsx")


@dataclass
class Agency:
    name: str
    parent: str
    kind: str
    code: str
    printed: str  # how its reports print its name


@dataclass
class Entry:
    """One agency-year: the file it was printed to (None when not published) and what was planted."""

    agency: str
    year: int
    family: str | None
    file: str | None
    plants: list[str] = field(default_factory=list)
    late: bool = False
    undated: bool = False


def _district(i: int) -> tuple[str, str]:
    if i < len(DISTRICTS):
        return DISTRICTS[i]
    return f"{'东西南北中'[i % 5]}{'城湖山岭石台江河'[i // 5 % 8]}{i}区", "county"


def tree(size: int = 60) -> list[Agency]:
    """A city government, its departments, and its districts, each with departments and streets: `size` in all."""
    root = Agency(f"{CITY}人民政府", "", "city", "990100", f"{CITY}人民政府")
    per_district = 1 + len(DISTRICT_DEPARTMENTS[:5]) + 5
    districts = max(1, (size - 1) * 3 // 4 // per_district)
    departments = size - 1 - districts * per_district
    names = list(DEPARTMENTS) + [f"第{i}局" for i in range(1, max(0, departments - len(DEPARTMENTS)) + 1)]
    out = [root] + [Agency(f"{CITY}{d}", root.name, "department", "", f"{CITY}{d}") for d in names[:departments]]
    for i in range(districts):
        district, kind = _district(i)
        code = f"99{i // 100 + 1:02d}{i % 100 + 1:02d}"
        gov = f"{district}人民政府"
        out.append(Agency(gov, root.name, kind, code, f"{CITY}{gov}"))
        out += [Agency(f"{district}{d}", gov, "department", "", f"{district}{d}") for d in DISTRICT_DEPARTMENTS[:5]]
        for j, street in enumerate(STREETS[i % 3:i % 3 + 5]):
            name = f"{district}{street}街道办事处"
            out.append(Agency(name, gov, "township", f"{code}{j + 1:03d}", f"{CITY}{name}"))
    return out


def _government(agency: Agency) -> bool:
    return agency.kind in ("province", "city", "county")


def _published(rng: random.Random, agency: Agency, year: int, late: bool) -> date:
    if late:
        base = date(year + 1, 4, 10) if _government(agency) else date(year + 1, 2, 12)
        return base + timedelta(days=rng.randint(0, 20))
    base = date(year + 1, 3, 1) if _government(agency) else date(year + 1, 1, 6)
    return base + timedelta(days=rng.randint(0, 20))


def _first_record(rng: random.Random, agency: Agency, year: int) -> Report:
    t3 = make_t3(rng, "2021")
    return Report(agency=agency.printed, year=year, vintage="2021", published=None,
                  sections=_sections(rng, agency, year), t2=make_t2(rng, "2021"), t3=t3, t4=make_t4(rng))


def _sections(rng: random.Random, agency: Agency, year: int) -> dict[str, str]:
    """Narrative that differs year to year (section 五 especially), without counts the narrative check reads."""
    return {
        "overview": f"{year}年，{agency.printed}认真贯彻落实《中华人民共和国政府信息公开条例》，持续深化政务公开工作。",
        "proactive": "本年度主动公开政府信息情况如下表。",
        "requests": "本年度收到和处理政府信息公开申请情况如下表。",
        "litigation": "本年度政府信息公开行政复议、行政诉讼情况如下表。",
        "problems": _problems(rng, year),
        "other": "本年度未收取信息处理费。",
    }


def _problems(rng: random.Random, year: int) -> str:
    """Section 五: problems and measures drawn afresh each year, so that two years are never near copies by chance."""
    ordinals = "一二三"
    problems = "；".join(f"{ordinals[i]}是{p}" for i, p in enumerate(rng.sample(PROBLEMS, 3)))
    measures = "；".join(f"{ordinals[i]}是{m}" for i, m in enumerate(rng.sample(MEASURES, 3)))
    return f"{year}年工作中存在以下问题：{problems}。{year + 1}年将采取以下措施加以改进：{measures}。"


def _next_record(rng: random.Random, agency: Agency, before: Report) -> Report:
    """The next year: fresh counts whose 上年结转 is last year's 结转下年度, and 现行有效 carried on."""
    year = (before.year or 0) + 1
    t3 = make_t3(rng, "2021")
    for c in template.T3_APPLICANT_COLUMNS:
        carried = before.t3["carry_forward"][c]
        t3["carried_over"][c] = carried
        new = t3["total"][c] + t3["carry_forward"][c] - carried
        if new < 0:  # more carried in than handled: handle the rest as 予以公开
            t3["granted"][c] -= new
            t3["total"][c] -= new
            new = 0
        t3["new"][c] = new
    for key in t3:
        t3[key]["total"] = sum(t3[key][c] for c in template.T3_APPLICANT_COLUMNS)
    t2 = make_t2(rng, "2021")
    for row in ("rules", "normative"):
        t2[row]["in_force"] = before.t2[row]["in_force"] + t2[row]["issued"] - t2[row]["repealed"]
        if t2[row]["in_force"] < 0:
            t2[row]["repealed"] += t2[row]["in_force"]
            t2[row]["in_force"] = 0
    return Report(agency=agency.printed, year=year, vintage="2021", published=None,
                  sections=_sections(rng, agency, year), t2=t2, t3=t3, t4=make_t4(rng))


def plant(record: Report, what: str, before: Report | None) -> Report:
    """The record with one error of the kind `what` put in."""
    t3 = {k: dict(v) for k, v in record.t3.items()}
    t4 = {k: dict(v) for k, v in record.t4.items()}
    sections = dict(record.sections)
    if what == "t3_balance":  # 一 + 二 ≠ （七） + 四 in the 自然人 and 总计 columns
        t3["new"]["natural_person"] += 2
        t3["new"]["total"] += 2
    elif what == "t4_total":
        t4["review"]["total"] += 1
    elif what == "carry_over":  # balanced this year, but not what last year carried forward
        for row in ("carried_over", "new"):
            t3[row]["natural_person"] += 1 if row == "carried_over" else -1
            t3[row]["total"] += 1 if row == "carried_over" else -1
        if t3["new"]["natural_person"] < 0:
            t3["new"]["natural_person"] += 3
            t3["new"]["total"] += 3
            t3["granted"]["natural_person"] += 2
            t3["granted"]["total"] += 2
            t3["total"]["natural_person"] += 2
            t3["total"]["total"] += 2
    elif what == "problems_repeated" and before is not None:
        sections["problems"] = before.sections["problems"]
    return record.model_copy(update={"t3": t3, "t4": t4, "sections": sections})


def generate(size: int = 60, years: tuple[int, ...] = (2022, 2023, 2024), seed: int = 14):
    """(agencies, entries, records): records[(agency, year)] is what each published file prints."""
    rng = random.Random(seed)
    agencies = tree(size)
    entries, records = [], {}
    clean = planted = 0
    for n, agency in enumerate(agencies):
        before = None
        for k, year in enumerate(years):
            record = _first_record(rng, agency, year) if before is None else _next_record(rng, agency, before)
            slot = n * len(years) + k
            family = family_of(slot)
            entry = Entry(agency.name, year, family, None)
            if slot % 29 == 7:  # not published
                entries.append(entry)
                entry.family = None
                before = record
                continue
            if slot % 17 == 3:
                entry.late = True
            if slot % 23 == 11:
                entry.undated = True
            printed = record
            if family in CLEAN_FAMILIES:
                clean += 1
            if family in CLEAN_FAMILIES and clean % 4 == 1:
                what = PLANTS[planted % len(PLANTS)]
                planted += 1
                if what in ("carry_over", "problems_repeated") and before is None:
                    what = "t3_balance"
                entry.plants.append(what)
                printed = plant(record, what, records.get((agency.name, year - 1)))
            published = None if entry.undated else _published(rng, agency, year, entry.late)
            printed = printed.model_copy(update={"published": published})
            entry.file = f"{agency.name}-{year}年度政府信息公开工作年度报告.{SUFFIX[family]}"
            records[(agency.name, year)] = printed
            entries.append(entry)
            # next year continues from what the agency really carried (the record before any plant)
            before = record.model_copy(update={"t3": printed.t3 if "carry_over" in entry.plants else record.t3})
    return agencies, entries, records


# Word's own DOCX takes seconds a file to make: a few of them; a few workbooks written by gongkai too.
_COMMON = ("docx_text", "tabbed", "markdown", "crawler", "html_page")
SUFFIX = {**{f: FAMILIES[f][1].rsplit(".", 1)[1] for f in FAMILIES}, "xlsx": "xlsx"}


def family_of(slot: int) -> str:
    if slot % 30 == 0:
        return "docx_word"
    if slot % 30 == 15:
        return "xlsx"
    return _COMMON[slot % len(_COMMON)]


def render(entry: Entry, record: Report) -> bytes:
    if entry.family == "xlsx":
        import gongkai

        return gongkai.render(record, "xlsx")
    renderer, _ = FAMILIES[entry.family]
    return renderer(record, random.Random(f"{entry.agency}/{entry.year}"))


def write(out: Path, size: int = 60, years: tuple[int, ...] = (2022, 2023, 2024), seed: int = 14) -> dict:
    """The reports, the agency spreadsheet (tree.xlsx) and manifest.json, written under `out`."""
    from gongkai.supervision.agencies import tree_xlsx

    agencies, entries, records = generate(size, years, seed)
    (out / "reports").mkdir(parents=True, exist_ok=True)
    for entry in entries:
        if entry.file:
            (out / "reports" / entry.file).write_bytes(render(entry, records[(entry.agency, entry.year)]))
    (out / "tree.xlsx").write_bytes(tree_xlsx([(a.name, a.parent, a.kind, a.code) for a in agencies]))
    manifest = {"agencies": [asdict(a) for a in agencies], "entries": [asdict(e) for e in entries]}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest
