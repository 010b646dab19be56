"""The typed rules: each kind's checks with their Chinese messages, the JSON round trip, and what
follows from a rule (DOMAIN.md parts 1, 2, 4 and 5)."""

import json
from decimal import Decimal
from fractions import Fraction

import pytest

from liangdai.core.errors import DomainError
from liangdai.rules.defaults import DEFAULTS
from liangdai.rules.schemas import (
    SCHEMAS,
    BonusFactors,
    FundTiers,
    LeaderTiers,
    Rubric,
    StarThresholds,
    TrainingRatio,
)

GRADE = {"优秀": 1.2, "称职": 1.0, "基本称职": 0.5, "不称职": 0}
POSITION = {"党组织书记": 1.0, "村委会主任": 1.0, "other": 0.8}
LARGE, MEDIUM = {"households": 50, "income": 50}, {"households": 10, "income": 10}


def bonus(grade=None, position=None):
    return {"grade": GRADE | (grade or {}), "position": POSITION | (position or {})}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "资金档次：缺少[最低人口, 金额]的列表"),
        ({"tiers": [[0, 1]], "extra": 1}, "资金档次：不认识的项目“extra”"),
        ({"tiers": "0:50000"}, "资金档次：须为[最低人口, 金额]的列表"),
        ({"tiers": []}, "资金档次：至少填写一档"),
        ({"tiers": [[0, 50000], [1000]]}, "资金档次第2档：须为[最低人口, 金额]"),
        ({"tiers": [[0, 50000], [999.5, 60000]]}, "资金档次第2档：人口须为整数"),
        ({"tiers": [[0, 50000], [-1, 60000]]}, "资金档次第2档：人口不能小于0"),
        ({"tiers": [[0, 50000], [1000, 0]]}, "资金档次第2档：金额须大于0"),
        ({"tiers": [[0, "50000"]]}, "资金档次第1档：金额须为整数"),
        ({"tiers": [[0, 10_000_001]]}, "资金档次第1档：金额不能超过1000万元"),
        ({"tiers": [[0, 50000], [0, 60000]]}, "资金档次：各档的最低人口不能重复"),
        ({"tiers": [[1000, 60000]]}, "资金档次：须有一档从人口0起，否则人口少的村没有资金"),
        ({"tiers": [[0, 60000], [1000, 50000]]}, "资金档次：人口多的档次资金不能少于人口少的档次"),
    ],
)
def test_each_fund_tier_rule_names_what_is_wrong(data, message):
    with pytest.raises(DomainError) as error:
        FundTiers.from_data(data)
    assert error.value.message == message


FIVE = [["班子建设", 20], ["党员队伍", 20], ["组织生活", 20], ["发展集体经济", 20], ["服务群众", 20]]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([], "考评细则：至少填写一项"),
        ([["班子建设", 100], ["党员队伍"]], "考评细则第2项：须为[项目名称, 满分]"),
        ([["", 100]], "考评细则第1项：项目名称不能为空"),
        ([["班子建设" * 6, 100]], "考评细则第1项：项目名称最多20个字"),
        ([["班子建设", "100"]], "考评细则第1项：满分须为数字"),
        ([["班子建设", 0], ["党员队伍", 100]], "考评细则第1项：满分须大于0"),
        ([["班子建设", 50.25], ["党员队伍", 49.75]], "考评细则第1项：满分最多保留1位小数"),
        ([["班子建设", 50], ["班子建设", 50]], "考评细则：项目名称不能重复"),
        ([["班子建设", 60], ["党员队伍", 30]], "考评细则：各项满分合计须为100分，现为90分"),
        ([[f"第{i}项", 5] for i in range(20)], "考评细则：最多15项"),
    ],
)
def test_each_rubric_rule_names_what_is_wrong(rows, message):
    with pytest.raises(DomainError) as error:
        Rubric.from_data({"items": rows})
    assert error.value.message == message


