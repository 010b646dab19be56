"""The forms of the rules page: a year, and the rule of one kind as rows (fund tiers, star
thresholds) or as fields (the others).

The forms only read what is typed (a number is a number) and arrange it into the rule's JSON; the
rule's schema (`schemas`) checks it, and its Chinese message is shown on the form. Every message,
Django's own included, is in Chinese whatever the browser's language."""

from typing import ClassVar

from django import forms
from django.core.exceptions import ValidationError

from liangdai.core.errors import DomainError

from .schemas import (
    RUBRIC_ITEMS_MAX,
    RUBRIC_NAME_MAX,
    BonusFactors,
    FundTiers,
    LeaderTiers,
    Rubric,
    Rule,
    StarThresholds,
    TrainingRatio,
)

YEAR_MIN, YEAR_MAX = 2000, 2100
FORMSET_MESSAGES = {
    "missing_management_form": "表单数据不完整，请刷新页面后重新填写",
    "too_many_forms": "最多填写%(num)d行",
    "too_few_forms": "至少填写%(num)d行",
}


class YearForm(forms.Form):
    year = forms.IntegerField(
        label="起始年度",
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages={
            "required": "请填写年度",
            "invalid": "年度须为四位数字",
            "min_value": f"年度不能早于{YEAR_MIN}年",
            "max_value": f"年度不能晚于{YEAR_MAX}年",
        },
    )


def whole(label: str, what: str, *, required: bool = True) -> forms.IntegerField:
    messages = {"required": f"请填写{what}", "invalid": f"{what}须为整数"}
    return forms.IntegerField(label=label, required=required, error_messages=messages)


def number(label: str, what: str, *, required: bool = True) -> forms.DecimalField:
    messages = {"required": f"请填写{what}", "invalid": f"{what}须为数字"}
    return forms.DecimalField(label=label, required=required, error_messages=messages)


def checked(schema: type[Rule], data: dict) -> Rule:
    """The rule `data` describes, or a ValidationError with the schema's message."""
    try:
        return schema.from_data(data)
    except DomainError as exc:
        raise ValidationError(exc.message) from exc


class RowForm(forms.Form):
    """One pair of a rule that is a list of pairs. A blank row is no pair (so a pair is removed by
    clearing its row); half a row is an error."""

    missing: ClassVar[dict[str, str]]  # field -> the message when it alone is left blank

    def clean(self) -> dict:
        data = super().clean()
        if all(data.get(name) is None for name in self.missing) and not self.errors:
            return {}
        for name, message in self.missing.items():
            if data.get(name) is None and name not in self.errors:
                self.add_error(name, message)
        return data

    def pair(self) -> list | None:
        values = [self.cleaned_data.get(name) for name in self.missing]
        return None if None in values else values


class RowFormSet(forms.BaseFormSet):
    """The rows of a rule that is a list of pairs under `key`, checked as a whole by `schema`."""

    schema: ClassVar[type[Rule]]
    key: ClassVar[str]
    default_error_messages = FORMSET_MESSAGES

    @classmethod
    def get_default_prefix(cls) -> str:
        return cls.key

    def clean(self) -> None:
        if any(self.errors) or not self.management_form.is_valid():
            return
        pairs = [p for p in (f.pair() for f in self.forms) if p is not None]
        self.rule = checked(self.schema, {self.key: pairs})


class FundTierForm(RowForm):
    minimum = whole("最低户籍人口（人）", "人口", required=False)
    yuan = forms.IntegerField(label="每年资金（元）", required=False, error_messages={"invalid": "金额须为整数（元）"})
    missing = {"minimum": "请填写最低人口", "yuan": "请填写金额"}


class FundTierRows(RowFormSet):
    schema, key = FundTiers, "tiers"
    help = "按村户籍人口确定每年资金。每行填写该档的最低人口和资金；须有一档从0人起；清空一行即删除该档。"

    @staticmethod
    def initial_of(rule: FundTiers) -> list[dict]:
        return [{"minimum": t.minimum, "yuan": t.yuan} for t in rule.tiers]


class RubricItemForm(RowForm):
    name = forms.CharField(
        label="项目名称",
        required=False,
        empty_value=None,  # a cleared row is no item
        max_length=RUBRIC_NAME_MAX,
        error_messages={"max_length": f"项目名称最多{RUBRIC_NAME_MAX}个字"},
    )
    points = number("满分", "满分", required=False)
    missing = {"name": "请填写项目名称", "points": "请填写满分"}


class RubricRows(RowFormSet):
    schema, key = Rubric, "items"
    help = "村党组织星级评定按各项目评分，各项满分合计须为100分；清空一行即删除该项。"

    @staticmethod
    def initial_of(rule: Rubric) -> list[dict]:
        return [{"name": item.name, "points": item.points} for item in rule.items]


class StarThresholdForm(RowForm):
    score = number("最低分数", "分数", required=False)
    stars = whole("星级", "星级", required=False)
    missing = {"score": "请填写分数", "stars": "请填写星级"}


