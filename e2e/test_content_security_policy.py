"""The pages work under the Content-Security-Policy that allows no inline script (issue 12,
finding 6): the charts draw, htmx's live search answers, the year choice submits itself, and the
browser reports no blocked script or style and no script error."""

from .conftest import CLERK, COUNTY

VILLAGE = "640402103213"  # 高红村委会, 官厅镇


def watch(page) -> list[str]:
    """Every console error and page error the page raises from now on (a blocked script is one)."""
    problems = []

    def console(msg) -> None:
        # The browser asks for /favicon.ico on its own; the site has none.
        if msg.type == "error" and not msg.location.get("url", "").endswith("/favicon.ico"):
            problems.append(f"{msg.text} ({msg.location.get('url')})")

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_the_charts_draw_and_the_search_answers_under_the_policy(page, login, server):
    problems = watch(page)
    login(page, COUNTY)
    response = page.goto(f"{server}/n/640402103/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "no-store" in response.headers["cache-control"]
    page.wait_for_selector("#venue-chart svg")
    page.wait_for_selector("#cadres-age-chart svg")
    page.wait_for_selector("#cadres-education-chart svg")
    assert "村数" in page.locator("#venue-chart").get_attribute("data-series-name")

    page.fill("#search-q", "高红")
    page.wait_for_selector("#search-results a")
    assert "高红" in page.locator("#search-results").inner_text()
    assert problems == []


def test_choosing_a_year_on_a_village_page_shows_that_year(page, login, server):
    problems = watch(page)
    login(page, CLERK)
    page.goto(f"{server}/villages/{VILLAGE}/")
    years = page.locator("select[name=year] option").all_inner_texts()
    chosen = page.locator("select[name=year]").input_value()
    other = next((year for year in years if year != chosen), None)
    if other is not None:
        page.select_option("select[name=year]", other)
        page.wait_for_url(f"**/villages/{VILLAGE}/?year={other}")
        assert f"{other}年为民服务资金" in page.locator("#fund-title").inner_text()
    assert problems == []
