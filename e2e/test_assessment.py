"""The rating cycle in the browser (issue 8): a township clerk scores a village item by item (85
points) and submits the year; the county approves it; an edit is then refused in Chinese; the county reopens it with a
reason and downloads the bonus table, its identity numbers masked."""

import datetime as dt

from python_calamine import CalamineWorkbook
from stdnum.cn import ric

from liangdai.core.testing import make_workbook

from .conftest import CLERK, COUNTY

VILLAGE, TOWNSHIP, YEAR = "640402103218", "640402103", 2019  # 程儿山村委会, 官厅镇
HOLDING = ["姓名", "公民身份号码", "性别", "民族", "学历", "政治面貌", "联系电话", "村代码", "职务", "任职日期"]


def idno(birth: dt.date, serial: str) -> str:
    body = f"640402{birth:%Y%m%d}{serial}"
    return body + ric.calc_check_digit(body + "0")


def row_of(page, code: str):
    return page.locator(f'tr[data-township="{code}"]')


def test_score_submit_approve_refuse_an_edit_reopen_and_download_the_bonus(
    page, new_page, login, server, cli, tmp_path
):
    number = idno(dt.date(1972, 6, 1), "217")
    book = tmp_path / "cadre.xlsx"
    cadre = ["马成林", number, None, "回族", "高中", "中共党员", None, VILLAGE, "党组织书记", dt.date(2016, 1, 1)]
    appraisal = [["公民身份号码", "年度", "考核等次"], [number, YEAR, "优秀"]]
    book.write_bytes(make_workbook({"村干部": [HOLDING, cadre], "个人考核": appraisal}))
    cli("import", str(book), "--commit", "--user", CLERK)

    login(page, CLERK)
    page.goto(f"{server}/assessment/node/{TOWNSHIP}/scores/?year={YEAR}")
    page.locator(f'tr[data-village="{VILLAGE}"]').get_by_role("link", name="评分").click()
    for i, points in enumerate(("18", "17", "16.5", "15", "18.5")):  # the default rubric, item by item
        page.fill(f"#id_item_{i}", points)
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"**/assessment/node/{TOWNSHIP}/scores/?year={YEAR}")
    assert "4星" in page.locator(f'tr[data-village="{VILLAGE}"] .stars').inner_text()
    page.get_by_role("link", name="上报审核").click()
    row_of(page, TOWNSHIP).get_by_role("button", name="上报").click()
    assert row_of(page, TOWNSHIP).locator("[data-state]").get_attribute("data-state") == "submitted"

    county = new_page()
    login(county, COUNTY)
    county.goto(f"{server}/assessment/node/640402/approvals/?year={YEAR}")
    row_of(county, TOWNSHIP).get_by_role("button", name="审核通过").click()
    assert row_of(county, TOWNSHIP).locator("[data-state]").get_attribute("data-state") == "approved"

    page.goto(f"{server}/assessment/village/{VILLAGE}/score/?year={YEAR}")
    page.fill("#id_score", "95")
    page.get_by_role("button", name="保存").click()
    assert "审核通过，不能修改；如需更正请县级撤销审核" in page.locator(".form-errors").inner_text()

    row_of(county, TOWNSHIP).get_by_label("撤销理由").fill("得分需复核")
    row_of(county, TOWNSHIP).get_by_role("button", name="撤销审核").click()
    assert row_of(county, TOWNSHIP).locator("[data-state]").get_attribute("data-state") == "returned"

    county.goto(f"{server}/assessment/county/640402/bonus/?year={YEAR}")
    county.fill("#id_budget", "10000")
    county.get_by_role("button", name="计算").click()
    assert county.locator("#bonus-total").inner_text() == "10000"
    with county.expect_download() as download:
        county.click("#bonus-export")
    cells = CalamineWorkbook.from_path(download.value.path()).get_sheet_by_name("村干部奖励").to_python()
    text = "\n".join(str(c) for r in cells for c in r)
    assert "马成林" in text and number not in text and number[-4:] in text
