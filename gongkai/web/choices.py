"""Choice lists of the register's forms, built from the statutory template wherever it has them."""

from __future__ import annotations

from gongkai import deadlines as _deadlines, template

ORG_HEADING = "法人或其他组织"

APPLICANT_KINDS = [
    (c.key, c.label if c.key == "natural_person" else f"{ORG_HEADING}（{c.label}）")
    for c in template.T3_COLUMNS
    if c.key != "total"
]

VINTAGE = "2021"
FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years a register's pages and forms accept


def outcome_choices(vintage: str = VINTAGE) -> list:
    """Table 三 outcome rows as grouped choices: （一）（二） alone, then each group's items."""
    flat: list = []
    groups: dict[str, list] = {}
    for row in template.t3_rows(vintage):
        if row.key in template.T3_NON_OUTCOME:
            continue
        if row.group:
            groups.setdefault(row.group, []).append((row.key, row.printed))
        else:
            flat.append((row.key, row.printed))
    return flat + [(g, items) for g, items in groups.items()]


OUTCOMES = outcome_choices()
OUTCOME_KEYS = template.t3_outcome_keys(VINTAGE)


def outcome_label(key: str | None) -> str:
    if not key:
        return ""
    row = template.t3_label(key)
    return f"{row.group}{row.printed}" if row.group else row.printed


# Art. 31: how the receipt date is fixed depends on the channel.
CHANNELS = [
    ("in_person", "当面提交"),
    ("post_registered", "信函（邮政签收）"),
    ("post_ordinary", "信函（普通信件）"),
    ("online", "网络/在线平台"),
    ("email", "电子邮件"),
    ("fax", "传真"),
]
RECEIPT_RULES = {
    "in_person": "当面提交的，以提交之日为收到申请之日（条例第三十一条第一项）",
    "post_registered": "以邮寄方式提交的，以行政机关签收之日为收到申请之日（第三十一条第二项）",
    "post_ordinary": "以平常信函等无需签收的邮寄方式提交的，以与申请人确认之日为收到申请之日（第三十一条第二项）",
    "online": "通过互联网渠道提交的，以双方确认之日为收到申请之日（第三十一条第三项）",
    "email": "通过电子邮件提交的，以双方确认之日为收到申请之日（第三十一条第三项）",
    "fax": "通过传真提交的，以双方确认之日为收到申请之日（第三十一条第三项）",
}

ATTACHMENT_ORIGINS = [("office", "本机关上传"), ("application", "申请人随申请提交"), ("correction", "申请人补正时提交")]

DELIVERY_FORMS = [("paper", "纸质文本"), ("electronic", "电子数据"), ("viewing", "当场查阅、抄录"), ("other", "其他")]
DELIVERY_CHANNELS = [("pickup", "自行领取"), ("post", "邮寄"), ("email", "电子邮件"), ("online", "网上获取"), ("fax", "传真")]

# Lifecycle status and event names are the deadlines library's own (one name per state).
STATUSES = [(s.value, label) for s, label in _deadlines.STATUS_LABELS.items()]
STATUS_LABELS = dict(STATUSES)
OPEN_STATUSES = ("submitted", "registered", "awaiting_correction", "in_progress", "paused")
CLOSED_STATUSES = ("answered", "lapsed", "archived")

EVENT_KINDS = [(k.value, label) for k, label in _deadlines.EVENT_LABELS.items()]
EVENT_LABELS = dict(EVENT_KINDS)

# What an audited write did, in words (an event's: "记录：" and the event's own label).
AUDIT_ACTIONS = {
    "register": "登记申请", "update": "修改申请信息", "event.correct": "更正办理事项",
    "case.create": "登记复议或诉讼", "case.update": "修改复议或诉讼", "figures.save": "修改表二数据",
    "report.sections": "修改报告正文", "report.approve": "审核通过年度报告",
    "portal.submit": "网上提交申请", "portal.merge": "合并重复的网上申请", "portal.correct": "申请人在线补正",
    "portal.settings": "修改网上申请设置", "portal.locked": "查询码错误次数过多，暂停查询",
    "portal.letter": "申请人在网上下载文书", "portal.open": "申请人凭编号和查询码查询",
    "portal.code_failed": "查询码错误", "portal.invalid": "网上申请未通过校验",
}


def audit_action_label(action: str) -> str:
    if action.startswith("event.") and action[6:] in EVENT_LABELS:
        return f"记录：{EVENT_LABELS[action[6:]]}"
    return AUDIT_ACTIONS.get(action, action)

ROLES = [("clerk", "经办人"), ("head", "负责人"), ("supervisor", "监督人员（上级机关）"), ("admin", "系统管理员")]

CASE_KINDS = [(g.key, g.label) for g in template.T4_GROUPS]
CASE_RESULTS = [(c.key, c.label) for c in template.T4_COLUMNS if c.key != "total"]
