"""Pages of training: the classes of a node, a class with its trainees (enrol, completion), the
bases, full coverage and the rotation plan, with their exports. Thin: parse, call one selector or
service, render. Outside the area is 404; a write without the right is 403."""

from functools import partial
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from liangdai.core.errors import DomainError, NotFound
from liangdai.core.web import area_view, form_action, int_param, period
from liangdai.org import scoping
from liangdai.org.scoping import can_write

from . import coverage, exports, forms, rules, selectors, services
from .models import Level

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _action(request, form, *, run, title: str, back, node=None, subject=None):
    """A training form (`core.web.form_action`)."""
    scoping.require_write(request.user)
    context = {"node": node, "subject": subject}
    return form_action(request, form, run=run, title=title, back=back, template="training/form.html", context=context)


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    disposition = content_disposition_header(True, filename)
    return HttpResponse(data, content_type=XLSX, headers={"Content-Disposition": disposition})


def _class_url(training_class) -> str:
    return reverse("training:class", args=[training_class.pk])


# --- classes ------------------------------------------------------------------------------------


@area_view
def classes(request, code: str):
    node = scoping.division_for(request.user, code)
    as_of, start, period_errors = period(request.GET)
    filters = selectors.ClassFilters.of(request.GET)
    context = {
        "node": node,
        "as_of": as_of,
        "start": start,
        "period_errors": period_errors,
        "filters": filters,
        "rows": selectors.class_list(request.user, code, as_of, start, filters),
        "levels": Level.values,
        "bases": selectors.base_names(),
        "may_create": can_write(request.user) and rules.organiser_problem(request.user, code) is None,
    }
    return render(request, "training/classes.html", context)


@area_view
def class_new(request, code: str):
    node = scoping.division_for(request.user, code)
    if rules.organiser_problem(request.user, code):
        raise NotFound(code)
    form = forms.ClassForm(request.POST or None, bases=selectors.base_names())
    run = partial(services.training_class_create, actor=request.user, organiser=code)
    title = f"新建{rules.LEVEL_OF_ORGANISER[len(code)]}级培训班"
    return _action(request, form, run=run, title=title, back=_class_url, node=node)


@area_view
def class_detail(request, pk: int):
    training_class = selectors.class_for(request.user, pk)
    trainees, others = selectors.class_trainees(request.user, training_class)
    context = {"c": training_class, "trainees": trainees, "others": others, "can_write": can_write(request.user)}
    return render(request, "training/class.html", context)


@area_view
def enrol(request, pk: int):
    """Enrol trainees: a person found by the search, or the persons of pasted identity numbers."""
    training_class = selectors.class_for(request.user, pk)
    if not can_write(request.user):
        raise PermissionDenied
    pasting = request.POST.get("action") == "paste"
    paste, errors = forms.PasteForm(request.POST if pasting else None), []
    if request.method == "POST":
        try:
            added = _enrol(request, training_class, paste)
        except DomainError as exc:
            for message in exc.message.split("\n"):
                if pasting:
                    paste.add_error("numbers", message)
                else:
                    errors.append(message)
        else:
            messages.success(request, f"已加入学员 {added} 人")
            query = urlencode({"q": request.POST.get("q", "")})
            return redirect(reverse("training:enrol", args=[pk]) + f"?{query}")
    q = (request.GET.get("q") or request.POST.get("q") or "").strip()[:50]
    context = {"c": training_class, "q": q, "paste": paste, "errors": errors,
               "candidates": selectors.enrol_candidates(request.user, training_class, q)}  # fmt: skip
    return render(request, "training/enrol.html", context)


def _enrol(request, training_class, paste) -> int:
    if request.POST.get("action") == "paste":
        paste.is_valid()
        text = paste.cleaned_data.get("numbers", "")
        return len(services.enrolments_add_numbers(actor=request.user, training_class=training_class, text=text))
    person = selectors.person_of(request.user, int_param(request.POST.get("person")))
    services.enrolment_add(actor=request.user, training_class=training_class, person=person, completed=False)
    return 1


@require_POST
@area_view
def completion(request, pk: int):
    training_class = selectors.class_for(request.user, pk)
    shown = {n for n in map(int_param, request.POST.getlist("shown")) if n}
    completed = {n for n in map(int_param, request.POST.getlist("completed")) if n}
    changed = services.enrolments_set_completed(
        actor=request.user, training_class=training_class, shown=shown, completed=completed
    )
    messages.success(request, f"结业情况已保存（{changed} 人有变化）")
    return redirect(_class_url(training_class))


# --- bases --------------------------------------------------------------------------------------


