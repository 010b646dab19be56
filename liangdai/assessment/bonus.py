"""The bonus allocation (DOMAIN.md part 2, default rule): every cadre holding a position in the
county on 31 December of the year shares, once, at the highest position factor; the weight is the
stars of that position's village that year × the grade factor × the position factor; one without
an appraisal for the year gets nothing. The budget is shared in proportion to the weights and
rounded to whole yuan by largest remainder, so the shares add up exactly to the budget (ties: the
lower identity number first)."""

import datetime as dt
import math
from dataclasses import dataclass
from fractions import Fraction

from liangdai.cadres.figures import in_office
from liangdai.cadres.models import Holding
from liangdai.core.errors import DomainError, NotFound
from liangdai.org.models import Division, Level
from liangdai.org.scoping import check_code
from liangdai.rules.schemas import BonusFactors
from liangdai.rules.selectors import rule_for

from .models import Appraisal, StarRating


@dataclass
class Share:
    id_number: str
    name: str
    village_id: str
    position: str
    stars: int
    grade: str | None  # None: no appraisal for the year
    weight: Fraction
    yuan: int = 0


def _candidates(county: str, year: int, factors: BonusFactors) -> list[Share]:
    """Each cadre in office on 31 December once, at their best holding: the highest position
    factor, then the most stars, then the lowest village code."""
    last_day = dt.date(year, 12, 31)
    holdings = in_office(Holding.objects.filter(village__code__startswith=county), last_day).select_related("person")
    stars = dict(
        StarRating.objects.filter(village__code__startswith=county, year=year).values_list("village_id", "stars")
    )
    grades = dict(
        Appraisal.objects.filter(year=year, person__in=holdings.values("person")).values_list("person_id", "grade")
    )
    best: dict[str, tuple] = {}
    for h in holdings:
        position_factor = factors.position_factor(h.position)
        grade = grades.get(h.person_id)
        grade_factor = factors.grade_factor(grade)
        village_stars = stars.get(h.village_id, 0)
        share = Share(
            h.person.id_number,
            h.person.name,
            h.village_id,
            h.position,
            village_stars,
            grade,
            village_stars * grade_factor * position_factor,
        )
        rank = (position_factor, village_stars, _descending(h.village_id))
        if h.person.id_number not in best or rank > best[h.person.id_number][0]:
            best[h.person.id_number] = (rank, share)
    return [share for _, share in best.values()]


def _descending(code: str) -> tuple:
    """Orders codes so that the lower code ranks higher."""
    return tuple(-int(c) for c in code)


def largest_remainder(budget: int, weights: dict[str, Fraction]) -> dict[str, int]:
    """Whole-yuan shares of `budget` in proportion to `weights`, adding up exactly to it: each gets
    the floor of its exact share, and the yuan left over go one each to the largest remainders,
    the lower identity number first on a tie."""
    total = sum(weights.values())
    if total <= 0:
        raise DomainError("没有可分配的权重：该县该年度在任村干部所在村均为0星或均无考核等次")
    exact = {key: budget * w / total for key, w in weights.items()}
    shares = {key: math.floor(value) for key, value in exact.items()}
    left = budget - sum(shares.values())
    by_remainder = sorted((key for key in weights if weights[key] > 0), key=lambda k: (-(exact[k] - shares[k]), k))
    for key in by_remainder[:left]:
        shares[key] += 1
    return shares


def bonus_allocate(*, actor, county: str, year: int, budget: int) -> list[Share]:
    """The default allocation of `budget` yuan among the cadres of `county` for `year`, in
    identity-number order."""
    check_code(actor, county)
    division = Division.objects.filter(code=county).first()
    if division is None:
        raise NotFound(county)
    if division.level != Level.COUNTY:
        raise DomainError(f"{division.name}（{county}）不是县级区划，奖励按县分配")
    if isinstance(budget, bool) or not isinstance(budget, int) or budget < 0:
        raise DomainError("奖励总额应为不小于0的整数（元）")
    shares = sorted(_candidates(county, year, rule_for("bonus_factors", year, county)), key=lambda s: s.id_number)
    if not shares:
        raise DomainError(f"{county} 在{year}年12月31日没有在任的村干部")
    allocated = largest_remainder(budget, {s.id_number: s.weight for s in shares})
    for share in shares:
        share.yuan = allocated[share.id_number]
    return shares
