"""The cadres slice's browser test (issue 3): a township clerk replaces a village's secretary
through the pages, and the county user sees secretaries_replaced change on the township page."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

from stdnum.cn import ric

from .conftest import CLERK, COUNTY

VILLAGE = "640402103213"  # 高红村委会, 官厅镇
TOWNSHIP = "640402103"


def idno(birth: dt.date, serial: str) -> str:
    body = f"640402{birth:%Y%m%d}{serial}"
    return body + ric.calc_check_digit(body + "0")  # it ignores the last character


def figure(page, indicator: str) -> int:
    text = page.locator(f'[data-indicator="{indicator}"] dd').inner_text()
    return int(re.match(r"[\d,]+", text.strip()).group(0).replace(",", ""))


def fill_person(page, number: str, name: str) -> None:
    page.fill("#id_id_number", number)
    page.fill("#id_name", name)
    page.select_option("#id_education", "高中")
    page.select_option("#id_political_status", "中共党员")


def test_clerk_replaces_a_secretary_and_the_township_page_counts_it(page, new_page, login, server):
    today = dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()  # the server's day (TIME_ZONE)
    login(page, CLERK)
    page.goto(f"{server}/cadres/village/{VILLAGE}/")
    page.get_by_role("link", name="新增任职").click()
    fill_person(page, idno(dt.date(1968, 4, 12), "113"), "马建国")
    page.select_option("#id_position", "党组织书记")
    page.fill("#id_start", dt.date(today.year - 3, 1, 15).isoformat())
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"**/cadres/village/{VILLAGE}/")
    assert "马建国" in page.locator("#committee").inner_text()

    county = new_page()
    login(county, COUNTY)
    county.goto(f"{server}/n/{TOWNSHIP}/")
    replaced = figure(county, "secretaries_replaced")

    page.get_by_role("link", name="更换书记").click()
    page.fill("#id_end_date", today.isoformat())
    page.select_option("#id_end_reason", "调整撤换")
    fill_person(page, idno(dt.date(1982, 9, 3), "125"), "海文")
    page.fill("#id_start", (today + dt.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"**/cadres/village/{VILLAGE}/")
    history = page.locator("#history").inner_text()
    assert "海文" in history and "调整撤换" in history

    county.reload()
    assert figure(county, "secretaries_replaced") == replaced + 1


def test_a_replacement_starting_on_the_old_end_date_is_refused_in_chinese(page, login, server):
    today = dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    village = "640402103214"  # 沙窝村委会
    login(page, CLERK)
    page.goto(f"{server}/cadres/village/{village}/holdings/new/")
    fill_person(page, idno(dt.date(1970, 2, 2), "131"), "白成")
    page.select_option("#id_position", "党组织书记")
    page.fill("#id_start", dt.date(today.year - 2, 3, 1).isoformat())
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"**/cadres/village/{village}/")
    page.goto(f"{server}/cadres/village/{village}/secretary/replace/")
    page.fill("#id_end_date", today.isoformat())
    fill_person(page, idno(dt.date(1985, 5, 5), "143"), "丁祥")
    page.fill("#id_start", today.isoformat())
    page.get_by_role("button", name="保存").click()
    assert "新任书记的任职日期应晚于原书记的离任日期" in page.locator(".field-error").inner_text()
    page.goto(f"{server}/cadres/village/{village}/")
    assert "白成" in page.locator("#committee").inner_text()
    assert "丁祥" not in page.locator("#history").inner_text()
