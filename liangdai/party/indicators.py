"""Figures of party-member development and two-way cultivation (双培双带, DOMAIN.md part 6): party
members among wealth leaders, and conversions in the period in each direction."""

import datetime as dt

from liangdai.cadres import figures
from liangdai.cadres.models import Holding
from liangdai.exchange.writes import in_chunks
from liangdai.indicators.registry import Indicator, Query, figure_group, share
from liangdai.leaders.indicators import leaders_on
from liangdai.leaders.models import WealthLeader

from .models import DevelopmentRecord, Stage
from .rules import conversion_deadline, conversion_due
from .selectors import members_on, members_on_days, unconverted_on

PARTY = "双培双带"


def _in_period(q: Query, stage: str):
    return DevelopmentRecord.objects.filter(
        village__code__startswith=q.code, stage=stage, date__range=(q.start, q.as_of)
    )


@figure_group(
    Indicator("probationary_admitted", "发展党员（期间新预备党员）", "人", PARTY),
    Indicator("members_converted", "预备党员转正（期间）", "人", PARTY),
    Indicator("conversions_due", "到期未转正的预备党员", "人", PARTY),
    Indicator("conversions_overdue", "超过最长预备期未转正", "人", PARTY),
)
def development_figures(q: Query) -> dict:
    waiting = list(unconverted_on(q.as_of).filter(village__code__startswith=q.code).values_list("date", flat=True))
    return {
        "probationary_admitted": _in_period(q, Stage.PROBATIONARY).count(),
        "members_converted": _in_period(q, Stage.FULL).count(),
        "conversions_due": sum(1 for d in waiting if conversion_due(d) <= q.as_of),
        "conversions_overdue": sum(1 for d in waiting if conversion_deadline(d) < q.as_of),
    }


@figure_group(
    Indicator("leaders_party_members", "致富带头人中的党员", "人", PARTY),
    Indicator("leaders_party_member_share", "致富带头人中党员占比", "%", PARTY, 1),
    Indicator("leaders_into_party", "致富带头人发展为党员（期间）", "人", PARTY),
    Indicator("members_into_leaders", "党员培养成致富带头人（期间）", "人", PARTY),
    Indicator("leaders_into_cadres", "致富带头人进入村“两委”（期间）", "人", PARTY),
    Indicator("cadres_into_leaders", "村干部培养成致富带头人（期间）", "人", PARTY),
)
def cultivation_figures(q: Query) -> dict:
    """Each direction counts persons of the node whose step falls within [F, D]: a wealth leader
    admitted as probationary member or taking a seat in the two committees; a party member or a
    cadre (in office that day) recognised as a wealth leader."""
    leaders = dict(leaders_on(q.code, q.as_of).values_list("person_id", "recognised_on"))
    members = members_on(leaders, q.as_of)
    admitted = DevelopmentRecord.objects.filter(
        person_id__in=leaders, stage=Stage.PROBATIONARY, date__range=(q.start, q.as_of)
    ).values_list("person_id", "date")
    seats = Holding.objects.filter(
        village__code__startswith=q.code, start__range=(q.start, q.as_of), person__wealth_leader__isnull=False
    ).values_list("person_id", "start", "person__wealth_leader__recognised_on")
    recognised = WealthLeader.objects.filter(
        village__code__startswith=q.code, recognised_on__range=(q.start, q.as_of)
    ).values_list("person_id", "recognised_on")
    return {
        "leaders_party_members": len(members),
        "leaders_party_member_share": share(len(members), len(leaders)),
        "leaders_into_party": len({p for p, day in admitted if leaders[p] <= day}),
        "members_into_leaders": len(members_on_days(dict(recognised))),
        "leaders_into_cadres": len({p for p, start, since in seats if since <= start}),
        "cadres_into_leaders": len(_in_office_on_days(dict(recognised))),
    }


def _in_office_on_days(days: dict[int, dt.date]) -> set[int]:
    """Which persons hold a position on their own day (person id -> day)."""
    holding = set()
    for chunk in in_chunks(sorted(days)):
        for person_id, start, end in Holding.objects.filter(person_id__in=chunk).values_list(
            "person_id", "start", "end"
        ):
            if figures.holds_on(start, end, days[person_id]):
                holding.add(person_id)
    return holding
