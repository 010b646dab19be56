"""The dashboard in a browser (issue 10): the county user changes the as-of date and sees a figure
change, with the date in the address; sorts the children, follows a child's link to its own page
for the same date; and downloads the figure table of the node and its children."""

import datetime as dt
import re

from python_calamine import CalamineWorkbook

from liangdai.core.testing import make_workbook
from liangdai.leaders.tests.makers import HOLDING_HEADER, idno

from .conftest import CLERK, COUNTY
from .test_content_security_policy import watch

TOWNSHIP, VILLAGE = "640402103", "640402103201"  # 官厅镇, 后川村委会
START = dt.date(2017, 6, 1)  # the secretary's first day


def figure(page, indicator: str) -> int:
    text = page.locator(f'[data-indicator="{indicator}"] dd').inner_text()
    return int(re.match(r"[\d,]+", text.strip()).group(0).replace(",", ""))


def test_the_dashboard_follows_the_date_drills_down_and_downloads_its_table(page, login, server, cli, tmp_path):
    workbook = tmp_path / "书记.xlsx"
    holding = ["白振华", idno(dt.date(1971, 3, 8), 71), None, "回族", "高中", "中共党员", None, VILLAGE,
               "党组织书记", START, "本村产生", None, None]  # fmt: skip
    workbook.write_bytes(make_workbook({"村干部": [HOLDING_HEADER, holding]}))
    cli("import", str(workbook), "--user", CLERK, "--commit")
    problems = watch(page)
    login(page, COUNTY)

    page.goto(f"{server}/n/640402/?as_of=2019-10-31&from=2019-01-01")
    after = figure(page, "secretaries")
    page.fill("input[name=as_of]", (START - dt.timedelta(days=1)).isoformat())
    page.fill("input[name=from]", "2017-01-01")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(re.compile(r"as_of=2017-05-31"))
    assert "from=2017-01-01" in page.url
    assert figure(page, "secretaries") < after  # the secretary was not yet in office
    assert "2016年5月31日" in page.locator("#compared-with").inner_text()  # against a year before

    children = page.locator("#children-table")
    children.get_by_role("button", name="行政村").click()
    children.get_by_role("button", name="行政村").click()  # the second click sorts descending
    assert children.locator("th[aria-sort=descending]").count() == 1
    counts = [
        int(v) for v in children.locator("tbody tr td:nth-child(2)").evaluate_all("cs => cs.map(c => c.dataset.value)")
    ]
    assert counts == sorted(counts, reverse=True) and counts[0] == 24  # 头营镇

    children.get_by_role("link", name="官厅镇").click()
    page.wait_for_url(re.compile(rf"/n/{TOWNSHIP}/\?as_of=2017-05-31&from=2017-01-01"))
    assert page.locator("h1").inner_text().startswith("官厅镇")
    assert page.locator("input[name=as_of]").input_value() == "2017-05-31"

    with page.expect_download() as download:
        page.locator("#figure-table-link").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.suffix == ".xlsx" and TOWNSHIP in path.name
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("指标表").to_python()
    assert rows[0][:3] == ["名称", "区划代码", "行政村数（个）"]
    assert (rows[1][1], rows[1][2]) == (TOWNSHIP, 13) and len(rows) == 1 + 1 + 13
    assert problems == []
