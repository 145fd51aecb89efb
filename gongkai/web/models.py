"""The register's tables. Lifecycle status is kept apart from outcome; every change is an Event.

Due dates are computed by `gongkai.deadlines` from the events and stored here only so that
lists can be filtered fast; they are recomputed on every event and on calendar change.
Nothing is deleted or overwritten: requests end archived, a wrong event is superseded by its
correction, an approved report stays as it was approved beside its later versions, and every
write leaves an AuditEntry.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce

from gongkai.supervision.agencies import KIND_CHOICES

from . import choices


class Agency(models.Model):
    name = models.CharField("机关名称", max_length=200, unique=True)
    parent = models.ForeignKey(
        "self", verbose_name="上级机关", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    number_prefix = models.CharField("申请编号前缀", max_length=20, default="依申请")
    # The tree a supervisor oversees: what kind of agency (its report's deadline follows) and where.
    kind = models.CharField("机关类型", max_length=20, blank=True, choices=KIND_CHOICES)
    region_code = models.CharField("行政区划代码", max_length=12, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "机关"

    def __str__(self) -> str:
        return self.name

    def subtree_ids(self) -> list[int]:
        """This agency and every agency below it (a supervisor reads them all)."""
        ids, frontier = [self.pk], [self.pk]
        while frontier:
            frontier = list(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            ids += frontier
        return ids


class Membership(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="membership")
    agency = models.ForeignKey(Agency, verbose_name="所属机关", on_delete=models.PROTECT, related_name="members")
    role = models.CharField("角色", max_length=20, choices=choices.ROLES, default="clerk")

    class Meta:
        verbose_name = verbose_name_plural = "用户角色"

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"


class RequestQuerySet(models.QuerySet):
    """The lists an office works from: open requests, and the open ones by their due dates."""

    def open(self):
        return self.filter(status__in=choices.OPEN_STATUSES)

    def paused(self):
        return self.open().filter(paused=True)

    def overdue(self, today: date):
        return self.open().filter(paused=False, answer_due__lt=today)

    def due_this_week(self, today: date):
        """Open, running, and due from today to Sunday."""
        sunday = today + timedelta(days=6 - today.weekday())
        return self.open().filter(paused=False, answer_due__gte=today, answer_due__lte=sunday)

    def with_deadline_problem(self):
        return self.open().exclude(deadline_problem="")


class Request(models.Model):
    """One 政府信息公开申请 as registered, with its derived status and due dates."""

    agency = models.ForeignKey(Agency, verbose_name="受理机关", on_delete=models.PROTECT, related_name="requests")
    number = models.CharField("申请编号", max_length=40)
    applicant_kind = models.CharField("申请人类型", max_length=20, choices=choices.APPLICANT_KINDS)
    applicant_name = models.CharField("申请人名称", max_length=200)
    id_number = models.CharField("身份证件号码", max_length=40, blank=True)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    address = models.CharField("通信地址", max_length=300, blank=True)
    channel = models.CharField("提交方式", max_length=20, choices=choices.CHANNELS)
    # Empty while a request submitted online waits for the office's confirmation (待确认).
    received = models.DateField("收到申请日期", null=True, blank=True)
    items = models.TextField("申请公开的信息内容")
    delivery_form = models.CharField("获取信息的形式", max_length=20, choices=choices.DELIVERY_FORMS, default="paper")
    delivery_channel = models.CharField(
        "获取信息的途径", max_length=20, choices=choices.DELIVERY_CHANNELS, default="post"
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="handled_requests",
    )
    # Lifecycle (derived from the events) and outcome (recorded with the answer) stay apart.
    status = models.CharField("办理状态", max_length=20, choices=choices.STATUSES, default="registered")
    paused = models.BooleanField("暂停计时", default=False)
    outcome = models.CharField("办理结果", max_length=40, blank=True, choices=choices.OUTCOMES)
    legal_basis = models.CharField("法律依据", max_length=300, blank=True)
    answered = models.DateField("答复日期", null=True, blank=True)
    # Stored copies of computed deadlines, for fast lists only.
    answer_due = models.DateField("答复期限", null=True, blank=True)
    correction_notice_due = models.DateField("补正告知期限", null=True, blank=True)
    third_party_reply_due = models.DateField("第三方答复期限", null=True, blank=True)
    fee_payment_due = models.DateField("缴费期限", null=True, blank=True)
    deadline_problem = models.CharField("期限计算问题", max_length=300, blank=True)
    # The years without an imported holiday notice that the answer deadline was counted
    # through ("2027"); the date is 暂定 until they are imported. Empty: the date is final.
    answer_due_provisional = models.CharField("答复期限暂定（未导入节假日安排的年度）", max_length=40, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开申请"
        ordering = ["-received", "-id"]
        # Granted to a user explicitly (the Django admin); every use is audited.
        permissions = [("export_personal_data", "可导出申请人个人信息（身份证件号码、联系方式、通信地址）")]
        constraints = [models.UniqueConstraint(fields=["agency", "number"], name="request_number_unique")]
        indexes = [
            models.Index(fields=["agency", "-received", "-id"], name="req_agency_received"),
            models.Index(fields=["agency", "answered", "outcome", "applicant_kind"], name="req_agency_answered"),
            models.Index(fields=["agency", "status", "answer_due"], name="req_agency_status_due"),
            models.Index(fields=["agency", "handler", "status"], name="req_agency_handler"),
            # The open requests by due date: the overdue and due-this-week lists.
            models.Index(fields=["agency", "answer_due", "id"], name="req_open_due",
                         condition=models.Q(status__in=choices.OPEN_STATUSES)),
        ]

    def __str__(self) -> str:
        return self.number  # no applicant name: this string lands in audit rows and logs

    @property
    def is_open(self) -> bool:
        return self.status in choices.OPEN_STATUSES

    @property
    def outcome_label(self) -> str:
        return choices.outcome_label(self.outcome)

    @property
    def answer_due_note(self) -> str:
        """Why the stored answer deadline is provisional ('' when it is final)."""
        from gongkai.holiday_law import provisional_reason

        years = [int(y) for y in self.answer_due_provisional.split(",") if y]
        return provisional_reason(years) if years else ""


class EventQuerySet(models.QuerySet):
    def effective(self):
        """The events in force: those no correction has superseded."""
        return self.filter(correction__isnull=True)


class Event(models.Model):
    """One step of a request's life, with who recorded it and when; never edited or deleted.

    A mistake is corrected by a new event that `corrects` the wrong one: both are kept, the
    correction takes the wrong one's place in the history (`position`) and says why.
    """

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField("事项", max_length=30, choices=choices.EVENT_KINDS)
    on = models.DateField("日期")
    days = models.PositiveIntegerField("天数（工作日）", null=True, blank=True)
    note = models.TextField("说明", blank=True)
    outcome = models.CharField("办理结果", max_length=40, blank=True, choices=choices.OUTCOMES)
    legal_basis = models.CharField("法律依据", max_length=300, blank=True)
    corrects = models.OneToOneField(
        "self", verbose_name="更正的事项", null=True, blank=True, on_delete=models.PROTECT, related_name="correction"
    )
    reason = models.TextField("更正理由", blank=True)
    # Where the event stands among the same day's steps: its own id, or, for a correction,
    # the place of the event it corrects (NULL means its own id).
    position = models.PositiveBigIntegerField("次序", null=True, blank=True, editable=False)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, verbose_name="记录人")
    at = models.DateTimeField("记录时间", auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "办理事项"
        ordering = ["on", Coalesce("position", "id").asc()]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"

    @property
    def place(self) -> tuple:
        """The sort key of the history: date, then the place of the first event of its chain."""
        return (self.on, self.position or self.pk or 0)


class NumberCounter(models.Model):
    """The last request number given in one agency and year, taken under a row lock so that
    simultaneous registrations get consecutive numbers and never collide."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年度")
    last = models.PositiveIntegerField("已用到的编号", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "申请编号计数"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="number_counter_unique")]


