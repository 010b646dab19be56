"""Training classes and enrolments of the national shape (`shape.py`): in 2018 and 2019, every
province holds two demonstration classes at its demonstration base (自治区 level), every city and
county its secretaries' rotation classes, every township two classes for its cadres. Secretaries
go to the province's, the city's or the county's in the 2:3:5 ratio of the rotation plan (DOMAIN.md
part 4), the other cadres and the wealth leaders to their township's: about 20 enrolments a
village, a few not completed."""

import datetime as dt
import random

from rows import day_between, insert, next_id

AS_OF = dt.date(2019, 10, 31)
YEARS = (2018, 2019)
NOT_COMPLETED = 0.03
CLASS_COLUMNS = ["id", "name", "level", "base", "is_demo", "start", "end", "division", "subject"]


def _dates(rnd: random.Random, year: int) -> tuple[dt.date, dt.date]:
    """A class of three to five days held in `year`, over by the as-of day."""
    last = min(dt.date(year, 12, 31), AS_OF) - dt.timedelta(days=5)
    start = day_between(rnd, dt.date(year, 1, 1), last)
    return start, start + dt.timedelta(days=rnd.randint(2, 4))


class Classes:
    """The classes a batch of villages may enrol in: (level, division code, year) -> class ids.
    The provinces' and cities' are made once for the run (`shared`), the counties' and
    townships' with their batch (`for_batch`, written by `write`)."""

    def __init__(self, ids: dict, new: list | None = None):
        self.ids, self.new = ids, new or []

    @classmethod
    def shared(cls, prefix: str, seed: int) -> "Classes":
        """The provinces' bases and demonstration classes and the cities' classes under `prefix`
        (a province or the country), those on record kept."""
        from django.db import transaction

        from liangdai.org.models import Division
        from liangdai.training.models import TrainingBase, TrainingClass

        above = Division.objects.filter(level__in=[1, 2], code__startswith=prefix).order_by("code")
        bases = {p.code: f"{p.name}示范培训基地" for p in above if p.level == 1}
        known = set(TrainingBase.objects.filter(name__in=bases.values()).values_list("name", flat=True))
        counties = Division.objects.filter(level=3, code__startswith=prefix).order_by("code")
        first_county = {}
        for code in counties.values_list("code", flat=True):
            first_county.setdefault(code[:2], code)
        planned = []
        for d in above:
            rnd = random.Random(f"{seed}-classes-{d.code}")
            for year in YEARS:
                if d.level == 1:
                    planned += [(("自治区", d.code, year), f"{year}年{d.name}村党组织书记示范培训班（第{n}期）",
                                 bases[d.code], True, *_dates(rnd, year)) for n in (1, 2)]  # fmt: skip
                else:
                    planned.append((("市", d.code, year), f"{year}年{d.name}村党组织书记轮训班（{d.code}）", "",
                                    False, *_dates(rnd, year)))  # fmt: skip
        on_record = dict(TrainingClass.objects.filter(name__in=[p[1] for p in planned]).values_list("name", "id"))
        classes, ids = cls({}), next_id(TrainingClass)
        for key, name, base, demo, start, end in planned:
            if name not in on_record:
                on_record[name] = ids
                classes.new.append((ids, name, key[0], base, demo, start, end, key[1], "村党组织书记轮训"))
                ids += 1
            classes.ids.setdefault(key, []).append(on_record[name])
        with transaction.atomic():
            rows = [(name, first_county.get(p), True) for p, name in bases.items() if name not in known]
            insert(TrainingBase, ["name", "county", "is_demo"], [r for r in rows if r[1]])
            classes.write()
        return classes

    def for_batch(self, villages: list[str], rnd: random.Random) -> "Classes":
        """These classes and those of the batch's counties and townships (two a year each)."""
        from liangdai.org.models import Division
        from liangdai.training.models import TrainingClass

        codes = sorted({v[:6] for v in villages} | {v[:9] for v in villages})
        names = dict(Division.objects.filter(code__in=codes).values_list("code", "name"))
        batch, ids = Classes(dict(self.ids)), next_id(TrainingClass)
        for code in codes:
            county = len(code) == 6
            for year in YEARS:
                for n in (1, 2):
                    name = (f"{year}年{names.get(code, code)}村党组织书记轮训班（第{n}期，{code}）" if county
                            else f"{year}年{names.get(code, code)}村干部培训班（第{n}期，{code}）")  # fmt: skip
                    level, subject = ("县", "村党组织书记轮训") if county else ("乡镇", "村干部培训")
                    batch.new.append((ids, name, level, "", False, *_dates(rnd, year), code, subject))
                    batch.ids.setdefault((level, code, year), []).append(ids)
                    ids += 1
        return batch

    def pick(self, rnd: random.Random, level: str, code: str, year: int) -> int | None:
        options = self.ids.get((level, code, year))
        return rnd.choice(options) if options else None

    def write(self) -> int:
        from liangdai.training.models import TrainingClass

        written = insert(TrainingClass, CLASS_COLUMNS, self.new)
        self.new = []
        return written


def _secretary_class(classes: Classes, rnd, code: str) -> int | None:
    """The province's, the city's or the county's class of 2019, in the ratio 2:3:5."""
    level = rnd.choices(["自治区", "市", "县"], [2, 3, 5])[0]
    where = {"自治区": code[:2], "市": code[:4], "县": code[:6]}[level]
    return classes.pick(rnd, level, where, 2019) or classes.pick(rnd, "县", code[:6], 2019)


def enrol(b, rnd, code: str, holders: list, leaders: list[tuple]) -> None:
    """Secretaries in office: a 2019 secretaries' class (80 %), the county's of 2018 (50 %);
    other cadres in office: a class of their township in each year they held a position (90 %,
    80 %), both of 2019 for 40 % of them; former secretaries: the county's of 2018 (50 %); wealth
    leaders still registered: their township's of 2019 (90 %) and, recognised by then, of 2018
    (60 %)."""
    seen: set[tuple[int, int]] = set()

    def add(training_class: int | None, person: int) -> None:
        if training_class is not None and (training_class, person) not in seen:
            seen.add((training_class, person))
            b.rows["enrolments"].append((training_class, person, rnd.random() >= NOT_COMPLETED))

    for h in holders:
        for training_class in _cadre_classes(b.classes, rnd, code, h):
            add(training_class, h.person)
    for leader in leaders:
        person, recognised, ended = leader[1], leader[-3], leader[-2]
        for year, chance in ((2019, 0.9), (2018, 0.6)):
            if ended is None and recognised.year <= year and rnd.random() < chance:
                add(b.classes.pick(rnd, "乡镇", code[:9], year), person)


def _cadre_classes(classes: Classes, rnd, code: str, h) -> list[int | None]:
    in_2018 = h.held(dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    if h.secretary:
        return [_secretary_class(classes, rnd, code) if rnd.random() < 0.8 else None,
                classes.pick(rnd, "县", code[:6], 2018) if in_2018 and rnd.random() < 0.5 else None]  # fmt: skip
    if h.in_office():
        both = rnd.random() < 0.4  # both of the township's classes of 2019
        return [*(classes.ids.get(("乡镇", code[:9], 2019), []) if both else []),
                classes.pick(rnd, "乡镇", code[:9], 2019) if rnd.random() < 0.9 else None,
                classes.pick(rnd, "乡镇", code[:9], 2018) if in_2018 and rnd.random() < 0.8 else None]  # fmt: skip
    return [classes.pick(rnd, "县", code[:6], 2018) if in_2018 and rnd.random() < 0.5 else None]
