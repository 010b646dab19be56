"""Forms of the village page. They only read the typed values (a number is a number, a date a
date); the rules live in villages/services.py, whose errors the views place next to the field."""

from django import forms

from liangdai.core.versions import VersionField

from . import rules
from .models import FACILITIES, BuildMode, FundingSource, Spending, Venue, VillageIncome


def _messages(label: str, kind: str = "") -> dict:
    """Chinese messages whatever language the browser asks for."""
    wrong = {"int": "请填写整数", "decimal": "请填写数字", "date": "请填写日期，例如 2019-10-31"}.get(
        kind, "格式不正确"
    )
    return {
        "required": f"请填写{label}",
        "invalid": f"{label}：{wrong}",
        "max_digits": f"{label}：数字位数过多",
        "max_decimal_places": f"{label}：最多保留两位小数",
        "max_whole_digits": f"{label}：整数部分位数过多",
        "max_length": f"{label}：内容过长",
        "invalid_choice": f"{label}：请从列表中选择",
    }


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"]


def _digits(model, field_name: str) -> dict:
    """The digits the model's DecimalField holds, as the sheet's reader takes them (cells.amount_for)."""
    field_ = model._meta.get_field(field_name)
    return {"max_digits": field_.max_digits, "decimal_places": field_.decimal_places}


class ProfileForm(forms.Form):
    population = forms.IntegerField(label="户籍人口", error_messages=_messages("户籍人口", "int"), help_text="人")
    households = forms.IntegerField(
        label="户数", required=False, error_messages=_messages("户数", "int"), help_text="不超过户籍人口"
    )
    is_poor = forms.BooleanField(label="贫困村", required=False)
    version = VersionField()


class IncomeForm(forms.Form):
    year = forms.IntegerField(label="年度", error_messages=_messages("年度", "int"))
    income = forms.DecimalField(
        label="人均纯收入",
        **_digits(VillageIncome, "income"),
        error_messages=_messages("人均纯收入", "decimal"),
        help_text="元",
    )
    version = VersionField()  # "<year>/<version>": the version of the year the form was opened at

    def clean(self):
        data = super().clean()
        read_year, _, version = (data.get("version") or "").partition("/")
        # Another year typed in was not read by this form: its record is written as before.
        data["version"] = version if version and read_year == str(data.get("year")) else None
        return data


class VenueForm(forms.Form):
    area = forms.DecimalField(
        label="面积",
        **_digits(Venue, "area"),
        error_messages=_messages("面积", "decimal"),
        help_text="平方米，大于0且不超过20,000",
    )
    build_mode = forms.ChoiceField(
        label="建设方式", choices=[("", "请选择")] + BuildMode.choices, error_messages=_messages("建设方式")
    )
    completed_on = forms.DateField(
        label="完成日期",
        required=False,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages=_messages("完成日期", "date"),
        help_text="建设方式为“原有”以外时必填",
    )
    funding_source = forms.ChoiceField(
        label="资金来源",
        required=False,
        choices=[("", "未填")] + FundingSource.choices,
        error_messages=_messages("资金来源"),
    )
    facilities = forms.MultipleChoiceField(
        label="设施",
        required=False,
        choices=[(f, f) for f in FACILITIES],
        widget=forms.CheckboxSelectMultiple,
        error_messages=_messages("设施"),
    )
    version = VersionField()


class SpendingForm(forms.Form):
    date = forms.DateField(
        label="日期", widget=DateInput(), input_formats=DATE_FORMATS, error_messages=_messages("日期", "date")
    )
    amount = forms.DecimalField(
        label="金额",
        **_digits(Spending, "amount"),
        error_messages=_messages("金额", "decimal"),
        help_text="元；一年的支出合计不超过该年度的为民服务资金",
    )
    purpose = forms.CharField(
        label="用途", max_length=rules.READERS["purpose"].max_length, error_messages=_messages("用途")
    )
    version = VersionField()
