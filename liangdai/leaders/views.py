"""Pages of the wealth leaders: the list of a node (filter, sort, page, export), a leader's page,
and the forms to register, edit, end and support. Thin: parse, call one selector or service,
render. Outside the area is 404; a write without the right is 403."""

from functools import partial

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from liangdai.core.versions import version_of
from liangdai.core.web import area_view, form_action, period
from liangdai.org import scoping
from liangdai.org.scoping import can_write

from . import exports, forms, selectors, services, tiers
from .indicators import is_leader_on
from .models import Industry, LeaderSource, Tier

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _action(request, form_class, *, run, title: str, back, initial=None, subject=None, node=None, **form_args):
    """A leaders form (`core.web.form_action`); a village outside the area is the village's error."""
    scoping.require_write(request.user)
    form = form_class(request.POST or None, initial=initial, **form_args)
    context = {"back": back if isinstance(back, str) else "", "subject": subject, "node": node}
    outside = ("village", "所选村不在您的管辖范围内")
    return form_action(
        request, form, run=run, title=title, back=back, template="leaders/form.html", context=context, not_found=outside
    )


def _leader_url(leader) -> str:
    return reverse("leaders:detail", args=[leader.pk])


@area_view
def node_list(request, code: str):
    as_of, start, period_errors = period(request.GET)
    filters = selectors.Filters.of(request.GET)
    page = selectors.leader_list(request.user, code, as_of, filters)
    context = {
        "page": page,
        "node": page.node,
        "as_of": as_of,
        "period_errors": period_errors,
        "tiers": Tier.choices,
        "industries": Industry.choices,
        "sources": LeaderSource.choices,
        "statuses": selectors.STATUSES.items(),
        "sorts": [("", _("默认")), ("income", _("年收入")), ("households", _("带动户数")), ("people", _("带动人数"))],
        "query": filters.query(page=1),
        "prev_query": filters.query(page=filters.page - 1) if filters.page > 1 else None,
        "next_query": filters.query(page=filters.page + 1) if page.has_next else None,
        "can_write": can_write(request.user),
    }
    return render(request, "leaders/list.html", context)


@area_view
def node_export(request, code: str):
    as_of, _start, _errors = period(request.GET)
    filters = selectors.Filters.of(request.GET)
    leaders = selectors.filtered(request.user, code, as_of, filters)
    data = exports.leaders_export(actor=request.user, leaders=leaders, code=code, note=filters.query(page=1))
    filename = f"致富带头人-{code}-{as_of:%Y%m%d}.xlsx"
    return HttpResponse(
        data, content_type=XLSX, headers={"Content-Disposition": content_disposition_header(True, filename)}
    )


@area_view
def detail(request, pk: int):
    leader = selectors.leader_for(request.user, pk)
    as_of, _start, period_errors = period(request.GET)
    context = {
        "leader": leader,
        "person": leader.person,
        "as_of": as_of,
        "period_errors": period_errors,
        "tiering": tiers.tiering(leader, as_of.year),
        "supports": selectors.supports_of(leader),
        "can_write": can_write(request.user),
        "on_as_of": is_leader_on(leader, as_of),
    }
    return render(request, "leaders/detail.html", context)


@area_view
def register(request, code: str):
    node = scoping.division_for(request.user, code)
    villages = selectors.villages_for_form(request.user, code)
    initial = {"village": code} if len(villages) == 1 else {}
    return _action(
        request,
        forms.LeaderRegisterForm,
        run=partial(services.wealth_leader_save, actor=request.user),
        title="登记致富带头人",
        back=_leader_url,
        initial=initial,
        node=node,
        villages=villages,
    )


@area_view
def edit(request, pk: int):
    leader = selectors.leader_for(request.user, pk)
    villages = selectors.villages_under(request.user, leader.village_id[:6])
    initial = {f: getattr(leader, f) for f in forms.LEADER_FIELDS} | {"village": leader.village_id}
    initial |= {"version": version_of(leader)}
    return _action(
        request,
        forms.LeaderEditForm,
        run=partial(services.wealth_leader_save, actor=request.user, person=leader.person),
        title="修改致富带头人",
        back=_leader_url(leader),
        initial={k: ("" if v is None else v) for k, v in initial.items()},
        subject=leader,
        villages=villages,
    )


@area_view
def end(request, pk: int):
    leader = selectors.leader_for(request.user, pk)
    return _action(
        request,
        forms.LeaderEndForm,
        run=partial(services.wealth_leader_end, actor=request.user, leader=leader),
        title="致富带头人退出",
        back=_leader_url(leader),
        initial={"version": version_of(leader)},
        subject=leader,
    )


@area_view
def support_new(request, pk: int):
    leader = selectors.leader_for(request.user, pk)
    return _action(
        request,
        forms.SupportForm,
        run=partial(services.support_add, actor=request.user, leader=leader),
        title="记录优先扶持",
        back=_leader_url(leader),
        subject=leader,
    )
