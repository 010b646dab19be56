"""The village page, its edit forms and its history. Thin: parse, call one selector or service,
render. Outside the area: 404; a read-only user who tries to change something: 403."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from liangdai.audit.history import LIMIT as HISTORY_LIMIT
from liangdai.core import plugins
from liangdai.core.errors import DomainError
from liangdai.core.versions import version_of
from liangdai.core.web import apply_form, area_view, int_param
from liangdai.org import scoping

from . import selectors, services
from .forms import IncomeForm, ProfileForm, SpendingForm, VenueForm
from .models import Venue, VillageIncome, VillageProfile


def _year(request) -> int:
    return int_param(request.GET.get("year"), 1949, 2100) or timezone.localdate().year


@area_view
def detail(request, code: str):
    page = selectors.village_page(request.user, code, _year(request))
    panels = plugins.render_panels(plugins.VILLAGE_PANELS, request.user, page.village, page.year)
    return render(request, "villages/detail.html", {"page": page, "village": page.village, "panels": panels})


@area_view
def history(request, code: str):
    village = scoping.village_for(request.user, code)
    entries = selectors.village_history(request.user, code)
    context = {"village": village, "entries": entries, "limit": HISTORY_LIMIT}
    return render(request, "villages/history.html", context)


def _edit(request, code: str, form_class, service, title: str, initial=dict, **extra):
    """The shared shape of every edit page: GET shows the form, POST saves through the service
    and returns to the village page, or shows the form again with each error at its field.
    `initial` is called only once the user may edit the village; it carries the version of the
    record, read before its values so that a save in between is refused rather than lost."""
    village = selectors.village_for_write(request.user, code)
    form = form_class(request.POST or None, initial=initial())
    if request.method == "POST" and apply_form(form, service, actor=request.user, code=code, **extra):
        messages.success(request, f"{title}已保存")
        return redirect(_detail_url(code, form.cleaned_data.get("date")))
    return render(request, "villages/edit.html", {"village": village, "form": form, "title": title})


def _detail_url(code: str, day=None) -> str:
    url = reverse("villages:detail", kwargs={"code": code})
    return f"{url}?year={day.year}" if day else url


@area_view
def profile_edit(request, code: str):
    def initial():
        version = version_of(VillageProfile.objects.filter(village_id=code).first())
        return {"version": version, **selectors.profile_initial(code)}

    return _edit(request, code, ProfileForm, services.village_profile_save, "村情", initial)


@area_view
def income_edit(request, code: str):
    year = timezone.localdate().year - 1

    def initial():
        row = VillageIncome.objects.filter(village_id=code, year=year).first()
        return {"year": year, "income": row.income if row else None, "version": f"{year}/{version_of(row)}"}

    return _edit(request, code, IncomeForm, services.village_income_save, "人均纯收入", initial)


@area_view
def venue_edit(request, code: str):
    def initial():
        version = version_of(Venue.objects.filter(village_id=code).first())
        return {"version": version, **selectors.venue_initial(code)}

    return _edit(request, code, VenueForm, services.venue_save, "活动场所", initial)


@area_view
def spending_add(request, code: str):
    initial = {"date": timezone.localdate()}
    return _edit(request, code, SpendingForm, services.spending_save, "资金支出", lambda: initial)


@area_view
def spending_edit(request, code: str, pk: int):
    spending = selectors.spending_for(request.user, code, pk)
    initial = {
        "date": spending.date,
        "amount": spending.amount,
        "purpose": spending.purpose,
        "version": version_of(spending),
    }
    return _edit(request, code, SpendingForm, services.spending_save, "资金支出", lambda: initial, spending_id=pk)


@area_view
@require_POST
def spending_delete(request, code: str, pk: int):
    selectors.village_for_write(request.user, code)
    spending = selectors.spending_for(request.user, code, pk)
    try:
        services.spending_delete(actor=request.user, code=code, spending_id=pk, version=request.POST.get("version"))
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(_detail_url(code, spending.date))
    messages.success(request, f"已删除 {spending.date:%Y-%m-%d} 的支出“{spending.purpose}”")
    return redirect(_detail_url(code, spending.date))
