"""A made-up agency with a year of realistic activity, so that `gongkai serve` shows something.

Every request goes through the same services as a clerk's clicks (so deadlines, statuses and
audit rows are real): corrections, consultations, extensions, fees, every table 三 outcome,
reviews and lawsuits, and a few requests still open and overdue.
"""

from __future__ import annotations

import random
import secrets
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai import letters
from gongkai.errors import GongkaiError

from . import choices
from .models import Agency, Membership, Request
from .letter_models import LetterSettings
from .portal_models import PortalSettings
from .services import calendar as cal_svc
from .services import clock, office
from .services import fees as fee_svc
from .services import requests as req_svc

AGENCY = "示例市示例区人民政府办公室"
PARENT = "示例市人民政府办公室"
USERS = (  # username, full name, role, agency
    ("clerk", "王晓明", "clerk", AGENCY),
    ("clerk2", "李静", "clerk", AGENCY),
    ("head", "张建国", "head", AGENCY),
    ("supervisor", "陈立", "supervisor", PARENT),
    ("admin", "赵敏", "admin", PARENT),
)
KIND_WEIGHTS = {"natural_person": 70, "commercial": 12, "research": 3, "social_welfare": 3, "legal_service": 7,
                "other_org": 5}
OUTCOME_WEIGHTS = {
    "granted": 38, "partial": 12, "withheld.state_secret": 1, "withheld.law_prohibited": 1,
    "withheld.security_stability": 1, "withheld.third_party": 3, "withheld.internal_affairs": 2,
    "withheld.process_info": 3, "withheld.enforcement_file": 1, "withheld.query_matter": 2,
    "unable.not_held": 18, "unable.needs_creation": 4, "unable.unclear": 1, "rejected.complaint": 3,
    "rejected.repeated": 3, "rejected.publication": 1, "rejected.excessive": 1, "rejected.confirmation": 1,
    "other.other": 2,
}
TOPICS = ("征地补偿安置方案", "某路段道路拓宽工程规划许可", "2024年度区级财政预算执行情况", "老旧小区改造项目资金使用情况",
          "某企业环境影响评价批复", "房屋征收决定及补偿方案", "行政处罚决定书", "学区划分依据", "拆迁安置房分配名单",
          "河道整治工程招标文件", "最低生活保障审批材料", "建设用地规划许可证")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英")
ORGS = {"commercial": "有限公司", "research": "研究院", "social_welfare": "公益基金会", "legal_service": "律师事务所",
        "other_org": "业主委员会"}


def _pick(rng: random.Random, weights: dict) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _basis(outcome: str) -> str:
    """The outcome's legal basis as its answer letter cites it (gongkai.letters.grounds)."""
    return letters.ground(outcome).basis


def new_password() -> str:
    """A password for the demo accounts, made afresh each time and printed once."""
    return "gk-" + secrets.token_urlsafe(12)


class DemoRefused(GongkaiError):
    """The database holds an office's own data: the demo does not write into it unasked."""


def foreign_data() -> dict[str, int]:
    """What the database holds besides the demo's own agencies and accounts."""
    demo_agencies = Agency.objects.filter(name__in=(AGENCY, PARENT))
    return {
        "机关": Agency.objects.exclude(pk__in=demo_agencies).count(),
        "申请": Request.objects.exclude(agency__in=demo_agencies).count(),
        "用户": get_user_model().objects.exclude(membership__agency__in=demo_agencies).count(),
    }


