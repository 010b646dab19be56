"""The two-way cultivation pages (双培双带): a node's funnel, and the persons behind each number.
The node outside the area, or a step that does not exist, is 404."""

from django.http import Http404
from django.shortcuts import render

from liangdai.core.web import area_view, int_param, period
from liangdai.indicators.registry import Query
from liangdai.org import scoping

from . import cultivation


def _node_period(request, code: str) -> dict:
    as_of, start, period_errors = period(request.GET)
    node = scoping.division_for(request.user, code)
    return {"node": node, "as_of": as_of, "start": start, "period_errors": period_errors}


@area_view
def funnel(request, code: str):
    context = _node_period(request, code)
    steps = cultivation.funnel(Query.of(code, context["as_of"], context["start"]))
    chart = [{"name": str(step.label), "value": n, "key": step.key} for step, n in steps if not step.into_leaders]
    context |= {"steps": steps, "chart": chart}
    return render(request, "party/cultivation.html", context)


@area_view
def people(request, code: str, step: str):
    context = _node_period(request, code)
    chosen = cultivation.step_of(step)
    if chosen is None:
        raise Http404
    q = Query.of(code, context["as_of"], context["start"])
    after = int_param(request.GET.get("after"), minimum=1)
    total, page = cultivation.people(actor=request.user, q=q, step=chosen, after=after)
    context |= {"step": chosen, "total": total, "page": page, "after": after}
    return render(request, "party/cultivation_people.html", context)
