"""Node pages (region, city, county, township), search and the home redirect. Thin: parse, call
the selectors, render."""

from django.shortcuts import redirect, render

from liangdai.core import plugins
from liangdai.core.web import area_view, is_htmx, period
from liangdai.indicators.registry import Query
from liangdai.org import scoping

from . import selectors
from liangdai.org.selectors import admin_home


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
    context = {
        "node": division,
        "ancestors": selectors.ancestors(request.user, division),
        "as_of": as_of,
        "start": start,
        "period_errors": period_errors,
        "sections": selectors.node_figures(division, as_of, start),
        "township": township,
        "rows": rows,
        "bands": selectors.venue_bands(division),
        "panels": plugins.render_panels(plugins.NODE_PANELS, request.user, Query.of(division.code, as_of, start)),
    }
    return render(request, "reports/node.html", context)


@area_view
def search(request):
    text = request.GET.get("q", "").strip()[: selectors.SEARCH_MAX_LENGTH]
    results = selectors.division_search(request.user, text)
    template = "reports/_search_results.html" if is_htmx(request) else "reports/search.html"
    return render(request, template, {"q": text, "results": results})
