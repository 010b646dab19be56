"""The fund-tier form: rows of minimum population -> yuan, checked with Chinese messages.

`rules.services.ruleset_set` checks the shape again; these checks say which row is wrong."""

from django import forms
from django.core.exceptions import ValidationError

YEAR_MIN, YEAR_MAX = 2000, 2100
YUAN_MAX = 10_000_000


class YearForm(forms.Form):
    year = forms.IntegerField(
        label="年度",
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages={
            "required": "请填写年度",
            "invalid": "年度须为四位数字",
            "min_value": f"年度不能早于{YEAR_MIN}年",
            "max_value": f"年度不能晚于{YEAR_MAX}年",
        },
    )


class FundTierForm(forms.Form):
    minimum = forms.IntegerField(
        label="最低户籍人口（人）",
        min_value=0,
        required=False,
        error_messages={"invalid": "人口须为整数", "min_value": "人口不能小于0"},
    )
    yuan = forms.IntegerField(
        label="资金（元）",
        min_value=1,
        max_value=YUAN_MAX,
        required=False,
        error_messages={
            "invalid": "金额须为整数（元）",
            "min_value": "金额须大于0",
            "max_value": "金额不能超过1000万元",
        },
    )

    def clean(self) -> dict:
        # A row left blank is no tier (so a tier is removed by clearing it); half a row is an error.
        data = super().clean()
        minimum, yuan = data.get("minimum"), data.get("yuan")
        if minimum is None and yuan is None and not self.errors:
            return {}
        if minimum is None and "minimum" not in self.errors:
            self.add_error("minimum", "请填写最低人口")
        if yuan is None and "yuan" not in self.errors:
            self.add_error("yuan", "请填写金额")
        return data

    def tier(self) -> list[int] | None:
        data = self.cleaned_data
        return [data["minimum"], data["yuan"]] if data.get("minimum") is not None else None


class BaseFundTierFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        rows = [tuple(t) for t in self.tiers()]
        if not rows:
            raise ValidationError("至少填写一档")
        minimums = [m for m, _ in rows]
        if len(set(minimums)) != len(minimums):
            raise ValidationError("各档的最低人口不能重复")
        if 0 not in minimums:
            raise ValidationError("须有一档从人口0起，否则人口少的村没有资金")
        ordered = sorted(rows)
        if any(later[1] < earlier[1] for earlier, later in zip(ordered, ordered[1:], strict=False)):
            raise ValidationError("人口多的档次资金不能少于人口少的档次")

    def tiers(self) -> list[list[int]]:
        """The valid rows, lowest population first, as `ruleset_set` stores them."""
        return sorted(t for t in (f.tier() for f in self.forms) if t is not None)


FundTierFormSet = forms.formset_factory(
    FundTierForm, formset=BaseFundTierFormSet, extra=2, max_num=20, validate_max=True, absolute_max=20
)
