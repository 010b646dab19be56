"""The layout every page extends: user, area and role in the top bar, POST logout, navigation
links that tolerate pages not yet built, Chinese error pages."""

from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from liangdai.core.testing import make_user


def render(text, path="/"):
    return Template("{% load site %}" + text).render(Context({"request": RequestFactory().get(path)}))


def test_nav_link_to_a_page_not_yet_built_renders_nothing():
    assert render('{% nav_link "nowhere:page" "不存在" %}') == ""


def test_nav_link_marks_the_current_page():
    url = reverse("reports:search")
    html = render('{% nav_link "reports:search" "查找" %}', path=url)
    assert html == f'<a class="nav-link active" href="{url}" aria-current="page">查找</a>'


def test_optional_url_is_empty_until_the_page_exists():
    assert render('{% optional_url "nowhere:page" "1" %}') == ""
    assert render('{% optional_url "villages:detail" "640402103215" %}') == "/villages/640402103215/"


def test_figure_and_yuan_format_like_a_report():
    assert render("{{ 1234567|figure }}") == "1,234,567"
    assert render("{{ 99.14|figure:1 }}") == "99.1"
    assert render("{{ None|figure }}") == "—"
    assert render("{{ 60000|yuan }}") == "60,000"


def test_top_bar_shows_user_area_role_and_a_post_logout(client, clerk):
    client.force_login(clerk)
    page = client.get(reverse("reports:node", args=["640402103"])).content.decode()
    assert "clerk" in page and "官厅镇" in page and "数据录入" in page
    assert f'<form method="post" action="{reverse("logout")}"' in page
    assert "vendor/htmx/htmx.min.js" in page and "vendor/echarts/echarts.min.js" in page
    assert 'lang="zh-CN"' in page


def test_administrators_see_their_own_navigation(client, db):
    client.force_login(make_user("auditor", "64", "auditadmin"))
    page = client.get(reverse("reports:home"), follow=True).content.decode()
    assert reverse("audit:list") in page and reverse("exchange:import") not in page


def test_unknown_page_is_a_chinese_404(client, clerk):
    client.force_login(clerk)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
