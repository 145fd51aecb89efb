"""Forms of the register: labels and choices come from the template and `choices`; errors in Chinese."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from django import forms
from django.conf import settings

from gongkai import formats, holiday_notice, template

from . import choices
from .models import Case, Request

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ATTACHMENT_TYPES = {".pdf", ".jpg", ".jpeg", ".png", ".docx", ".doc", ".txt", ".xlsx", ".ofd"}
REPORT_TYPES = formats.READ_SUFFIXES


def _date_field(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=DATE_WIDGET,
        error_messages={"invalid": "请输入有效日期，格式为YYYY-MM-DD", "required": "请填写日期"},
    )


class ChineseErrorsMixin:
    """Every required field says so in Chinese."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages.setdefault("required", "此项为必填项")
            field.error_messages["required"] = f"请填写“{field.label}”" if field.label else "此项为必填项"
            if isinstance(field, forms.ChoiceField):
                field.error_messages["invalid_choice"] = "请选择有效的选项"


def check_upload(upload, allowed: set[str]) -> None:
    suffix = Path(upload.name).suffix.lower()
    if suffix not in allowed:
        raise forms.ValidationError(f"不支持的文件类型{suffix or '（无扩展名）'}，可上传：{'、'.join(sorted(allowed))}")
    if upload.size > settings.MAX_UPLOAD_BYTES:
        raise forms.ValidationError(f"文件过大，最大允许{settings.MAX_UPLOAD_BYTES // (1024 * 1024)}MB")


