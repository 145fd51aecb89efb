"""Forms of the public portal: the 政府信息公开申请表 as 条例第二十九条 asks it, tracking, a 补正
reply; and the office's settings of its portal.

Each field carries its help in plain Chinese; the form works without JavaScript (the two
kinds of applicant are two fieldsets, the chosen one checked on the server).
"""

from __future__ import annotations

import re
import secrets

from django import forms

from gongkai import identifiers

from . import choices
from .forms import ChineseErrorsMixin
from .portal_models import PortalSettings
from .services import uploads

ID_TYPES = [
    ("resident_id", "居民身份证"), ("passport", "护照"), ("hk_macao", "港澳居民来往内地通行证"),
    ("taiwan", "台湾居民来往大陆通行证"), ("permanent_residence", "外国人永久居留身份证"), ("other", "其他有效身份证件"),
]
APPLICANT_TYPES = [("person", "自然人"), ("organisation", choices.ORG_HEADING)]
ORG_KINDS = [(k, label.split("（", 1)[-1].rstrip("）")) for k, label in choices.APPLICANT_KINDS if k != "natural_person"]
DELIVERY_CHANNELS = [c for c in choices.DELIVERY_CHANNELS if c[0] != "fax"]  # the form asks no fax number
PHONE = re.compile(r"\+?[\d\- ]{7,20}")
MAX_FILES = 3
HONEYPOT = "homepage"

PERSON_FIELDS = ("name", "id_type", "id_number")
ORG_FIELDS = ("org_kind", "org_name", "credit_code", "legal_representative", "contact_person")
CONTACT_FIELDS = ("phone", "email", "address")
INFORMATION_FIELDS = ("description", "document_name", "document_number", "other_features")
DELIVERY_FIELDS = ("delivery_form", "delivery_channel")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (`<input type=file multiple>`), each checked by `uploads.check`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True, "accept": uploads.ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"最多上传{MAX_FILES}个文件")
        checked, problems = [], []
        for f in files:
            try:
                checked.append(uploads.check(f))
            except uploads.UploadRefused as exc:
                problems.append(str(exc))
        if problems:
            raise forms.ValidationError(problems)
        if sum(len(c.data) for c in checked) > uploads.max_bytes() * 2:
            raise forms.ValidationError(f"上传文件合计不超过{uploads.megabytes(uploads.max_bytes() * 2)}")
        return checked


def _text(label: str, help_text: str = "", max_length: int = 100, required: bool = False, rows: int = 0):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, help_text=help_text, max_length=max_length, required=required, widget=widget,
                           error_messages={"max_length": f"“{label}”最多{max_length}个字"})


def _radio(label: str, options, help_text: str = "", required: bool = True):
    return forms.ChoiceField(label=label, choices=options, widget=forms.RadioSelect, required=required,
                             help_text=help_text)


