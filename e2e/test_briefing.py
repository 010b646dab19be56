"""The Word briefing in the browser (issue 10): on the county's page for a chosen date, the county
user clicks 下载简报（Word） and gets that node's briefing as of that date."""

from docx import Document

from .conftest import COUNTY


def test_the_node_page_downloads_its_briefing_for_the_date_shown(page, login, server):
    login(page, COUNTY)
    page.goto(f"{server}/n/640402/?as_of=2019-10-31&from=2019-01-01")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载简报（Word）").click()
    assert download.value.suggested_filename == "简报-原州区-20191031.docx"
    text = [p.text for p in Document(download.value.path()).paragraphs]
    assert text[:3] == ["原州区抓党建促脱贫工作简报", "截至2019年10月底", "统计期间：2019年1月1日至10月31日"]
    # The secretaries' sentence for that date: a count, or "no records" (other browser tests may
    # have left a secretary in the county's database).
    assert any(p.startswith("截至2019年10月底，原州区") and "在任村党组织书记" in p for p in text)