class RequestForm(ChineseErrorsMixin, forms.ModelForm):
    received = _date_field("收到申请日期")

    class Meta:
        model = Request
        fields = ["applicant_kind", "applicant_name", "id_number", "contact", "address", "channel", "received",
                  "items", "delivery_form", "delivery_channel", "handler"]
        widgets = {"items": forms.Textarea(attrs={"rows": 4})}
        labels = {"applicant_name": "申请人姓名或名称"}

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["handler"].queryset = get_user_model().objects.filter(membership__agency=agency)
        self.fields["handler"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["received"].help_text = "；".join(choices.RECEIPT_RULES.values())
        self.fields["id_number"].help_text = "自然人填身份证件号码，组织填统一社会信用代码"


class RequestDetailsForm(RequestForm):
    """The register form again, for correcting a registered request's details (an online request
    not yet confirmed has no receipt date to correct: confirming it sets one)."""

    def __init__(self, *args, confirmed: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not confirmed:
            del self.fields["received"]
            return
        self.fields["received"].help_text = (
            "收到申请日期决定各项期限：已记录办理事项的，新的日期不得晚于其中任何一项的日期，保存后重新计算期限"
        )


def _days_field(required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(label="天数（工作日）", required=required, min_value=1, max_value=60,
                              error_messages={"invalid": "请输入整数", "min_value": "天数至少为1",
                                              "max_value": "天数不能超过60"})


def _outcome_field(required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(label="办理结果（表三）", required=required,
                             choices=[("", "—— 请选择 ——")] + choices.OUTCOMES)


def _legal_basis_field(required: bool = True) -> forms.CharField:
    return forms.CharField(label="法律依据", max_length=300, required=required,
                           help_text="例如：《政府信息公开条例》第三十七条（区分处理，部分公开）")


class EventForm(ChineseErrorsMixin, forms.Form):
    """One step of a request, shaped by what `gongkai.deadlines` says of it (`step`): its dates,
    whether it counts days and proposes how many, whether it must say why."""

    on = _date_field("日期")
    days = _days_field()
    note = forms.CharField(label="说明", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, step=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        if step is None:
            return
        limits = [d for d in (today, step.latest) if d is not None]
        self.fields["on"].widget.attrs["min"] = step.earliest.isoformat()
        if limits:
            self.fields["on"].widget.attrs["max"] = min(limits).isoformat()
            self.initial.setdefault("on", min(limits))
        if step.max_days is None:
            del self.fields["days"]
        else:
            self.fields["days"].max_value = step.max_days
            self.fields["days"].widget.attrs["max"] = step.max_days
            self.fields["days"].help_text = f"最多{step.max_days}个工作日"
            self.initial.setdefault("days", step.days)
        if step.note_required:
            self.fields["note"].required = True
            self.fields["note"].label = "理由"
            self.fields["note"].error_messages["required"] = "请填写理由"


class AnswerForm(EventForm):
    outcome = _outcome_field()
    legal_basis = _legal_basis_field()


class ConfirmForm(EventForm):
    """Confirming an online request (its receipt date), and asking for a 补正 at once if it is unclear."""

    correction = forms.CharField(
        label="同时告知补正的事项（可选）", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="申请内容不明确的，写明需要补正的全部事项，确认收到的同时一次性告知补正（条例第三十条）；"
                  "申请人会收到邮件并可在线补正")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = "确认收到日期（即收到申请日期）"
        self.fields["on"].help_text = choices.RECEIPT_RULES["online"]
        del self.fields["note"]


STEP_FORMS = {"answered": AnswerForm, "received": ConfirmForm}  # every other step: EventForm


class CorrectionForm(ChineseErrorsMixin, forms.Form):
    """A recorded event as it should have been, and why; the rules are checked by the service."""

    on = _date_field("日期")
    kind = forms.ChoiceField(label="事项", choices=[(k, label) for k, label in choices.EVENT_KINDS
                                                   if k not in ("received", "submitted")])
    days = _days_field()
    outcome = _outcome_field(required=False)
    legal_basis = _legal_basis_field(required=False)
    note = forms.CharField(label="说明", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label="更正理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="原记录保留，更正记录和理由一并存档")

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        if event is not None and event.kind == "received":  # only its date and note can be corrected
            for name in ("kind", "days", "outcome", "legal_basis"):
                del self.fields[name]


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件", error_messages={"required": "请选择文件", "empty": "文件为空"})

    def clean_file(self):
        f = self.cleaned_data["file"]
        check_upload(f, ATTACHMENT_TYPES)
        return f


class CaseForm(ChineseErrorsMixin, forms.ModelForm):
    filed = _date_field("立案/申请日期")
    closed = _date_field("审结日期", required=False)
    request_number = forms.CharField(label="关联申请编号", required=False, max_length=40)

    class Meta:
        model = Case
        fields = ["kind", "reference", "filed", "closed", "result", "co_defendant", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        filed, closed, result = data.get("filed"), data.get("closed"), data.get("result")
        if closed and filed and closed < filed:
            self.add_error("closed", "审结日期不能早于立案日期")
        if result and result != "pending" and not closed:
            self.add_error("closed", "已有结果的案件请填写审结日期")
        if closed and result == "pending":
            self.add_error("result", "已审结的案件请选择结果")
        return data


class FiguresForm(forms.Form):
    """Table 二 of the 2021 template, one field per cell, labels from the template."""

    def __init__(self, *args, vintage: str = "2021", **kwargs):
        super().__init__(*args, **kwargs)
        self.vintage = vintage
        for row, cols in template.t2_rows(vintage):
            for col in cols:
                name = f"{row.key}__{col.key}"
                label = f"{row.label}：{col.label}"
                if (row.key, col.key) in template.T2_DECIMAL_CELLS:
                    self.fields[name] = forms.CharField(label=label, required=False, max_length=20)
                else:
                    self.fields[name] = forms.IntegerField(
                        label=label, required=False, min_value=0,
                        error_messages={"invalid": "请输入非负整数", "min_value": "不能为负数"})

    def clean(self):
        data = super().clean()
        for (row, col) in template.T2_DECIMAL_CELLS:
            name = f"{row}__{col}"
            if name in self.fields and data.get(name):
                try:
                    value = Decimal(data[name].strip())
                    if value < 0 or not value.is_finite():
                        raise InvalidOperation
                    data[name] = str(value)
                except InvalidOperation:
                    self.add_error(name, "请输入非负数字金额（万元），例如12.3456")
        return data

    def t2(self) -> dict:
        out: dict = {}
        for row, cols in template.t2_rows(self.vintage):
            out[row.key] = {c.key: self.cleaned_data.get(f"{row.key}__{c.key}") for c in cols}
            for c in cols:
                if out[row.key][c.key] == "":
                    out[row.key][c.key] = None
        return out

    @classmethod
    def initial_from(cls, t2: dict) -> dict:
        return {f"{r}__{c}": v for r, cols in (t2 or {}).items() for c, v in cols.items()}


class SectionsForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for s in template.SECTIONS:
            if s.key in template.NARRATIVE_SECTIONS:
                self.fields[s.key] = forms.CharField(label=s.printed, required=False, max_length=20000,
                                                     widget=forms.Textarea(attrs={"rows": 6}))
    published = _date_field("发布日期", required=False)


class UploadReportForm(forms.Form):
    file = forms.FileField(label="已发布的年度报告文件", error_messages={"required": "请选择文件"})
    other_agency = forms.BooleanField(label="确认是本机关的报告（报告中的机关名称与本机关不同时勾选）", required=False)

    def clean_file(self):
        f = self.cleaned_data["file"]
        check_upload(f, REPORT_TYPES)
        return f


class NoticeForm(forms.Form):
    """A year's holiday notice, pasted as published or uploaded; checked by gongkai.holiday_notice."""

    text = forms.CharField(
        label="节假日安排通知", widget=forms.Textarea(attrs={"rows": 12}), required=False,
        max_length=holiday_notice.MAX_CHARS, strip=False,
        error_messages={"max_length": f"通知文本过长：节假日安排通知不超过{holiday_notice.MAX_CHARS:,}个字符"},
        help_text="粘贴国务院办公厅《关于××年部分节假日安排的通知》全文（含标题），"
                  "或按“日期[..日期] holiday|workday 说明”每行一项填写",
    )
    file = forms.FileField(label="或上传通知的文本文件（.txt）", required=False)
    year = forms.IntegerField(label="年份（可不填，由通知标题确定）", required=False, min_value=2014, max_value=2099)
    source = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)  # the uploaded file's name

    def clean(self):
        data = super().clean()
        f = data.get("file")
        if f:
            try:
                check_upload(f, {".txt"})
                data["text"] = holiday_notice.notice_text(f.read(), f.name)
            except holiday_notice.NoticeError as exc:
                self.add_error("file", "；".join(exc.problems))
            except forms.ValidationError as exc:
                self.add_error("file", exc)
        elif not (data.get("text") or "").strip() and "text" not in self.errors:
            self.add_error("text", "请粘贴或上传节假日安排通知")
        return data


class DayForm(forms.Form):
    day = _date_field("日期")
    kind = forms.ChoiceField(label="设为", choices=[("holiday", "节假日"), ("workday", "调休工作日"), ("", "普通日（按周末规则）")],
                             required=False)
    note = forms.CharField(label="说明", required=False, max_length=100)


class MonthForm(forms.Form):
    year = forms.IntegerField(label="年", min_value=choices.FIRST_YEAR, max_value=choices.LAST_YEAR,
                              error_messages={"invalid": "请输入年份", "min_value": "年份有误", "max_value": "年份有误"})
    month = forms.IntegerField(label="月", min_value=1, max_value=12,
                               error_messages={"invalid": "请输入月份", "min_value": "月份应为1至12",
                                               "max_value": "月份应为1至12"})
