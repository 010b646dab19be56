"""Plain helpers for the cadres tests: valid identity numbers, persons and holdings."""

import datetime as dt

from stdnum.cn import ric

from liangdai.cadres.models import Holding, Person

# 官厅镇's administrative villages, and one of 彭阳县 that the outsider may see.
V1, V2, V3 = "640402103200", "640402103201", "640402103202"
OTHER_TOWNSHIP_VILLAGE = "640402100200"
RESIDENTS = "640402100002"  # a residents' committee, not an administrative village
OUTSIDE = "640425103200"


def idno(birth: dt.date, serial: int = 1, male: bool = True, region: str = "640402") -> str:
    """A valid 18-character identity number: the 17th digit odd for a man, even for a woman."""
    body = f"{region}{birth:%Y%m%d}{serial % 100:02d}{(1 if male else 2) + 2 * (serial % 4)}"
    return body + ric.calc_check_digit(body + "0")  # it ignores the last character


def make_person(name: str = "张三", birth=dt.date(1970, 5, 1), serial: int = 1, male: bool = True, **extra) -> Person:
    number = idno(birth, serial, male)
    return Person.objects.create(id_number=number, name=name, birth_date=birth, sex="男" if male else "女", **extra)


def make_holding(
    village: str,
    person: Person,
    position: str = "党组织书记",
    start=dt.date(2015, 1, 1),
    end=None,
    end_reason: str = "",
    source: str = "本村产生",
) -> Holding:
    if end is not None and not end_reason:
        end_reason = "换届"
    return Holding.objects.create(
        village_id=village,
        person=person,
        position=position,
        start=start,
        end=end,
        end_reason=end_reason,
        source=source,
    )
