"""Pages of the yearly rating cycle (issue 8): the star ratings and appraisals of a node and a year
with their forms, the review board with its actions, and a county's bonus. Thin: parse, call one
selector or service, render. Outside the area is 404; a write without the right is 403."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from liangdai.cadres.selectors import person_for
from liangdai.core.errors import DomainError
from liangdai.core.web import area_view, int_param
from liangdai.org import scoping
from liangdai.org.models import Level

from . import allocations, approvals, forms, rules, selectors, services
from .models import Appraisal, BonusBudget, StarRating

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(params) -> int:
    return int_param(params.get("year"), rules.YEAR_MIN, rules.YEAR_MAX) or selectors.default_year()


def _save(request, form, run) -> bool:
    """Run the service with the form's arguments; its Chinese error lands next to its field."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        run(**form.kwargs())
    except DomainError as exc:
        form.add_error(exc.column if exc.column in form.fields else None, exc.message)
        return False
    return True


@area_view
def scores(request, code: str):
    year = _year(request.GET)
    node = scoping.division_for(request.user, code)
    context = {"node": node, "year": year, "can_write": scoping.can_write(request.user)}
    return render(request, "assessment/scores.html", context | selectors.score_list(request.user, code, year))


@area_view
def score(request, code: str):
    village = scoping.village_for(request.user, code)
    scoping.require_write(request.user)
    year = _year(request.GET)
    rating = StarRating.objects.filter(village=village, year=year).first()
    rubric = rules.rubric_for(code, year)
    form = forms.StarRatingForm(request.POST or None, initial=selectors.rating_initial(rating, rubric), rubric=rubric)

    def run(**kwargs):
        return services.star_rating_save(actor=request.user, village=code, year=year, **kwargs)

    if _save(request, form, run):
        messages.success(request, f"{village.name}{year}年度星级评定：已保存")
        return redirect(f"{reverse('assessment:scores', args=[code[:9]])}?year={year}")
    context = {
        "village": village,
        "year": year,
        "form": form,
        "rating": rating,
        "thresholds": rules.thresholds_for(code, year).thresholds,
        "rubric": rubric,
        "locked": approvals.locked_problem([code[:9]], year),
    }
    return render(request, "assessment/score_form.html", context)


@area_view
def appraisal_list(request, code: str):
    year = _year(request.GET)
    node = scoping.division_for(request.user, code)
    context = {"node": node, "year": year, "can_write": scoping.can_write(request.user)}
    return render(request, "assessment/appraisals.html", context | selectors.appraisal_list(request.user, code, year))


@area_view
def appraise(request, pk: int):
    person = person_for(request.user, pk)
    scoping.require_write(request.user)
    year = _year(request.GET)
    current = Appraisal.objects.filter(person=person, year=year).first()
    form = forms.AppraisalForm(request.POST or None, initial={"grade": current.grade} if current else None)

    def run(**kwargs):
        return services.appraisal_save(actor=request.user, person=person, year=year, **kwargs)

    if _save(request, form, run):
        messages.success(request, f"{person.name}{year}年度考核等次：已保存")
        return redirect(_appraisals_url(request, year) or reverse("cadres:person", args=[pk]))
    context = {"person": person, "year": year, "form": form, "back": _appraisals_url(request, year)}
    return render(request, "assessment/appraise_form.html", context)


def _appraisals_url(request, year: int) -> str:
    """The list the form was opened from (`code` in the query string), if in the user's area."""
    code = request.GET.get("code", "")
    if not (code and scoping.in_area(request.user, code)):
        return ""
    return f"{reverse('assessment:appraisals', args=[code])}?year={year}"


@area_view
def board(request, code: str):
    year = _year(request.GET)
    node = scoping.division_for(request.user, code)
    context = {
        "node": node,
        "year": year,
        "states": approvals.township_states(request.user, code, year),
        "may_review": approvals.may_review(request.user),
        "may_submit": scoping.can_write(request.user),
    }
    return render(request, "assessment/board.html", context)


@require_POST
@area_view
def approval_action(request, code: str, action: str):
    township = scoping.division_for(request.user, code, level=Level.TOWNSHIP)
    if action not in approvals.SERVICES:
        raise Http404
    form = forms.ReasonForm(request.POST)
    year = int_param(request.POST.get("year"), rules.YEAR_MIN, rules.YEAR_MAX) or 0
    try:
        reason = form.cleaned_data["reason"] if form.is_valid() else request.POST.get("reason", "")
        approvals.SERVICES[action](actor=request.user, code=township.code, year=year, reason=reason)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{township.name}{year}年度星级评定和考核：已{rules.ACTION_NAMES[action]}")
    back = request.POST.get("back", "")
    back = back if back and code.startswith(back) else code
    return redirect(f"{reverse('assessment:board', args=[back])}?year={year}")


def _budget(request, county: str, year: int) -> tuple[forms.BudgetForm, int | str | None]:
    """The budget asked for (GET or POST), else the county's saved bonus total of the year."""
    data = request.POST if request.method == "POST" else request.GET
    if "budget" not in data:
        saved = BonusBudget.objects.filter(county_id=county, year=year).first()
        data = {"budget": str(saved.amount)} if saved else None
    form = forms.BudgetForm(data)
    return form, (form.budget_value() if data and form.is_valid() else None)


@area_view
def bonus(request, code: str):
    county = scoping.division_for(request.user, code, level=Level.COUNTY)
    year = _year(request.POST if request.method == "POST" else request.GET)
    form, budget = _budget(request, code, year)
    rows, error = [], None
    try:
        if request.method == "POST":
            allocations.bonus_allocation_save(actor=request.user, county=code, year=year, budget=budget)
            messages.success(request, f"{county.name}{year}年度奖励分配：已保存")
        if budget is not None:
            rows = allocations.allocation_rows(actor=request.user, county=code, year=year, budget=budget)
    except DomainError as exc:
        error = exc.message
    saved = allocations.saved_allocation(code, year)
    context = {
        "node": county,
        "year": year,
        "form": form,
        "budget": budget,
        "rows": rows,
        "total": sum(r.share.yuan for r in rows),
        "error": error,
        "saved": saved,
        "changes": allocations.changes_since_saved(saved, rows) if saved and rows else [],
        "may_save": approvals.may_review(request.user),
        "waiting": allocations.unapproved_townships(code, year),
    }
    return render(request, "assessment/bonus.html", context)


@area_view
def bonus_export(request, code: str):
    scoping.division_for(request.user, code, level=Level.COUNTY)
    year = _year(request.GET)
    _form, budget = _budget(request, code, year)
    try:
        data = allocations.allocation_workbook(actor=request.user, county=code, year=year, budget=budget)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(f"{reverse('assessment:bonus', args=[code])}?year={year}")
    headers = {"Content-Disposition": content_disposition_header(True, f"村干部奖励-{code}-{year}.xlsx")}
    return HttpResponse(data, content_type=XLSX, headers=headers)
