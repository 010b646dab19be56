"""Figures of party-member development and two-way cultivation (双培双带, DOMAIN.md part 6): party
members among wealth leaders, and conversions in the period in each direction."""

from django.utils.translation import gettext_noop as N_

from liangdai.indicators.registry import Indicator, Query, figure_group, share

from . import cultivation
from .models import DevelopmentRecord, Stage
from .rules import conversion_deadline, conversion_due, conversion_due_soon, ready_for_candidate
from .selectors import due_soon_records, unconverted_on, villages_without_candidate, waiting_activists

PARTY = N_("双培双带")


def _in_period(q: Query, stage: str):
    return DevelopmentRecord.objects.filter(
        village__code__startswith=q.code, stage=stage, date__range=(q.start, q.as_of)
    )


@figure_group(
    Indicator("probationary_admitted", N_("发展党员（期间新预备党员）"), N_("人"), PARTY),
    Indicator("members_converted", N_("预备党员转正（期间）"), N_("人"), PARTY),
    Indicator("conversions_due", N_("到期未转正的预备党员"), N_("人"), PARTY),
    Indicator("conversions_overdue", N_("超过最长预备期未转正"), N_("人"), PARTY),
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
    Indicator("activists_ready", N_("满一年可确定为发展对象的入党积极分子"), N_("人"), PARTY),
    Indicator("conversions_due_soon", N_("30天内预备期满的预备党员"), N_("人"), PARTY),
    Indicator("villages_without_candidate_2y", N_("两年未确定发展对象的行政村"), N_("个"), PARTY),
)
def due_figures(q: Query) -> dict:
    """What falls due on D, counted as the due lists and the warning list it (party.selectors)."""
    under = {"village__code__startswith": q.code}
    activists = waiting_activists(q.as_of).filter(**under).values_list("date", flat=True)
    probations = due_soon_records(q.as_of).filter(**under).values_list("date", flat=True)
    return {
        "activists_ready": sum(1 for d in activists if ready_for_candidate(d, q.as_of)),
        "conversions_due_soon": sum(1 for d in probations if conversion_due_soon(d, q.as_of)),
        "villages_without_candidate_2y": villages_without_candidate(q.code, q.as_of).count(),
    }


@figure_group(
    Indicator("leaders_party_members", N_("致富带头人中的党员"), N_("人"), PARTY),
    Indicator("leaders_party_member_share", N_("致富带头人中党员占比"), N_("%"), PARTY, 1),
    Indicator("leaders_into_party", N_("致富带头人发展为党员（期间）"), N_("人"), PARTY),
    Indicator("members_into_leaders", N_("党员培养成致富带头人（期间）"), N_("人"), PARTY),
    Indicator("leaders_into_cadres", N_("致富带头人进入村“两委”（期间）"), N_("人"), PARTY),
    Indicator("cadres_into_leaders", N_("村干部培养成致富带头人（期间）"), N_("人"), PARTY),
)
def cultivation_figures(q: Query) -> dict:
    """Each direction counts wealth leaders on D of the node whose step falls within [F, D]: a
    leader admitted as probationary member or taking a seat in the two committees; a party member
    or a cadre (in office that day) recognised as a wealth leader. The persons are those of the
    funnel's steps (`party.cultivation`), so the page and the figures cannot disagree; one query
    counts them all."""
    steps = [step for step in cultivation.STEPS if step.figure]
    found = cultivation.counts(q, steps)
    counted = {step.figure: found[step.key] for step in steps}
    return {
        "leaders_party_members": counted["leaders_party_members"],
        "leaders_party_member_share": share(counted["leaders_party_members"], counted["wealth_leaders"]),
        "leaders_into_party": counted["leaders_into_party"],
        "members_into_leaders": counted["members_into_leaders"],
        "leaders_into_cadres": counted["leaders_into_cadres"],
        "cadres_into_leaders": counted["cadres_into_leaders"],
    }
