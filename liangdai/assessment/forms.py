"""Forms of the assessment pages. They parse what a user typed; the rules are the services' (the
sheets' very messages, next to the field they concern)."""

from django import forms

from liangdai.cadres.forms import ChineseForm, _choice
from liangdai.rules.schemas import Rubric

from .models import Grade
from .rules import REASON_MAX, WEAK_REASON_MAX


class StarRatingForm(ChineseForm):
    """A village's score of the year, item by item on the year's rubric or as a total, and its
    weak-and-lax flag; the stars follow."""

    score = forms.DecimalField(
        label="总分", required=False, help_text="0–100，最多两位小数；逐项评分时可不填，按各项合计"
    )
    weak = forms.BooleanField(label="认定为软弱涣散村党组织", required=False)
    weak_reason = forms.CharField(
        label="软弱涣散原因", required=False, max_length=WEAK_REASON_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, rubric: Rubric, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = {f"item_{i}": item for i, item in enumerate(rubric.items)}
        fields = {
            name: forms.DecimalField(label=item.name, required=False, help_text=f"满分{item.points.normalize():f}")
            for name, item in self.items.items()
        }
        # The items first, the total after them, then the flag.
        self.fields = fields | self.fields

    def clean(self) -> dict:
        data = super().clean()
        scored = any(data.get(name) is not None for name in self.items)
        if not scored and data.get("score") is None and "score" not in self.errors:
            self.add_error("score", "请逐项评分或填写总分")
        return data

    def kwargs(self) -> dict:
        # Unticked says nothing about the flag: a flag on record ends by rectification, not here.
        data = self.cleaned_data
        points = {item.name: data[name] for name, item in self.items.items() if data.get(name) is not None}
        return {
            "score": data["score"],
            "items": points or None,
            "weak": True if data["weak"] else None,
            "weak_reason": data["weak_reason"],
        }


class AppraisalForm(ChineseForm):
    grade = _choice("考核等次", Grade.values)

    def kwargs(self) -> dict:
        return {"grade": self.cleaned_data["grade"]}


class ReasonForm(ChineseForm):
    reason = forms.CharField(label="理由", required=False, max_length=REASON_MAX, strip=True)


class BudgetForm(ChineseForm):
    """The budget as typed: a whole number of yuan (the allocation's rule says so when it is not)."""

    budget = forms.CharField(label="奖励总额（元）", max_length=12, help_text="整数，单位元")

    def budget_value(self) -> int | str:
        text = self.cleaned_data["budget"].replace(",", "").strip()
        return int(text) if text.isascii() and text.isdigit() else text
