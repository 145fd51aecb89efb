"""The public side of the register: an agency's online request form, what applicants submitted,
and the mails sent about their requests.

A submission enters the register as a Request (channel 网络, status 待确认) beside its
Submission: the form as the applicant filled it in, and the hash of the access code that,
with the request's number, lets the applicant follow it. The code itself is never stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

RECIPIENTS = [("applicant", "申请人"), ("office", "本机关")]


class PortalSettings(models.Model):
    """Whether an agency takes requests online, at which address, and where the office is told of them."""

    agency = models.OneToOneField("office.Agency", on_delete=models.PROTECT, related_name="portal")
    enabled = models.BooleanField("开通网上申请", default=False)
    slug = models.SlugField("网址标识", max_length=40, unique=True,
                            help_text="网上申请页面网址中的机关标识，只能用小写字母、数字和连字符，例如 shifanqu")
    public_url = models.URLField("本系统对外的网址", max_length=300, blank=True,
                                 help_text="申请人访问本系统所用的网址，例如 https://xxgk.example.gov.cn ，用于通知邮件中的查询链接")
    office_email = models.EmailField("接收新申请通知的邮箱", blank=True)
    intro = models.TextField("申请须知", blank=True, max_length=2000,
                             help_text="显示在申请表上方，例如受理范围、咨询电话；留空则只显示通用说明")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, verbose_name="修改人")
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "网上申请设置"

    def __str__(self) -> str:
        return f"{self.agency} 网上申请"


class Submission(models.Model):
    """A request as its applicant submitted it online, and how they prove it is theirs."""

    request = models.OneToOneField("office.Request", on_delete=models.PROTECT, related_name="submission")
    form = models.JSONField("提交的申请表")  # the cleaned form's values, by field name
    email = models.EmailField("电子邮箱", blank=True)
    code_hash = models.CharField("查询码（散列）", max_length=200)
    lookup = models.CharField("查询用编号", max_length=80, db_index=True)  # the number, normalised
    digest = models.CharField("内容摘要", max_length=64, db_index=True)  # of what was submitted, to merge repeats
    token_hash = models.CharField("表单标识（散列）", max_length=64, db_index=True)
    at = models.DateTimeField("提交时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "网上提交的申请"


class Notification(models.Model):
    """One mail sent about a request, as sent (an access code in it is kept masked)."""

    request = models.ForeignKey("office.Request", on_delete=models.PROTECT, related_name="notifications")
    recipient = models.CharField("收件人", max_length=20, choices=RECIPIENTS)
    to = models.EmailField("邮箱")
    about = models.CharField("事项", max_length=200)
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("正文")
    sent = models.BooleanField("已发送", default=False)
    error = models.CharField("发送失败原因", max_length=300, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "通知邮件"
        ordering = ["at", "id"]