def ensure_users(password: str):
    """The demo's agencies and accounts, every account (re)set to `password`."""
    User = get_user_model()
    parent, _ = Agency.objects.get_or_create(name=PARENT, defaults={"number_prefix": "市府办依申请"})
    agency, _ = Agency.objects.get_or_create(name=AGENCY, defaults={"parent": parent, "number_prefix": "区府办依申请"})
    users = {}
    for username, full, role, agency_name in USERS:
        user, _ = User.objects.get_or_create(username=username, defaults={"first_name": full})
        home = agency if agency_name == AGENCY else parent
        member = Membership.objects.filter(user=user).first()
        if member is not None and member.agency_id != home.pk:
            raise DemoRefused(f"数据库中已有用户“{username}”，且不属于示例机关；示例数据未生成")
        user.set_password(password)
        user.is_staff = user.is_superuser = role == "admin"
        user.save()
        if member is None:
            Membership.objects.create(user=user, agency=home, role=role)
        users[username] = user
    LetterSettings.objects.get_or_create(agency=agency, defaults={
        "letterhead": AGENCY, "short_name": "示区府办", "review_body": "示例区人民政府", "court": "示例市示例区人民法院",
        "address": "示例区人民路1号", "contact": "010-12345678", "payment": "通过非税收入缴款平台缴纳"})
    return agency, users


class _Life:
    """Plays one request's life through the services, stopping at `until`."""

    def __init__(self, req, rng, calendar, users, until):
        self.req, self.rng, self.cal, self.users, self.until = req, rng, calendar, users, until
        self.on = req.received

    def step(self, kind: str, workdays: int, **kw) -> bool:
        on = self.cal.add_workdays(self.on, max(workdays, 0)) if workdays else self.on
        if on > self.until:
            return False
        user = self.users["head"] if kind == "extension_approved" else self.req.handler
        req_svc.add_event(self.req, user, kind, on, **kw)
        self.on = on
        return True

    def extend(self, workdays: int, days: int) -> bool:
        """The handler asks for an extension and the head approves it, both within the period in force."""
        due = req_svc.deadlines(self.req).answer_due
        if due is not None and due < self.on:
            return True  # the period had run out: too late to extend
        wanted = self.cal.add_workdays(self.on, workdays)
        workdays = workdays if due is None or wanted <= due else self.cal.workdays_between(self.on, due)
        return (self.step("extension_requested", workdays, days=days, note="信息量大，需要调取档案")
                and self.step("extension_approved", 0, days=days))


def _life(life: _Life, outcome: str, rng: random.Random, late: bool) -> None:
    path = rng.random()
    if outcome == "unable.unclear" or path < 0.10:
        if not life.step("correction_requested", rng.randint(1, 6), note="申请内容不明确，一次性告知补正事项"):
            return
        if outcome != "unable.unclear" and rng.random() < 0.25:
            life.step("correction_lapsed", 16, note="申请人逾期未补正")
            return
        if not life.step("corrected", rng.randint(2, 10)):
            return
    if outcome in ("withheld.third_party", "partial") or 0.10 <= path < 0.18:
        if not life.step("consultation_started", rng.randint(2, 6), note="书面征求第三方意见（条例第三十二条）"):
            return
        if not life.step("consultation_ended", rng.randint(5, 15), note="第三方已回复"):
            return
    if 0.18 <= path < 0.26 or late:
        if not life.extend(rng.randint(10, 16), days=rng.choice((10, 15, 20))):
            return
    if 0.26 <= path < 0.29:
        on = life.cal.add_workdays(life.on, 3)
        if on > life.until:
            return
        fee_svc.assess(life.req, life.req.handler, "per_page", rng.randint(40, 260), on=on)
        fee_svc.send_notice(life.req, life.req.handler, on)
        life.on = on
        if rng.random() < 0.5:
            life.step("answered", 21, outcome="other.unpaid_fee", legal_basis=_basis("other.unpaid_fee"),
                      note="申请人逾期未缴费")
            return
        if not life.step("fee_paid", rng.randint(2, 10)):
            return
    d = life.req
    if d.received.year == life.until.year and rng.random() < 0.06:
        return  # forgotten in a drawer: open, and overdue once its date passes
    try:
        due = req_svc.deadlines(d).answer_due
    except Exception:
        due = None
    gap = (rng.randint(2, 6) if late else rng.randint(-12, -1))
    answer_on = life.cal.add_workdays(due, gap) if due and gap > 0 else None
    if answer_on is None and due:
        # a day before the due date, but never before the last event
        answer_on = max(life.on, due - timedelta(days=-gap))
    if answer_on is None or answer_on > life.until:
        return
    req_svc.add_event(d, d.handler, "answered", answer_on, outcome=outcome, legal_basis=_basis(outcome),
                      note="已书面答复申请人")
    archive_on = answer_on + timedelta(days=rng.randint(3, 20))
    if archive_on <= life.until and rng.random() < 0.6:
        req_svc.add_event(d, d.handler, "archived", archive_on)