def test_a_score_is_the_total_of_the_items_each_within_its_maximum():
    rubric = Rubric.from_data({"items": [["班子建设", 30.5], ["党员队伍", 69.5]]})
    assert rubric.total_of({"班子建设": Decimal("30.5"), "党员队伍": Decimal("60.25")}) == Decimal("90.75")
    for points, message in [
        ({"班子建设": Decimal("31")}, "“班子建设”的得分应为0到30.5分"),
        ({"班子建设": Decimal("30")}, "“党员队伍”未评分"),
        ({"班子建设": Decimal("1"), "党员队伍": Decimal("1"), "其他": Decimal("1")}, "考评细则中没有这些项目：其他"),
    ]:
        with pytest.raises(DomainError) as error:
            rubric.total_of(points)
        assert error.value.message == message


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([], "星级分数线：至少填写一条"),
        ([[90, 5], ["80", 4]], "星级分数线第2条：分数须为数字"),
        ([[101, 5]], "星级分数线第1条：分数不能大于100"),
        ([[-1, 1]], "星级分数线第1条：分数不能小于0"),
        ([[89.995, 5]], "星级分数线第1条：分数最多保留2位小数"),
        ([[90, 6]], "星级分数线第1条：星级须为1到5的整数"),
        ([[90, 0]], "星级分数线第1条：星级须为1到5的整数"),
        ([[90, 4.5]], "星级分数线第1条：星级须为整数"),
        ([[90, 5], [80, 5]], "星级分数线：各条的星级不能重复"),
        ([[90, 5], [90, 4]], "星级分数线：各条的分数不能重复"),
        ([[90, 4], [80, 5]], "星级分数线：星级高的分数线须高于星级低的"),
    ],
)
def test_each_star_threshold_rule_names_what_is_wrong(rows, message):
    with pytest.raises(DomainError) as error:
        StarThresholds.from_data({"thresholds": rows})
    assert error.value.message == message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"grade": GRADE}, "报酬系数：缺少职务系数"),
        ({"grade": {"称职": 1, "基本称职": 0.5, "不称职": 0}, "position": POSITION}, "考核等次系数：缺少“优秀”的系数"),
        (bonus(grade={"良好": 1}), "考核等次系数：不认识的项目“良好”"),
        (bonus(grade={"优秀": "1.2"}), "考核等次系数：“优秀”须为数字"),
        (bonus(grade={"称职": True}), "考核等次系数：“称职”须为数字"),
        (bonus(grade={"基本称职": -0.5}), "考核等次系数：“基本称职”不能小于0"),
        (bonus(grade={"优秀": 10.5}), "考核等次系数：“优秀”不能大于10"),
        ({"grade": GRADE, "position": {"党组织书记": 1, "村委会主任": 1}}, "职务系数：缺少“其他职务”的系数"),
        (bonus(position={"党组织书记": -0.1}), "职务系数：“党组织书记”不能小于0"),
    ],
)
def test_each_bonus_factor_rule_names_what_is_wrong(data, message):
    with pytest.raises(DomainError) as error:
        BonusFactors.from_data(data)
    assert error.value.message == message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"large": LARGE}, "致富带头人分级标准：缺少中型标准"),
        ({"large": {"households": 50}, "medium": MEDIUM}, "致富带头人分级标准（大型）：缺少年收入（万元）"),
        ({"large": LARGE, "medium": {"households": 10.5, "income": 10}}, "致富带头人分级标准：中型的带动户数须为整数"),
        ({"large": LARGE, "medium": {"households": -1, "income": 10}}, "致富带头人分级标准：中型的带动户数不能小于0"),
        (
            {"large": LARGE, "medium": {"households": 10, "income": -1}},
            "致富带头人分级标准：中型的年收入（万元）不能小于0",
        ),
        (
            {"large": LARGE, "medium": {"households": 10, "income": 9.999}},
            "致富带头人分级标准：中型的年收入（万元）最多保留2位小数",
        ),
        (
            {"large": {"households": 9, "income": 50}, "medium": MEDIUM},
            "致富带头人分级标准：大型的带动户数不能少于中型",
        ),
        ({"large": {"households": 50, "income": 9}, "medium": MEDIUM}, "致富带头人分级标准：大型的年收入不能低于中型"),
    ],
)
def test_each_leader_tier_rule_names_what_is_wrong(data, message):
    with pytest.raises(DomainError) as error:
        LeaderTiers.from_data(data)
    assert error.value.message == message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([2, 3, 5], "培训分担比例：内容须为自治区的份数、市的份数、县的份数"),
        ({"region": 2, "city": 3}, "培训分担比例：缺少县的份数"),
        ({"region": 0, "city": 3, "county": 5}, "培训分担比例：自治区的份数须大于0"),
        ({"region": 2, "city": 1.5, "county": 5}, "培训分担比例：市的份数须为整数"),
    ],
)
def test_each_training_ratio_rule_names_what_is_wrong(data, message):
    with pytest.raises(DomainError) as error:
        TrainingRatio.from_data(data)
    assert error.value.message == message


