"""The rules page: the rules in force for the user's area and a year, their history, and the
fund-tier form for reviewers of the region or a county."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from liangdai.audit.selectors import ruleset_history
from liangdai.core.errors import DomainError
from liangdai.core.web import area_view

from . import services
from .forms import YEAR_MAX, YEAR_MIN, FundTierFormSet, YearForm
from .overview import can_set_fund_tiers, fund_tier_rows, rules_in_force
from .selectors import rule_for


def _year(value: str | None) -> int:
    """The year asked for, else this year."""
    if value and value.isdigit() and YEAR_MIN <= int(value) <= YEAR_MAX:
        return int(value)
    return timezone.localdate().year


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
        "fund_rows": fund_tier_rows(fund.data),
        "history": ruleset_history(actor=request.user, code=code),
        "can_edit": can_set_fund_tiers(request.user),
    }
    return render(request, "rules/list.html", context)


def _fund_forms(request, code: str) -> tuple[YearForm, FundTierFormSet]:
    """The year and the tier rows: as posted, else the tiers now in force for the year asked for."""
    if request.method == "POST":
        return YearForm(request.POST), FundTierFormSet(request.POST, prefix="tiers")
    year = _year(request.GET.get("year"))
    tiers = sorted(rule_for("fund_tiers", year, code)["tiers"])
    initial = [{"minimum": minimum, "yuan": yuan} for minimum, yuan in tiers]
    return YearForm(initial={"year": year}), FundTierFormSet(initial=initial, prefix="tiers")


@require_http_methods(["GET", "POST"])
@area_view
def fund_tiers_edit(request):
    if not can_set_fund_tiers(request.user):
        raise Http404
    code = request.user.division_id
    year_form, formset = _fund_forms(request, code)
    if request.method == "POST" and year_form.is_valid() and formset.is_valid():
        year, data = year_form.cleaned_data["year"], {"tiers": formset.tiers()}
        try:
            services.ruleset_set(actor=request.user, kind="fund_tiers", year=year, code=code, data=data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已设置自{year}年起的为民服务资金档次")
            return redirect(f"{reverse('rules:list')}?year={year}")
    context = {"year_form": year_form, "formset": formset, "division": request.user.division}
    return render(request, "rules/fund_tiers.html", context)
