"""The register's letters and fees: agency settings, template versions, numbering, issued letters, fees.

An issued letter is a record: the exact file, its 文号 and hash, who issued it and when.
It is never changed or deleted; a corrected letter supersedes it with a new number and a
reason, and both stay.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai import fees
from gongkai.letters import KINDS

LETTER_KINDS = [(k.key, k.label) for k in KINDS.values()]
FEE_METHODS = [(m.value, label) for m, label in fees.METHOD_LABELS.items()]


class LetterSettings(models.Model):
    """What an agency's letters say about it: letterhead, where to appeal, how they are numbered."""

    agency = models.OneToOneField("office.Agency", on_delete=models.PROTECT, related_name="letter_settings")
    letterhead = models.CharField("发文机关名称", max_length=200)
    short_name = models.CharField("机关简称（用于文号）", max_length=40)
    review_body = models.CharField("行政复议机关", max_length=200)
    court = models.CharField("管辖人民法院", max_length=200)
    address = models.CharField("联系地址", max_length=300, blank=True)
    contact = models.CharField("联系电话", max_length=100, blank=True)
    payment = models.CharField("信息处理费缴费方式", max_length=300, blank=True)
    patterns = models.JSONField("文号格式", default=dict)  # kind → pattern; missing kinds use the default
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, verbose_name="修改人")
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "文书设置"


class LetterTemplate(models.Model):
    """One saved version of an agency's wording of one kind of letter; the latest is in use."""

    agency = models.ForeignKey("office.Agency", on_delete=models.PROTECT, related_name="letter_templates")
    kind = models.CharField("文书种类", max_length=30, choices=LETTER_KINDS)
    version = models.PositiveIntegerField("版本")
    body = models.TextField("模板正文")
    note = models.CharField("修改说明", max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, verbose_name="保存人")
    at = models.DateTimeField("保存时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "文书模板"
        ordering = ["kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["agency", "kind", "version"], name="letter_template_version")]


class LetterSequence(models.Model):
    """The last number given to a kind of letter of an agency in a year (numbers are never reused)."""

    agency = models.ForeignKey("office.Agency", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=30, choices=LETTER_KINDS)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "kind", "year"], name="letter_sequence_unique")]


class ImmutableRecord(Exception):
    """An issued letter is a record: it is superseded, never changed or deleted."""


class IssuedLetter(models.Model):
    request = models.ForeignKey("office.Request", on_delete=models.PROTECT, related_name="letters")
    agency = models.ForeignKey("office.Agency", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("文书种类", max_length=30, choices=LETTER_KINDS)
    outcome = models.CharField("办理结果", max_length=40, blank=True)
    year = models.PositiveIntegerField("年度")
    serial = models.PositiveIntegerField("序号")
    number = models.CharField("文号", max_length=80)
    title = models.CharField("标题", max_length=100)
    dated = models.DateField("文书日期")
    docx = models.BinaryField("文件（DOCX）")
    sha256 = models.CharField("SHA-256", max_length=64)
    text = models.TextField("文本")
    inputs = models.JSONField("出具时填写的内容", default=dict)
    template = models.ForeignKey(LetterTemplate, null=True, blank=True, on_delete=models.PROTECT,
                                 verbose_name="模板版本（空为默认模板）")
    supersedes = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="superseded_by", verbose_name="替代的文书")
    reason = models.TextField("替代理由", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="出具人")
    at = models.DateTimeField("出具时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "已出具文书"
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="letter_number_unique"),
            models.UniqueConstraint(fields=["agency", "kind", "year", "serial"], name="letter_serial_unique"),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecord("已出具的文书不能修改，只能出具新的文书替代")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecord("已出具的文书不能删除，只能出具新的文书替代")


class FeeAssessment(models.Model):
    """A request's 信息处理费: the method, the quantity, the tariff's amount and what is charged."""

    request = models.OneToOneField("office.Request", on_delete=models.PROTECT, related_name="fee")
    method = models.CharField("计收方式", max_length=20, choices=FEE_METHODS)
    quantity = models.PositiveIntegerField("件数或页数")
    prior = models.PositiveIntegerField("本月此前的件数", default=0)
    computed = models.DecimalField("按标准计算（元）", max_digits=12, decimal_places=2)
    amount = models.DecimalField("应缴金额（元）", max_digits=12, decimal_places=2)
    reduction_reason = models.CharField("减免理由", max_length=300, blank=True)
    assessed_on = models.DateField("计算日期")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, verbose_name="计算人")
    at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "信息处理费"

    def fee(self) -> fees.Fee:
        """The library's fee, recomputed from the stored method and quantities (then reduced as stored)."""
        fee = fees.compute(self.method, self.quantity, self.prior)
        return fees.reduce(fee, self.amount, self.reduction_reason) if self.amount != fee.computed else fee
