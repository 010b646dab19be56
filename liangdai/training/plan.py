"""The rotation plan (轮训计划) as arithmetic, apart from the records (DOMAIN.md part 4): region,
city and county share a year's rotation training of the secretaries in the ratio of the rule
`training_ratio` (default 2:3:5); the counts are whole numbers that add up to the secretaries, and
the region's places go first to the secretaries of villages with three stars or more and of poor
villages."""

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from .models import Level

LEVELS = (Level.REGION, Level.CITY, Level.COUNTY)
STARS_FIRST = 3  # a village of this many stars or more sends its secretary to the region first


@dataclass(frozen=True)
class Secretary:
    person_id: int
    name: str
    village: str
    eligible: bool  # of a village with three stars or more, or of a poor village


def largest_remainder(total: int, parts: Sequence[int]) -> list[int]:
    """`total` shared in proportion to `parts` in whole numbers that add up to it: each part its
    whole share, then the places left to the largest remainders (a tie: the earlier part)."""
    weight = sum(parts)
    exact = [Fraction(total * p, weight) for p in parts]
    counts = [math.floor(x) for x in exact]
    order = sorted(range(len(parts)), key=lambda i: (counts[i] - exact[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def proposed_counts(total: int, ratio: tuple[int, int, int]) -> dict[str, int]:
    """How many of `total` secretaries each level trains under the ratio region:city:county."""
    return dict(zip(LEVELS, largest_remainder(total, ratio), strict=True))


def assign(secretaries: Sequence[Secretary], counts: dict[str, int]) -> dict[int, str]:
    """The level of each secretary: the region's places to the eligible secretaries first, then
    in village order, the city's and the county's to those left. `counts` add up to the secretaries."""
    ordered = sorted(secretaries, key=lambda s: (not s.eligible, s.village, s.person_id))
    levels = [level for level in LEVELS for _ in range(counts[level])]
    return {s.person_id: level for s, level in zip(ordered, levels, strict=True)}


def plan_day(year: int, today: dt.date) -> dt.date:
    """The day whose secretaries a plan of `year` takes: today within the year, else its first or
    last day."""
    return min(max(today, dt.date(year, 1, 1)), dt.date(year, 12, 31))


def year_gone(day: dt.date) -> Fraction:
    """How much of `day`'s year has gone by the end of `day`."""
    first = dt.date(day.year, 1, 1)
    days = (dt.date(day.year + 1, 1, 1) - first).days
    return Fraction((day - first).days + 1, days)