class ApplicationForm(ChineseErrorsMixin, forms.Form):
    """The standard 政府信息公开申请表, filled in online."""

    applicant_type = _radio("申请人类型", APPLICANT_TYPES, "个人申请选“自然人”；以单位名义申请选“法人或其他组织”")
    # 自然人
    name = _text("姓名", "与身份证件上的姓名一致", 50)
    id_type = forms.ChoiceField(label="证件类型", choices=[("", "请选择")] + ID_TYPES, required=False)
    id_number = _text("证件号码", "居民身份证为18位，最后一位可能是X", 40)
    # 法人或其他组织
    org_kind = forms.ChoiceField(label="组织类型", choices=[("", "请选择")] + ORG_KINDS, required=False,
                                 help_text="律师事务所选“法律服务机构”；村（居）委会、业主委员会等选“其他”")
    org_name = _text("名称", "与营业执照或登记证书上的名称一致", 200)
    credit_code = _text("统一社会信用代码", "18位，见营业执照或登记证书", 18)
    legal_representative = _text("法定代表人或负责人", "", 50)
    contact_person = _text("联系人姓名", "办理过程中与本机关联系的人", 50)
    # 联系方式
    phone = _text("联系电话", "手机或固定电话，办理中有疑问时联系您", 30, required=True)
    email = forms.EmailField(label="电子邮箱", required=False, max_length=254,
                             help_text="填写后，查询码、办理进展和答复通知会发到这个邮箱；选择“电子邮件”获取信息的必须填写",
                             error_messages={"invalid": "请输入有效的电子邮箱地址，例如 name@example.com"})
    address = _text("通信地址", "选择“邮寄”获取信息的必须填写，请写明省、市、区县、街道门牌号", 200)
    # 所需信息
    description = _text("所需信息的内容描述", "请尽量写清楚：什么事项、哪个时间段、哪个地方的什么文件或数据。"
                        "一份申请最好只涉及一个事项", 2000, required=True, rows=5)
    document_name = _text("文件名称", "知道的可以填写，例如《××区老旧小区改造实施方案》", 200)
    document_number = _text("文号", "知道的可以填写，例如 ×府办发〔2025〕12号", 100)
    other_features = _text("其他特征描述", "有助于查找的其他信息，例如发布时间、发文单位、所在栏目", 500, rows=2)
    # 获取方式
    delivery_form = _radio("获取信息的方式", choices.DELIVERY_FORMS, "本机关一般按您选择的方式提供；"
                           "确有困难的，会另行告知")
    delivery_channel = _radio("获取信息的途径", DELIVERY_CHANNELS, "“网上获取”指在本网站的查询页面下载")
    proof = MultipleFileField(label="身份证明材料（可选）", required=False,
                              help_text=f"可上传身份证件或营业执照的照片或扫描件，PDF、JPG或PNG格式，最多{MAX_FILES}个，"
                                        f"每个不超过{uploads.megabytes(uploads.max_bytes())}")
    declaration = forms.BooleanField(label="我确认以上填写的信息真实、准确", required=True)
    homepage = forms.CharField(label="此栏请留空", required=False, max_length=200,
                               widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["declaration"].error_messages["required"] = "请确认所填信息真实、准确"
        if not self.is_bound:
            self.initial.setdefault("token", secrets.token_urlsafe(24))
            self.initial.setdefault("applicant_type", "person")
            self.initial.setdefault("delivery_form", "electronic")
            self.initial.setdefault("delivery_channel", "online")

    @property
    def honeypot_filled(self) -> bool:
        return bool((self.data.get(HONEYPOT) or "").strip())

    def clean(self):
        data = super().clean()
        kind = data.get("applicant_type")
        required = PERSON_FIELDS if kind == "person" else ORG_FIELDS if kind == "organisation" else ()
        for name in required:
            if not data.get(name):
                self.add_error(name, f"请填写“{self.fields[name].label}”")
        if kind == "person" and data.get("id_type") == "resident_id" and data.get("id_number"):
            problem = identifiers.resident_id_problem(data["id_number"])
            if problem:
                self.add_error("id_number", problem)
            else:
                data["id_number"] = identifiers.normalise(data["id_number"])
        if kind == "organisation" and data.get("credit_code"):
            problem = identifiers.credit_code_problem(data["credit_code"])
            if problem:
                self.add_error("credit_code", problem)
            else:
                data["credit_code"] = identifiers.normalise(data["credit_code"])
        if data.get("phone") and not PHONE.fullmatch(data["phone"]):
            self.add_error("phone", "联系电话只能包含数字、空格、连字符和开头的+号，7至20位")
        channel = data.get("delivery_channel")
        if channel == "email" and not data.get("email"):
            self.add_error("email", "选择“电子邮件”获取信息的，请填写电子邮箱")
        if channel == "post" and not data.get("address"):
            self.add_error("address", "选择“邮寄”获取信息的，请填写通信地址")
        return data

    def values(self) -> dict:
        """What was submitted, by field name (files apart): the fields of the chosen kind only."""
        d = self.cleaned_data
        other = ORG_FIELDS if d["applicant_type"] == "person" else PERSON_FIELDS
        return {k: d[k] for k in (("applicant_type",) + PERSON_FIELDS + ORG_FIELDS + CONTACT_FIELDS
                                  + INFORMATION_FIELDS + DELIVERY_FIELDS) if k not in other and d.get(k)}

    def token_value(self) -> str:
        token = self.cleaned_data.get("token") or ""
        return token if re.fullmatch(r"[\w-]{16,64}", token) else secrets.token_urlsafe(24)


def submitted_rows(values: dict) -> list[tuple[str, list[tuple[str, str]]]]:
    """The submitted form as sections of (label, value), in the form's order, choices in words."""
    form = ApplicationForm()
    person = values.get("applicant_type") == "person"
    sections = [
        ("申请人信息（自然人）" if person else f"申请人信息（{choices.ORG_HEADING}）",
         ("applicant_type",) + (PERSON_FIELDS if person else ORG_FIELDS) + CONTACT_FIELDS),
        ("所需信息", INFORMATION_FIELDS),
        ("获取信息的方式和途径", DELIVERY_FIELDS),
    ]
    out = []
    for title, names in sections:
        rows = []
        for name in names:
            value = values.get(name, "")
            field = form.fields[name]
            if isinstance(field, forms.ChoiceField):
                value = dict(field.choices).get(value, value)
            rows.append((field.label, value or "—"))
        out.append((title, rows))
    return out


class TrackForm(ChineseErrorsMixin, forms.Form):
    number = forms.CharField(label="申请编号", max_length=80, help_text="提交申请后显示的编号，例如 依申请〔2026〕0001号")
    code = forms.CharField(label="查询码", max_length=40, help_text="提交申请后显示的12位查询码，不区分大小写，可不输入连字符",
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}))


class CorrectionReplyForm(ChineseErrorsMixin, forms.Form):
    text = _text("补正内容", "按本机关告知的补正事项，写明补充或修改后的内容", 2000, required=True, rows=5)
    files = MultipleFileField(label="补正材料（可选）", required=False,
                              help_text=f"PDF、JPG或PNG格式，最多{MAX_FILES}个，每个不超过{uploads.megabytes(uploads.max_bytes())}")


def _https(field, **kwargs):
    """An address typed without a scheme is an https one."""
    if field.name == "public_url":
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class PortalSettingsForm(ChineseErrorsMixin, forms.ModelForm):
    class Meta:
        model = PortalSettings
        formfield_callback = _https
        fields = ["enabled", "slug", "public_url", "office_email", "intro"]
        error_messages = {"slug": {"unique": "该网址标识已被其他机关使用，请换一个"}}
        widgets = {"intro": forms.Textarea(attrs={"rows": 4})}

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]{1,39}", slug):
            raise forms.ValidationError("网址标识只能用小写字母、数字和连字符，2至40位，不能以连字符开头")
        return slug
