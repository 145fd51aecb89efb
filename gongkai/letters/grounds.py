"""Each outcome of table 三 and the law that grounds it: the one place a letter's decision comes from.

Keyed by the template's outcome rows (`gongkai.template`), never by their labels. The
articles follow the statutory reference's mapping of answer decisions to rows (S4, the
Jiangsu rules the State Council office forwarded in 2020). Two outcomes have two grounds
(`variants`): （一）予以公开 is either information provided (第三十六条第二项) or already
proactively published (第一项); （四）1 is either information that does not exist
(第三十六条第四项) or another agency's (第五项).

Two bases the reference leaves open are written as what offices commonly cite and kept
editable through the agency's template: （五）5 (confirming or re-issuing information the
applicant already has) cites 第二条, the definition of 政府信息; （六）2 cites the fee rules
without an article number, which the reference has not verified.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import template

REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_RULES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

ANSWER_TITLE = "政府信息公开申请答复书"
NOTICE_TITLE = "政府信息公开申请告知书"


@dataclass(frozen=True)
class Ground:
    """The decision of one outcome: its articles, the letter's title and the decision's wording.

    `decision` is a sentence with the fields `{provided}`, `{withheld}`, `{referral}`,
    `{form}`, `{route}`, `{step_date}` filled by the letter (gongkai's own wording, formatted
    by gongkai, never by an office's text); `needs` names the inputs the wording relies on.
    """

    outcome: str  # a table 三 outcome row key
    variant: str
    articles: tuple[str, ...]  # "第三十六条第二项", …
    decision: str
    title: str = ANSWER_TITLE
    needs: tuple[str, ...] = ()
    law: str = REGULATION

    @property
    def basis(self) -> str:
        """The legal basis as printed: 《中华人民共和国政府信息公开条例》第十五条、第三十六条第三项."""
        return self.law + "、".join(self.articles)

    @property
    def row(self) -> template.Label:
        return template.t3_label(self.outcome)

    @property
    def outcome_label(self) -> str:
        row = self.row
        return f"{row.group}{row.printed}" if row.group else row.printed


_WITHHELD = "经审查，您申请获取的政府信息{reason}，根据{basis}的规定，本机关决定不予公开。{withheld}"


def _withheld(outcome: str, article: str, reason: str) -> Ground:
    return Ground(outcome, "", (article, "第三十六条第三项"), _WITHHELD.replace("{reason}", reason),
                  needs=("withheld",))


_GROUNDS = (
    Ground("granted", "provided", ("第三十六条第二项",),
           "经审查，您申请获取的政府信息属于公开范围，根据{basis}的规定，本机关决定予以公开，"
           "以{form}形式通过{route}向您提供：{provided}", needs=("provided",)),
    Ground("granted", "published", ("第三十六条第一项",),
           "经查，您申请获取的政府信息已经主动公开，根据{basis}的规定，现告知您获取该政府信息的方式和途径：{provided}",
           needs=("provided",)),
    Ground("partial", "", ("第三十七条",),
           "经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理，根据{basis}的规定，"
           "本机关决定部分公开：以{form}形式通过{route}向您提供可以公开的部分：{provided}不予公开的部分及理由：{withheld}",
           needs=("provided", "withheld")),
    _withheld("withheld.state_secret", "第十四条", "属于依法确定为国家秘密的政府信息"),
    _withheld("withheld.law_prohibited", "第十四条", "属于法律、行政法规禁止公开的政府信息"),
    _withheld("withheld.security_stability", "第十四条", "公开后可能危及国家安全、公共安全、经济安全、社会稳定"),
    _withheld("withheld.third_party", "第十五条",
              "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，且不属于第三方同意公开或者不公开会对公共利益造成重大影响的情形"),
    _withheld("withheld.internal_affairs", "第十六条第一款", "属于人事管理、后勤管理、内部工作流程等方面的内部事务信息"),
    _withheld("withheld.process_info", "第十六条第二款",
              "属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息"),
    _withheld("withheld.enforcement_file", "第十六条第二款", "属于行政执法案卷信息"),
    Ground("withheld.query_matter", "", ("第三十六条第七项",),
           "经审查，您申请获取的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的信息，"
           "根据{basis}的规定，请您依照有关法律、行政法规的规定办理。{referral}"),
    Ground("unable.not_held", "not_found", ("第三十六条第四项",),
           "经检索查找，本机关未制作、获取您申请公开的政府信息，根据{basis}的规定，告知您该政府信息不存在。",
           title=NOTICE_TITLE),
    Ground("unable.not_held", "not_responsible", ("第三十六条第五项",),
           "经审查，您申请获取的政府信息不属于本机关负责公开，根据{basis}的规定，告知您：{referral}",
           title=NOTICE_TITLE, needs=("referral",)),
    Ground("unable.needs_creation", "", ("第三十八条",),
           "经审查，本机关没有您所申请的现成信息，提供该信息需要本机关对现有政府信息进行加工、分析，"
           "根据{basis}的规定，本机关不予提供。", title=NOTICE_TITLE),
    Ground("unable.unclear", "", ("第三十条",),
           "本机关已于{step_date}告知您对申请内容作出补正，补正后的申请内容仍不明确，本机关无法确定您所需要的政府信息，"
           "根据{basis}的规定，本机关无法提供。", title=NOTICE_TITLE),
    Ground("rejected.complaint", "", ("第三十九条第一款",),
           "经审查，您以政府信息公开申请的形式进行信访、投诉、举报等活动，根据{basis}的规定，"
           "本机关不作为政府信息公开申请处理。{referral}", title=NOTICE_TITLE),
    Ground("rejected.repeated", "", ("第三十六条第六项",),
           "经审查，您提出的申请与本机关已经答复的政府信息公开申请内容重复，根据{basis}的规定，本机关不予重复处理。{referral}",
           title=NOTICE_TITLE),
    Ground("rejected.publication", "", ("第三十九条第二款",),
           "经审查，您申请获取的是政府公报、报刊、书籍等公开出版物，根据{basis}的规定，告知您获取的途径：{referral}",
           title=NOTICE_TITLE, needs=("referral",)),
    Ground("rejected.excessive", "", ("第三十五条",),
           "您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由，您未说明理由或者说明的理由不合理，"
           "根据{basis}的规定，本机关不予处理。", title=NOTICE_TITLE),
    Ground("rejected.confirmation", "", ("第二条",),
           "经审查，您的申请系要求本机关确认或者重新出具您已获取的信息，不属于{basis}所称的获取政府信息的申请，"
           "本机关不予处理。", title=NOTICE_TITLE),
    Ground("other.no_correction", "", ("第三十条",),
           "本机关已于{step_date}书面告知您对申请内容作出补正，您无正当理由逾期未补正，根据{basis}的规定，"
           "视为您放弃申请，本机关不再处理该政府信息公开申请。", title=NOTICE_TITLE),
    Ground("other.unpaid_fee", "", ("第四十二条",),
           "本机关已于{step_date}向您发出信息处理费收费通知，您逾期未按收费通知要求缴纳费用，根据{basis}及"
           + FEE_RULES + "的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。", title=NOTICE_TITLE),
    Ground("other.other", "", (),
           "经审查，根据{basis}的规定，本机关对您的申请作如下处理：{note}", title=NOTICE_TITLE, needs=("note",)),
)

GROUNDS: dict[tuple[str, str], Ground] = {(g.outcome, g.variant): g for g in _GROUNDS}
VARIANTS: dict[str, tuple[str, ...]] = {}
for _g in _GROUNDS:
    VARIANTS.setdefault(_g.outcome, ())
    VARIANTS[_g.outcome] += (_g.variant,)

VARIANT_LABELS = {
    "provided": "提供政府信息（第三十六条第二项）",
    "published": "已主动公开，告知获取方式（第三十六条第一项）",
    "not_found": "经检索该政府信息不存在（第三十六条第四项）",
    "not_responsible": "不属于本机关负责公开（第三十六条第五项）",
}


def ground(outcome: str, variant: str = "") -> Ground:
    """The ground of an outcome row (its first variant unless one is named)."""
    if outcome not in VARIANTS:
        raise KeyError(outcome)
    return GROUNDS[(outcome, variant or VARIANTS[outcome][0])]


def outcomes() -> tuple[str, ...]:
    """The outcome rows with a ground: every outcome of the 2021 template."""
    return tuple(VARIANTS)
