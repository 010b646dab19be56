"""The foundation's browser test (issue 2): a township clerk imports a workbook through the page,
and the county user sees the figures change on the county page."""

import datetime as dt
import re

from liangdai.core.testing import make_workbook

from .conftest import CLERK, COUNTY

VILLAGE = "640402103215"  # 薛庄村委会, 官厅镇


def figure(page, indicator: str) -> int:
    """The value of one figure on a node page, read from its stable data-indicator cell."""
    text = page.locator(f'[data-indicator="{indicator}"] dd').inner_text()
    return int(re.match(r"[\d,]+", text.strip()).group(0).replace(",", ""))


def test_clerk_imports_a_workbook_and_the_county_page_changes(page, new_page, login, server, tmp_path):
    county = new_page()
    login(county, COUNTY)
    county.goto(f"{server}/n/640402/")
    ge_200, lacking = figure(county, "venues_ge_200"), figure(county, "villages_lacking_place")

    workbook = tmp_path / "官厅镇.xlsx"
    workbook.write_bytes(
        make_workbook(
            {
                "村情": [["村代码", "村名称", "户籍人口", "户数", "是否贫困村"], [VILLAGE, "", 2177, 553, "是"]],
                "活动场所": [
                    ["村代码", "面积", "建设方式", "完成日期", "资金来源", "设施"],
                    [VILLAGE, 368, "新建", dt.date(2019, 3, 14), "其他", "暖气、文化舞台"],
                ],
            }
        )
    )
    login(page, CLERK)
    page.goto(f"{server}/exchange/import/")
    page.set_input_files('input[type="file"]', str(workbook))
    page.click('button[name="validate"]')
    page.get_by_role("heading", name="校验通过").wait_for()
    page.click('button[name="commit"]')
    page.get_by_role("heading", name="导入完成").wait_for()
    assert page.locator('tr[data-sheet="活动场所"] [data-count="created"]').inner_text() == "1"

    county.reload()
    assert figure(county, "venues_ge_200") == ge_200 + 1
    assert figure(county, "villages_lacking_place") == lacking - 1


def test_a_bad_workbook_shows_its_errors_and_writes_nothing(page, login, server, tmp_path):
    workbook = tmp_path / "bad.xlsx"
    workbook.write_bytes(make_workbook({"活动场所": [["村代码", "面积", "建设方式"], [VILLAGE, 0, "新建"]]}))
    login(page, CLERK)
    page.goto(f"{server}/exchange/import/")
    page.set_input_files('input[type="file"]', str(workbook))
    page.click('button[name="validate"]')
    page.get_by_role("heading", name="校验未通过").wait_for()
    errors = page.locator("#import-errors tbody").inner_text()
    assert "面积" in errors and "应大于0" in errors and "建设方式为“新建”时" not in errors
    assert page.locator('button[name="commit"]').count() == 0
    with page.expect_download() as download:
        page.click('[data-testid="error-workbook"]')
    assert download.value.suggested_filename.startswith("errors-")
