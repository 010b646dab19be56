"""The JSON API (django-ninja): thin endpoints over the same selectors as the pages and the command
line. Session authentication; outside the user's area is 404, the same as missing."""

import datetime as dt

from django.urls import path
from django.utils import timezone
from ninja import Field, NinjaAPI, Query, Schema
from ninja.security import django_auth

from liangdai.core.errors import NotFound
from liangdai.indicators.registry import REGISTRY
from liangdai.indicators.registry import Query as FigureQuery
from liangdai.org.models import Division
from liangdai.org.scoping import division_for
from liangdai.villages.selectors import village_page

api = NinjaAPI(title="两个带头人 API", version="1", urls_namespace="api", auth=django_auth)


class Missing(Schema):
    detail: str


@api.exception_handler(NotFound)
def not_found(request, exc):
    return api.create_response(request, {"detail": "未找到"}, status=404)


# --- schemas -------------------------------------------------------------------------------


class IndicatorsOut(Schema):
    code: str
    as_of: dt.date
    from_: dt.date = Field(..., alias="from")
    indicators: dict[str, int | float | str | None]


class DivisionBrief(Schema):
    code: str
    name: str
    level: int
    is_village: bool


class DivisionOut(DivisionBrief):
    parent: str | None
    children: list[DivisionBrief]


class ProfileOut(Schema):
    population: int
    households: int | None
    is_poor: bool


class IncomeOut(Schema):
    year: int
    income: float
    growth: float | None  # % over the year before


class VenueOut(Schema):
    area: float
    build_mode: str
    completed_on: dt.date | None
    funding_source: str
    facilities: list[str]


class SpendingOut(Schema):
    date: dt.date
    amount: float
    purpose: str


class FundOut(Schema):
    year: int
    amount: int
    spent: float
    remaining: float


class VillageOut(DivisionBrief):
    profile: ProfileOut | None
    incomes: list[IncomeOut]
    venue: VenueOut | None
    fund: FundOut
    spending: list[SpendingOut]


# --- reads ---------------------------------------------------------------------------------


def village_data(actor, code: str, year: int) -> dict:
    """The village page's data (the same selector as the page), shaped for the schema."""
    page = village_page(actor, code, year)
    village = page.village
    return {
        "code": village.code,
        "name": village.name,
        "level": village.level,
        "is_village": village.is_village,
        "profile": page.profile,
        "incomes": page.incomes,
        "venue": page.venue,
        "fund": {"year": year, "amount": page.fund, "spent": page.spent, "remaining": page.remainder},
        "spending": page.spendings,
    }


# --- endpoints -----------------------------------------------------------------------------


@api.get("/indicators", response={200: IndicatorsOut, 404: Missing}, by_alias=True)
def indicators(
    request,
    code: str,
    as_of: dt.date | None = None,
    start: dt.date | None = Query(None, alias="from"),  # noqa: B008 (ninja's way to name a parameter "from")
):
    """Every registered figure for a node: the same JSON as `liangdai indicators --json`."""
    node = division_for(request.auth, code)
    query = FigureQuery.of(node.code, as_of or timezone.localdate(), start)
    return {"code": node.code, "as_of": query.as_of, "from": query.start, "indicators": REGISTRY.compute(query)}


@api.get("/divisions/{code}", response={200: DivisionOut, 404: Missing})
def division(request, code: str):
    node = division_for(request.auth, code)
    return {
        "code": node.code,
        "name": node.name,
        "level": node.level,
        "is_village": node.is_village,
        "parent": node.parent_id,
        "children": list(Division.objects.filter(parent=node).order_by("code")),
    }


@api.get("/villages/{code}", response={200: VillageOut, 404: Missing})
def village(request, code: str, year: int | None = None):
    return village_data(request.auth, code, year or timezone.localdate().year)


urlpatterns = [path("", api.urls)]
