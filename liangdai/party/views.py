"""Pages of party-member development: record a stage of a person's path, enter a new applicant,
and the lists of what falls due under a node. Thin: parse, call one selector or service, render.
Outside the area is 404; a write without the right is 403."""

from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from liangdai.cadres.selectors import person_for
from liangdai.core.errors import DomainError
from liangdai.core.web import area_view, period
from liangdai.org import scoping
from liangdai.org.models import Level

from . import forms, selectors, services
from .models import Stage


def _record(request, form, *, run, context: dict):
    """GET shows the form; POST records the stage through the service and goes to the person's
    page, or shows the form again with each error in Chinese next to its field."""
    if request.method == "POST" and form.is_valid():
        try:
            record = run(**form.kwargs())
        except DomainError as exc:
            form.add_error(exc.column if exc.column in form.fields else None, exc.message)
        else:
            messages.success(request, f"{record.stage}（{record.date:%Y-%m-%d}）：已保存")
            return redirect("cadres:person", record.person_id)
    return render(request, "party/stage_form.html", {"form": form, **context})


@area_view
def stage_new(request, pk: int):
    person = person_for(request.user, pk)
    scoping.require_write(request.user)
    path = selectors.person_path(request.user, person)
    last = next((s.record.village_id for s in reversed(path["stages"]) if s.in_area), "")
    initial = {"stage": path["next"].stage if path["next"] else "", "village": last}
    form = forms.StageForm(request.POST or None, initial=initial, villages=selectors.village_choices(request.user))
    run = partial(services.development_stage_record, actor=request.user, person=person)
    back = reverse("cadres:person", args=[pk])
    return _record(request, form, run=run, context={"person": person, "path": path, "back": back})


@area_view
def applicant_new(request, code: str):
    node = scoping.division_for(request.user, code)
    scoping.require_write(request.user)
    initial = {"stage": Stage.APPLICANT, "village": code if node.level == Level.VILLAGE else ""}
    villages = selectors.village_choices(request.user, code)
    form = forms.ApplicantForm(request.POST or None, initial=initial, villages=villages)
    run = partial(services.development_stage_record, actor=request.user)
    back = reverse("reports:node", args=[code])
    return _record(request, form, run=run, context={"node": node, "back": back})


@area_view
def due(request, code: str):
    as_of, _start, period_errors = period(request.GET)
    node = scoping.division_for(request.user, code)
    lists = selectors.due_lists(request.user, code, as_of)
    context = {"node": node, "as_of": as_of, "period_errors": period_errors, **lists}
    return render(request, "party/due.html", context)
