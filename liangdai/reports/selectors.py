"""Reads behind the node pages: the node, its ancestors, its children, the venue chart and search
(its figures with their change: `dashboard`). Every read starts from the actor's area
(`org.scoping`)."""

import datetime as dt

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

from liangdai.indicators.registry import median, share
from liangdai.leaders.indicators import leaders_on, secretaries_on
from liangdai.org.divisions import administrative
from liangdai.org.models import Division, Level
from liangdai.org.scoping import in_area, scope
from liangdai.villages.indicators import fund_by_village, incomes_of
from liangdai.villages.models import Spending, Venue

SEARCH_LIMIT = 20
# What a search box reads: a division's name holds at most 100 characters, its code 12 digits.
SEARCH_MAX_LENGTH = Division._meta.get_field("name").max_length


def ancestors(actor, node: Division) -> list[tuple[Division, bool]]:
    """The node's ancestors, top first, each with whether the actor may open it."""
    prefixes = [node.code[:n] for n in (2, 4, 6, 9) if n < len(node.code)]
    found = Division.objects.filter(code__in=prefixes).order_by("code")
    return [(d, in_area(actor, d.code)) for d in found]


def children_of(node: Division) -> QuerySet:
    """The children a node's page lists: a township's administrative villages, otherwise every
    division one level down."""
    children = Division.objects.filter(parent=node).order_by("code")
    return children.filter(is_village=True) if node.level == Level.TOWNSHIP else children


def _by_prefix(qs: QuerySet, field: str, length: int, **aggregates) -> dict[str, dict]:
    """Aggregates of `qs` grouped by the first `length` digits of the code in `field`."""
    rows = qs.annotate(prefix=Substr(field, 1, length)).values("prefix").annotate(**aggregates).order_by()
    return {row.pop("prefix"): row for row in rows}


def _spent(node: Division, as_of: dt.date, start: dt.date, length: int) -> dict[str, dict]:
    spending = Spending.objects.filter(
        administrative(), village__code__startswith=node.code, date__range=(start, as_of)
    )
    return _by_prefix(spending, "village_id", length, spent=Sum("amount"))


def _people(node: Division, as_of: dt.date, length: int) -> tuple[dict[str, dict], dict[str, dict]]:
    """Secretaries and wealth leaders on `as_of` by the first `length` digits of their village code,
    counted from the querysets that define the registry's `secretaries` and `wealth_leaders`."""
    secretaries = _by_prefix(secretaries_on(node.code, as_of), "village_id", length, n=Count("pk"))
    leaders = _by_prefix(leaders_on(node.code, as_of), "village_id", length, n=Count("pk"))
    return secretaries, leaders


def _income_medians(node: Division, year: int, length: int) -> dict[str, float | None]:
    """The registry's `income_median` of each child: the median of its villages' incomes in `year`."""
    grouped: dict[str, list] = {}
    for village, income in incomes_of(node.code, [year])[year].items():
        grouped.setdefault(village[:length], []).append(income)
    return {code: median(incomes) for code, incomes in grouped.items()}


def child_rows(node: Division, as_of: dt.date, start: dt.date) -> list[dict]:
    """The node's children (cities, counties or townships) with a few cheap figures each, in a
    handful of grouped queries whatever the number of children; each equals the registry's figure
    of that child."""
    children = list(children_of(node))
    if not children:
        return []
    length = len(children[0].code)
    secretaries, leaders = _people(node, as_of, length)
    incomes = _income_medians(node, as_of.year, length)
    villages = _by_prefix(
        Division.objects.filter(is_village=True, code__startswith=node.code), "code", length, n=Count("code")
    )
    venues = _by_prefix(
        Venue.objects.filter(administrative(), village__code__startswith=node.code),
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
                "secretaries": secretaries.get(child.code, {}).get("n", 0),
                "leaders": leaders.get(child.code, {}).get("n", 0),
                "income_median": incomes.get(child.code),
            }
        )
    return rows


def village_rows(node: Division, as_of: dt.date, start: dt.date) -> list[dict]:
    """The administrative villages of a township with their profile, venue, fund and spending."""
    villages = children_of(node).select_related("villageprofile", "venue")
    funds = fund_by_village(node.code, as_of.year)
    spent = _spent(node, as_of, start, 12)
    secretaries, leaders = _people(node, as_of, 12)
    incomes = incomes_of(node.code, [as_of.year])[as_of.year]
    return [
        {
            "division": v,
            "profile": getattr(v, "villageprofile", None),
            "venue": getattr(v, "venue", None),
            "fund": funds.get(v.code, 0),
            "spent": spent.get(v.code, {}).get("spent") or 0,
            "secretaries": secretaries.get(v.code, {}).get("n", 0),
            "leaders": leaders.get(v.code, {}).get("n", 0),
            "income": incomes.get(v.code),
        }
        for v in villages
    ]


VENUE_BANDS = [N_("无场所"), N_("不足200㎡"), N_("200–499㎡"), N_("500㎡及以上")]


def venue_bands(node: Division) -> list[tuple[str, int]]:
    """Villages under the node by the floor area of their venue (for the chart)."""
    villages = Division.objects.filter(is_village=True, code__startswith=node.code).count()
    counts = Venue.objects.filter(administrative(), village__code__startswith=node.code).aggregate(
        under_200=Count("pk", filter=Q(area__lt=200)),
        mid=Count("pk", filter=Q(area__gte=200, area__lt=500)),
        ge_500=Count("pk", filter=Q(area__gte=500)),
    )
    with_venue = counts["under_200"] + counts["mid"] + counts["ge_500"]
    values = [villages - with_venue, counts["under_200"], counts["mid"], counts["ge_500"]]
    return list(zip(map(gettext, VENUE_BANDS), values, strict=True))


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
