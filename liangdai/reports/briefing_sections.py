"""The briefing's sections, in the order and manner of the practice's report (DOMAIN.md; the seed
report): each sentence states figures of the registry and names them, so a test can check every
number against the registry and the appendix can list every figure used. A figure whose records
are missing is never stated: its sentence says there are no records instead."""

import string
from dataclasses import dataclass, field

from liangdai.assessment.indicators import assessed_year
from liangdai.indicators.registry import REGISTRY, Query
from liangdai.leaders.indicators import INDUSTRY_IDS

from . import numbers
from .briefing_charts import Chart

STAR_NAMES = ["五星级", "四星级", "三星级", "二星级", "一星级", "零星级"]
STAR_IDS = [f"stars_{n}" for n in range(5, -1, -1)]
TIER_IDS = {"大型": "leaders_large", "中型": "leaders_medium", "小型": "leaders_small"}
SOURCE_IDS = {"就地培养": "leaders_local", "回引": "leaders_returned", "外引": "leaders_recruited"}
INCOME_IDS = (
    "income_villages",
    "income_median",
    "income_mean",
    "income_growth",
    "income_growth_since_first",
    "income_fell_back",
)


@dataclass(frozen=True)
class Sentence:
    text: str
    ids: tuple[str, ...] = ()  # the registry figures it states, in the order it states them


@dataclass
class Section:
    title: str
    paragraphs: list[list[Sentence]] = field(default_factory=list)
    charts: list[tuple[Chart, tuple[str, ...]]] = field(default_factory=list)  # with the ids drawn


class Facts:
    """A node's figures and the words around them (its name, the date line, the period)."""

    def __init__(self, name: str, query: Query, values: dict):
        self.values = values
        self.code = query.code
        self.context = {
            "name": name,
            "date": numbers.as_of_line(query.as_of),
            "period": numbers.period(query.start, query.as_of),
            "year": query.as_of.year,
            "assessed": assessed_year(query.as_of),
        }

    def __getitem__(self, indicator_id: str):
        return self.values[indicator_id]

    def say(self, template: str) -> Sentence:
        """`template` with each {figure id} written as the report writes it; {name}, {date},
        {period}, {year} and {assessed} are the words around them. A figure without a value
        cannot be said."""
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f]
        ids = tuple(f for f in fields if f not in self.context)
        missing = [i for i in ids if self.values[i] is None]
        if missing:
            raise ValueError(f"no value for {missing}")
        texts = {i: numbers.number(REGISTRY.get(i), self.values[i]) for i in ids}
        return Sentence(template.format(**self.context, **texts), ids)

    def said_or_none(self, lead: str, template: str, none: str) -> Sentence:
        """`template` when the `lead` figure has records (a value other than None or 0), else `none`."""
        return self.say(template if self.values[lead] else none)

    def number(self, indicator_id: str) -> str:
        return numbers.number(REGISTRY.get(indicator_id), self.values[indicator_id])

    def chart(self, title: str, labels: list[str], ids: list[str]) -> tuple[Chart, tuple]:
        """A bar per figure, labelled as the sentences write it."""
        values = [float(self.values[i] or 0) for i in ids]
        return Chart(title, labels, values, [self.number(i) for i in ids]), tuple(ids)


