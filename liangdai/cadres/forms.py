"""Forms of the cadres pages. They parse what a user typed and explain it in Chinese; the rules
themselves live in the services (a DomainError lands next to the field it names)."""

import datetime as dt

from django import forms

from liangdai.core import idnumbers
from liangdai.core.errors import DomainError
from liangdai.core.versions import VersionField

from .models import Education, EndReason, HoldingSource, Person, PoliticalStatus, Position, ReserveSource
from .persons import NATIONALITIES

PERSON_FIELDS = ("id_number", "name", "nationality", "education", "political_status", "phone")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date(label: str, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        help_text=help_text,
        error_messages={"invalid": "请输入有效的日期，如 2019-10-31"},
    )


def _choice(label: str, options, required: bool = True, help_text: str = "") -> forms.ChoiceField:
    blank = [("", "请选择" if required else "（不填）")]
    return forms.ChoiceField(
        label=label, choices=blank + [(o, o) for o in options], required=required, help_text=help_text
    )


# Django's own messages follow the browser's language; these pages answer in Chinese whatever it is.
MESSAGES = {
    "required": "此项必填",
    "invalid_choice": "请从列表中选择",
    "max_length": "最多 %(limit_value)d 个字符",
    "min_value": "应不小于 %(limit_value)s",
    "max_value": "应不大于 %(limit_value)s",
}


class ChineseForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages.update(MESSAGES)
        if "year" in self.fields:
            self.fields["year"].error_messages["invalid"] = "请输入年份，如 2019"


def _optional(form: forms.Form, *names: str) -> None:
    for name in names:
        form.fields[name].required = False
        form.fields[name].choices = [("", "（不填）"), *form.fields[name].choices[1:]]


class PersonForm(ChineseForm):
    """The person columns of EXCHANGE.md; birth date and sex come from the number."""

    id_number = forms.CharField(
        label="公民身份号码", max_length=18, help_text="18位；出生日期和性别由号码得出，无需填写"
    )
    # The lengths the model holds, as the sheets' readers take them (cells.text_for).
    name = forms.CharField(label="姓名", max_length=Person._meta.get_field("name").max_length)
    nationality = _choice("民族", NATIONALITIES, required=False)
    education = _choice("学历", Education.values)
    political_status = _choice("政治面貌", PoliticalStatus.values)
    phone = forms.CharField(label="联系电话", max_length=11, required=False, help_text="以1开头的11位手机号码")

    def clean_id_number(self) -> str:
        try:
            return idnumbers.check(self.cleaned_data["id_number"])
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from None

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        try:
            return idnumbers.check_phone(phone) if phone else ""
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from None

    def person(self) -> dict:
        return {f: self.cleaned_data[f] for f in PERSON_FIELDS}


class PersonEditForm(PersonForm):
    """Editing a person on record: the number stays (a disabled field keeps its initial value), the
    name may change (audited)."""

    version = VersionField()

    def __init__(self, *args, reveal: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["id_number"].disabled = True
        self.fields["id_number"].help_text = "号码不能修改：一个号码就是一个人"
        _optional(self, "education", "political_status")
        self.number = self.initial.get("id_number", "")
        if not reveal:
            self._hide_numbers()

    def _hide_numbers(self) -> None:
        """Without the right to reveal, a number may be replaced, never read (DESIGN.md): the identity
        number is shown masked and the phone input starts empty; left empty, the phone on record
        stays (a blank profile field keeps what is on record, `rules.profile_changes`)."""
        recorded = self.initial.get("phone") or ""
        self.initial = {**self.initial, "id_number": idnumbers.mask(self.number), "phone": ""}
        if recorded:
            self.fields["phone"].help_text = f"已登记：{idnumbers.mask_phone(recorded)}；留空则不修改"

    def clean_id_number(self) -> str:
        return self.number  # the number on record: the field only shows it, masked or not

    def kwargs(self) -> dict:
        return {**self.person(), "rename": True, "version": self.cleaned_data["version"]}


class HoldingStartForm(PersonForm):
    position = _choice("职务", Position.values)
    start = _date("任职日期", help_text="任职时须年满18周岁")
    source = _choice("任职来源", HoldingSource.values, required=False)
    end = _date("离任日期", required=False, help_text="补录已离任的任职时填写")
    end_reason = _choice("离任原因", EndReason.values, required=False, help_text="填写离任日期时必填")

    def kwargs(self) -> dict:
        data = self.cleaned_data
        return {"person": self.person(), **{f: data[f] for f in ("position", "start", "source", "end", "end_reason")}}


class HoldingEndForm(ChineseForm):
    end = _date("离任日期")
    end_reason = _choice("离任原因", EndReason.values)
    version = VersionField()

    def kwargs(self) -> dict:
        return dict(self.cleaned_data)


class SecretaryReplaceForm(PersonForm):
    """Ends the sitting secretary's holding and starts the new one, in one action."""

    end_date = _date("原书记离任日期")
    end_reason = _choice("原书记离任原因", EndReason.values)
    start = _date("新任书记任职日期", help_text="应晚于原书记的离任日期")
    source = _choice("任职来源", HoldingSource.values, required=False)
    field_order = ["end_date", "end_reason", *PERSON_FIELDS, "start", "source"]

    def kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "end_date": data["end_date"],
            "end_reason": data["end_reason"],
            "new_person": self.person(),
            "start": data["start"],
            "source": data["source"],
        }


class ReserveAddForm(PersonForm):
    source = _choice("来源", ReserveSource.values)
    chosen_on = _date("确定日期")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _optional(self, "education", "political_status")

    def kwargs(self) -> dict:
        return {
            "person": self.person(),
            "source": self.cleaned_data["source"],
            "chosen_on": self.cleaned_data["chosen_on"],
        }


class ReserveRemoveForm(ChineseForm):
    left_on = _date("退出日期")

    def kwargs(self) -> dict:
        return dict(self.cleaned_data)


class WeakFlagForm(ChineseForm):
    year = forms.IntegerField(label="年度", min_value=1949, max_value=2100, initial=lambda: dt.date.today().year)
    reason = forms.CharField(label="原因", widget=forms.Textarea(attrs={"rows": 3}))
    flagged_on = _date("认定日期")

    def kwargs(self) -> dict:
        return dict(self.cleaned_data)


class StepForm(ChineseForm):
    date = _date("日期")
    description = forms.CharField(label="整顿措施", widget=forms.Textarea(attrs={"rows": 3}))

    def kwargs(self) -> dict:
        return dict(self.cleaned_data)


class WeakCloseForm(ChineseForm):
    closed_on = _date("整顿完成日期", help_text="至少已记录一项整顿措施")
    version = VersionField()

    def kwargs(self) -> dict:
        return dict(self.cleaned_data)