class FormSubmission(models.Model):
    """A one-time form token once spent, and where its submission led: the same form sent
    twice (a double click, a resent page) is recognised instead of applied twice."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True)


def _upload_to(instance: "Attachment", filename: str) -> str:
    return f"requests/{instance.request_id}/{filename}"


class Attachment(models.Model):
    """A file kept with a request: the office's, or the applicant's (with the application or a 补正)."""

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField("文件", upload_to=_upload_to)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    origin = models.CharField("来源", max_length=20, choices=choices.ATTACHMENT_ORIGINS, default="office")
    # The type its content was found to be (an applicant's file); empty: served as plain bytes.
    content_type = models.CharField("文件类型", max_length=60, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "附件"


class Case(models.Model):
    """An administrative review or lawsuit about a disclosure decision (table 四 counts these)."""

    agency = models.ForeignKey(Agency, verbose_name="被申请/被诉机关", on_delete=models.PROTECT, related_name="cases")
    request = models.ForeignKey(
        Request, verbose_name="关联申请", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    kind = models.CharField("类型", max_length=30, choices=choices.CASE_KINDS)
    reference = models.CharField("案号", max_length=100, blank=True)
    filed = models.DateField("立案/申请日期")
    closed = models.DateField("审结日期", null=True, blank=True)
    result = models.CharField("结果", max_length=20, choices=choices.CASE_RESULTS, default="pending")
    co_defendant = models.BooleanField("本机关仅作为复议机关共同被告（不计入本机关）", default=False)
    note = models.TextField("说明", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "行政复议和行政诉讼"
        ordering = ["-filed", "-id"]
        indexes = [models.Index(fields=["agency", "filed"], name="case_agency_filed")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference or self.pk}"


class ProactiveFigures(models.Model):
    """Table 二 of one agency and year, as the record's `t2` mapping."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="figures")
    year = models.PositiveIntegerField("年度")
    t2 = models.JSONField("主动公开数据", default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "主动公开数据"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="figures_unique")]


