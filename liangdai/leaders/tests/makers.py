"""Plain `make_*` helpers for the tests of leaders, party, training and assessment."""

import datetime as dt

from stdnum.cn import ric

from liangdai.cadres.models import Holding, Person

# 官厅镇's administrative villages (the clerk's area), another of 原州区, and one of 彭阳县.
V1, V2, V3 = "640402103200", "640402103201", "640402103202"
OTHER_TOWNSHIP = "640402100200"
OUTSIDE = "640425103208"

PERSON_HEADER = ["姓名", "公民身份号码", "性别", "民族", "学历", "政治面貌", "联系电话"]
HOLDING_HEADER = [*PERSON_HEADER, "村代码", "职务", "任职日期", "任职来源", "离任日期", "离任原因"]
LEADER_HEADER = [
    *PERSON_HEADER,
    "村代码",
    "产业类型",
    "主营项目",
    "经营规模",
    "规模单位",
    "年收入",
    "带动户数",
    "带动人数",
    "带动脱贫户数",
    "来源",
    "认定日期",
]
DEVELOPMENT_HEADER = ["公民身份号码", "姓名", "党组织村代码", "阶段", "日期"]
TRAINING_HEADER = [
    "培训班名称",
    "举办层级",
    "培训基地",
    "是否示范班",
    "开始日期",
    "结束日期",
    "学员公民身份号码",
    "学员姓名",
    "是否结业",
]
STAR_HEADER = ["村代码", "年度", "得分", "星级", "是否软弱涣散", "软弱涣散原因"]
APPRAISAL_HEADER = ["公民身份号码", "年度", "考核等次"]


def idno(birth: dt.date, serial: int = 1, male: bool = True, region: str = "640402") -> str:
    """A valid identity number: the 17th digit odd for a man, even for a woman."""
    body = f"{region}{birth:%Y%m%d}{serial % 100:02d}{(1 if male else 2) + 2 * (serial % 4)}"
    return body + ric.calc_check_digit(body + "0")


def make_person(name: str = "张三", birth=dt.date(1970, 5, 1), serial: int = 1, male: bool = True, **extra) -> Person:
    return Person.objects.create(
        id_number=idno(birth, serial, male), name=name, birth_date=birth, sex="男" if male else "女", **extra
    )


def make_holding(village: str, person: Person, position="党组织书记", start=dt.date(2015, 1, 1), end=None) -> Holding:
    return Holding.objects.create(
        village_id=village, person=person, position=position, start=start, end=end, end_reason="换届" if end else ""
    )


def make_leader(person: Person, village: str = V1, **extra):
    from liangdai.leaders.models import WealthLeader

    values = {
        "industry": "种植业",
        "income": 5,
        "households": 5,
        "people": 12,
        "source": "就地培养",
        "recognised_on": dt.date(2018, 1, 1),
    }
    return WealthLeader.objects.create(person=person, village_id=village, **(values | extra))


def make_record(person: Person, stage: str, date: dt.date, village: str = V1):
    from liangdai.party.models import DevelopmentRecord

    return DevelopmentRecord.objects.create(person=person, village_id=village, stage=stage, date=date)


def make_class(name="培训班", level="县", start=dt.date(2019, 3, 1), end=dt.date(2019, 3, 5), **extra):
    from liangdai.training.models import TrainingClass

    return TrainingClass.objects.create(name=name, level=level, start=start, end=end, **extra)


def make_enrolment(training_class, person: Person, completed: bool = True):
    from liangdai.training.models import Enrolment

    return Enrolment.objects.create(training_class=training_class, person=person, completed=completed)


def make_rating(village: str, year: int, stars: int, score=None):
    from liangdai.assessment.models import StarRating

    return StarRating.objects.create(village_id=village, year=year, stars=stars, score=score or 50 + 10 * stars)


def make_appraisal(person: Person, year: int, grade: str = "称职"):
    from liangdai.assessment.models import Appraisal

    return Appraisal.objects.create(person=person, year=year, grade=grade)


def person_row(person: Person, education="高中", political="群众") -> list:
    return [person.name, person.id_number, "", "汉族", education, political, ""]


def errors_of(result) -> list[tuple]:
    return [(e.sheet, e.row, e.column, e.message) for e in result.errors]


LEADER_NUMBER = idno(dt.date(1975, 3, 8), 7)


def leader_row(**change) -> list:
    """A valid 致富带头人 row (马金花 of 官厅村), with the cells of `change` replaced."""
    values = {
        "姓名": "马金花",
        "公民身份号码": LEADER_NUMBER,
        "性别": "男",
        "民族": "回族",
        "学历": "初中",
        "政治面貌": "群众",
        "联系电话": "13800000001",
        "村代码": V1,
        "产业类型": "养殖业",
        "主营项目": "肉牛",
        "经营规模": 120,
        "规模单位": "头",
        "年收入": 30.5,
        "带动户数": 12,
        "带动人数": 40,
        "带动脱贫户数": 6,
        "来源": "回引",
        "认定日期": dt.date(2018, 4, 1),
    } | change
    return [values[h] for h in LEADER_HEADER]
