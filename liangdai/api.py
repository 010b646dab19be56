"""The JSON API (django-ninja): thin endpoints over the same selectors as the pages and the command
line. Session authentication; outside the user's area is 404, the same as missing."""

import datetime as dt
from typing import Literal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils import timezone
from ninja import Field, NinjaAPI, Query, Schema
from ninja.security import django_auth

from liangdai.assessment import approvals
from liangdai.core import dates
from liangdai.core.errors import DomainError, NotFound
from liangdai.core.idnumbers import mask
from liangdai.indicators.registry import REGISTRY
from liangdai.indicators.registry import Query as FigureQuery
from liangdai.leaders import selectors as leader_selectors
from liangdai.org.models import Division
from liangdai.org.scoping import division_for
from liangdai.villages.selectors import village_page

# The schema and its page describe every endpoint: behind the login like the rest (issue 12).
api = NinjaAPI(
    title="两个带头人 API", version="1", urls_namespace="api", auth=django_auth, docs_decorator=login_required
)


class Missing(Schema):
    detail: str


class BadParameter(Exception):
    """A query parameter of the right type but outside what the system accepts: 400 with the reason."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@api.exception_handler(NotFound)
def not_found(request, exc):
    return api.create_response(request, {"detail": "未找到"}, status=404)


@api.exception_handler(BadParameter)
def bad_parameter(request, exc):
    return api.create_response(request, {"detail": exc.message}, status=400)


def checked_date(day: dt.date | None, name: str) -> dt.date | None:
    if day is not None and not dates.in_range(day):
        raise BadParameter(f"参数 {name} 超出可用范围（{dates.DATE_RANGE}）")
    return day


def checked_year(year: int | None) -> int | None:
    if year is not None and not dates.year_in_range(year):
        raise BadParameter(f"参数 year 应为 {dates.YEAR_RANGE} 之间的年份")
    return year


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


class LeaderOut(Schema):
    id: int
    name: str
    id_number: str  # masked: the API never answers a full number
    village: str
    village_name: str
    industry: str
    project: str
    scale: float | None
    scale_unit: str
    income: float  # 万元
    households: int
    people: int
    poor_households: int | None
    source: str
    recognised_on: dt.date
    ended_on: dt.date | None
    end_reason: str
    tier: str  # large / medium / small by the as-of year's rule


class ApprovalStatusOut(Schema):
    code: str
    year: int
    states: dict[str, str]  # township code -> draft / submitted / approved / returned


class ApprovalActionIn(Schema):
    code: str
    year: int
    reason: str = ""


class ApprovalOut(Schema):
    code: str
    year: int
    state: str


class LeadersOut(Schema):
    code: str
    as_of: dt.date
    page: int
    next_page: int | None
    leaders: list[LeaderOut]


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


def leader_data(leader, tier: str) -> dict:
    return {
        "id": leader.pk,
        "name": leader.person.name,
        "id_number": mask(leader.person.id_number),
        "village": leader.village_id,
        "village_name": leader.village.name,
        "industry": leader.industry,
        "project": leader.project,
        "scale": leader.scale,
        "scale_unit": leader.scale_unit,
        "income": leader.income,
        "households": leader.households,
        "people": leader.people,
        "poor_households": leader.poor_households,
        "source": leader.source,
        "recognised_on": leader.recognised_on,
        "ended_on": leader.ended_on,
        "end_reason": leader.end_reason,
        "tier": tier,
    }


# --- endpoints -----------------------------------------------------------------------------


@api.get("/indicators", response={200: IndicatorsOut, 400: Missing, 404: Missing}, by_alias=True)
def indicators(
    request,
    code: str,
    as_of: dt.date | None = None,
    start: dt.date | None = Query(None, alias="from"),  # noqa: B008 (ninja's way to name a parameter "from")
):
    """Every registered figure for a node: the same JSON as `liangdai indicators --json`."""
    as_of = checked_date(as_of, "as_of") or timezone.localdate()
    if checked_date(start, "from") and start > as_of:
        raise BadParameter("参数 from 不能晚于 as_of")
    node = division_for(request.auth, code)
    query = FigureQuery.of(node.code, as_of, start)
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


@api.get("/villages/{code}", response={200: VillageOut, 400: Missing, 404: Missing})
def village(request, code: str, year: int | None = None):
    return village_data(request.auth, code, checked_year(year) or timezone.localdate().year)


@api.get("/leaders", response={200: LeadersOut, 400: Missing, 404: Missing})
def leaders(request, code: str, as_of: dt.date | None = None, page: int = 1):
    """The wealth leaders of a node, as the list page shows them (same filters in the query string:
    status, tier, industry, source, village, party, year, sort), one page of 50."""
    as_of = checked_date(as_of, "as_of") or timezone.localdate()
    if page < 1:
        raise BadParameter("参数 page 应为正整数")
    filters = leader_selectors.Filters.of(request.GET)
    listed = leader_selectors.leader_list(request.auth, code, as_of, filters)
    return {
        "code": listed.node.code,
        "as_of": as_of,
        "page": filters.page,
        "next_page": filters.page + 1 if listed.has_next else None,
        "leaders": [leader_data(leader, tiering.tier) for leader, tiering in listed.items],
    }


@api.get("/approvals", response={200: ApprovalStatusOut, 400: Missing, 404: Missing})
def approval_status(request, code: str, year: int):
    """Each township's review state of the year under a node: as `liangdai approval status --json`."""
    checked_year(year)
    return {"code": code, "year": year, "states": approvals.states_of(request.auth, code, year)}


@api.post("/approvals/{action}", response={200: ApprovalOut, 400: Missing, 403: Missing, 404: Missing})
def approval_action(request, action: Literal["submit", "approve", "return", "reopen"], body: ApprovalActionIn):
    """Submit, approve, return or reopen a township's year, as the signed-in user; refused: 400
    (a state it does not start from, a reason missing, no right to review) or 403 (read only)."""
    try:
        done = approvals.SERVICES[action](actor=request.auth, code=body.code, year=body.year, reason=body.reason)
    except DomainError as exc:
        raise BadParameter(exc.message) from None
    except PermissionDenied as exc:
        return 403, {"detail": str(exc)}
    return {"code": done.township_id, "year": done.year, "state": done.state}


urlpatterns = [path("", api.urls)]
