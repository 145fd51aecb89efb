"""Small consistent records written by hand, for checks and CLI tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gongkai import template
from gongkai.record import Report


def t3_row(natural: int, commercial: int = 0) -> dict[str, int]:
    row = {c: 0 for c in template.T3_COLUMN_KEYS}
    row["natural_person"], row["commercial"] = natural, commercial
    row["total"] = natural + commercial
    return row


def consistent_report(year: int = 2023, vintage: str = "2021", **overrides) -> Report:
    """A report whose every identity holds: 10 new + 2 carried over = 11 answered + 1 carried forward."""
    outcomes = {row.key: t3_row(0) for row in template.t3_rows(vintage) if row.key not in template.T3_NON_OUTCOME}
    outcomes["granted"] = t3_row(5, 1)
    outcomes["partial"] = t3_row(2)
    outcomes["unable.not_held"] = t3_row(3)
    t3 = {"new": t3_row(9, 1), "carried_over": t3_row(2)}
    t3.update(outcomes)
    t3["total"] = t3_row(10, 1)
    t3["carry_forward"] = t3_row(1)
    t3 = {row.key: t3[row.key] for row in template.t3_rows(vintage)}
    t2 = {row.key: {c.key: 0 for c in cols} for row, cols in template.t2_rows(vintage)}
    if vintage == "2021":
        t2["normative"] = {"issued": 2, "repealed": 1, "in_force": 6}
        t2["fees"] = {"amount": Decimal("1.2500")}
    t4 = {g: {c: 0 for c in template.T4_COLUMN_KEYS} for g in template.T4_GROUP_KEYS}
    t4["review"] = {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}
    fields = dict(
        agency="某市某区人民政府办公室",
        year=year,
        vintage=vintage,
        published=None,
        sections={
            "overview": f"{year}年，本机关认真贯彻《政府信息公开条例》。全年收到政府信息公开申请10件，已答复的11件均按期办结。",
            "proactive": "",
            "requests": "",
            "litigation": "",
            "problems": "一是主动公开的深度不够，二是政策解读形式单一。下一步将加强培训，完善制度。",
            "other": "本年度未收取信息处理费，发出收费通知0件。",
        },
        t2=t2,
        t3=t3,
        t4=t4,
    )
    fields.update(overrides)
    return Report(**fields)


def assert_typed(report: Report) -> None:
    """The reader builds its record without revalidating it: hold it to the model's types.

    Counts are exact ints (not bool, not Decimal), money is Decimal, unknown is None, and the
    record validates as it stands.
    """
    for table, row, col, value in report.cells():
        money = table == "t2" and (row, col) in template.T2_DECIMAL_CELLS
        want = Decimal if money else int
        assert value is None or type(value) is want, f"{table}.{row}.{col} = {value!r}"
    assert type(report.year) in (int, type(None)) and type(report.published) in (date, type(None))
    assert Report.model_validate(report.model_dump()).model_dump() == report.model_dump()


# --- a hand-written report as tab-separated text, row by row ------------------------------

T2 = (
    "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t0\t0\t0\n"
    "第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t0\n第二十条第（六）项\n信息内容\t本年处理决定数量\n"
    "行政处罚\t0\n行政强制\t0\n第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t0\n"
)
HEAD = (
    "某某区人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本年度工作正常开展。\n二、主动公开政府信息情况\n"
    + T2 + "三、收到和处理政府信息公开申请情况\n"
)
ZEROS = "\t0\t0\t0\t0\t0\t0\t0"
T3 = [
    "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3",
    "二、上年结转政府信息公开申请数量" + ZEROS,
    "（一）予以公开\t3\t0\t0\t0\t0\t0\t3",
    "（二）部分公开" + ZEROS,
    *[f"{n}.{label}{ZEROS}" for n, label in enumerate(("属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
                                                      "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"), 1)],
    *[f"{n}.{label}{ZEROS}" for n, label in enumerate(("本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"), 1)],
    *[f"{n}.{label}{ZEROS}" for n, label in enumerate(("信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
                                                      "要求行政机关确认或重新出具已获取信息"), 1)],
    *[f"{n}.{label}{ZEROS}" for n, label in enumerate(("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                                                      "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他"), 1)],
    "（七）总计\t3\t0\t0\t0\t0\t0\t3",
    "四、结转下年度继续办理" + ZEROS,
]
T4 = "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
T4_NUMBERS = "\t".join(["0"] * 15) + "\n"
TAIL = "五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n本年度未收取信息处理费。\n"