def build(year: int | None = None, seed: int = 2025, requests_per_year: int = 240, today: date | None = None,
          password: str | None = None, force: bool = False) -> dict:
    """Fill the database with the demo agency and a year of activity up to `today`, all or nothing.

    A database holding anything but the demo is refused unless `force`; one holding the demo
    already keeps it, with the accounts given the new password. Returns what it made.
    """
    today = today or clock.today()
    year = year or today.year - 1
    password = password or new_password()
    with clock.fixed(today), transaction.atomic():
        found = {k: n for k, n in foreign_data().items() if n}
        if found and not force:
            held = "、".join(f"{n}个{k}" for k, n in found.items())
            raise DemoRefused(f"数据库中已有数据（{held}），示例数据不会写入在用的登记数据库")
        cal_svc.seed()
        agency, users = ensure_users(password)
        created = 0
        if not Request.objects.filter(agency=agency).exists():
            created = _activity(agency, users, year, seed, requests_per_year, today)
    return {"agency": agency, "year": year, "created": created, "password": password}


def _activity(agency, users, year: int, seed: int, requests_per_year: int, today: date) -> int:
    """Requests from 1 December of the year before `year` up to `today`, with their whole lives."""
    rng = random.Random(seed)
    calendar = cal_svc.current_calendar()
    clerks = [users["clerk"], users["clerk2"]]
    outcomes_cycle = list(choices.OUTCOME_KEYS)
    outcomes_cycle.remove("other.no_correction")  # reached through a lapsed correction
    created = 0
    start = date(year - 1, 12, 1)
    days = (today - start).days
    total = int(requests_per_year * days / 365)
    received_days = sorted(start + timedelta(days=rng.randrange(days)) for _ in range(total))
    in_year = 0
    for received in received_days:
        while not calendar.is_workday(received):
            received += timedelta(days=1)
        if received > today:
            continue
        kind = _pick(rng, KIND_WEIGHTS)
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if kind != "natural_person":
            name = f"示例{rng.choice(('华信', '东方', '启明', '新城', '同心'))}{ORGS[kind]}"
        req = req_svc.register(
            agency, rng.choice(clerks),
            applicant_kind=kind, applicant_name=name,
            id_number=f"1101051990{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(1000, 9999)}",
            contact=f"13{rng.randint(100000000, 999999999)}", address=f"示例区人民路{rng.randint(1, 300)}号",
            channel=rng.choice([c for c, _ in choices.CHANNELS]), received=received,
            items=f"申请公开{rng.choice(TOPICS)}", delivery_form=rng.choice(("paper", "electronic")),
            delivery_channel=rng.choice(("post", "email", "pickup")), handler=rng.choice(clerks),
        )
        # Every outcome of table 三 appears in the demo year at least once.
        if received.year == year and in_year < len(outcomes_cycle):
            outcome = outcomes_cycle[in_year]
            in_year += 1
        else:
            outcome = _pick(rng, OUTCOME_WEIGHTS)
        late = rng.random() < 0.04
        _life(_Life(req, rng, calendar, users, today), outcome, rng, late)
        created += 1
    created += _online(agency, users, today)
    _cases(agency, users["clerk"], year, rng)
    _figures(agency, users["clerk"], year)
    published = date(year + 1, 1, 20)
    office.save_sections(agency, users["clerk"], year, SECTIONS_TEXT,
                         published=published if published <= today else None)
    return created


