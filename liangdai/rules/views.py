"""The rules page: the rules in force for the user's area and a year, their history, and a form
for each kind of rule for reviewers of the region or a county."""

from django.contrib import messages
from django.forms import BaseFormSet, Form
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from liangdai.core.errors import DomainError
from liangdai.core.web import area_view, int_param
from liangdai.org.audit_log import ruleset_history

from . import services
from .forms import EDITORS, YEAR_MAX, YEAR_MIN, YearForm
from .models import RuleKind
from .overview import rule_history, rules_in_force
from .selectors import rule_for


def _year(value: str | None) -> int:
    """The year asked for, else this year."""
    return int_param(value, YEAR_MIN, YEAR_MAX) or timezone.localdate().year


@require_GET
@area_view
def rules_list(request):
    year = _year(request.GET.get("year"))
    code = request.GET.get("code", "").strip() or (request.user.division_id or "")
    rules = rules_in_force(actor=request.user, code=code, year=year)
    fund = next(r for r in rules if r.kind == "fund_tiers")
    context = {
        "year": year,
        "code": code,
        "rules": rules,
        "fund": fund,
        "fund_rows": fund.rule.ranges() if fund.rule else [],
        "history": rule_history(ruleset_history(actor=request.user, code=code)),
        "can_edit": services.can_set_rules(request.user),
    }
    return render(request, "rules/list.html", context)


def _forms(request, kind: str, code: str) -> tuple[YearForm, Form | BaseFormSet]:
    """The year and the rule's form: as posted, else the rule now in force for the year asked for
    (blank, with the reason, when the stored one is invalid)."""
    editor = EDITORS[kind]
    if request.method == "POST":
        return YearForm(request.POST), editor(request.POST)
    year = _year(request.GET.get("year"))
    try:
        initial = editor.initial_of(rule_for(kind, year, code))
    except DomainError as exc:
        messages.error(request, exc.message)
        initial = None
    return YearForm(initial={"year": year}), editor(initial=initial)


@require_http_methods(["GET", "POST"])
@area_view
def rule_edit(request, kind: str):
    if not services.can_set_rules(request.user):
        raise Http404
    code, label = request.user.division_id, RuleKind(kind).label
    year_form, body = _forms(request, kind, code)
    if request.method == "POST" and all([year_form.is_valid(), body.is_valid()]):
        year = year_form.cleaned_data["year"]
        try:
            services.ruleset_set(actor=request.user, kind=kind, year=year, code=code, data=body.rule)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已设置自{year}年起的{label}")
            return redirect(f"{reverse('rules:list')}?year={year}")
    context = {
        "year_form": year_form,
        "body": body,
        "rows": isinstance(body, BaseFormSet),
        "label": label,
        "division": request.user.division,
    }
    return render(request, "rules/edit.html", context)
