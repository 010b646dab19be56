"""Forms of the wealth-leader pages. A value's rule is the sheet's (`rules.READERS`, applied by the
service): the leader fields are taken as typed, so a broken rule answers with the sheet's very
message next to its field; a blank required field says the sheet's 必填项不能为空."""

from django import forms

from liangdai.cadres.forms import PERSON_FIELDS, ChineseForm, DateInput, PersonForm, _optional
from liangdai.core.versions import VersionField
from liangdai.exchange.cells import REQUIRED

from . import rules, services
from .models import EndReason, Industry, LeaderSource, ScaleUnit, SupportKind

# The leader's own fields, as the service and the sheet hold them (the village is a field of its own).
LEADER_FIELDS = tuple(f for f in services.FIELDS if f != "village_id")


def _text(label: str, help_text: str = "", widget=None) -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=help_text, widget=widget, strip=True)


def _select(label: str, options, help_text: str = "") -> forms.CharField:
    choices = [("", "请选择"), *((o, o) for o in options)]
    return _text(label, help_text, forms.Select(choices=choices))


def _day(label: str, help_text: str = "") -> forms.CharField:
    return _text(label, help_text, DateInput())


class RuleFieldsForm(ChineseForm):
    """Fields checked by the service with the sheet's rules; those the sheet requires carry its mark."""

    rule_required: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.error_messages["required"] = REQUIRED
            if name in self.rule_required:
                field.widget.attrs["aria-required"] = "true"
                field.rule_required = True


class LeaderFields(RuleFieldsForm):
    village = forms.ChoiceField(label="村（家乡村）")
    industry = _select("产业类型", Industry.values)
    project = _text("主营项目", "如 养蜂、荞麦、冷凉蔬菜")
    scale = _text("经营规模", "数字，>0")
    scale_unit = _select("规模单位", ScaleUnit.values, "填写经营规模时必填")
    income = _text("年收入（万元）", "万元，≥0")
    households = _text("带动户数", "整数，≥0")
    people = _text("带动人数", "整数，≥带动户数")
    poor_households = _text("带动脱贫户数", "整数，≤带动户数")
    source = _select("来源", LeaderSource.values)
    recognised_on = _day("认定日期")
    ended_on = _day("退出日期", "登记终止时填写，≥认定日期")
    end_reason = _select("退出原因", EndReason.values, "填写退出日期时必填")
    rule_required = (*rules.REQUIRED, "village")

    def __init__(self, *args, villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = [("", "请选择"), *((v.code, f"{v.name}（{v.code}）") for v in villages)]

    def leader(self) -> dict:
        return {f: self.cleaned_data[f] for f in ("village", *LEADER_FIELDS)}


class LeaderRegisterForm(PersonForm, LeaderFields):
    """A new wealth leader: the person (found by the identity number, or registered with them) and
    the registration. 学历 and 政治面貌 are required only of a person not yet on record."""

    field_order = [*PERSON_FIELDS, "village", *LEADER_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _optional(self, "education", "political_status")
        for name in ("education", "political_status"):
            self.fields[name].help_text = "系统中尚无此人时必填"

    def kwargs(self) -> dict:
        return {"person": self.person(), **self.leader()}


class LeaderEditForm(LeaderFields):
    """Editing a registration; its person is edited on the person page. The version refuses a save
    over someone else's (lost update)."""

    version = VersionField()
    field_order = ["village", *LEADER_FIELDS]

    def kwargs(self) -> dict:
        return {**self.leader(), "version": self.cleaned_data["version"]}


class LeaderEndForm(RuleFieldsForm):
    ended_on = _day("退出日期", "最后一天仍计为致富带头人")
    end_reason = _select("退出原因", EndReason.values)
    version = VersionField()
    rule_required = rules.EXIT_FIELDS

    def kwargs(self) -> dict:
        return dict(self.cleaned_data)


class SupportForm(RuleFieldsForm):
    kind = _select("扶持类型", SupportKind.values)
    amount = _text("金额（元）", "有金额的扶持填写，≥0")
    date = _day("扶持日期", "不早于认定日期")
    unit = _text("扶持单位")
    note = _text("备注", widget=forms.Textarea(attrs={"rows": 3}))
    rule_required = rules.SUPPORT_REQUIRED

    def kwargs(self) -> dict:
        return dict(self.cleaned_data)