ONLINE = (  # two requests that came in through the portal today: one waiting, one asked for a 补正
    {"applicant_type": "person", "name": "周晓梅", "id_type": "resident_id", "id_number": "11010519491231002X",
     "phone": "13900001111", "email": "zhouxm@example.com", "description": "示例区2025年老旧小区改造项目的资金使用情况",
     "delivery_form": "electronic", "delivery_channel": "online"},
    {"applicant_type": "organisation", "org_kind": "legal_service", "org_name": "示例同心律师事务所",
     "credit_code": "91330100716105852F", "legal_representative": "吴国强", "contact_person": "林静",
     "phone": "010-66668888", "address": "示例区文化路8号", "description": "某路段道路拓宽工程的规划许可文件",
     "delivery_form": "paper", "delivery_channel": "post"},
)


def _online(agency, users, today: date) -> int:
    """The agency's portal switched on, and two requests submitted through it today."""
    from .services import portal

    portal.save_settings(agency, users["head"], enabled=True, slug="shili", public_url="http://127.0.0.1:8000",
                         office_email="", intro="受理本机关制作或者保存的政府信息的公开申请。咨询电话：010-12345678")
    made = [portal.submit(PortalSettings.objects.get(agency=agency), portal.from_form(values, []),
                          secrets.token_urlsafe(24), "").request for values in ONLINE]
    req_svc.confirm(made[1], users["clerk"], today, correction="请写明所需规划许可文件对应的道路名称和路段起止点")
    return len(made)


def _cases(agency, user, year, rng):
    answered = list(Request.objects.filter(agency=agency, answered__year=year).exclude(outcome="granted")
                    .order_by("answered")[:12])
    plan = [("review", "upheld"), ("review", "upheld"), ("review", "corrected"), ("review", "pending"),
            ("review", "other"), ("litigation_direct", "upheld"), ("litigation_direct", "pending"),
            ("litigation_after_review", "upheld"), ("litigation_after_review", "corrected")]
    for n, ((kind, result), req) in enumerate(zip(plan, answered), 1):
        filed = min(req.answered + timedelta(days=rng.randint(10, 40)), date(year, 12, 20))
        closed = None if result == "pending" else min(filed + timedelta(days=rng.randint(30, 60)), date(year, 12, 30))
        office.save_case(agency, user, request_number=req.number, kind=kind,
                         reference=f"示例复〔{year}〕{n}号" if kind == "review" else f"（{year}）示行初{n}号",
                         filed=filed, closed=closed, result=result, note="")


def _figures(agency, user, year):
    prev = {"rules": {"issued": 0, "repealed": 0, "in_force": 0},
            "normative": {"issued": 6, "repealed": 2, "in_force": 41},
            "licensing": {"decisions": 1520}, "penalty": {"decisions": 386}, "coercion": {"decisions": 12},
            "fees": {"amount": "35.2100"}}
    office.save_figures(agency, user, year - 1, prev)
    this = {"rules": {"issued": 0, "repealed": 0, "in_force": 0},
            "normative": {"issued": 8, "repealed": 3, "in_force": 46},
            "licensing": {"decisions": 1644}, "penalty": {"decisions": 402}, "coercion": {"decisions": 9},
            "fees": {"amount": "33.8650"}}
    office.save_figures(agency, user, year, this)


SECTIONS_TEXT = {
    "overview": "本年度，示例区人民政府办公室认真贯彻《中华人民共和国政府信息公开条例》，围绕主动公开、依申请公开、"
                "政府信息管理、平台建设和监督保障开展工作。依申请公开实行登记、审核、办理、答复、归档全程留痕，"
                "答复期限由系统按工作日自动计算。",
    "problems": "一是个别申请答复临近期限，办理效率有待提高。改进措施：每周一通报本周到期申请，对超期申请逐件说明原因。"
                "二是部分答复书法律依据表述不够规范。改进措施：修订答复书模板并开展专题培训。",
    "other": "本年度无其他需要报告的事项。",
}


