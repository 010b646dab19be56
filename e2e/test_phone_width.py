"""Every page a user can click to from their home page is usable on a phone (390 px wide): the
township clerk and the county reviewer crawl the site by its links, and no page scrolls sideways
(a wide table scrolls inside its own frame). The crawl also proves that each slice is reached by
clicking, not only by a typed address."""

import datetime as dt
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest

from liangdai.core.testing import make_workbook
from liangdai.leaders.tests.makers import HOLDING_HEADER, LEADER_HEADER, TRAINING_HEADER, idno, leader_row

from .conftest import CLERK, COUNTY

TOWNSHIP, VILLAGE = "640402103", "640402103200"
NAME, NUMBER = "苏德海", idno(dt.date(1968, 11, 2), 41)
SECRETARY, SECRETARY_NUMBER = "马志强", idno(dt.date(1972, 4, 9), 42)
PHONE = {"width": 390, "height": 844}
# Not pages: downloads, actions and the way out.
SKIPPED = ("logout", "export", ".xlsx", ".docx", "/i18n/", "reveal", "/static/", "/api/")
MAX_PAGES = 150
# Each slice a user must reach by clicking from the home page.
SLICES = ("/n/", "/villages/", "/cadres/", "/leaders/", "/party/", "/training/", "/assessment/", "/exchange/",
          "/rules/")  # fmt: skip


@pytest.fixture
def township_data(cli, tmp_path):
    workbook = tmp_path / "数据.xlsx"
    holding = [SECRETARY, SECRETARY_NUMBER, None, "回族", "高中", "中共党员", None, VILLAGE, "党组织书记",
               dt.date(2016, 1, 1), "本村产生", None, None]  # fmt: skip
    training = ["书记培训班", "县", "", "否", dt.date(2018, 6, 1), dt.date(2018, 6, 3), NUMBER, NAME, "是"]
    sheets = {
        "村干部": [HOLDING_HEADER, holding],
        "致富带头人": [LEADER_HEADER, leader_row(姓名=NAME, 公民身份号码=NUMBER)],
        "培训": [TRAINING_HEADER, training],
    }
    workbook.write_bytes(make_workbook(sheets))
    cli("import", str(workbook), "--user", CLERK, "--commit")


def _key(url: str) -> str:
    """One page of each kind: pages that differ only in their codes, keys or query (filters, dates,
    paging) are one page for the crawl."""
    return re.sub(r"\d+", "N", urlsplit(url).path)


def _crawl(page, server: str) -> tuple[set[str], list[str]]:
    seen, too_wide = set(), []
    queue = deque([f"{server}/"])
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if _key(url) in seen:
            continue
        seen.add(_key(url))
        response = page.goto(url)
        if response is None or response.status >= 400 or "html" not in response.headers.get("content-type", ""):
            continue
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 1:
            too_wide.append(f"{_key(page.url)} (+{overflow}px)")
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            href = urldefrag(href)[0]
            if href.startswith(server) and not any(s in href for s in SKIPPED) and _key(href) not in seen:
                queue.append(href)
    return seen, too_wide


@pytest.mark.parametrize("user", [CLERK, COUNTY])
def test_every_page_reached_by_clicking_fits_a_phone(new_page, login, server, township_data, user):
    page = new_page()
    page.set_viewport_size(PHONE)
    login(page, user)
    seen, too_wide = _crawl(page, server)
    assert too_wide == [], "\n".join(too_wide)
    reached = {s for s in SLICES if any(path.startswith(s) for path in seen)}
    assert reached == set(SLICES), f"not reached by clicking: {set(SLICES) - reached}"
