"""Forms of the party pages. They parse what a user typed; the rules of a path live in
`party.rules`, which the service applies (a DomainError lands next to the field it names)."""

from django import forms

from liangdai.cadres.forms import PERSON_FIELDS, ChineseForm, PersonForm, _choice, _date, _optional

from .models import STAGE_ORDER


class StageForm(ChineseForm):
    """A stage a person reached, in the party organisation of one of `villages` (code, label)."""

    stage = _choice("阶段", STAGE_ORDER)
    date = _date("日期", help_text="达到该阶段的日期")
    village = forms.ChoiceField(label="党组织所在村")

    def __init__(self, *args, villages: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = [("", "请选择"), *villages]
        self.fields["village"].error_messages["invalid_choice"] = "请从列表中选择您管辖范围内的村"

    def kwargs(self) -> dict:
        return {f: self.cleaned_data[f] for f in ("stage", "date", "village")}


class ApplicantForm(PersonForm, StageForm):
    """A person not yet on the path (or not yet on record at all) and their first stage."""

    field_order = [*PERSON_FIELDS, "stage", "date", "village"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _optional(self, "education", "political_status")

    def kwargs(self) -> dict:
        return {"person": self.person(), **super().kwargs()}
