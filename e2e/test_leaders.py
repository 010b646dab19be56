"""Wealth leaders in the browser (issue 7): the township clerk registers a leader and records a
support through the pages, starting from the node page, and sees wealth_leaders and the support
total of the township change."""

import datetime as dt
from decimal import Decimal

from liangdai.leaders.tests.makers import idno

from .conftest import CLERK

TOWNSHIP = "640402103"  # 官厅镇
VILLAGE = "640402103200"
NAME = "海玉兰"
NUMBER = idno(dt.date(1982, 7, 15), 53, male=False)


def _figure(page, indicator: str) -> Decimal:
    text = page.locator(f'[data-indicator="{indicator}"] dd').inner_text()
    return Decimal("".join(c for c in text if c.isdigit() or c == ".") or "0")


def test_the_clerk_registers_a_leader_and_records_a_support(page, login, server):
    today = dt.date.today()
    login(page, CLERK)
    page.goto(f"{server}/n/{TOWNSHIP}/")
    leaders, supported = _figure(page, "wealth_leaders"), _figure(page, "support_amount")

    page.click("#leaders-list-link")
    page.click("#register-link")
    for field, value in {
        "id_number": NUMBER,
        "name": NAME,
        "project": "枸杞",
        "scale": "80",
        "income": "12.5",
        "households": "15",
        "people": "48",
        "recognised_on": dt.date(today.year, 1, 1).isoformat(),
    }.items():
        page.fill(f"#id_{field}", value)
    for field, value in {
        "education": "高中",
        "political_status": "群众",
        "village": VILLAGE,
        "industry": "种植业",
        "scale_unit": "亩",
        "source": "就地培养",
    }.items():
        page.select_option(f"#id_{field}", value)
    page.click("#leader-form button[type=submit]")
    page.get_by_role("heading", name=NAME).wait_for()
    assert page.locator("#tier").inner_text() == "中"  # 15 households: medium by the default rule
    assert NUMBER not in page.content()

    page.click("#support-link")
    page.select_option("#id_kind", "产业补助")
    page.fill("#id_amount", "8000")
    page.fill("#id_date", today.isoformat())
    page.fill("#id_unit", "原州区农业农村局")
    page.click("#leader-form button[type=submit]")
    page.locator("table.supports").get_by_text("原州区农业农村局").wait_for()

    page.goto(f"{server}/n/{TOWNSHIP}/")
    assert _figure(page, "wealth_leaders") == leaders + 1
    assert _figure(page, "support_amount") == supported + 8000
