"""Pages of the two committees: a village's committee and history, a person, the warning list and
the node lists. Thin: parse, call one selector or service, render. Outside the area is 404; a
write without the right is 403."""

from functools import partial

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.views.decorators.http import require_POST

from liangdai.audit.history import LIMIT as HISTORY_LIMIT
from liangdai.core import plugins
from liangdai.core.versions import version_of
from liangdai.core.web import area_view, form_action, period
from liangdai.org import scoping
from liangdai.org.scoping import can_reveal, can_write

from . import forms, selectors, services
from . import warnings_export as warnings_export_module


def _action(request, form_class, *, run, title: str, village, back: str, initial=None, subject=None):
    """A cadres form (`core.web.form_action`) that goes back to the village page or `back`."""
    scoping.require_write(request.user)
    context = {"village": village, "back": back, "subject": subject}
    form = form_class(request.POST or None, initial=initial)
    return form_action(request, form, run=run, title=title, back=back, template="cadres/form.html", context=context)


def _village_url(code: str) -> str:
    return reverse("cadres:village", args=[code])


@area_view
def village(request, code: str):
    as_of, _start, period_errors = period(request.GET)
    committee = selectors.committee(request.user, code, as_of)
    context = {
        "village": scoping.village_for(request.user, code),
        "as_of": as_of,
        "period_errors": period_errors,
        "committee": committee,
        "one_shoulder": selectors.one_shoulder(committee),
        "history": selectors.history(request.user, code),
        "reserves": selectors.village_reserves(request.user, code),
        "weak": selectors.village_weak(request.user, code),
        "can_write": can_write(request.user),
    }
    return render(request, "cadres/village.html", context)


@area_view
def holding_new(request, code: str):
    village = scoping.village_for(request.user, code)
    run = partial(services.holding_start, actor=request.user, village=code)
    return _action(request, forms.HoldingStartForm, run=run, title="新增任职", village=village, back=_village_url(code))


@area_view
def holding_end(request, pk: int):
    holding = selectors.holding_for(request.user, pk)
    run = partial(services.holding_end, actor=request.user, holding=holding)
    back = _village_url(holding.village_id)
    return _action(
        request,
        forms.HoldingEndForm,
        run=run,
        title="离任",
        village=holding.village,
        back=back,
        initial={"version": version_of(holding)},
        subject=holding,
    )


@area_view
def secretary_replace(request, code: str):
    village = scoping.village_for(request.user, code)
    old = selectors.sitting_secretary(request.user, code)
    run = partial(services.secretary_replace, actor=request.user, village=code, old_holding=old)
    initial = {"end_reason": "调整撤换"}
    return _action(
        request,
        forms.SecretaryReplaceForm,
        run=run,
        title="更换党组织书记",
        village=village,
        back=_village_url(code),
        initial=initial,
        subject=old,
    )


@area_view
def reserve_new(request, code: str):
    village = scoping.village_for(request.user, code)
    run = partial(services.reserve_add, actor=request.user, village=code)
    return _action(
        request, forms.ReserveAddForm, run=run, title="新增后备力量", village=village, back=_village_url(code)
    )


@area_view
def reserve_remove(request, pk: int):
    candidate = selectors.reserve_for(request.user, pk)
    run = partial(services.reserve_remove, actor=request.user, candidate=candidate)
    back = _village_url(candidate.village_id)
    return _action(
        request,
        forms.ReserveRemoveForm,
        run=run,
        title="移出后备力量",
        village=candidate.village,
        back=back,
        subject=candidate,
    )


@area_view
def weak_new(request, code: str):
    village = scoping.village_for(request.user, code)
    run = partial(services.weak_flag, actor=request.user, village=code)
    return _action(
        request, forms.WeakFlagForm, run=run, title="认定软弱涣散村党组织", village=village, back=_village_url(code)
    )


@area_view
def step_new(request, pk: int):
    weak = selectors.weak_for(request.user, pk)
    run = partial(services.rectification_add, actor=request.user, weak=weak)
    back = _village_url(weak.village_id)
    return _action(
        request, forms.StepForm, run=run, title="记录整顿措施", village=weak.village, back=back, subject=weak
    )


