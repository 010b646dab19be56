"""Two-way cultivation in the browser (issue 7): the township clerk goes from the node page to the
funnel, clicks a number and reaches the person it counts, whose page tells their story."""

import datetime as dt

from liangdai.core.testing import make_workbook
from liangdai.leaders.tests.makers import LEADER_HEADER, TRAINING_HEADER, idno, leader_row

from .conftest import CLERK

TOWNSHIP = "640402103"  # 官厅镇
NAME = "苏德海"
NUMBER = idno(dt.date(1968, 11, 2), 41)


def test_the_clerk_walks_the_funnel_down_to_a_person(page, login, server, cli, tmp_path):
    workbook = tmp_path / "双培双带.xlsx"
    training = ["致富带头人培训班", "县", "", "否", dt.date(2018, 6, 1), dt.date(2018, 6, 3), NUMBER, NAME, "是"]
    workbook.write_bytes(
        make_workbook(
            {
                "致富带头人": [LEADER_HEADER, leader_row(姓名=NAME, 公民身份号码=NUMBER)],
                "培训": [TRAINING_HEADER, training],
            }
        )
    )
    cli("import", str(workbook), "--user", CLERK, "--commit")

    login(page, CLERK)
    page.goto(f"{server}/n/{TOWNSHIP}/")
    page.click("#cultivation-link")
    page.get_by_role("heading", name="双培双带", exact=True).wait_for()
    page.locator("#cultivation-chart svg").wait_for()  # the funnel drew under the page's CSP
    page.click('#cultivation-steps tr[data-step="leaders"] a')
    page.get_by_role("heading", name="致富带头人", exact=True).wait_for()
    page.get_by_role("link", name=NAME).click()
    page.get_by_role("heading", name=NAME, exact=True).wait_for()
    assert "致富带头人培训班" in page.locator("#person-trainings").inner_text()
    assert NUMBER not in page.content()