def places(f: Facts) -> Section:
    section = Section("一、场所、资金、人员（解决“三缺”问题）")
    if not f["villages"]:
        section.paragraphs.append([f.say("{name}暂无行政村记录，场所、资金、人员各项不作统计。")])
        return section
    venues = [
        f.said_or_none(
            "venues_built",
            "{period}，{name}新建和扩建村级组织活动场所{venues_built}个。",
            "{period}，{name}暂无新建和扩建村级组织活动场所记录。",
        ),
        f.said_or_none(
            "venues_ge_200",
            "{date}，{villages}个行政村中，活动场所面积200平方米以上的{venues_ge_200}个，占{venues_ge_200_share}，"
            "其中500平方米以上的占{venues_ge_500_share}；",
            "{date}，{villages}个行政村中暂无面积200平方米以上的活动场所记录；",
        ),
        f.say("缺场地（无场所或面积不足200平方米）的村{villages_lacking_place}个。"),
    ]
    money = [
        f.said_or_none(
            "fund_allocated",
            "{year}年各村按人口核定为民服务资金{fund_allocated}元，本年度无资金的村{villages_lacking_money}个。",
            "{year}年度暂无为民服务资金记录（各村人口未登记）。",
        ),
        f.said_or_none(
            "fund_spent",
            "{period}，资金支出{fund_spent}元。",
            "{period}，暂无为民服务资金支出记录。",
        ),
    ]
    if f["fund_spent_share"] is not None:
        money.append(f.say("本年度资金使用率{fund_spent_share}。"))
    people = [
        f.said_or_none(
            "cadres_in_office",
            "{date}，在任村“两委”干部{cadres_in_office}人；缺人（无书记或干部不足3人）的村"
            "{villages_lacking_people}个，书记空缺超过3个月的村{secretary_seat_empty_3m}个。",
            "暂无村“两委”干部任职记录。",
        )
    ]
    section.paragraphs += [venues, money, people]
    return section


def secretaries(f: Facts) -> Section:
    sentence = f.said_or_none(
        "secretaries",
        "{date}，{name}在任村党组织书记{secretaries}名，平均年龄{secretary_avg_age}岁，60岁以下的占"
        "{secretary_under_60_share}，高中以上学历的占{secretary_high_school_share}，致富带头人占"
        "{secretary_wealth_leader_share}，书记、主任“一肩挑”的占{secretary_director_share}。",
        "{date}，{name}暂无在任村党组织书记记录。",
    )
    return Section("二、建强书记队伍", [[sentence]])


def stars(f: Facts) -> Section:
    section = Section("三、以绩取酬与星级评定")
    if f["villages_rated"]:
        counts = "、".join(f"{name}{{{i}}}个" for name, i in zip(STAR_NAMES, STAR_IDS, strict=True))
        rated = [
            f.say(
                "{assessed}年度，{villages_rated}个村党组织参加星级评定，平均得分{star_avg_score}分，"
                f"其中{counts}；"
            ),
            f.say("连续两年零星级的村{zero_stars_two_years}个。"),
        ]
        section.charts.append(f.chart("各星级村党组织数（个）", STAR_NAMES, STAR_IDS))
    else:
        rated = [f.say("{assessed}年度暂无星级评定记录。")]
    if len(f.code) > 6:  # budgets are a county's: a township or village has none of its own
        bonus = f.say("村干部绩效考核奖励总额由县（区）核定，本级不作统计。")
    elif f["bonus_budget"] is None:
        bonus = f.say("暂无{assessed}年度村干部奖励总额记录。")
    else:
        bonus = f.say("{assessed}年度，{name}投入村干部绩效考核奖励{bonus_budget}元，按星级和考核等次分配。")
    section.paragraphs += [rated, [bonus]]
    return section


def choosing(f: Facts) -> Section:
    replaced = f.said_or_none(
        "secretaries_replaced",
        "{period}，{name}调整撤换村党组织书记{secretaries_replaced}名。",
        "{period}，{name}暂无调整撤换村党组织书记记录。",
    )
    weak = f.said_or_none(
        "weak_flagged",
        "{year}年度排查认定软弱涣散村党组织{weak_flagged}个，已整顿销号{weak_rectified}个。",
        "{year}年度暂无软弱涣散村党组织记录。",
    )
    return Section("四、选优配强与撤换", [[replaced, weak]])


