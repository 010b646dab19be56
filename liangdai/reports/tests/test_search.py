"""Search by name or code, within the user's area only; htmx gets the partial."""

from django.urls import reverse


def search(client, user, q, htmx=False):
    client.force_login(user)
    headers = {"HX-Request": "true"} if htmx else {}
    return client.get(reverse("reports:search"), {"q": q}, headers=headers)


def codes(response):
    return [d.code for d in response.context["results"]]


def test_search_by_name_finds_the_village(client, county_user):
    response = search(client, county_user, "薛庄")
    assert codes(response) == ["640402103215"]
    assert reverse("villages:detail", args=["640402103215"]) in response.content.decode()


def test_search_by_code_prefix_lists_townships_before_villages(client, county_user):
    found = codes(search(client, county_user, "640402103"))
    assert found[0] == "640402103"
    assert found[1:4] == ["640402103200", "640402103201", "640402103202"]


def test_search_stays_within_the_clerks_township(client, clerk):
    # 三营镇 is in 原州区 but not in the clerk's 官厅镇.
    assert codes(search(client, clerk, "三营")) == []
    assert all(c.startswith("640402103") for c in codes(search(client, clerk, "村")))


def test_outsider_search_lists_nothing_of_the_other_county(client, outsider):
    assert codes(search(client, outsider, "薛庄")) == []
    assert codes(search(client, outsider, "640402")) == []
    response = search(client, outsider, "官厅", htmx=True)
    assert codes(response) == []
    assert "/villages/640402" not in response.content.decode()


def test_outsider_finds_their_own_villages(client, outsider):
    assert "640425103208" in codes(search(client, outsider, "红河村"))


def test_htmx_gets_the_partial_and_a_browser_the_page(client, county_user):
    partial = search(client, county_user, "薛庄", htmx=True)
    assert [t.name for t in partial.templates][0] == "reports/_search_results.html"
    assert "<html" not in partial.content.decode()
    page = search(client, county_user, "薛庄")
    assert [t.name for t in page.templates][0] == "reports/search.html"


def test_no_match_says_so_in_chinese(client, county_user):
    response = search(client, county_user, "不存在的村", htmx=True)
    assert "本辖区内没有与“不存在的村”相符的区划" in response.content.decode()


def test_search_is_limited_to_twenty(client, county_user):
    assert len(codes(search(client, county_user, "6404"))) == 20


def test_anonymous_search_is_sent_to_login(client):
    assert client.get(reverse("reports:search"), {"q": "薛庄"}).status_code == 302


def test_live_search_after_the_session_ended_sends_the_page_to_login(client):
    response = client.get(reverse("reports:search"), {"q": "薛庄"}, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("login")
