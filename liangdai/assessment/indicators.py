"""Figures of performance that pays (DOMAIN.md part 2): the star distribution of the last year
assessed, villages at 0 stars two years running, and the counties' bonus budgets."""

import datetime as dt

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_noop as N_

from liangdai.indicators.registry import Indicator, Query, figure_group, mean
from liangdai.org.divisions import administrative

from .models import BonusBudget, StarRating

STARS = N_("星级评定")
# Written out one by one so that each label is extracted for translation.
STAR_LABELS = {
    5: N_("5星村党组织"),
    4: N_("4星村党组织"),
    3: N_("3星村党组织"),
    2: N_("2星村党组织"),
    1: N_("1星村党组织"),
    0: N_("0星村党组织"),
}


def assessed_year(day: dt.date) -> int:
    """The last year that has ended by `day`: ratings, grades and bonuses are for a whole year."""
    return day.year if (day.month, day.day) == (12, 31) else day.year - 1


@figure_group(
    *(Indicator(f"stars_{n}", STAR_LABELS[n], N_("个"), STARS) for n in range(5, -1, -1)),
    Indicator("villages_rated", N_("已评定星级的村"), N_("个"), STARS),
    Indicator("star_avg_score", N_("星级评定平均得分"), N_("分"), STARS, 1),
    Indicator("zero_stars_two_years", N_("连续两年0星的村"), N_("个"), STARS),
    Indicator("bonus_budget", N_("村干部奖励总额（上一考核年度）"), N_("元"), STARS),
)
def star_figures(q: Query) -> dict:
    year = assessed_year(q.as_of)
    ratings = StarRating.objects.filter(administrative(), village__code__startswith=q.code)
    row = ratings.filter(year=year).aggregate(
        n=Count("pk"), total=Sum("score"), **{f"stars_{n}": Count("pk", filter=Q(stars=n)) for n in range(6)}
    )
    zero_before = ratings.filter(year=year - 1, stars=0).values("village_id")
    budgets = BonusBudget.objects.filter(county__code__startswith=q.code, year=year) if len(q.code) <= 6 else None
    budget = budgets.aggregate(total=Sum("amount"))["total"] if budgets is not None else None
    return {f"stars_{n}": row[f"stars_{n}"] for n in range(6)} | {
        "villages_rated": row["n"],
        "star_avg_score": mean(row["total"] or 0, row["n"]),
        "zero_stars_two_years": ratings.filter(year=year, stars=0, village_id__in=zero_before).count(),
        "bonus_budget": budget,
    }
