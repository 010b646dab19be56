"""The six kinds of rule as typed values (DESIGN.md principle 4: rules are data).

Each kind is read from the JSON that `RuleSet.data` stores (or a form gives) by `from_data`, which
checks its shape and values and raises DomainError with a Chinese message naming what is wrong, and
is written back by `to_data`, in the same shape. What follows from a rule (the fund of a village,
the stars of a score, the tier of a wealth leader, the factors of a cadre) is a method of it, so
that every figure, sheet and page applies the rule the same way.

Numbers that may have decimals are held as Decimal, exactly as written; `to_data` gives them back
as they came (50 stays 50, 1.0 stays 1.0)."""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import ClassVar, NamedTuple, Self

from liangdai.core.errors import DomainError

# The grades of a cadre's yearly appraisal (assessment.models.Grade; DOMAIN.md part 2) and the
# positions with a factor of their own: every other position takes the factor "other".
GRADES = ("优秀", "称职", "基本称职", "不称职")
POSITIONS = {"党组织书记": "党组织书记", "村委会主任": "村委会主任", "other": "其他职务"}
GRADE_FACTOR_MAX = 10
YUAN_MAX = 10_000_000
POPULATION_MAX = 10_000_000
# Beyond these no wealth leader is counted anyway; the bound keeps a threshold within the columns
# it is compared with (leaders.models.Leader: households, income in 万元 with two decimals).
HOUSEHOLDS_MAX = 1_000_000
INCOME_MAX = 1_000_000
RUBRIC_ITEMS_MAX = 15
RUBRIC_NAME_MAX = 20