def training(f: Facts) -> Section:
    rotation = [
        f.say(
            "{period}，自治区、市、县三级分别培训学员{trainees_region}、{trainees_city}、{trainees_county}人次，"
            "比例为{training_ratio}。"
            if f["training_ratio"]
            else "{period}，暂无自治区、市、县级培训结业记录。"
        )
    ]
    if f["trainees_township"]:
        rotation.append(f.say("乡镇级培训{trainees_township}人次。"))
    demo = f.said_or_none(
        "demo_classes",
        "{name}学员参加自治区示范培训班{demo_classes}个（示范培训基地{demo_bases}个），共{demo_trainees}名。",
        "{period}，暂无自治区示范培训班记录。",
    )
    if f["secretary_training_share"] is None:
        coverage = f.say("暂无在任村党组织书记记录，培训覆盖情况不作统计。")
    elif f["secretaries_untrained"]:
        coverage = f.say(
            "在任村党组织书记中，期间参加培训的占{secretary_training_share}，尚有{secretaries_untrained}名未参加培训。"
        )
    else:
        coverage = f.say("在任村党组织书记期间参加培训的占{secretary_training_share}，实现全覆盖。")
    return Section("五、教育培训", [rotation + [demo, coverage]])


def leaders(f: Facts) -> Section:
    section = Section("六、致富带头人与双培双带")
    if f["wealth_leaders"]:
        tiers = "、".join(f"{name}{{{i}}}名" for name, i in TIER_IDS.items())
        sources = "、".join(f"{name}{{{i}}}名" for name, i in SOURCE_IDS.items())
        # The values, not the labels: the briefing is in Chinese whatever the language of the page.
        industries = "、".join(f"{s.value}{{{i}}}名" for s, i in INDUSTRY_IDS.items() if f[i])
        section.paragraphs.append(
            [
                f.say("{date}，{name}共有致富带头人{wealth_leaders}名，带动{people_driven}人发展生产、增加收入。"),
                f.say(f"按规模分，{tiers}；按来源分，{sources}；按产业分，{industries}。"),
                _support(f),
            ]
        )
        section.paragraphs.append(
            [
                f.say("致富带头人中有党员{leaders_party_members}名，占{leaders_party_member_share}。"),
                f.say(
                    "{period}，致富带头人发展为党员{leaders_into_party}名、进入村“两委”{leaders_into_cadres}名，"
                    "党员培养成致富带头人{members_into_leaders}名，村干部培养成致富带头人{cadres_into_leaders}名。"
                ),
            ]
        )
        classes = TIER_IDS | SOURCE_IDS
        section.charts.append(f.chart("致富带头人按规模和来源（名）", list(classes), list(classes.values())))
    else:
        section.paragraphs.append([f.say("{date}，{name}暂无致富带头人记录。")])
    admitted = f["probationary_admitted"] or f["members_converted"]
    section.paragraphs.append(
        [
            f.say(
                "{period}，{name}发展党员（新预备党员）{probationary_admitted}名，预备党员转正{members_converted}名。"
                if admitted
                else "{period}，{name}暂无发展党员记录。"
            )
        ]
    )
    return section


def _support(f: Facts) -> Sentence:
    if not f["support_count"]:
        return f.say("{period}，暂无优先扶持记录。")
    amount = "，扶持金额{support_amount}元" if f["support_amount"] else ""
    return f.say("{period}，给予致富带头人优先扶持{support_count}次" + amount + "。")


def outcomes(f: Facts) -> Section:
    driven = f.said_or_none(
        "wealth_leaders",
        "{date}，致富带头人带动{households_driven}户，其中脱贫户{poor_households_driven}户。",
        "暂无致富带头人带动农户的记录。",
    )
    return Section("七、成效", [[driven, _incomes(f)]])


def _incomes(f: Facts) -> Sentence:
    """Per-capita net income of the as-of year (人均纯收入, DOMAIN.md part 7); growth on the same
    footing only where both years are recorded."""
    if not all(i in f.values for i in INCOME_IDS) or not f["income_villages"]:
        return f.say("{year}年度暂无村人均纯收入记录。")
    text = "{year}年，填报人均纯收入的行政村{income_villages}个，"
    text += "村人均纯收入中位数{income_median}元、平均数{income_mean}元"
    if f["income_growth"] is not None:
        text += "，同口径比上年增长{income_growth}"
    if f["income_growth_since_first"] is not None:
        text += "，比首个记录年度增长{income_growth_since_first}"
    if f["income_fell_back"] is not None:
        text += "；比上年下降的村{income_fell_back}个"
    return f.say(text + "。")


SECTIONS = [places, secretaries, stars, choosing, training, leaders, outcomes]
