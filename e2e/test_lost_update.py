"""No edit is lost (issue 12, finding 5), in two browsers side by side: the township clerk and the
county user open the same village profile; the clerk saves first; the county user's save is
refused with what changed, and the clerk's values stay on record."""

from .conftest import CLERK, COUNTY

VILLAGE = "640402103210"  # 阳洼村委会, 官厅镇


def open_profile(page, server) -> None:
    page.goto(f"{server}/villages/{VILLAGE}/profile/")


def save_profile(page, population: str, households: str) -> None:
    page.fill("#id_population", population)
    page.fill("#id_households", households)
    page.get_by_role("button", name="保存").click()


def test_the_second_of_two_saves_from_the_same_version_is_refused(page, new_page, login, server):
    login(page, CLERK)
    open_profile(page, server)
    save_profile(page, "1200", "300")
    page.wait_for_url(f"**/villages/{VILLAGE}/")

    county = new_page()
    login(county, COUNTY)
    open_profile(page, server)
    open_profile(county, server)
    assert county.input_value("#id_population") == "1200"

    save_profile(page, "1500", "300")
    page.wait_for_url(f"**/villages/{VILLAGE}/")
    save_profile(county, "1300", "320")

    alert = county.locator(".form-errors").inner_text()
    assert "他人已修改了本记录（户籍人口：1200 → 1500）" in alert and "请刷新后重新填写" in alert
    assert county.input_value("#id_population") == "1300"  # what was typed is still there to copy

    page.goto(f"{server}/villages/{VILLAGE}/")
    assert "1,500 人" in page.locator("main").inner_text()
    open_profile(county, server)  # after a refresh the record shows the clerk's values
    assert county.input_value("#id_population") == "1500"
    assert county.input_value("#id_households") == "300"
