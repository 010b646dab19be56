"""Training in the browser (issue 9): the county user goes from the node page to the classes,
creates a class, enrols two secretaries by pasting their numbers, marks them completed, and sees
them leave the list of untrained secretaries (全覆盖)."""

import datetime as dt
from zoneinfo import ZoneInfo

from liangdai.core.testing import make_workbook
from liangdai.leaders.tests.makers import HOLDING_HEADER, idno

from .conftest import CLERK, COUNTY

SECRETARIES = {  # name -> (number, village of 官厅镇)
    "柳成林": (idno(dt.date(1972, 3, 4), 61), "640402103206"),  # 刘店村委会
    "乔安平": (idno(dt.date(1975, 8, 9), 62), "640402103208"),  # 乔洼村委会
}


def untrained(page) -> set[str]:
    rows = page.locator("#untrained-secretaries tr[data-person]")
    return {rows.nth(i).get_attribute("data-person") for i in range(rows.count())}


def test_the_county_trains_two_secretaries_and_the_coverage_list_shrinks(page, login, server, cli, tmp_path):
    today = dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()  # the server's day (TIME_ZONE)
    rows = [
        [name, number, None, "汉族", "高中", "中共党员", None, village, "党组织书记", dt.date(2018, 1, 1), "本村产生",
         None, None]
        for name, (number, village) in SECRETARIES.items()
    ]  # fmt: skip
    workbook = tmp_path / "书记.xlsx"
    workbook.write_bytes(make_workbook({"村干部": [HOLDING_HEADER, *rows]}))
    cli("import", str(workbook), "--user", CLERK, "--commit")

    login(page, COUNTY)  # home: the county's node page
    page.click("#training-coverage-link")
    page.get_by_role("heading", name="培训全覆盖", exact=True).wait_for()
    assert set(SECRETARIES) <= untrained(page)
    page.get_by_role("link", name="原州区").first.click()

    page.click("#training-classes-link")
    page.click("#class-new-link")
    page.fill("#id_name", "原州区村党组织书记轮训班")
    page.fill("#id_start", today.isoformat())
    page.fill("#id_end", today.isoformat())
    page.click("#training-form button[type=submit]")
    page.get_by_role("heading", name="原州区村党组织书记轮训班").wait_for()

    page.click("#enrol-link")
    numbers = "\n".join(f"{number} {name}" for name, (number, _village) in SECRETARIES.items())
    page.fill("#id_numbers", numbers)
    page.click("#paste-form button[type=submit]")
    page.get_by_text("已加入学员 2 人").wait_for()
    page.get_by_role("link", name="返回培训班").click()
    for name in SECRETARIES:
        page.locator(f'#trainees tr[data-person="{name}"] input[type=checkbox]').check()
    page.click("#completion-save")
    page.get_by_text("结业情况已保存（2 人有变化）").wait_for()
    for number, _village in SECRETARIES.values():
        assert number not in page.content()

    page.goto(f"{server}/")
    page.click("#training-coverage-link")
    page.get_by_role("heading", name="培训全覆盖", exact=True).wait_for()
    assert untrained(page).isdisjoint(SECRETARIES)