@area_view
def weak_close(request, pk: int):
    weak = selectors.weak_for(request.user, pk)
    run = partial(services.weak_close, actor=request.user, weak=weak)
    back = _village_url(weak.village_id)
    return _action(
        request,
        forms.WeakCloseForm,
        run=run,
        title="整顿销号",
        village=weak.village,
        back=back,
        initial={"version": version_of(weak)},
        subject=weak,
    )


@area_view
def person(request, pk: int):
    page = selectors.person_page(request.user, pk)
    return render(request, "cadres/person.html", _person_context(request, page, revealed=False))


def _person_context(request, page, *, revealed: bool) -> dict:
    return {
        "page": page,
        "person": page.person,
        "revealed": revealed,
        "can_reveal": can_reveal(request.user),
        "can_write": can_write(request.user),
        # The rest of the person's story (leadership, support, development, training, appraisals).
        "panels": plugins.render_panels(plugins.PERSON_PANELS, request.user, page.person),
    }


@area_view
def person_history(request, pk: int):
    person, entries = selectors.person_history(request.user, pk)
    context = {"person": person, "entries": entries, "limit": HISTORY_LIMIT}
    return render(request, "cadres/person_history.html", context)


@require_POST
@area_view
def person_reveal(request, pk: int):
    page = selectors.person_page(request.user, pk)
    services.person_reveal(actor=request.user, person=page.person)
    return render(request, "cadres/person.html", _person_context(request, page, revealed=True))


@area_view
def person_edit(request, pk: int):
    person = selectors.person_for(request.user, pk)
    initial = {f: getattr(person, f) for f in forms.PERSON_FIELDS} | {"version": version_of(person)}
    run = partial(services.person_save, actor=request.user)
    back = reverse("cadres:person", args=[pk])
    return _action(
        request,
        partial(forms.PersonEditForm, reveal=can_reveal(request.user)),
        run=run,
        title="修改人员信息",
        village=None,
        back=back,
        initial=initial,
        subject=person,
    )


@area_view
def warnings(request):
    code = request.GET.get("code") or request.user.division_id or ""
    as_of, _start, period_errors = period(request.GET)
    node = scoping.division_for(request.user, code)
    panels = plugins.render_panels(plugins.WARNING_PANELS, request.user, node, as_of)
    download = reverse("cadres:warnings_export") + "?" + urlencode({"code": node.code, "as_of": f"{as_of:%Y-%m-%d}"})
    context = {"node": node, "as_of": as_of, "period_errors": period_errors, "panels": panels, "download_url": download}
    return render(request, "cadres/warnings.html", context)


@area_view
def warnings_export(request):
    """The warnings page of the node as .xlsx, every row of every village list (audited as an export)."""
    code = request.GET.get("code") or request.user.division_id or ""
    as_of, _start, _errors = period(request.GET)
    node = scoping.division_for(request.user, code)
    data = warnings_export_module.warnings_export(actor=request.user, node=node, as_of=as_of)
    disposition = content_disposition_header(True, f"预警名单-{node.code}-{as_of:%Y%m%d}.xlsx")
    return HttpResponse(data, content_type=warnings_export_module.XLSX, headers={"Content-Disposition": disposition})


@area_view
def reserves(request, code: str):
    as_of, _start, period_errors = period(request.GET)
    context = {
        "node": scoping.division_for(request.user, code),
        "as_of": as_of,
        "period_errors": period_errors,
        "reserves": selectors.reserves_under(request.user, code, as_of),
        "lacking": selectors.poor_villages_without_reserve(request.user, code, as_of),
    }
    return render(request, "cadres/reserves.html", context)


@area_view
def weak(request, code: str):
    as_of, _start, period_errors = period(request.GET)
    context = {
        "node": scoping.division_for(request.user, code),
        "as_of": as_of,
        "period_errors": period_errors,
        "weak": selectors.weak_list(request.user, code, as_of.year),
    }
    return render(request, "cadres/weak.html", context)
