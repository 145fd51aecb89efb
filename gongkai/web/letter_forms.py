"""Forms of letters and fees: what a clerk adds when issuing, the answer with its letter, fees, settings."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from gongkai import letters
from gongkai.letters.grounds import VARIANT_LABELS

from . import choices
from .forms import ChineseErrorsMixin, _date_field
from .letter_models import FEE_METHODS, LetterSettings

_TEXT = {"rows": 2}


class InputsForm(ChineseErrorsMixin, forms.Form):
    """The details a letter needs that the register does not hold (each kind uses some of them)."""

    variant = forms.ChoiceField(label="情形", required=False,
                                choices=[("", "按办理结果默认")] + list(VARIANT_LABELS.items()))
    provided = forms.CharField(label="提供的政府信息及获取方式", required=False, max_length=2000,
                               widget=forms.Textarea(attrs=_TEXT))
    withheld = forms.CharField(label="不予公开的内容及理由", required=False, max_length=2000,
                               widget=forms.Textarea(attrs=_TEXT),
                               help_text="部分公开、不予公开须写明不予公开的内容和具体理由，不能只写条款")
    referral = forms.CharField(label="负责公开的机关及联系方式，或其他获取途径", required=False, max_length=500,
                               widget=forms.Textarea(attrs=_TEXT))
    third_party = forms.CharField(label="被征求意见的第三方", required=False, max_length=200)
    matter = forms.CharField(label="征求意见的事项", required=False, max_length=1000, widget=forms.Textarea(attrs=_TEXT))
    note = forms.CharField(label="其他处理的说明", required=False, max_length=1000, widget=forms.Textarea(attrs=_TEXT))

    # which fields each kind of letter shows
    SHOWN = {
        "answer": ("variant", "provided", "withheld", "referral", "note"),
        "consultation": ("third_party", "matter"),
    }

    def __init__(self, *args, kind: str = "answer", **kwargs):
        super().__init__(*args, **kwargs)
        shown = self.SHOWN.get(kind, ())
        for name in letters.Inputs.__dataclass_fields__:
            if name not in shown:
                self.fields.pop(name, None)

    def inputs(self) -> letters.Inputs:
        return letters.Inputs(**{k: self.cleaned_data.get(k) or "" for k in letters.Inputs.__dataclass_fields__})


class AnswerLetterForm(InputsForm):
    """Answer the request and issue its letter in one step."""

    on = _date_field("答复日期")
    outcome = forms.ChoiceField(label="办理结果（表三）", choices=[("", "—— 请选择 ——")] + choices.OUTCOMES)
    legal_basis = forms.CharField(label="法律依据", required=False, max_length=300,
                                  help_text="留空则按办理结果自动填写条、款、项；“其他”须填写")

    field_order = ["on", "outcome", "variant", "legal_basis", "provided", "withheld", "referral", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, kind="answer", **kwargs)


class SupersedeForm(InputsForm):
    reason = forms.CharField(label="替代理由", max_length=1000, widget=forms.Textarea(attrs=_TEXT))


class FeeForm(ChineseErrorsMixin, forms.Form):
    method = forms.ChoiceField(label="计收方式（每件申请只能选择一种）", choices=FEE_METHODS)
    quantity = forms.IntegerField(label="件数或页数", min_value=0, max_value=1_000_000,
                                  help_text="按件：本申请按一事一申请拆分后的件数（通常为1）；按量：提供信息的页数",
                                  error_messages={"invalid": "请输入整数", "min_value": "件数或页数不能为负数",
                                                  "max_value": "件数或页数过大"})
    reduce_to = forms.DecimalField(label="减免后的金额（元，不减免留空）", required=False, min_value=Decimal("0"),
                                   max_digits=12, decimal_places=2,
                                   error_messages={"invalid": "请输入金额", "min_value": "金额不能为负数"})
    reason = forms.CharField(label="减免理由", required=False, max_length=300)


class DateForm(ChineseErrorsMixin, forms.Form):
    on = _date_field("日期")


class SettingsForm(ChineseErrorsMixin, forms.ModelForm):
    class Meta:
        model = LetterSettings
        fields = ["letterhead", "short_name", "review_body", "court", "address", "contact", "payment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_body"].help_text = "县级以上地方人民政府部门一般为本级人民政府；垂直管理系统等除外。请按本机关实际填写"
        self.fields["court"].help_text = "例如：某市某区人民法院"
        patterns = (self.instance.patterns if self.instance and self.instance.pk else {}) or {}
        for kind in letters.KINDS.values():
            self.fields[f"pattern_{kind.key}"] = forms.CharField(
                label=f"文号格式：{kind.label}", max_length=60, initial=patterns.get(kind.key) or kind.pattern,
                help_text="可用字段：{机关简称}、{year}（年份）、{n}（序号，按机关、文书种类、年度分别编号）")

    def patterns(self) -> dict[str, str]:
        return {k: self.cleaned_data[f"pattern_{k}"] for k in letters.KINDS}


class TemplateForm(ChineseErrorsMixin, forms.Form):
    body = forms.CharField(label="模板正文（每行一段）", widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
                           max_length=20000)
    note = forms.CharField(label="修改说明", required=False, max_length=200)
