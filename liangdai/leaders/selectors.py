"""Reads of the wealth-leader pages: the list of a node with its filters, one leader, the panels of
the node and person pages. Every read is narrowed to the user's area (`org.scoping`)."""

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liangdai.cadres.models import PoliticalStatus
from liangdai.core.errors import NotFound
from liangdai.core.web import int_param
from liangdai.indicators.registry import REGISTRY, Query
from liangdai.org.models import Division, Level
from liangdai.org.scoping import can_write, division_for, scope

from . import indicators, tiers
from .models import Industry, LeaderSource, Support, Tier, WealthLeader

PAGE_SIZE = 50
PARTY_MEMBERS = (PoliticalStatus.MEMBER, PoliticalStatus.PROBATIONARY)
SORTS = {"income": "-income", "households": "-households", "people": "-people"}
STATUSES = {"current": _("在册"), "ended": _("已退出"), "all": _("全部")}


@dataclass(frozen=True)
class Filters:
    """The list's filters as the query string gives them; unknown values are ignored (shown as all)."""

    tier: str = ""
    industry: str = ""
    source: str = ""
    village: str = ""
    party: str = ""  # "1" party members, "0" not, "" all
    year: int | None = None  # recognition year
    status: str = "current"  # in registration on the as-of date, ended by then, or all
    sort: str = ""
    page: int = 1

    @classmethod
    def of(cls, params) -> "Filters":
        def one_of(key: str, options) -> str:
            value = params.get(key, "")
            return value if value in options else ""

        return cls(
            tier=one_of("tier", Tier.values),
            industry=one_of("industry", Industry.values),
            source=one_of("source", LeaderSource.values),
            village=params.get("village", "") if int_param(params.get("village")) else "",
            party=one_of("party", ("1", "0")),
            year=int_param(params.get("year"), 1900, 2100),
            status=one_of("status", STATUSES) or "current",
            sort=one_of("sort", SORTS),
            page=int_param(params.get("page"), 1, 100_000) or 1,
        )

    def query(self, **change) -> str:
        """The query string of these filters with `change` (for the pager and the export)."""
        values = {
            "tier": self.tier,
            "industry": self.industry,
            "source": self.source,
            "village": self.village,
            "party": self.party,
            "year": self.year or "",
            "status": self.status,
            "sort": self.sort,
            "page": self.page,
        } | change
        return urlencode({k: v for k, v in values.items() if v not in ("", None, 1) or k == "status"})


@dataclass
class LeaderList:
    node: Division
    as_of: dt.date
    filters: Filters
    items: list = field(default_factory=list)
    has_next: bool = False
    villages: list = field(default_factory=list)


def filtered(actor, code: str, as_of: dt.date, filters: Filters) -> QuerySet:
    """The leaders of the node `code` (in the actor's area) that the filters keep, in list order."""
    division_for(actor, code)
    leaders = scope(WealthLeader.objects.filter(village__code__startswith=code), actor)
    if filters.status == "current":
        leaders = leaders.filter(indicators.leader_on(as_of))
    elif filters.status == "ended":
        leaders = leaders.filter(ended_on__lt=as_of)
    if filters.tier:
        leaders = leaders.filter(tiers.tier_filter(as_of.year, code, filters.tier))
    for name in ("industry", "source"):
        if getattr(filters, name):
            leaders = leaders.filter(**{name: getattr(filters, name)})
    if filters.village:
        leaders = leaders.filter(village_id=filters.village)
    if filters.party:
        members = Q(person__political_status__in=PARTY_MEMBERS)
        leaders = leaders.filter(members if filters.party == "1" else ~members)
    if filters.year:
        leaders = leaders.filter(recognised_on__year=filters.year)
    order = [SORTS[filters.sort]] if filters.sort else []
    return leaders.select_related("person", "village").order_by(*order, "village_id", "person__id_number", "pk")


def leader_list(actor, code: str, as_of: dt.date, filters: Filters) -> LeaderList:
    """One page (offset paging) of the node's leaders, each with its tier of the as-of year."""
    node = division_for(actor, code)
    start = (filters.page - 1) * PAGE_SIZE
    rows = list(filtered(actor, code, as_of, filters)[start : start + PAGE_SIZE + 1])
    items = [(leader, tiers.tiering(leader, as_of.year)) for leader in rows[:PAGE_SIZE]]
    villages = scope(Division.objects.filter(code__startswith=code, level=Level.VILLAGE), actor, "code")
    return LeaderList(node, as_of, filters, items, len(rows) > PAGE_SIZE, list(villages.order_by("code")))


def leader_for(actor, pk: int) -> WealthLeader:
    """The leader `pk` registered in the actor's area; NotFound otherwise, the same as missing."""
    leader = scope(WealthLeader.objects.select_related("person", "village"), actor).filter(pk=pk).first()
    if leader is None:
        raise NotFound(pk)
    return leader


def supports_of(leader: WealthLeader) -> QuerySet:
    return Support.objects.filter(leader=leader).order_by("-date", "-pk")


def villages_for_form(actor, code: str) -> list[Division]:
    """The villages a leader may be registered in from the node `code`: those under it in the area."""
    division_for(actor, code)
    return villages_under(actor, code)


def villages_under(actor, code: str) -> list[Division]:
    """The villages under `code` that lie in the actor's area (e.g. where an edit may move a leader
    to: `code` is the leader's county)."""
    villages = Division.objects.filter(code__startswith=code, level=Level.VILLAGE)
    return list(scope(villages, actor, "code").order_by("code"))


def node_panel(actor, query: Query) -> dict:
    """The wealth-leader panel of a node page (`core.plugins.NODE_PANELS`): headline figures, links."""
    shown = ("wealth_leaders", "people_driven", "households_driven", "support_count", "support_amount")
    values = indicators.leader_figures(query) | indicators.support_figures(query)
    figures = [(REGISTRY.get(i), values[i]) for i in shown]
    return {"code": query.code, "as_of": query.as_of, "start": query.start, "figures": figures,
            "can_write": can_write(actor)}  # fmt: skip


def person_panel(actor, person) -> dict:
    """The person's leadership and support on their page (`core.plugins.PERSON_PANELS`): shown
    only where the registration lies in the actor's area."""
    leader = scope(WealthLeader.objects.filter(person=person), actor).select_related("village").first()
    if leader is None:
        return {"leader": None}
    return {
        "leader": leader,
        "tiering": tiers.tiering(leader, timezone.localdate().year),
        "supports": list(supports_of(leader)),
        "can_write": can_write(actor),
    }
