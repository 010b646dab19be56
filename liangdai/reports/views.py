"""Node pages (region, city, county, township), search and the home redirect. Thin: parse, call
the selectors, render."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from liangdai.core import plugins
from liangdai.core.web import area_view, is_htmx, period
from liangdai.indicators.registry import Query
from liangdai.org import scoping
from liangdai.org.selectors import admin_home

from . import dashboard, selectors, tables
from .briefing import DOCX, briefing_export


@area_view
def home(request):
    """A user starts at their own division, an administrator at their own page; a user without
    an area has nothing to see."""
    admin_page = admin_home(request.user)
    if admin_page is not None:
        return redirect(admin_page)
    code = selectors.home_code(request.user)
    if code is None:
        return render(request, "reports/no_area.html")
    if len(code) == 12:
        return redirect("villages:detail", code=code)
    return redirect("reports:node", code=code)


@area_view
def node(request, code: str):
    division = scoping.division_for(request.user, code)
    if selectors.is_village_level(division):
        return redirect("villages:detail", code=code)
    as_of, start, period_errors = period(request.GET)
    township = selectors.is_township(division)
    rows = (selectors.village_rows if township else selectors.child_rows)(division, as_of, start)
    board = dashboard.dashboard(division, as_of, start)
    context = {
        "node": division,
        "ancestors": selectors.ancestors(request.user, division),
        "as_of": as_of,
        "start": start,
        "period_errors": period_errors,
        "period_query": dashboard.period_query(as_of, start),
        "period_choices": dashboard.period_choices(as_of, start),
        "sections": board.sections,
        "headlines": board.headlines,
        "before_as_of": board.before_as_of,
        "before_start": board.before_start,
        "warnings": dashboard.warning_counts(request.user, division, as_of),
        "township": township,
        "rows": rows,
        "bands": selectors.venue_bands(division),
        "panels": plugins.render_panels(plugins.NODE_PANELS, request.user, Query.of(division.code, as_of, start)),
    }
    return render(request, "reports/node.html", context)


@area_view
def figure_table(request, code: str):
    """The node's figures and its children's as .xlsx (the page's download; audited as an export)."""
    as_of, start, _errors = period(request.GET)
    data = tables.figure_table_export(actor=request.user, code=code, as_of=as_of, start=start)
    disposition = content_disposition_header(True, f"指标表-{code}-{as_of:%Y%m%d}.xlsx")
    return HttpResponse(data, content_type=tables.XLSX, headers={"Content-Disposition": disposition})


@area_view
def search(request):
    text = request.GET.get("q", "").strip()[: selectors.SEARCH_MAX_LENGTH]
    results = selectors.division_search(request.user, text)
    template = "reports/_search_results.html" if is_htmx(request) else "reports/search.html"
    return render(request, template, {"q": text, "results": results})


@area_view
def briefing(request, code: str):
    """The node's Word briefing for the page's date and period (a village has none)."""
    division = scoping.division_for(request.user, code)
    if selectors.is_village_level(division):
        raise Http404
    as_of, start, _errors = period(request.GET)
    data = briefing_export(actor=request.user, node=division, as_of=as_of, start=start)
    disposition = content_disposition_header(True, f"简报-{division.name}-{as_of:%Y%m%d}.docx")
    return HttpResponse(data, content_type=DOCX, headers={"Content-Disposition": disposition})