class StarThresholdRows(RowFormSet):
    schema, key = StarThresholds, "thresholds"
    help = "得分达到某条分数线即得该条星级，低于各条分数线为0星。星级为1到5，星级越高分数线越高；清空一行即删除该条。"

    @staticmethod
    def initial_of(rule: StarThresholds) -> list[dict]:
        return [{"score": t.score, "stars": t.stars} for t in rule.thresholds]


FundTierFormSet = forms.formset_factory(
    FundTierForm, formset=FundTierRows, extra=2, max_num=20, validate_max=True, absolute_max=20
)
RubricFormSet = forms.formset_factory(
    RubricItemForm,
    formset=RubricRows,
    extra=2,
    max_num=RUBRIC_ITEMS_MAX,
    validate_max=True,
    absolute_max=RUBRIC_ITEMS_MAX,
)
StarThresholdFormSet = forms.formset_factory(
    StarThresholdForm, formset=StarThresholdRows, extra=1, max_num=5, validate_max=True, absolute_max=5
)


class FieldsForm(forms.Form):
    """A rule of fields, in groups (legend -> field names), checked as a whole by `schema`."""

    schema: ClassVar[type[Rule]]
    groups: ClassVar[dict[str, list[str]]]

    def clean(self) -> dict:
        data = super().clean()
        if not self.errors:
            self.rule = checked(self.schema, self.rule_data(data))
        return data

    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.groups.items()]

    def rule_data(self, data: dict) -> dict:
        raise NotImplementedError


# Grades and positions by field name: the rule's JSON keys them by their Chinese names.
GRADE_FIELDS = {"excellent": "优秀", "competent": "称职", "basic": "基本称职", "incompetent": "不称职"}
POSITION_FIELDS = {"secretary": "党组织书记", "director": "村委会主任", "other": "other"}


class BonusFactorsForm(FieldsForm):
    excellent = number("优秀", "“优秀”的系数")
    competent = number("称职", "“称职”的系数")
    basic = number("基本称职", "“基本称职”的系数")
    incompetent = number("不称职", "“不称职”的系数")
    secretary = number("党组织书记", "党组织书记的系数")
    director = number("村委会主任", "村委会主任的系数")
    other = number("其他职务", "其他职务的系数")
    schema = BonusFactors
    groups = {"考核等次系数（0到10）": list(GRADE_FIELDS), "职务系数（不小于0）": list(POSITION_FIELDS)}
    help = "个人报酬权重 = 所在村星级 × 考核等次系数 × 职务系数；未列出的职务按“其他职务”计。"

    def rule_data(self, data: dict) -> dict:
        return {
            "grade": {grade: data[name] for name, grade in GRADE_FIELDS.items()},
            "position": {position: data[name] for name, position in POSITION_FIELDS.items()},
        }

    @staticmethod
    def initial_of(rule: BonusFactors) -> dict:
        grades = {name: rule.grade[grade] for name, grade in GRADE_FIELDS.items()}
        return grades | {name: rule.position[position] for name, position in POSITION_FIELDS.items()}


class LeaderTiersForm(FieldsForm):
    large_households = whole("带动户数（户）", "大型的带动户数")
    large_income = number("年收入（万元）", "大型的年收入")
    medium_households = whole("带动户数（户）", "中型的带动户数")
    medium_income = number("年收入（万元）", "中型的年收入")
    schema = LeaderTiers
    groups = {"大型": ["large_households", "large_income"], "中型": ["medium_households", "medium_income"]}
    help = "带动户数或年收入达到大型标准之一即为大型，否则达到中型标准之一为中型，其余为小型。"

    def rule_data(self, data: dict) -> dict:
        return {
            size: {"households": data[f"{size}_households"], "income": data[f"{size}_income"]}
            for size in ("large", "medium")
        }

    @staticmethod
    def initial_of(rule: LeaderTiers) -> dict:
        return {
            "large_households": rule.large.households,
            "large_income": rule.large.income,
            "medium_households": rule.medium.households,
            "medium_income": rule.medium.income,
        }


class TrainingRatioForm(FieldsForm):
    region = whole("自治区", "自治区的份数")
    city = whole("市", "市的份数")
    county = whole("县", "县的份数")
    schema = TrainingRatio
    groups = {"分担份数（正整数）": ["region", "city", "county"]}
    help = "村党组织书记轮训由自治区、市、县按比例分担。"

    def rule_data(self, data: dict) -> dict:
        return {key: data[key] for key in ("region", "city", "county")}

    @staticmethod
    def initial_of(rule: TrainingRatio) -> dict:
        return rule.to_data()


# The form of each kind of rule, for its page.
EDITORS = {
    "fund_tiers": FundTierFormSet,
    "rubric": RubricFormSet,
    "star_thresholds": StarThresholdFormSet,
    "bonus_factors": BonusFactorsForm,
    "leader_tiers": LeaderTiersForm,
    "training_ratio": TrainingRatioForm,
}
