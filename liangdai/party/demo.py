"""Demo party-member development (发展党员) for a first run: in every village of the demo county a few
paths at each stage, dated so that each list and figure has something to show on the day the demo
is loaded: applicants, activists whose year has passed, development objects, members admitted and
converted this year, probations due soon, due and (in a village or two) overdue; a few villages
with no development object for two years; and wealth leaders on their way into the party, some
admitted this year (双培双带). Every path keeps the rules (`rules.path_errors`).

The new persons are saved through `cadres.services.person_save`, the stages through the 发展党员
sheet's checks and bulk service (`exchange.generated`), as the actor given (the system). A county
with development records already is left alone, so loading twice changes nothing."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from liangdai.cadres.demo import DemoPeople, day_between, quota
from liangdai.cadres.models import Person
from liangdai.cadres.services import person_save
from liangdai.core.dates import years_later
from liangdai.exchange.generated import rows_write
from liangdai.leaders.models import WealthLeader
from liangdai.org.models import Division

from .models import DevelopmentRecord, Stage

# kind of path -> chance that a village has one (applicants: one or two everywhere).
KINDS = {"activist_ready": 0.4, "candidate": 0.5, "admitted": 0.45, "converted": 0.45, "due_soon": 0.15, "due": 0.15}
QUIET_SHARE = 0.08  # villages with no development object for two years (a warning)
OVERDUE_VILLAGES = 1
LEADER_SHARE = 0.04  # of the leaders not in the party: on their way in, half admitted this year
STATUS = {Stage.PROBATIONARY: "中共预备党员", Stage.FULL: "中共党员"}


def _back(day: dt.date, years: int = 0, days: int = 0) -> dt.date:
    return years_later(day, -years) - dt.timedelta(days=days)


class _Paths:
    """Dated paths, each ending at the stage its kind names, relative to `today`."""

    def __init__(self, rng: random.Random, today: dt.date):
        self.rng, self.today, self.year_start = rng, today, dt.date(today.year, 1, 1)

    def _before(self, day: dt.date, least: int, most: int) -> dt.date:
        return day - dt.timedelta(days=self.rng.randint(least, most))

    def _up_to_candidate(self, candidate: dt.date) -> dict:
        activist = _back(candidate, 1, self.rng.randint(0, 120))
        return {Stage.APPLICANT: self._before(activist, 60, 300), Stage.ACTIVIST: activist, Stage.CANDIDATE: candidate}

    def _probation(self, probationary: dt.date) -> dict:
        return self._up_to_candidate(self._before(probationary, 30, 200)) | {Stage.PROBATIONARY: probationary}

    def make(self, kind: str) -> dict:
        rng, today = self.rng, self.today
        if kind == "applicant":
            return {Stage.APPLICANT: day_between(rng, _back(today, days=240), today)}
        if kind == "activist_ready":
            activist = _back(today, 1, rng.randint(5, 150))
            return {Stage.APPLICANT: self._before(activist, 60, 300), Stage.ACTIVIST: activist}
        if kind == "candidate":
            return self._up_to_candidate(day_between(rng, _back(today, days=300), today))
        if kind == "admitted":
            return self._probation(day_between(rng, self.year_start, today))
        if kind == "converted":
            full = day_between(rng, self.year_start, today)
            return self._probation(_back(full, 1, rng.randint(0, 20))) | {Stage.FULL: full}
        if kind == "due_soon":
            return self._probation(_back(today, 1, -rng.randint(1, 30)))
        if kind == "due":
            return self._probation(_back(today, 1, rng.randint(10, 200)))
        return self._probation(_back(today, 2, rng.randint(10, 100)))  # overdue


def _stage_rows(person: Person, village: str, path: dict) -> list[dict]:
    return [
        {"公民身份号码": person.id_number, "姓名": person.name, "党组织村代码": village, "阶段": stage, "日期": day}
        for stage, day in path.items()
    ]


def _village_kinds(rng: random.Random, codes: list[str], quiet: set[str]) -> dict[str, list[str]]:
    overdue = set(rng.sample([c for c in codes if c not in quiet], min(OVERDUE_VILLAGES, len(codes))))
    kinds = {}
    for code in codes:
        chosen = ["applicant"] * rng.randint(1, 2)
        named = [k for k, chance in KINDS.items() if rng.random() < chance and code not in quiet]
        if code not in quiet and not set(named) - {"activist_ready"}:
            named.append("candidate")  # a development object within two years: only the quiet ones lack it
        chosen += named
        kinds[code] = chosen + (["overdue"] if code in overdue else []) + (["activist_ready"] if code in quiet else [])
    return kinds


def _villagers(actor, rng: random.Random, county: str, kinds_by_village: dict, paths: _Paths) -> list[dict]:
    people = DemoPeople(rng, county, set(Person.objects.values_list("id_number", flat=True)))
    rows = []
    for code, kinds in kinds_by_village.items():
        for kind in kinds:
            path = paths.make(kind)
            last = list(path)[-1]
            person = people.new(rng.randint(19, 40), path[Stage.APPLICANT], male=0.6, member=0)
            person.political_status = STATUS.get(last, rng.choice(["群众", "共青团员"]))
            fields = ("nationality", "education", "political_status", "phone")
            person = person_save(actor=actor, id_number=person.id_number, name=person.name,
                                 **{f: getattr(person, f) for f in fields})  # fmt: skip
            rows += _stage_rows(person, code, path)
    return rows


def _leaders(rng: random.Random, county: str, quiet: set[str], paths: _Paths) -> list[dict]:
    """Wealth leaders outside the party, recognised years ago, on their way in: half of them
    admitted this year, the others applicants or activists (none in the quiet villages)."""
    leaders = WealthLeader.objects.filter(
        village__code__startswith=county, ended_on__isnull=True, recognised_on__lt=_back(paths.today, 3)
    ).exclude(person__political_status__in=list(STATUS.values()))
    leaders = leaders.exclude(village_id__in=quiet)
    chosen = sorted(quota(rng, list(leaders.select_related("person")), LEADER_SHARE), key=lambda w: w.pk)
    rows = []
    for index, leader in enumerate(chosen):
        path = paths.make("admitted" if index % 2 == 0 else rng.choice(["applicant", "activist_ready"]))
        rows += _stage_rows(leader.person, leader.village_id, path)
    return rows


@transaction.atomic
def demo_party(*, actor, county: str, today: dt.date | None = None) -> str:
    """Development paths in the demo county, unless it has development records already."""
    today = today or timezone.localdate()
    if DevelopmentRecord.objects.filter(village__code__startswith=county).exists():
        return f"发展党员演示数据：{county} 新增 0 条"
    rng = random.Random(f"{county}-party")
    codes = list(Division.objects.filter(is_village=True, code__startswith=county).values_list("code", flat=True))
    paths, quiet = _Paths(rng, today), quota(rng, codes, QUIET_SHARE)
    rows = _villagers(actor, rng, county, _village_kinds(rng, codes, quiet), paths)
    rows += _leaders(rng, county, quiet, paths)
    rows_write(actor=actor, sheets={"发展党员": rows}, action="演示数据")
    return f"发展党员演示数据：{county} 新增 {len(rows)} 条发展阶段记录"
