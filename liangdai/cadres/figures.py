"""Computations over holdings that both the indicators (a node, unscoped) and the selectors (the
actor's area) use; each takes the querysets to count, so the caller decides the scope.

Ages and "under 60" change every day, so they are counted by birth date in SQL (DESIGN.md, Scale):
a holder is under 60 on D when born after D minus 60 years, and the sum of completed ages is
n × year(D) − Σ year(birth) − (the holders whose birthday falls later in the year than D)."""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

from liangdai.core.dates import birth_date_at_most

from .models import HIGH_SCHOOL_OR_ABOVE, Education, Holding, Person, Position

SEAT_EMPTY_MONTHS = 3

# Age bands of the charts: (label, youngest age, oldest age or None).
AGE_BANDS = [
    (N_("35岁以下"), 0, 34),
    (N_("35-44岁"), 35, 44),
    (N_("45-54岁"), 45, 54),
    (N_("55-59岁"), 55, 59),
    (N_("60岁及以上"), 60, None),
]


def holds_on(start: dt.date, end: dt.date | None, day: dt.date) -> bool:
    """In office on `day` (DOMAIN.md): start ≤ D and (no end, or end ≥ D). The one definition, with
    `in_office_q` its form in SQL."""
    return start <= day and (end is None or end >= day)


def in_office_q(day: dt.date) -> Q:
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))


def in_office(holdings: QuerySet, day: dt.date) -> QuerySet:
    """Holdings in office on `day`."""
    return holdings.filter(in_office_q(day))


def secretaries_on(holdings: QuerySet, day: dt.date) -> QuerySet:
    return in_office(holdings.filter(position=Position.SECRETARY), day)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier; a missing day falls on the month's last."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _born_later_in_year(day: dt.date, field: str) -> Q:
    """Whose birthday comes after `day` in the calendar year (not yet a year older on `day`)."""
    return Q(**{f"{field}__month__gt": day.month}) | Q(**{f"{field}__month": day.month, f"{field}__day__gt": day.day})


def secretary_stats(holdings: QuerySet, day: dt.date) -> dict:
    """n, age_sum, under_60, high_school and director (one shoulder) of the secretaries on `day`."""
    director = in_office(
        Holding.objects.filter(person=OuterRef("person"), village=OuterRef("village"), position=Position.DIRECTOR),
        day,
    )
    row = (
        secretaries_on(holdings, day)
        .annotate(one_shoulder=Exists(director))
        .aggregate(
            n=Count("pk"),
            years=Sum(ExtractYear("person__birth_date")),
            later=Count("pk", filter=_born_later_in_year(day, "person__birth_date")),
            under_60=Count("pk", filter=Q(person__birth_date__gt=birth_date_at_most(day, 60))),
            high_school=Count("pk", filter=Q(person__education__in=HIGH_SCHOOL_OR_ABOVE)),
            director=Count("pk", filter=Q(one_shoulder=True)),
        )
    )
    n = row["n"]
    row["age_sum"] = n * day.year - (row["years"] or 0) - row["later"] if n else 0
    return row


def villages_staffed(holdings: QuerySet, day: dt.date) -> int:
    """Villages with a secretary in office on `day` and at least 3 distinct persons in office."""
    return (
        in_office(holdings, day)
        .values("village_id")
        .annotate(persons=Count("person", distinct=True), secretaries=Count("pk", filter=Q(position="党组织书记")))
        .filter(secretaries__gt=0, persons__gte=3)
        .order_by()
        .count()
    )


@dataclass
class Vacancy:
    village_id: str
    last_end: dt.date


def seat_vacancies(holdings: QuerySet, day: dt.date) -> list[Vacancy]:
    """Villages whose secretary's seat is empty on `day` and has been since a date more than
    3 months earlier: no 党组织书记 in office on D, and the last one left before D − 3 months."""
    limit = months_before(day, SEAT_EMPTY_MONTHS)
    rows = (
        holdings.filter(position=Position.SECRETARY, start__lte=day)
        .values("village_id")
        .annotate(serving=Count("pk", filter=in_office_q(day)), last_end=Max("end"))
        .filter(serving=0, last_end__lt=limit)
        .order_by("village_id")
    )
    return [Vacancy(r["village_id"], r["last_end"]) for r in rows]


def never_had_secretary(villages: QuerySet, holdings: QuerySet, day: dt.date) -> QuerySet:
    """Villages with no 党组织书记 holding recorded as started by `day` (listed as 无书记记录)."""
    started = holdings.filter(position=Position.SECRETARY, start__lte=day).values("village_id")
    return villages.exclude(code__in=started)


def _age_band_counts(persons: QuerySet, day: dt.date) -> list[int]:
    aggregates = {}
    for i, (_label, youngest, oldest) in enumerate(AGE_BANDS):
        q = Q(birth_date__lte=birth_date_at_most(day, youngest))
        if oldest is not None:
            q &= Q(birth_date__gt=birth_date_at_most(day, oldest + 1))
        aggregates[f"b{i}"] = Count("pk", filter=q)
    row = persons.aggregate(**aggregates)
    return [row[f"b{i}"] for i in range(len(AGE_BANDS))]


def _education_counts(persons: QuerySet) -> list[int]:
    found = dict(persons.values_list("education").annotate(n=Count("pk")).order_by())
    return [found.get(e, 0) for e in Education.values] + [found.get("", 0)]


# The chart's education categories (Education's values, then the blank), written out one by one so
# that each is extracted for translation.
EDUCATION_LABELS = [
    N_("小学及以下"),
    N_("初中"),
    N_("高中"),
    N_("中专"),
    N_("大专"),
    N_("本科"),
    N_("研究生"),
    N_("未填"),
]


def distributions(holdings: QuerySet, day: dt.date) -> dict:
    """Age and education of the secretaries and of every cadre in office on `day` (each person once)."""
    secretaries = Person.objects.filter(pk__in=secretaries_on(holdings, day).values("person_id"))
    cadres = Person.objects.filter(pk__in=in_office(holdings, day).values("person_id"))
    return {
        "age": {
            "labels": [gettext(b[0]) for b in AGE_BANDS],
            "secretaries": _age_band_counts(secretaries, day),
            "cadres": _age_band_counts(cadres, day),
        },
        "education": {
            "labels": [gettext(label) for label in EDUCATION_LABELS],
            "secretaries": _education_counts(secretaries),
            "cadres": _education_counts(cadres),
        },
    }