def _whole(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(f"{what}须为整数")
    return value


def _decimal(value: object, what: str, places: int | None = None) -> Decimal:
    """A number from JSON (int, float) or a form (Decimal), exactly as written."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise DomainError(f"{what}须为数字")
    number = Decimal(str(value))
    if not number.is_finite():
        raise DomainError(f"{what}须为数字")
    if places is not None and number.as_tuple().exponent < -places:
        raise DomainError(f"{what}最多保留{places}位小数")
    return number


def _json_number(number: Decimal) -> int | float:
    return int(number) if number.as_tuple().exponent >= 0 else float(number)


def _bounded(number, what: str, low, high=None):
    if number < low:
        raise DomainError(f"{what}不能小于{low}")
    if high is not None and number > high:
        raise DomainError(f"{what}不能大于{high}")
    return number


def _mapping(data: object, names: dict[str, str], label: str) -> dict:
    """`data` as a dict with exactly the keys of `names` (key -> its Chinese name)."""
    if not isinstance(data, dict):
        raise DomainError(f"{label}：内容须为{'、'.join(names.values())}")
    for key, name in names.items():
        if key not in data:
            raise DomainError(f"{label}：缺少{name}")
    for key in data:
        if key not in names:
            raise DomainError(f"{label}：不认识的项目“{key}”")
    return data


def _pairs(data: object, key: str, label: str, shape: str, unit: str) -> list[list]:
    """The list of pairs under `key` of `data`: at least one, each of two values."""
    rows = _mapping(data, {key: f"{shape}的列表"}, label)[key]
    if not isinstance(rows, list):
        raise DomainError(f"{label}：须为{shape}的列表")
    if not rows:
        raise DomainError(f"{label}：至少填写一{unit}")
    for i, row in enumerate(rows, 1):
        if not isinstance(row, list | tuple) or len(row) != 2:
            raise DomainError(f"{label}第{i}{unit}：须为{shape}")
    return rows


class FundTier(NamedTuple):
    minimum: int  # registered population from which the tier applies
    yuan: int


@dataclass(frozen=True)
class FundTiers:
    """The service-for-the-people fund by registered population (DOMAIN.md part 1): each village
    gets the yuan of the highest tier its population reaches. Tiers start at 0 people and never
    give less to a larger village."""

    kind: ClassVar[str] = "fund_tiers"
    tiers: tuple[FundTier, ...]  # lowest population first

    @classmethod
    def from_data(cls, data: dict) -> Self:
        rows = _pairs(data, "tiers", "资金档次", "[最低人口, 金额]", "档")
        tiers = [cls._tier(f"资金档次第{i}档：", minimum, yuan) for i, (minimum, yuan) in enumerate(rows, 1)]
        minimums = [t.minimum for t in tiers]
        if len(set(minimums)) != len(minimums):
            raise DomainError("资金档次：各档的最低人口不能重复")
        if 0 not in minimums:
            raise DomainError("资金档次：须有一档从人口0起，否则人口少的村没有资金")
        ordered = tuple(sorted(tiers))
        if any(later.yuan < earlier.yuan for earlier, later in pairwise(ordered)):
            raise DomainError("资金档次：人口多的档次资金不能少于人口少的档次")
        return cls(ordered)

    @staticmethod
    def _tier(where: str, minimum: object, yuan: object) -> FundTier:
        minimum = _bounded(_whole(minimum, f"{where}人口"), f"{where}人口", 0, POPULATION_MAX)
        yuan = _whole(yuan, f"{where}金额")
        if yuan <= 0:
            raise DomainError(f"{where}金额须大于0")
        if yuan > YUAN_MAX:
            raise DomainError(f"{where}金额不能超过1000万元")
        return FundTier(minimum, yuan)

    def to_data(self) -> dict:
        return {"tiers": [[t.minimum, t.yuan] for t in self.tiers]}

    def amount(self, population: int | None) -> int:
        """The yearly fund of a village of `population`; 0 when its population is unknown."""
        if population is None:
            return 0
        return next((t.yuan for t in reversed(self.tiers) if population >= t.minimum), 0)

    def ranges(self) -> list[tuple[int, int | None, int]]:
        """The tiers as (minimum, maximum or None for "and more", yuan), lowest first."""
        tops = [t.minimum - 1 for t in self.tiers[1:]] + [None]
        return [(t.minimum, top, t.yuan) for t, top in zip(self.tiers, tops, strict=True)]


class RubricItem(NamedTuple):
    name: str
    points: Decimal  # the most this item can give


@dataclass(frozen=True)
class Rubric:
    """The items a village party organisation is scored on (DOMAIN.md part 2), with their maximum
    points adding up to 100. A village's score is the total of its items' points, each within the
    item's maximum."""

    kind: ClassVar[str] = "rubric"
    items: tuple[RubricItem, ...]  # in the order they are shown

    @classmethod
    def from_data(cls, data: dict) -> Self:
        rows = _pairs(data, "items", "考评细则", "[项目名称, 满分]", "项")
        if len(rows) > RUBRIC_ITEMS_MAX:
            raise DomainError(f"考评细则：最多{RUBRIC_ITEMS_MAX}项")
        items = tuple(cls._item(f"考评细则第{i}项：", name, points) for i, (name, points) in enumerate(rows, 1))
        if len({item.name for item in items}) != len(items):
            raise DomainError("考评细则：项目名称不能重复")
        total = sum(item.points for item in items)
        if total != 100:
            raise DomainError(f"考评细则：各项满分合计须为100分，现为{total.normalize():f}分")
        return cls(items)

    @staticmethod
    def _item(where: str, name: object, points: object) -> RubricItem:
        if not isinstance(name, str) or not name.strip():
            raise DomainError(f"{where}项目名称不能为空")
        name = name.strip()
        if len(name) > RUBRIC_NAME_MAX:
            raise DomainError(f"{where}项目名称最多{RUBRIC_NAME_MAX}个字")
        points = _decimal(points, f"{where}满分", places=1)
        if points <= 0:
            raise DomainError(f"{where}满分须大于0")
        return RubricItem(name, _bounded(points, f"{where}满分", 0, 100))

    def to_data(self) -> dict:
        return {"items": [[item.name, _json_number(item.points)] for item in self.items]}

    def total_of(self, points: dict[str, Decimal]) -> Decimal:
        """The score of a village given `points` by item name, each checked against its item:
        every item scored, none unknown, each from 0 to its maximum (DomainError otherwise)."""
        unknown = set(points) - {item.name for item in self.items}
        if unknown:
            raise DomainError(f"考评细则中没有这些项目：{'、'.join(sorted(unknown))}")
        for item in self.items:
            given = points.get(item.name)
            if given is None:
                raise DomainError(f"“{item.name}”未评分")
            if not 0 <= given <= item.points:
                raise DomainError(f"“{item.name}”的得分应为0到{item.points.normalize():f}分")
        return sum(points.values(), Decimal(0))


class StarThreshold(NamedTuple):
    score: Decimal  # the lowest score that earns `stars`
    stars: int


@dataclass(frozen=True)
class StarThresholds:
    """Stars from the rubric score (DOMAIN.md part 2): the stars of the highest threshold the score
    reaches, 0 below them all. More stars need a higher score."""

    kind: ClassVar[str] = "star_thresholds"
    thresholds: tuple[StarThreshold, ...]  # highest score first

    @classmethod
    def from_data(cls, data: dict) -> Self:
        rows = _pairs(data, "thresholds", "星级分数线", "[最低分数, 星级]", "条")
        thresholds = [cls._threshold(f"星级分数线第{i}条：", score, stars) for i, (score, stars) in enumerate(rows, 1)]
        if len({t.stars for t in thresholds}) != len(thresholds):
            raise DomainError("星级分数线：各条的星级不能重复")
        if len({t.score for t in thresholds}) != len(thresholds):
            raise DomainError("星级分数线：各条的分数不能重复")
        ordered = tuple(sorted(thresholds, reverse=True))
        if any(lower.stars > higher.stars for higher, lower in pairwise(ordered)):
            raise DomainError("星级分数线：星级高的分数线须高于星级低的")
        return cls(ordered)

    @staticmethod
    def _threshold(where: str, score: object, stars: object) -> StarThreshold:
        score = _bounded(_decimal(score, f"{where}分数", places=2), f"{where}分数", 0, 100)
        stars = _whole(stars, f"{where}星级")
        if not 1 <= stars <= 5:
            raise DomainError(f"{where}星级须为1到5的整数")
        return StarThreshold(score, stars)

    def to_data(self) -> dict:
        return {"thresholds": [[_json_number(t.score), t.stars] for t in self.thresholds]}

    def stars(self, score: Decimal | float) -> int:
        return next((t.stars for t in self.thresholds if score >= t.score), 0)


@dataclass(frozen=True)
class BonusFactors:
    """A cadre's bonus weight is stars × grade factor × position factor (DOMAIN.md part 2). A
    position without a factor of its own takes the factor of "other"; no appraisal, no bonus."""

    kind: ClassVar[str] = "bonus_factors"
    grade: dict[str, Decimal]  # by grade, in the order of GRADES
    position: dict[str, Decimal]  # by position, in the order of POSITIONS

    @classmethod
    def from_data(cls, data: dict) -> Self:
        data = _mapping(data, {"grade": "考核等次系数", "position": "职务系数"}, "报酬系数")
        grades = _mapping(data["grade"], {g: f"“{g}”的系数" for g in GRADES}, "考核等次系数")
        positions = _mapping(data["position"], {p: f"“{n}”的系数" for p, n in POSITIONS.items()}, "职务系数")
        return cls(
            grade={g: cls._factor(f"考核等次系数：“{g}”", grades[g], GRADE_FACTOR_MAX) for g in GRADES},
            position={p: cls._factor(f"职务系数：“{n}”", positions[p]) for p, n in POSITIONS.items()},
        )

    @staticmethod
    def _factor(what: str, value: object, high: int | None = None) -> Decimal:
        return _bounded(_decimal(value, what), what, 0, high)

    def to_data(self) -> dict:
        return {
            "grade": {g: _json_number(f) for g, f in self.grade.items()},
            "position": {p: _json_number(f) for p, f in self.position.items()},
        }

    def grade_factor(self, grade: str | None) -> Fraction:
        """The factor of an appraisal's grade; 0 for a cadre without one."""
        return Fraction(self.grade[grade]) if grade in self.grade else Fraction(0)

    def position_factor(self, position: str) -> Fraction:
        return Fraction(self.position.get(position, self.position["other"]))


class LeaderTier(NamedTuple):
    households: int  # households driven, at least
    income: Decimal  # or yearly income in 万元, at least

    def reached_by(self, households: int, income: Decimal) -> bool:
        return households >= self.households or income >= self.income


@dataclass(frozen=True)
class LeaderTiers:
    """The tiers of wealth leaders (DOMAIN.md part 5): large when a leader reaches the large
    threshold on households driven or on income, else medium when it reaches the medium one,
    else small. The large threshold is at least the medium one on both."""

    kind: ClassVar[str] = "leader_tiers"
    large: LeaderTier
    medium: LeaderTier

    @classmethod
    def from_data(cls, data: dict) -> Self:
        data = _mapping(data, {"large": "大型标准", "medium": "中型标准"}, "致富带头人分级标准")
        large, medium = cls._tier("大型", data["large"]), cls._tier("中型", data["medium"])
        if large.households < medium.households:
            raise DomainError("致富带头人分级标准：大型的带动户数不能少于中型")
        if large.income < medium.income:
            raise DomainError("致富带头人分级标准：大型的年收入不能低于中型")
        return cls(large, medium)

    @staticmethod
    def _tier(name: str, data: object) -> LeaderTier:
        where = f"致富带头人分级标准：{name}的"
        data = _mapping(data, {"households": "带动户数", "income": "年收入（万元）"}, f"致富带头人分级标准（{name}）")
        households = _bounded(_whole(data["households"], f"{where}带动户数"), f"{where}带动户数", 0, HOUSEHOLDS_MAX)
        income = _decimal(data["income"], f"{where}年收入（万元）", places=2)
        return LeaderTier(households, _bounded(income, f"{where}年收入（万元）", 0, INCOME_MAX))

    def to_data(self) -> dict:
        return {
            name: {"households": tier.households, "income": _json_number(tier.income)}
            for name, tier in (("large", self.large), ("medium", self.medium))
        }

    def tier_of(self, households: int, income: Decimal) -> str:
        """ "large", "medium" or "small" (leaders.models.Tier) for a leader who drives `households`
        and earns `income` 万元 a year."""
        if self.large.reached_by(households, income):
            return "large"
        return "medium" if self.medium.reached_by(households, income) else "small"


@dataclass(frozen=True)
class TrainingRatio:
    """How rotation training of secretaries is shared by region, city and county (DOMAIN.md
    part 4: 2:3:5), as whole parts."""

    kind: ClassVar[str] = "training_ratio"
    region: int
    city: int
    county: int

    @classmethod
    def from_data(cls, data: dict) -> Self:
        names = {"region": "自治区", "city": "市", "county": "县"}
        data = _mapping(data, {key: f"{name}的份数" for key, name in names.items()}, "培训分担比例")
        for key, name in names.items():
            if _whole(data[key], f"培训分担比例：{name}的份数") <= 0:
                raise DomainError(f"培训分担比例：{name}的份数须大于0")
        return cls(region=data["region"], city=data["city"], county=data["county"])

    def to_data(self) -> dict:
        return {"region": self.region, "city": self.city, "county": self.county}


Rule = FundTiers | Rubric | StarThresholds | BonusFactors | LeaderTiers | TrainingRatio
SCHEMAS: dict[str, type[Rule]] = {
    schema.kind: schema for schema in (FundTiers, Rubric, StarThresholds, BonusFactors, LeaderTiers, TrainingRatio)
}
