"""Forms of the training pages. They parse what a user typed; the rules live in `rules`, applied by
the services (a DomainError lands next to the field it names)."""

from django import forms

from liangdai.cadres.forms import ChineseForm, _date

from .models import TrainingBase, TrainingClass


def _length(model, field_name: str) -> int:
    """What the model's field holds: the 培训 sheet reads its cells to the same length (cells.text_for)."""
    return model._meta.get_field(field_name).max_length


class ClassForm(ChineseForm):
    name = forms.CharField(label="培训班名称", max_length=_length(TrainingClass, "name"))
    base = forms.ChoiceField(label="培训基地", required=False)
    is_demo = forms.BooleanField(label="自治区示范班", required=False, help_text="示范班须为自治区举办的培训班")
    start = _date("开始日期")
    end = _date("结束日期", help_text="不早于开始日期")
    subject = forms.CharField(label="培训内容", max_length=_length(TrainingClass, "subject"), required=False)

    def __init__(self, *args, bases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base"].choices = [("", "（不填）"), *((b, b) for b in bases)]

    def kwargs(self) -> dict:
        return dict(self.cleaned_data)


class PasteForm(ChineseForm):
    numbers = forms.CharField(
        label="学员公民身份号码",
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off", "spellcheck": "false"}),
        help_text="每行一个号码；可在号码后空一格写姓名，将与系统中的姓名核对",
        required=False,
    )

    def kwargs(self) -> dict:
        return {"text": self.cleaned_data["numbers"]}


class BaseForm(ChineseForm):
    name = forms.CharField(label="基地名称", max_length=_length(TrainingBase, "name"))
    county = forms.ChoiceField(label="所在县（区）")
    is_demo = forms.BooleanField(label="示范培训基地", required=False)

    def __init__(self, *args, counties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [("", "请选择"), *counties]

    def kwargs(self) -> dict:
        return dict(self.cleaned_data)


def _count(label: str) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=1_000_000)


class PlanForm(ChineseForm):
    region = _count("自治区轮训人数")
    city = _count("市轮训人数")
    county = _count("县轮训人数")

    def kwargs(self) -> dict:
        data = self.cleaned_data
        return {"counts": {"自治区": data["region"], "市": data["city"], "县": data["county"]}}
