"""Figures of the two committees (DOMAIN.md part 3 and the acceptance table). Only administrative
villages under the node count; a holding is in office on D when start ≤ D and (no end or end ≥ D)."""

from django.db.models import Q
from django.utils.translation import gettext_noop as N_

from liangdai.indicators.registry import Indicator, Query, figure_group, mean, share
from liangdai.org.divisions import administrative
from liangdai.org.models import Division

from . import figures
from .models import EndReason, Holding, Position, WeakOrganisation

PEOPLE = N_("人员")


def holdings_under(code: str):
    """Every holding whose village code lies under the node. The acceptance table's secretary
    figures count 党组织书记 holdings without the administrative-village condition that it puts
    on *villages* (DOMAIN.md: "Terms used below, exactly")."""
    return Holding.objects.filter(village__code__startswith=code)


def village_holdings_under(code: str):
    """The holdings of the administrative villages under the node: for figures that count villages."""
    return holdings_under(code).filter(administrative())


@figure_group(
    Indicator("secretaries", N_("在任村党组织书记"), N_("人"), PEOPLE),
    Indicator("secretaries_replaced", N_("调整撤换村党组织书记（期间）"), N_("人"), PEOPLE),
    Indicator("secretary_avg_age", N_("书记平均年龄"), N_("岁"), PEOPLE, 1),
    Indicator("secretary_under_60_share", N_("60岁以下书记占比"), N_("%"), PEOPLE, 1),
    Indicator("secretary_high_school_share", N_("高中及以上学历书记占比"), N_("%"), PEOPLE, 1),
    Indicator("secretary_director_share", N_("书记兼村委会主任（一肩挑）占比"), N_("%"), PEOPLE, 1),
)
def secretary_figures(q: Query) -> dict:
    holdings = holdings_under(q.code)
    stats = figures.secretary_stats(holdings, q.as_of)
    n = stats["n"]
    replaced = holdings.filter(
        position=Position.SECRETARY, end_reason=EndReason.REPLACED, end__range=(q.start, q.as_of)
    ).count()
    return {
        "secretaries": n,
        "secretaries_replaced": replaced,
        "secretary_avg_age": mean(stats["age_sum"], n),
        "secretary_under_60_share": share(stats["under_60"], n),
        "secretary_high_school_share": share(stats["high_school"], n),
        "secretary_director_share": share(stats["director"], n),
    }


@figure_group(
    Indicator("cadres_in_office", N_("在任村“两委”干部"), N_("人"), PEOPLE),
    Indicator("villages_lacking_people", N_("缺人的村（无书记或干部不足3人）"), N_("个"), PEOPLE),
    Indicator("secretary_seat_empty_3m", N_("书记空缺超过3个月的村"), N_("个"), PEOPLE),
    Indicator("weak_flagged", N_("软弱涣散村党组织（本年度）"), N_("个"), PEOPLE),
    Indicator("weak_rectified", N_("软弱涣散村党组织已整顿销号（本年度）"), N_("个"), PEOPLE),
)
def staffing_figures(q: Query) -> dict:
    holdings = village_holdings_under(q.code)
    villages = Division.objects.filter(is_village=True, code__startswith=q.code).count()
    cadres = figures.in_office(holdings, q.as_of).values("person_id").distinct().count()
    weak = WeakOrganisation.objects.filter(administrative(), village__code__startswith=q.code, year=q.as_of.year)
    return {
        "cadres_in_office": cadres,
        "villages_lacking_people": villages - figures.villages_staffed(holdings, q.as_of),
        "secretary_seat_empty_3m": len(figures.seat_vacancies(holdings, q.as_of)),
        "weak_flagged": weak.count(),
        "weak_rectified": weak.filter(Q(closed_on__lte=q.as_of)).count(),
    }
