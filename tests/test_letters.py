"""Letters from the library alone: every answer's article, item and remedy; templates refused with reasons."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import docx as python_docx
import pytest

from gongkai import deadlines as dl, fees, letters, template
from gongkai.letters import numbering
from gongkai.letters.templates import validate
from gongkai.workdays import load_calendar

CALENDAR = load_calendar()
OFFICE = letters.Office(
    name="测试县人民政府办公室", short_name="测县府办", review_body="测试县人民政府", court="测试市测试县人民法院",
    address="测试县建设路8号", contact="0571-00000000",
)
RECEIVED = date(2025, 9, 26)

# Hand-written from the statutory reference §C.1: the article and item each outcome must cite.
ARTICLES = {
    "granted": ["第三十六条第二项"],
    "partial": ["第三十七条"],
    "withheld.state_secret": ["第十四条", "第三十六条第三项"],
    "withheld.law_prohibited": ["第十四条", "第三十六条第三项"],
    "withheld.security_stability": ["第十四条", "第三十六条第三项"],
    "withheld.third_party": ["第十五条", "第三十六条第三项"],
    "withheld.internal_affairs": ["第十六条第一款", "第三十六条第三项"],
    "withheld.process_info": ["第十六条第二款", "第三十六条第三项"],
    "withheld.enforcement_file": ["第十六条第二款", "第三十六条第三项"],
    "withheld.query_matter": ["第三十六条第七项"],
    "unable.not_held": ["第三十六条第四项"],
    "unable.needs_creation": ["第三十八条"],
    "unable.unclear": ["第三十条"],
    "rejected.complaint": ["第三十九条第一款"],
    "rejected.repeated": ["第三十六条第六项"],
    "rejected.publication": ["第三十九条第二款"],
    "rejected.excessive": ["第三十五条"],
    "rejected.confirmation": ["第二条"],
    "other.no_correction": ["第三十条"],
    "other.unpaid_fee": ["第四十二条", "国办函〔2020〕109号"],
    "other.other": ["第四十四条"],  # the clerk's own basis, recorded with the answer
}
REMEDY = ("如对本答复不服，可以自收到本答复之日起六十日内向测试县人民政府申请行政复议，"
          "或者自收到本答复之日起六个月内向测试市测试县人民法院提起行政诉讼。")


def facts_for(outcome: str, *, extra: list | None = None, fee=None) -> letters.Facts:
    """A generated request whose events lead lawfully to `outcome`."""
    E, K = dl.Event, dl.EventKind
    events = [E(K.received, RECEIVED)]
    if outcome in ("unable.unclear", "other.no_correction"):
        events.append(E(K.correction_requested, date(2025, 9, 29), note="请写明文件名称"))
        if outcome == "unable.unclear":
            events.append(E(K.corrected, date(2025, 10, 9)))
    if outcome == "other.unpaid_fee":
        events.append(E(K.fee_notice_sent, date(2025, 10, 10)))
    events += extra or []
    if outcome:
        events.append(E(K.correction_lapsed if outcome == "other.no_correction" else K.answered, date(2025, 11, 20)))
    return letters.Facts(
        number="测试〔2025〕0007号", applicant="李四", applicant_kind="自然人", received=RECEIVED, channel="当面提交",
        receipt_rule="当面提交的，以提交之日为收到申请之日", items="某路段改造工程的立项批复", form="纸质文本", route="邮寄",
        events=events, outcome=outcome, legal_basis="《中华人民共和国政府信息公开条例》第四十四条" if outcome == "other.other" else "",
        fee=fee,
    )


INPUTS = letters.Inputs(provided="立项批复复印件一份", withheld="批复附件中的个人电话号码属于个人隐私",
                        referral="测试县发展和改革局，电话0571-11111111", note="已转为主动公开")


def test_every_outcome_of_table_three_has_a_ground():
    assert set(letters.grounds.outcomes()) == set(template.t3_outcome_keys("2021")) == set(ARTICLES)


@pytest.mark.parametrize("outcome", template.t3_outcome_keys("2021"))
def test_answer_letter_of_every_outcome(outcome):
    facts = facts_for(outcome)
    letter = letters.compose("answer", facts, OFFICE, CALENDAR, number="测县府办依复〔2025〕3号", inputs=INPUTS)
    text = letter.text()
    for article in ARTICLES[outcome]:
        assert article in text, (outcome, article)
    assert REMEDY in text
    # the elements reviewers check: 标题, 文号, 申请人, 申请事实, 处理决定, 答复机关, 日期
    assert letter.title in ("政府信息公开申请答复书", "政府信息公开申请告知书")
    assert letter.number == "测县府办依复〔2025〕3号" and letter.addressee == "李四"
    assert "2025年9月26日" in text and "某路段改造工程的立项批复" in text
    assert letter.signatory == "测试县人民政府办公室" and letter.date_text == "2025年11月20日"
    if outcome == "partial":
        assert INPUTS.provided in text and INPUTS.withheld in text
    if outcome.startswith("withheld.") and outcome != "withheld.query_matter":
        assert INPUTS.withheld in text  # a reason, not only the article (第三十六条第三项)
    docx = letters.render_docx(letter)
    document = python_docx.Document(io.BytesIO(docx))
    printed = "\n".join(p.text for p in document.paragraphs)
    assert REMEDY in printed and ARTICLES[outcome][0] in printed


def test_the_two_grounds_of_granted_and_not_held():
    f = facts_for("granted")
    published = letters.compose("answer", f, OFFICE, CALENDAR, inputs=letters.Inputs(variant="published",
                                                                                     provided="本机关门户网站"))
    assert "第三十六条第一项" in published.text() and "已经主动公开" in published.text()
    f = facts_for("unable.not_held")
    other = letters.compose("answer", f, OFFICE, CALENDAR, inputs=letters.Inputs(variant="not_responsible",
                                                                                 referral=INPUTS.referral))
    assert "第三十六条第五项" in other.text() and INPUTS.referral in other.text()
    with pytest.raises(letters.LetterError, match="负责公开的机关"):
        letters.compose("answer", f, OFFICE, CALENDAR, inputs=letters.Inputs(variant="not_responsible"))
    with pytest.raises(letters.LetterError, match="没有“published”这一情形"):
        letters.compose("answer", f, OFFICE, CALENDAR, inputs=letters.Inputs(variant="published"))


def test_partial_disclosure_needs_what_is_withheld_and_why():
    with pytest.raises(letters.LetterError, match="不予公开的内容及理由"):
        letters.compose("answer", facts_for("partial"), OFFICE, CALENDAR, inputs=letters.Inputs(provided="x"))


def test_letters_of_the_steps_before_the_answer():
    E, K = dl.Event, dl.EventKind
    correction = letters.compose("correction", facts_for("", extra=[E(K.correction_requested, date(2025, 9, 29),
                                                                          note="请写明工程名称")]), OFFICE, CALENDAR)
    assert "请写明工程名称" in correction.text() and "第三十条" in correction.text()
    assert "2025年10月27日前（15个工作日内）" in correction.text()  # 15 working days across National Day
    extension = letters.compose("extension", facts_for("", extra=[E(K.extension_approved, date(2025, 10, 20), days=20)]),
                                OFFICE, CALENDAR)
    assert "延长20个工作日" in extension.text() and "2025年11月27日前" in extension.text()
    started = [E(K.consultation_started, date(2025, 10, 15))]
    to_third = letters.compose("consultation", facts_for("", extra=started), OFFICE, CALENDAR,
                               inputs=letters.Inputs(third_party="某建设公司", matter="施工合同价款"))
    assert to_third.addressee == "某建设公司" and "李四" not in to_third.text()  # the applicant is not named to the third party
    assert "15个工作日内（2025年11月5日前）" in to_third.text()
    notice = letters.compose("consultation_notice", facts_for("", extra=started), OFFICE, CALENDAR)
    assert "不计入答复期限" in notice.text() and notice.addressee == "李四"
    receipt = letters.compose("receipt", facts_for(""), OFFICE, CALENDAR)
    assert "当面提交的，以提交之日为收到申请之日" in receipt.text() and "2025年10月30日前" in receipt.text()


def test_fee_notice_prints_the_calculation_and_the_remedy():
    fee = fees.per_request(0, 45)
    f = facts_for("", extra=[dl.Event(dl.EventKind.fee_notice_sent, date(2025, 10, 10))], fee=fee)
    letter = letters.compose("fee_notice", f, OFFICE, CALENDAR)
    text = letter.text()
    assert "人民币5500.00元" in text and "第31至第40件：10件×200.00元＝2000.00元" in text
    assert "2025年11月6日前" in text  # 20 working days from the next day, 2025-10-11 a 调休 workday
    assert "如对本通知不服" in text and "测试县人民政府" in text


def test_a_letter_needs_its_step_and_the_settings():
    with pytest.raises(letters.LetterError, match="尚未记录“告知补正”"):
        letters.compose("correction", facts_for(""), OFFICE, CALENDAR)
    with pytest.raises(letters.LetterError, match="行政复议机关、管辖人民法院"):
        letters.compose("receipt", facts_for(""), letters.Office(name="x", short_name="x", review_body="", court=""),
                        CALENDAR)


# --- templates ---------------------------------------------------------------------------


def test_default_templates_pass_their_own_checks():
    for kind in letters.KINDS:
        validate(kind, letters.default(kind), CALENDAR)


@pytest.mark.parametrize("text, message", [
    ("{{ remedy }", "语法错误"),
    ("{% if %}{{ remedy }}", "语法错误"),
    ("{{ applicant.__class__ }}{{ remedy }}{{ answer.decision }}", "不允许的属性“__class__”"),
    ("{{ request.items }}{{ remedy }}{{ answer.decision }}", "未知字段“request.items”"),
    ("{{ applicant.name.upper() }}{{ remedy }}", "调用了方法"),
    ("{{ secret }}", "未知字段“secret”"),
    ("{{ fee.amount }}", "本类文书没有的字段“fee”"),
    ("本机关于{{ request.received }}收到申请。{{ answer.decision }}", "救济途径和期限"),
    ("本机关于{{ request.received }}收到申请。处理如下。{{ remedy }}", "法律依据"),
    ("{% if answer.key == 'partial' %}{{ request.received }}{{ answer.decision }}{% endif %}{{ remedy }}", "法律依据"),
    ("{% for i in range(100000) %}x{% endfor %}", "循环次数"),
    ("{{ request.content * 100000000 }}{{ remedy }}{{ answer.decision }}", "不能重复文字"),
    ("   ", "不能为空"),
])
def test_bad_answer_templates_are_refused_with_the_reason(text, message):
    with pytest.raises(letters.TemplateRefused, match=message):
        validate("answer", text, CALENDAR)


def test_sandbox_holds_at_render_time_too():
    # a branch no sample takes, rendered without the save-time check
    hostile = "{{ remedy }}{{ answer.decision }}{{ ''.__class__.__mro__ }}"
    with pytest.raises(letters.TemplateRefused):
        letters.compose("answer", facts_for("granted"), OFFICE, CALENDAR, inputs=INPUTS, template=hostile)


def test_an_edited_template_is_used():
    text = letters.default("answer").replace("{{ answer.decision }}", "特此答复。{{ answer.decision }}")
    validate("answer", text, CALENDAR)
    letter = letters.compose("answer", facts_for("granted"), OFFICE, CALENDAR, inputs=INPUTS, template=text)
    assert "特此答复。经审查" in letter.text()


# --- 文号 patterns --------------------------------------------------------------------------


@pytest.mark.parametrize("pattern, message", [
    ("{机关简称}依复〔{year}〕号", "须含且只含一个序号字段"),
    ("{机关简称}依复〔{year}〕{n}{n}号", "须含且只含一个序号字段"),
    ("{机关简称}依复〔2025〕{n}号", "须含年份字段"),
    ("{机关}依复〔{year}〕{n}号", "未知的字段“{机关}”"),
    ("{机关简称依复〔{year}〕{n}号", "花括号不成对"),
    ("依复〔{year}〕{n}}号", "花括号不成对"),
    ("", "不能为空"),
])
def test_bad_number_patterns_are_refused(pattern, message):
    with pytest.raises(numbering.PatternError, match=message):
        numbering.validate(pattern)


def test_number_pattern_is_filled_by_substitution():
    assert numbering.fill("{机关简称}依复〔{year}〕{n}号", "测县府办", 2025, 12) == "测县府办依复〔2025〕12号"
    assert numbering.fill("{机关简称}依复〔{year}〕{n}号", "{n}{year}", 2025, 1) == "{n}{year}依复〔2025〕1号"


# --- the DOCX --------------------------------------------------------------------------------


def test_docx_is_a_gbt9704_letter():
    letter = letters.compose("answer", facts_for("granted"), OFFICE, CALENDAR, number="测县府办依复〔2025〕3号",
                             inputs=INPUTS)
    data = letters.render_docx(letter)
    assert data == letters.render_docx(letter)  # the same letter is the same bytes, so the same hash
    document = python_docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.5)
    assert section.top_margin.mm == pytest.approx(37, abs=0.5) and section.left_margin.mm == pytest.approx(28, abs=0.5)
    styles = [p.style.name for p in document.paragraphs if p.text]
    texts = [p.text for p in document.paragraphs if p.text]
    assert styles[:4] == ["Letterhead", "Document Number", "Title", "Addressee"]
    assert texts[:4] == ["测试县人民政府办公室", "测县府办依复〔2025〕3号", "政府信息公开申请答复书", "李四："]
    assert texts[-2:] == ["测试县人民政府办公室", "2025年11月20日"]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        styles_xml = z.read("word/styles.xml").decode()
        body = z.read("word/document.xml").decode()
        footer = z.read("word/footer1.xml").decode()
    assert 'w:eastAsia="仿宋_GB2312"' in styles_xml and '<w:sz w:val="32"/>' in styles_xml  # 三号 body
    assert 'w:eastAsia="方正小标宋简体"' in styles_xml and '<w:altName w:val="Noto Serif CJK SC"/>' in \
        z_font_table(data)
    assert 'w:color="FF0000"' in styles_xml  # red letterhead and separator line
    assert 'w:name="印章"' in body  # the seal's position
    assert "PAGE" in footer


def z_font_table(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/fontTable.xml").decode()


def test_hostile_text_is_escaped_in_the_docx():
    f = facts_for("granted")
    f = letters.Facts(**{**f.__dict__, "applicant": "<w:p>&\x01张</w:p>"})
    data = letters.render_docx(letters.compose("answer", f, OFFICE, CALENDAR, inputs=INPUTS))
    assert "<w:p>&张</w:p>：" in [p.text for p in python_docx.Document(io.BytesIO(data)).paragraphs]


def test_every_field_and_kind_is_documented():
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "docs" / "letters.md").read_text(encoding="utf-8")
    for name, _, _ in letters.FIELDS:
        assert f"`{name}`" in text, name
    for kind in letters.KINDS.values():
        assert f"`{kind.key}`" in text and kind.pattern in text, kind.key
