"""The console's tables: import batches and their files, the findings under review, and corrections.

A batch's progress is derived from its items' states, never stored. An item is worked on by
the job queue (`jobs.py`) until it is stored, failed, or waits for a person's decision; the
reports themselves are `office.PublishedReport` rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ..models import Agency, PublishedReport


class ImportBatch(models.Model):
    """Files uploaded (or named on the command line) together, read by the job queue."""

    scope = models.ForeignKey(Agency, verbose_name="范围", on_delete=models.PROTECT, null=True, blank=True,
                              help_text="报告只匹配到该机关及其下级机关；为空时匹配全部机关")
    label = models.CharField("名称", max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   verbose_name="导入人")
    created_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "导入批次"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.label


class ItemState(models.TextChoices):
    QUEUED = "queued", "待读取"
    READING = "reading", "读取中"
    STORED = "stored", "已入库"
    REVIEW = "review", "待确认机关或年度"
    DUPLICATE = "duplicate", "重复文件"
    CONFLICT = "conflict", "该机关该年度已有报告"
    FAILED = "failed", "无法读取"
    SKIPPED = "skipped", "已跳过"
    UNPACKED = "unpacked", "压缩包已解压"


OPEN_STATES = (ItemState.QUEUED, ItemState.READING)
DECISION_STATES = (ItemState.REVIEW, ItemState.DUPLICATE, ItemState.CONFLICT)


class ImportItem(models.Model):
    """One file of a batch: its original, what was read from it, and where it went."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="items")
    name = models.CharField("文件名", max_length=300)
    original = models.FileField("原始文件", max_length=200)
    sha256 = models.CharField("文件摘要", max_length=64, db_index=True)
    size = models.PositiveBigIntegerField("大小（字节）")
    state = models.CharField("状态", max_length=20, choices=ItemState.choices, default=ItemState.QUEUED)
    reason = models.TextField("说明", blank=True)
    record = models.JSONField("读取结果", null=True, blank=True)  # kept while a person decides
    lines = models.JSONField("表格行位置", default=dict, blank=True)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, verbose_name="机关")
    year = models.PositiveIntegerField("年度", null=True, blank=True)
    certainty = models.CharField("匹配把握", max_length=20, blank=True)
    candidates = models.JSONField("候选机关", default=list, blank=True)
    report = models.ForeignKey(PublishedReport, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="import_items", verbose_name="入库报告")
    existing = models.ForeignKey(PublishedReport, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name="已有报告")
    attempts = models.PositiveSmallIntegerField("读取次数", default=0)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name="确认人")

    class Meta:
        verbose_name = verbose_name_plural = "导入文件"
        ordering = ["id"]
        indexes = [models.Index(fields=["batch", "state"], name="item_batch_state")]
        constraints = [models.UniqueConstraint(fields=["batch", "name"], name="item_name_unique")]

    def __str__(self) -> str:
        return self.name


class FindingStatus(models.TextChoices):
    PENDING = "pending", "待核实"
    CONFIRMED = "confirmed", "已确认为报告错误"
    READ_CORRECTED = "read_corrected", "读取错误已更正"
    IGNORED = "ignored", "已忽略"


SEVERITY_LABELS = {"error": "错误", "warning": "警告", "notice": "提示"}


class ReportFinding(models.Model):
    """A finding of the checks (or a reading notice) about a stored report, and what a person made of it.

    Re-checking keeps each finding's row by its `key` (code and place): a finding that is no
    longer reported stays, inactive, with its status.
    """

    report = models.ForeignKey(PublishedReport, on_delete=models.PROTECT, related_name="found")
    key = models.CharField(max_length=300)
    code = models.CharField("代码", max_length=60)
    severity = models.CharField("级别", max_length=10)
    message = models.TextField("内容")
    where = models.JSONField("位置", default=dict, blank=True)
    active = models.BooleanField("仍存在", default=True)
    status = models.CharField("状态", max_length=20, choices=FindingStatus.choices, default=FindingStatus.PENDING)
    reason = models.TextField("理由", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   verbose_name="核实人")
    decided_at = models.DateTimeField("核实时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "检查发现"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="finding_key_unique")]
        indexes = [models.Index(fields=["status", "severity"], name="finding_status"),
                   models.Index(fields=["code"], name="finding_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.message[:40]}"

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS.get(self.severity, self.severity)


class Correction(models.Model):
    """A supervisor's correction of what was read: the reading, the new value, who and why. Never edited."""

    report = models.ForeignKey(PublishedReport, on_delete=models.PROTECT, related_name="corrections")
    target = models.CharField("更正项", max_length=100)  # "t3.new.natural_person", "published"
    label = models.CharField("项目", max_length=200)
    original = models.JSONField("原读取值", null=True)
    value = models.JSONField("更正为", null=True)
    reason = models.TextField("理由")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, verbose_name="更正人")
    at = models.DateTimeField("更正时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "读取更正"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.label}：{self.original} → {self.value}"
