"""The console's forms: uploads, the tree, decisions on imported files, corrections and finding statuses."""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.conf import settings

from gongkai.supervision.agencies import KIND_CHOICES

from .models import FindingStatus

BATCH_TYPES = {".txt", ".md", ".markdown", ".html", ".htm", ".shtml", ".docx", ".pdf", ".json", ".xlsx", ".zip"}
TREE_TYPES = {".xlsx", ".csv", ".txt"}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented way)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        one = super().clean
        return [one(d, initial) for d in data] if isinstance(data, (list, tuple)) else [one(data, initial)]


class BatchUploadForm(forms.Form):
    files = MultipleFileField(label="报告文件或 zip 压缩包（可多选）", error_messages={"required": "请选择文件"})

    def clean_files(self):
        uploads = self.cleaned_data["files"]
        if not uploads:
            raise forms.ValidationError("请选择文件")
        if len(uploads) > settings.MAX_BATCH_FILES:
            raise forms.ValidationError(f"一次最多上传{settings.MAX_BATCH_FILES}个文件")
        bad = [u.name for u in uploads if PurePath(u.name).suffix.lower() not in BATCH_TYPES]
        if bad:
            raise forms.ValidationError(f"不支持的文件类型：{'、'.join(bad[:5])}（可上传：{'、'.join(sorted(BATCH_TYPES))}）")
        if sum(u.size for u in uploads) > settings.MAX_BATCH_BYTES:
            raise forms.ValidationError(f"文件总大小超过{settings.MAX_BATCH_BYTES // 1048576} MB")
        return uploads


class TreeUploadForm(forms.Form):
    file = forms.FileField(label="机关表（XLSX 或 CSV：名称、上级机关、类型、区划代码）", error_messages={"required": "请选择文件"})

    def clean_file(self):
        f = self.cleaned_data["file"]
        if PurePath(f.name).suffix.lower() not in TREE_TYPES:
            raise forms.ValidationError("机关表须为 XLSX 或 CSV 文件")
        if f.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"文件过大，最大允许{settings.MAX_UPLOAD_BYTES // 1048576}MB")
        return f


class AgencyForm(forms.Form):
    name = forms.CharField(label="机关名称", max_length=200)
    parent = forms.TypedChoiceField(label="上级机关", coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(label="机关类型", choices=[("", "（未指定）")] + KIND_CHOICES, required=False)
    region_code = forms.RegexField(label="行政区划代码", regex=r"^(\d{6}|\d{9}|\d{12})$", required=False,
                                   error_messages={"invalid": "区划代码应为6、9或12位数字"})

    def __init__(self, *args, parents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", "（无）")] + [(p.id, "　" * p.depth + p.name) for p in parents]


class DecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[("store", "确认入库"), ("replace", "替换已有报告"), ("skip", "跳过")])
    agency = forms.CharField(required=False, max_length=200)
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100,
                              error_messages={"invalid": "年度应为四位数字", "min_value": "年度不在有效范围内",
                                              "max_value": "年度不在有效范围内"})


class FindingStatusForm(forms.Form):
    status = forms.ChoiceField(choices=FindingStatus.choices)
    reason = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("status") == FindingStatus.IGNORED and not (data.get("reason") or "").strip():
            self.add_error("reason", "忽略须写明理由")
        return data


class CorrectionForm(forms.Form):
    target = forms.CharField(max_length=100)
    value = forms.CharField(required=False, max_length=40)
    reason = forms.CharField(max_length=2000, error_messages={"required": "请写明更正理由"})