class AnnualReport(models.Model):
    """The narrative sections of one year's report; its tables are compiled, its approvals are versions."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveIntegerField("年度")
    sections = models.JSONField("正文", default=dict)
    published = models.DateField("发布日期", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度报告"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="report_unique")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度报告"


class ReportVersion(models.Model):
    """One approval of a year's report: the record and findings as approved, and their hash.

    Version 1 is the first approval, every later one a 修订版; none is changed or removed,
    and the page and downloads of the year serve the latest.
    """

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本")
    record = models.JSONField("报告数据")
    findings = models.JSONField("检查结果", default=list)
    sha256 = models.CharField("校验值（SHA-256）", max_length=64)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="审核人")
    approved_at = models.DateTimeField("审核时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度报告审核版本"
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")]

    def __str__(self) -> str:
        return f"{self.report} 第{self.number}版"

    @property
    def is_revision(self) -> bool:
        return self.number > 1


class ReportChange(models.Model):
    """A write, after a version was approved, that alters that year's tables or text (its audit row)."""

    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="changes")
    entry = models.ForeignKey("AuditEntry", on_delete=models.PROTECT, verbose_name="操作记录")

    class Meta:
        verbose_name = verbose_name_plural = "审核后登记变动"
        ordering = ["entry__at", "entry_id"]


def _original_to(instance: "PublishedReport", filename: str) -> str:
    return filename  # already a content-addressed name (gongkai.web.console.originals)


class PublishedReport(models.Model):
    """A report already published, read with `gongkai.read`: for continuity checks and the supervisor's console.

    One report per agency and year is `current`; one replaced by a later import is kept, not current.
    `record` is the reading with the corrections a supervisor made (each kept as a Correction).
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="published_reports")
    year = models.PositiveIntegerField("年度")
    record = models.JSONField("报告数据")
    source_name = models.CharField("来源文件", max_length=200, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    original = models.FileField("原始文件", upload_to=_original_to, blank=True, max_length=200)
    sha256 = models.CharField("文件摘要", max_length=64, blank=True, db_index=True)
    published = models.DateField("发布日期", null=True, blank=True)
    current = models.BooleanField("现用", default=True)
    errors = models.PositiveIntegerField("错误数", default=0)
    warnings = models.PositiveIntegerField("警告数", default=0)
    basis = models.JSONField("指标基础数据", default=dict, blank=True)
    lines = models.JSONField("表格行位置", default=dict, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "已发布年度报告"
        ordering = ["-year", "-imported_at"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], condition=models.Q(current=True),
                                               name="published_report_current")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度"


class CalendarYear(models.Model):
    """Holidays and 调休 workdays of one year, as the State Council's notice set them."""

    year = models.PositiveIntegerField("年份", unique=True)
    holidays = models.JSONField("放假日期", default=dict)  # {"2025-10-01": "国庆节"}
    workdays = models.JSONField("调休上班日期", default=dict)
    source = models.CharField("来源", max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "工作日历"
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class AuditEntry(models.Model):
    """Who changed what and when: one row per write, never edited."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, verbose_name="用户")
    agency = models.ForeignKey(Agency, null=True, on_delete=models.PROTECT, verbose_name="机关")
    action = models.CharField("操作", max_length=60)
    target = models.CharField("对象", max_length=120, blank=True)
    detail = models.JSONField("内容", default=dict)
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "操作记录"
        ordering = ["-at", "-id"]

    @property
    def action_label(self) -> str:
        return choices.audit_action_label(self.action)


from .letter_models import FeeAssessment, IssuedLetter, LetterSequence, LetterSettings, LetterTemplate  # noqa: E402,F401
from .portal_models import Notification, PortalSettings, Submission  # noqa: E402,F401