@pytest.mark.parametrize("kind", sorted(DEFAULTS))
def test_the_defaults_load_and_are_stored_back_exactly(kind):
    """The JSON shape is unchanged: rows stored before the schemas load as they are."""
    assert json.dumps(SCHEMAS[kind].from_data(DEFAULTS[kind]).to_data()) == json.dumps(DEFAULTS[kind])


def test_rows_are_stored_in_order_whatever_order_they_came_in():
    assert FundTiers.from_data({"tiers": [[1000, 2], [0, 1]]}).to_data() == {"tiers": [[0, 1], [1000, 2]]}
    assert StarThresholds.from_data({"thresholds": [[60, 1], [85.5, 4]]}).to_data() == {
        "thresholds": [[85.5, 4], [60, 1]]
    }


def test_the_fund_of_a_village_follows_its_population():
    # DOMAIN.md part 1: under 1,000 people 50,000; 1,000-1,999 60,000; 2,000-2,999 80,000; 3,000+ 100,000.
    tiers = FundTiers.from_data(DEFAULTS["fund_tiers"])
    amounts = [tiers.amount(p) for p in (None, 0, 999, 1000, 1999, 2000, 3000, 50000)]
    assert amounts == [0, 50000, 50000, 60000, 60000, 80000, 100000, 100000]


def test_the_stars_follow_the_score():
    # DOMAIN.md part 2: 90 and above 5, 80 4, 70 3, 60 2, 50 1, below 50 none.
    thresholds = StarThresholds.from_data(DEFAULTS["star_thresholds"])
    scores = [Decimal("100"), Decimal("90"), Decimal("89.99"), 80, 70.5, 60, 50, Decimal("49.99"), 0]
    assert [thresholds.stars(s) for s in scores] == [5, 5, 4, 4, 3, 2, 1, 0, 0]
    assert StarThresholds.from_data({"thresholds": [[85.5, 4]]}).stars(Decimal("85.50")) == 4


def test_the_bonus_factors_of_a_cadre():
    # DOMAIN.md part 2: 优秀 1.2 ... 不称职 0; secretary and director 1.0, other positions 0.8.
    factors = BonusFactors.from_data(DEFAULTS["bonus_factors"])
    assert factors.grade_factor("优秀") == Fraction(6, 5) and factors.grade_factor("不称职") == 0
    assert factors.grade_factor(None) == 0  # no appraisal, no bonus
    assert factors.position_factor("党组织书记") == 1 and factors.position_factor("村委会委员") == Fraction(4, 5)


def test_the_tier_of_a_wealth_leader():
    # DOMAIN.md part 5: large = 50+ households or 50+ 万元; medium = 10+ or 10+; else small.
    tiers = LeaderTiers.from_data(DEFAULTS["leader_tiers"])
    cases = [(50, Decimal(1)), (2, Decimal(50)), (10, Decimal(0)), (0, Decimal(10)), (9, Decimal("9.99"))]
    assert [tiers.tier_of(h, i) for h, i in cases] == ["large", "large", "medium", "medium", "small"]
