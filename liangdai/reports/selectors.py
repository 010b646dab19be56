"""Reads behind the node pages: the node, its ancestors, its figures, its children, the venue
chart and search. Every read starts from the actor's area (`org.scoping`)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Substr

from liangdai.indicators.registry import REGISTRY, Indicator, Query, share
from liangdai.org.models import Division, Level
from liangdai.org.scoping import in_area, scope
from liangdai.villages.indicators import fund_by_village
from liangdai.villages.models import Spending, Venue

SEARCH_LIMIT = 20
# What a search box reads: a division's name holds at most 100 characters, its code 12 digits.
SEARCH_MAX_LENGTH = Division._meta.get_field("name").max_length


def ancestors(actor, node: Division) -> list[tuple[Division, bool]]:
    """The node's ancestors, top first, each with whether the actor may open it."""
    prefixes = [node.code[:n] for n in (2, 4, 6, 9) if n < len(node.code)]
    found = Division.objects.filter(code__in=prefixes).order_by("code")
    return [(d, in_area(actor, d.code)) for d in found]


@dataclass
class Figure:
    indicator: Indicator
    value: object


def node_figures(node: Division, as_of: dt.date, start: dt.date) -> list[tuple[str, list[Figure]]]:
    """Every registered figure for the node, grouped by section in registry order."""
    values = REGISTRY.compute(Query.of(node.code, as_of, start))
    sections: dict[str, list[Figure]] = {}
    for indicator in REGISTRY.indicators():
        sections.setdefault(indicator.section or "其他", []).append(Figure(indicator, values.get(indicator.id)))
    return list(sections.items())


def _by_prefix(qs: QuerySet, field: str, length: int, **aggregates) -> dict[str, dict]:
    """Aggregates of `qs` grouped by the first `length` digits of the code in `field`."""
    rows = qs.annotate(prefix=Substr(field, 1, length)).values("prefix").annotate(**aggregates).order_by()
    return {row.pop("prefix"): row for row in rows}


def _spent(node: Division, as_of: dt.date, start: dt.date, length: int) -> dict[str, dict]:
    spending = Spending.objects.filter(
        village__is_village=True, village__code__startswith=node.code, date__range=(start, as_of)
    )
    return _by_prefix(spending, "village_id", length, spent=Sum("amount"))


def child_rows(node: Division, as_of: dt.date, start: dt.date) -> list[dict]:
    """The node's children (cities, counties or townships) with a few cheap figures each, in a
    handful of grouped queries whatever the number of children."""
    children = list(Division.objects.filter(parent=node).order_by("code"))
    if not children:
        return []
    length = len(children[0].code)
    villages = _by_prefix(
        Division.objects.filter(is_village=True, code__startswith=node.code), "code", length, n=Count("code")
    )
    venues = _by_prefix(
        Venue.objects.filter(village__is_village=True, village__code__startswith=node.code),
        "village_id",
        length,
        venues=Count("pk"),
        ge_200=Count("pk", filter=Q(area__gte=200)),
        ge_500=Count("pk", filter=Q(area__gte=500)),
    )
    funds: dict[str, int] = {}
    for village, amount in fund_by_village(node.code, as_of.year).items():
        funds[village[:length]] = funds.get(village[:length], 0) + amount
    spent = _spent(node, as_of, start, length)
    rows = []
    for child in children:
        n = villages.get(child.code, {}).get("n", 0)
        venue = venues.get(child.code, {})
        rows.append(
            {
                "division": child,
                "villages": n,
                "venues": venue.get("venues", 0),
                "ge_200_share": share(venue.get("ge_200", 0), n),
                "ge_500_share": share(venue.get("ge_500", 0), n),
                "fund": funds.get(child.code, 0),
                "spent": spent.get(child.code, {}).get("spent") or 0,
            }
        )
    return rows


def village_rows(node: Division, as_of: dt.date, start: dt.date) -> list[dict]:
    """The administrative villages of a township with their profile, venue, fund and spending."""
    villages = (
        Division.objects.filter(parent=node, is_village=True).select_related("villageprofile", "venue").order_by("code")
    )
    funds = fund_by_village(node.code, as_of.year)
    spent = _spent(node, as_of, start, 12)
    return [
        {
            "division": v,
            "profile": getattr(v, "villageprofile", None),
            "venue": getattr(v, "venue", None),
            "fund": funds.get(v.code, 0),
            "spent": spent.get(v.code, {}).get("spent") or 0,
        }
        for v in villages
    ]


VENUE_BANDS = ["无场所", "不足200㎡", "200–499㎡", "500㎡及以上"]


def venue_bands(node: Division) -> list[tuple[str, int]]:
    """Villages under the node by the floor area of their venue (for the chart)."""
    villages = Division.objects.filter(is_village=True, code__startswith=node.code).count()
    counts = Venue.objects.filter(village__is_village=True, village__code__startswith=node.code).aggregate(
        under_200=Count("pk", filter=Q(area__lt=200)),
        mid=Count("pk", filter=Q(area__gte=200, area__lt=500)),
        ge_500=Count("pk", filter=Q(area__gte=500)),
    )
    with_venue = counts["under_200"] + counts["mid"] + counts["ge_500"]
    values = [villages - with_venue, counts["under_200"], counts["mid"], counts["ge_500"]]
    return list(zip(VENUE_BANDS, values, strict=True))


def division_search(actor, text: str) -> list[Division]:
    """Divisions in the actor's area whose name contains `text`, or whose code starts with it."""
    text = text.strip()
    if not text:
        return []
    qs = scope(Division.objects.all(), actor, field="code")
    qs = qs.filter(code__startswith=text) if text.isdigit() else qs.filter(name__icontains=text)
    return list(qs.select_related("parent__parent").order_by("level", "code")[:SEARCH_LIMIT])


def home_code(actor) -> str | None:
    """Where a user's home page lies: their own division; None for a user without an area
    (the administrators, whose work is not the records)."""
    code = actor.division_id
    return code if code and in_area(actor, code) else None


def is_village_level(division: Division) -> bool:
    return division.level == Level.VILLAGE


def is_township(division: Division) -> bool:
    return division.level == Level.TOWNSHIP