@area_view
def bases(request, code: str):
    node = scoping.division_for(request.user, code)
    may_keep = can_write(request.user) and scoping.area_at_least(request.user, rules.BASE_KEEPER_DIGITS)
    context = {"node": node, "bases": selectors.bases_of(request.user, code), "may_keep": may_keep}
    return render(request, "training/bases.html", context)


@area_view
def base_new(request, code: str):
    node = scoping.division_for(request.user, code)
    counties = selectors.county_choices(request.user, code)
    if not scoping.area_at_least(request.user, rules.BASE_KEEPER_DIGITS):
        raise PermissionDenied
    initial = {"county": counties[0][0]} if len(counties) == 1 else {}
    form = forms.BaseForm(request.POST or None, counties=counties, initial=initial)
    run = partial(services.training_base_save, actor=request.user)
    back = reverse("training:bases", args=[code])
    return _action(request, form, run=run, title="登记培训基地", back=back, node=node)


@area_view
def base_edit(request, pk: int):
    base = selectors.base_for(request.user, pk)
    if not scoping.area_at_least(request.user, rules.BASE_KEEPER_DIGITS):
        raise PermissionDenied
    node = base.county
    counties = selectors.county_choices(request.user, node.code)
    initial = {"name": base.name, "county": base.county_id, "is_demo": base.is_demo}
    form = forms.BaseForm(request.POST or None, counties=counties, initial=initial)
    run = partial(services.training_base_save, actor=request.user, base=base)
    back = reverse("training:bases", args=[node.code])
    return _action(request, form, run=run, title="修改培训基地", back=back, node=node, subject=base)


# --- full coverage ------------------------------------------------------------------------------


@area_view
def coverage_page(request, code: str):
    as_of, start, period_errors = period(request.GET)
    found = coverage.coverage(request.user, code, as_of, start)
    return render(request, "training/coverage.html", {"cov": found, "period_errors": period_errors})


@area_view
def coverage_export(request, code: str):
    as_of, start, _errors = period(request.GET)
    found = coverage.coverage(request.user, code, as_of, start)
    data = exports.coverage_export(actor=request.user, coverage=found)
    return _xlsx(data, f"培训全覆盖-{code}-{as_of:%Y%m%d}.xlsx")


# --- the rotation plan --------------------------------------------------------------------------


def _year(request) -> int:
    as_of, _start, _errors = period(request.GET)
    return int_param(request.GET.get("year"), 2000, 2100) or as_of.year


@area_view
def plan(request, code: str):
    node = scoping.division_for(request.user, code)
    as_of, _start, period_errors = period(request.GET)
    year, today = _year(request), timezone.localdate()
    saved = selectors.saved_plan(code, year)
    proposed = coverage.proposal(request.user, code, year, today)
    counts = {"自治区": saved.region, "市": saved.city, "县": saved.county} if saved else proposed.counts
    initial = {"region": counts["自治区"], "city": counts["市"], "county": counts["县"]}
    form = forms.PlanForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not can_write(request.user):
            raise PermissionDenied
        run = partial(services.rotation_plan_save, actor=request.user, code=code, year=year, today=today)
        if form.is_valid() and _saved(form, run):
            messages.success(request, f"{year}年轮训计划：已保存")
            return redirect(reverse("training:plan", args=[code]) + f"?year={year}")
    context = {
        "node": node,
        "year": year,
        "as_of": as_of,
        "period_errors": period_errors,
        "saved": saved,
        "proposal": proposed,
        "form": form,
        "count_rows": _count_rows(proposed, counts),
        "progress": coverage.progress(request.user, saved, as_of) if saved else [],
        "may_plan": can_write(request.user) and rules.plan_maker_problem(request.user, code) is None,
    }
    return render(request, "training/plan.html", context)


def _count_rows(proposed, counts: dict) -> list[tuple]:
    return [(level, proposed.counts[level], counts[level]) for level in (Level.REGION, Level.CITY, Level.COUNTY)]


def _saved(form, run) -> bool:
    try:
        run(**form.kwargs())
    except DomainError as exc:
        form.add_error(None, exc.message)
        return False
    return True


@area_view
def plan_export(request, code: str):
    scoping.division_for(request.user, code)
    as_of, _start, _errors = period(request.GET)
    year = _year(request)
    saved = selectors.saved_plan(code, year)
    if saved is None:
        raise Http404
    levels = coverage.progress(request.user, saved, as_of)
    data = exports.plan_export(actor=request.user, code=code, year=year, levels=levels)
    return _xlsx(data, f"轮训计划-{code}-{year}.xlsx")
